/** Where things are: the monorepo root, its scope, the runtime package. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Workspace {
  root: string;
  /** npm scope of generated packages, from the root package.json's `clientgen.scope`. */
  scope: string;
  runtimePackage: string;
  runtimeVersion: string;
  /** `repository.url` of the root package.json, copied into generated packages. */
  repositoryUrl?: string;
}

export function findWorkspace(from: string = process.cwd()): Workspace | undefined {
  let dir = resolve(from);
  for (;;) {
    const pkgFile = join(dir, 'package.json');
    if (existsSync(pkgFile)) {
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { clientgen?: { scope?: string }; repository?: { url?: string } | string };
      if (pkg.clientgen?.scope) {
        const scope = pkg.clientgen.scope;
        const runtimePkg = JSON.parse(readFileSync(join(dir, 'packages/runtime/package.json'), 'utf8')) as { name: string; version: string };
        const repositoryUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
        return { root: dir, scope, runtimePackage: runtimePkg.name, runtimeVersion: runtimePkg.version, ...(repositoryUrl ? { repositoryUrl } : {}) };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The workspace this generator belongs to (for runs outside any workspace). */
export function generatorWorkspace(): Workspace {
  const ws = findWorkspace(new URL('.', import.meta.url).pathname);
  if (!ws) throw new Error('clientgen: cannot find its own workspace root');
  return ws;
}

/** Paths given on the command line are relative to where the user ran `pnpm` (INIT_CWD), not the root. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
