/**
 * The release: find what the target registry lacks, build it (dependencies
 * first), pack it with pnpm (which turns `workspace:` ranges into real
 * versions), check every tarball, then publish in dependency order.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compareSemver, parseSemver } from '../../generator/src/lifecycle/semver.js';
import { Npm, configuredRegistry, normalizeRegistry, run } from './npm.js';
import { checkTarball, readTarball } from './tarball.js';
import { findReleaseWorkspace, releasePackages, type WorkspacePackage } from './workspace.js';

export interface ReleaseOptions {
  /** Where to look for the monorepo root (default: the current directory). */
  cwd?: string;
  /** Target registry for this run, overriding `<scope>:registry` from `.npmrc`. */
  registry?: string;
  /**
   * Dist-tag to publish under (default `latest`). Required for a version below
   * the newest stable one on the registry, and for a prerelease: either would
   * otherwise become `latest`.
   */
  tag?: string;
  /** Build, pack and check, say what would be published, publish nothing. */
  dryRun?: boolean;
  /** Use the existing `dist/` folders instead of building. */
  skipBuild?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface ReleaseResult {
  registry: string;
  /** `name@version`, in publishing order (dry run: what would have been published). */
  published: string[];
  skipped: string[];
  dryRun: boolean;
}

const id = (p: WorkspacePackage) => `${p.name}@${p.version}`;

function pnpmCommand(root: string): string {
  const local = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');
  return existsSync(local) ? local : 'pnpm';
}

async function resolveRegistry(scope: string, root: string, env: NodeJS.ProcessEnv, override: string | undefined): Promise<string> {
  if (override) return normalizeRegistry(override);
  const configured = await configuredRegistry(scope, root, env);
  if (!configured) {
    throw new Error(
      `no registry for ${scope}: add \`${scope}:registry=https://<your-registry>/\` to the project .npmrc or ~/.npmrc, or pass --registry <url>. ` +
        `(The default registry is never used for ${scope}, so that a private package cannot be published to the public registry by mistake.)`,
    );
  }
  return normalizeRegistry(configured);
}

/**
 * Why `version` may not go out as `latest` next to the `published` versions
 * (a prerelease, or older than the newest stable one), or undefined.
 */
export function latestProblem(version: string, published: readonly string[]): string | undefined {
  if (parseSemver(version).prerelease) return 'it is a prerelease';
  const newest = published.filter((v) => !parseSemver(v).prerelease).sort(compareSemver).at(-1);
  return newest && compareSemver(version, newest) < 0 ? `the registry already has ${newest}, so latest would move back` : undefined;
}

/** npm refuses dist-tags that read as a semver range (`1.x`, `v2`); keep to a plain name. */
function checkTag(tag: string): void {
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(tag) || /^v\d/i.test(tag)) {
    throw new Error(`--tag ${JSON.stringify(tag)} is not a dist-tag name: use letters, digits, ".", "_" or "-", starting with a letter and not like a version (e.g. --tag maintenance)`);
  }
}

