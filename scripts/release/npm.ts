/**
 * Talking to the target registry through the npm CLI: where the scope's
 * registry is, what versions it has, publishing a tarball. The token comes
 * from NPM_TOKEN and reaches npm only through a temporary userconfig that
 * holds a `${NPM_TOKEN}` reference (npm expands it when it reads the file),
 * so the secret itself is written nowhere and never printed.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell, collecting its output. */
export function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** `https://host/path` → `https://host/path/` (npm keys auth on the trailing-slash form). */
export function normalizeRegistry(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`registry "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`registry "${url}" is not an http(s) URL`);
  if (parsed.username || parsed.password) throw new Error('put registry credentials in NPM_TOKEN, not in the registry URL');
  parsed.search = '';
  parsed.hash = '';
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

/** npm's "nerf dart" for a registry: the `//host/path/` prefix of its auth keys. */
export function nerfDart(registry: string): string {
  const url = new URL(registry);
  return `//${url.host}${url.pathname}`;
}

export class Npm {
  /** Extra CLI arguments for every npm call (registry pinning, temp userconfig). */
  private readonly args: string[];

  constructor(
    readonly registry: string,
    readonly scope: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    /** Temp userconfig carrying the `${NPM_TOKEN}` reference, when NPM_TOKEN is set. */
    userconfig: string | undefined,
  ) {
    this.args = [`--registry=${registry}`, `--${scope}:registry=${registry}`, ...(userconfig ? [`--userconfig=${userconfig}`] : []), '--no-update-notifier', '--no-fund', '--no-audit'];
  }

  /** Writes the temporary userconfig for `registry` into `dir` (a fresh 0700 temp dir) and returns its path. */
  static writeUserconfig(dir: string, scope: string, registry: string): string {
    const file = join(dir, 'npmrc');
    // The literal text `${NPM_TOKEN}`: npm substitutes the environment variable when it loads the file.
    writeFileSync(file, `${scope}:registry=${registry}\n${nerfDart(registry)}:_authToken=\${NPM_TOKEN}\n`, { mode: 0o600 });
    return file;
  }

  /** Removes the token from text that is about to be printed. */
  redact(text: string): string {
    const token = this.env.NPM_TOKEN;
    return token ? text.split(token).join('***') : text;
  }

  private async npm(args: string[]): Promise<RunResult> {
    const result = await run('npm', [...args, ...this.args], { cwd: this.cwd, env: this.env });
    return { code: result.code, stdout: this.redact(result.stdout), stderr: this.redact(result.stderr) };
  }

  /** Versions of `name` on the registry; empty when the registry does not know the package. */
  async publishedVersions(name: string): Promise<string[]> {
    const result = await this.npm(['view', name, 'versions', '--json', '--prefer-online']);
    let parsed: unknown;
    try {
      parsed = result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
    } catch {
      parsed = undefined;
    }
    const error = (parsed as { error?: { code?: string; summary?: string } } | undefined)?.error;
    if (result.code === 0 && !error) {
      if (parsed === undefined) return [];
      return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    }
    const code = error?.code ?? /npm error code (\S+)/.exec(result.stderr)?.[1];
    if (code === 'E404') return [];
    throw new Error(`cannot read ${name} from ${this.registry}: ${error?.summary ?? code ?? 'npm view failed'}${code === 'E401' || code === 'E403' ? ' (check NPM_TOKEN)' : ''}\n${result.stderr.trim()}`);
  }

  /** `npm publish <tarball>`: access from the package's publishConfig, dist-tag `tag` (npm's default: `latest`). */
  async publish(tarball: string, label: string, tag?: string): Promise<void> {
    const result = await this.npm(['publish', tarball, ...(tag ? ['--tag', tag] : [])]);
    if (result.code !== 0) throw new Error(`npm publish ${label} to ${this.registry} failed (exit ${result.code}):\n${result.stderr.trim()}`);
  }
}

/** The scope's registry from npm's configuration (project `.npmrc`, user `~/.npmrc`, `npm_config_*`). */
export async function configuredRegistry(scope: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await run('npm', ['config', 'get', `${scope}:registry`], { cwd, env });
  if (result.code !== 0) throw new Error(`npm config get ${scope}:registry failed:\n${result.stderr.trim()}`);
  const value = result.stdout.trim();
  return value && value !== 'undefined' && value !== 'null' ? value : undefined;
}
