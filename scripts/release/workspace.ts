/** The packages a release publishes: every non-private `packages/*` in the scope, in dependency order. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface ReleaseWorkspace {
  root: string;
  /** npm scope, from the root package.json's `clientgen.scope` (the one place it is set). */
  scope: string;
}

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  /** Names of the other publishable workspace packages it depends on. */
  workspaceDeps: string[];
}

interface Manifest {
  name?: string;
  version?: string;
  private?: boolean;
  clientgen?: { scope?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

/** The monorepo root at or above `from`: the first package.json with `clientgen.scope`. */
export function findReleaseWorkspace(from: string): ReleaseWorkspace {
  let dir = resolve(from);
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const scope = readJson(file).clientgen?.scope;
      if (scope) {
        if (!/^@[a-z0-9][a-z0-9._-]*$/.test(scope)) throw new Error(`${file}: clientgen.scope "${scope}" is not an npm scope (@name)`);
        return { root: dir, scope };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no clientgen workspace (a package.json with "clientgen": { "scope": … }) at or above ${from}`);
    dir = parent;
  }
}

/** Publishable packages under `packages/`, dependencies before dependents (ties by name). */
export function releasePackages(ws: ReleaseWorkspace): WorkspacePackage[] {
  const packagesDir = join(ws.root, 'packages');
  const found = new Map<string, { version: string; dir: string; deps: string[] }>();
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const file = join(packagesDir, entry.name, 'package.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const pkg = readJson(file);
    if (pkg.private || !pkg.name?.startsWith(`${ws.scope}/`)) continue;
    if (!pkg.version) throw new Error(`${file}: no version`);
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
    found.set(pkg.name, { version: pkg.version, dir: join(packagesDir, entry.name), deps });
  }

  const ordered: WorkspacePackage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`dependency cycle between workspace packages: ${[...chain, name].join(' → ')}`);
    state.set(name, 'visiting');
    const pkg = found.get(name)!;
    const workspaceDeps = pkg.deps.filter((d) => found.has(d)).sort();
    for (const dep of workspaceDeps) visit(dep, [...chain, name]);
    state.set(name, 'done');
    ordered.push({ name, version: pkg.version, dir: pkg.dir, workspaceDeps });
  };
  for (const name of [...found.keys()].sort()) visit(name, []);
  return ordered;
}
