/**
 * A throwaway Verdaccio registry for tests: temp config, temp storage,
 * htpasswd auth, no uplinks (nothing is proxied to the internet), listening
 * on a free loopback port. `@clientgen/*` needs a logged-in user to read or
 * publish; every other name is unknown to it (consumers get third-party
 * packages from their default registry through `.npmrc` scope mapping).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exitOf, freePort, stopProcess, waitForHttp } from './ports.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Verdaccio {
  /** Registry URL with a trailing slash, e.g. `http://127.0.0.1:43121/`. */
  url: string;
  /** `//127.0.0.1:43121/`: the key prefix npm uses for this registry's auth settings. */
  nerfDart: string;
  /** Creates a user (npm adduser) and returns its bearer token. */
  addUser(name: string, password: string): Promise<string>;
  /** Stops the server and deletes its storage. */
  stop(): Promise<void>;
  /** What the server printed (for failure messages). */
  output(): string;
}

export async function startVerdaccio(): Promise<Verdaccio> {
  const dir = mkdtempSync(join(tmpdir(), 'clientgen-verdaccio-'));
  const storage = join(dir, 'storage');
  mkdirSync(storage);
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      '    max_users: 100',
      'uplinks: {}',
      'packages:',
      "  '@clientgen/*':",
      '    access: $authenticated',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      "  '**':",
      '    access: $authenticated',
      '    publish: $authenticated',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let out = '';
  // Verdaccio 6.10's CLI refuses to start on Node < 22 (a version check in
  // its CLI only; the server runs on Node 20), so start it through its
  // programmatic API, in a child process of its own, the way
  // `verdaccio --config <file> --listen 127.0.0.1:<port>` would.
  const launcher = [
    `import { runServer } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'node_modules/verdaccio/build/index.mjs')).href)};`,
    'const [config, port] = process.argv.slice(1);',
    'const app = await runServer(config);',
    "const server = app.listen(Number(port), '127.0.0.1');",
    "const quit = () => { server.close(); server.closeAllConnections?.(); process.exit(0); };",
    "process.on('SIGTERM', quit);",
    // stdin is a pipe from the test process: when that process dies without stopping us, stop too.
    "process.stdin.on('end', quit).on('error', quit).resume();",
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', launcher, config, String(port)], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const output = () => out.slice(-4_000);

  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}-/ping`, 30_000, (res) => res.status === 200, exitOf(child, output));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    nerfDart: `//127.0.0.1:${port}/`,
    output,
    stop,
    async addUser(name, password) {
      const res = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, email: `${name}@example.test`, type: 'user', roles: [], date: new Date().toISOString() }),
      });
      const body = (await res.json()) as { token?: string; error?: string };
      if (!res.ok || !body.token) throw new Error(`adduser ${name}: HTTP ${res.status} ${body.error ?? ''}`);
      return body.token;
    },
  };
}
