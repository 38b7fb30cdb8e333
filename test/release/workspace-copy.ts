/**
 * A throwaway copy of the monorepo for release tests, so that building,
 * cleaning `dist/` and bumping versions never touch the real work tree (other
 * test files read packages/<p>/dist while this one runs).
 *
 * Sources are copied; dependencies are not: the copy's node_modules folders
 * are symlinks into the real ones, except the workspace links
 * (`node_modules/@clientgen/<pkg>`), which point at the copy's own packages.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.git', '.tmp', '.bench', 'coverage']);

/** Recreates `from/node_modules` at `to/node_modules`, linking workspace packages of `scope` to the copy. */
function linkNodeModules(from: string, to: string, scope: string, copyRoot: string, realRoot: string): void {
  const src = join(from, 'node_modules');
  if (!existsSync(src)) return;
  const dst = join(to, 'node_modules');
  mkdirSync(dst, { recursive: true });
  for (const entry of readdirSync(src)) {
    const full = join(src, entry);
    if (entry === scope && lstatSync(full).isDirectory() && !lstatSync(full).isSymbolicLink()) {
      mkdirSync(join(dst, entry), { recursive: true });
      for (const name of readdirSync(full)) {
        const real = realpathSync(join(full, name));
        const inWorkspace = real.startsWith(`${realRoot}/`) && !real.includes('/node_modules/');
        symlinkSync(inWorkspace ? join(copyRoot, relative(realRoot, real)) : real, join(dst, entry, name));
      }
      continue;
    }
    symlinkSync(realpathSync(full), join(dst, entry));
  }
}

export interface WorkspaceCopy {
  root: string;
  remove(): void;
}

/** Copies the workspace at `realRoot` (sources, specs, generator, scripts; no dist/, no .git). */
export function copyWorkspace(realRoot: string, scope: string): WorkspaceCopy {
  const root = mkdtempSync(join(tmpdir(), 'clientgen-release-ws-'));
  const real = realpathSync(realRoot);
  cpSync(real, root, {
    recursive: true,
    filter: (source) => !SKIP.has(basename(source)) && !/\.clientgen-(tmp|old)-\d+$/.test(source),
  });
  // The root's node_modules holds the pnpm store (.pnpm) that every other link points into: link it whole.
  symlinkSync(join(real, 'node_modules'), join(root, 'node_modules'));
  const projects = ['generator', 'test', ...readdirSync(join(real, 'packages')).map((p) => join('packages', p))];
  for (const project of projects) {
    if (existsSync(join(root, project))) linkNodeModules(join(real, project), join(root, project), scope, root, real);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
