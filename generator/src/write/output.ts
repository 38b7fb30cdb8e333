/**
 * Writing a generated package: all files go to a temporary sibling directory
 * and are swapped in only when complete, so a failed or interrupted run
 * leaves the previous package as it was.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Generated files: path relative to the package directory → content. */
export type FileSet = Map<string, string>;

/** Entries of a package directory that generation does not own and keeps. */
export const PRESERVED = ['node_modules', 'dist', 'CHANGELOG.md', 'LICENSE', 'NOTICE'];

/** Files on disk under the generated-owned parts of `dir` (everything but PRESERVED). */
export function listOwnedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      const rel = relative(dir, full);
      if (PRESERVED.includes(rel.split(/[\\/]/)[0]!)) continue;
      if (entry.isDirectory()) walk(full);
      else out.push(rel.split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Files that differ from what generation produces: changed, missing, or no longer generated. */
export function staleFiles(dir: string, files: FileSet): string[] {
  const stale = new Set<string>();
  for (const [rel, content] of files) {
    const full = join(dir, rel);
    if (!existsSync(full) || readFileSync(full, 'utf8') !== content) stale.add(rel);
  }
  for (const rel of listOwnedFiles(dir)) if (!files.has(rel)) stale.add(rel);
  return [...stale].sort();
}

export interface WriteHooks {
  /** Called after the temporary directory is complete, before the swap (tests use it to fail mid-run). */
  beforeSwap?: (tempDir: string) => void;
}

export function writePackageAtomically(dir: string, files: FileSet, hooks: WriteHooks = {}): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const base = dir.slice(parent.length + 1);
  const temp = join(parent, `.${base}.clientgen-tmp-${process.pid}`);
  const backup = join(parent, `.${base}.clientgen-old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  try {
    for (const [rel, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const full = join(temp, rel);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    hooks.beforeSwap?.(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(dir)) {
    renameSync(temp, dir);
    return;
  }
  // Carry over what generation does not own (build output, installed deps, changelog).
  for (const name of PRESERVED) {
    if (existsSync(join(dir, name)) && !files.has(name)) renameSync(join(dir, name), join(temp, name));
  }
  renameSync(dir, backup);
  renameSync(temp, dir);
  rmSync(backup, { recursive: true, force: true });
}