export async function release(options: ReleaseOptions = {}): Promise<ReleaseResult> {
  const env = options.env ?? process.env;
  if (options.tag !== undefined) checkTag(options.tag);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dryRun = options.dryRun ?? false;
  const ws = findReleaseWorkspace(options.cwd ?? process.cwd());
  const packages = releasePackages(ws);
  if (packages.length === 0) throw new Error(`no publishable ${ws.scope}/* package under ${join(ws.root, 'packages')}`);
  const registry = await resolveRegistry(ws.scope, ws.root, env, options.registry);

  const temp = mkdtempSync(join(tmpdir(), 'clientgen-release-'));
  try {
    const hasToken = Boolean(env.NPM_TOKEN);
    const npm = new Npm(registry, ws.scope, ws.root, env, hasToken ? Npm.writeUserconfig(temp, ws.scope, registry) : undefined);
    log(`Releasing ${packages.map(id).join(', ')} to ${registry}${dryRun ? ' (dry run)' : ''}`);
    if (!hasToken) log(`NPM_TOKEN is not set: using the credentials in your npm configuration for ${registry}`);

    // 1. What the registry lacks.
    const pending: WorkspacePackage[] = [];
    const skipped: string[] = [];
    const notLatest: string[] = [];
    for (const pkg of packages) {
      const versions = await npm.publishedVersions(pkg.name);
      if (versions.includes(pkg.version)) {
        skipped.push(id(pkg));
        log(`${id(pkg)} already on ${registry}, skipped`);
      } else {
        pending.push(pkg);
        const problem = options.tag === undefined || options.tag === 'latest' ? latestProblem(pkg.version, versions) : undefined;
        if (problem) notLatest.push(`${id(pkg)} as latest: ${problem}`);
      }
    }
    if (notLatest.length) {
      throw new Error(`refusing to publish ${notLatest.join('; ')}. Pass --tag <name> (e.g. --tag maintenance) to publish under another dist-tag.`);
    }
    if (pending.length === 0) {
      log(`Nothing to publish: every package's version is already on ${registry}.`);
      return { registry, published: [], skipped, dryRun };
    }

    // 2. Build what will be published, and the workspace packages it needs to compile, from clean dist/ folders.
    const pnpm = pnpmCommand(ws.root);
    if (!options.skipBuild) {
      const byName = new Map(packages.map((p) => [p.name, p]));
      const needed = new Set<string>();
      const add = (name: string) => {
        if (needed.has(name)) return;
        needed.add(name);
        for (const dep of byName.get(name)?.workspaceDeps ?? []) add(dep);
      };
      for (const pkg of pending) add(pkg.name);
      const toBuild = packages.filter((p) => needed.has(p.name));
      for (const pkg of toBuild) rmSync(join(pkg.dir, 'dist'), { recursive: true, force: true });
      log(`Building ${toBuild.map((p) => p.name).join(', ')}`);
      // pnpm runs a filtered recursive script in topological order: the runtime before the clients.
      const filters = toBuild.flatMap((p) => ['--filter', `./${relative(ws.root, p.dir).split('\\').join('/')}`]);
      const built = await run(pnpm, ['-r', ...filters, 'run', 'build'], { cwd: ws.root, env });
      if (built.code !== 0) throw new Error(`build failed (exit ${built.code}):\n${built.stdout}${built.stderr}`.trimEnd());
    }

    // 3. Pack and check every tarball before publishing any.
    const tarballs = new Map<string, string>();
    const problems: string[] = [];
    for (const pkg of pending) {
      const dest = join(temp, pkg.name.replace('/', '__'));
      const packed = await run(pnpm, ['pack', '--pack-destination', dest], { cwd: pkg.dir, env });
      const file = existsSync(dest) ? readdirSync(dest).find((f) => f.endsWith('.tgz')) : undefined;
      if (packed.code !== 0 || !file) throw new Error(`pnpm pack ${id(pkg)} failed (exit ${packed.code}):\n${packed.stdout}${packed.stderr}`.trimEnd());
      const tarball = join(dest, file);
      const entries = readTarball(tarball);
      const check = checkTarball(entries, pkg);
      for (const warning of check.warnings) log(`warning: ${id(pkg)}: ${warning}`);
      problems.push(...check.problems.map((p) => `${id(pkg)}: ${p}`));
      tarballs.set(pkg.name, tarball);
      if (dryRun) log(`would publish ${id(pkg)} to ${registry} (${entries.length} files: ${entries.map((e) => e.path).sort().join(', ')})`);
    }
    if (problems.length) throw new Error(`refusing to publish:\n${problems.map((p) => `  ${p}`).join('\n')}`);

    // 4. Publish, dependencies first.
    const published: string[] = [];
    const tagText = options.tag ? ` under the dist-tag ${options.tag}` : '';
    if (dryRun) {
      log(`Dry run: would publish ${pending.length} package(s) to ${registry}${tagText}: ${pending.map(id).join(', ')}; nothing was published.`);
      return { registry, published: pending.map(id), skipped, dryRun };
    }
    for (const pkg of pending) {
      await npm.publish(tarballs.get(pkg.name)!, id(pkg), options.tag);
      published.push(id(pkg));
      log(`published ${id(pkg)} to ${registry}${tagText}`);
    }
    log(`Published ${published.length} package(s) to ${registry}${skipped.length ? `; ${skipped.length} already there` : ''}.`);
    return { registry, published, skipped, dryRun };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
