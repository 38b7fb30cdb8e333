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
  /** Called inside the swap, when the previous package has been moved aside (tests use it to fail there). */
  duringSwap?: (tempDir: string, backupDir: string) => void;
}

const TEMP = '.clientgen-tmp-';
const BACKUP = '.clientgen-old-';

function siblings(dir: string): { parent: string; base: string } {
  const parent = dirname(dir);
  return { parent, base: dir.slice(parent.length + 1) };
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Undo what an interrupted run left next to `dir`: a previous package moved
 * aside but not replaced is moved back; temporary directories of processes
 * that are gone are removed. Returns what it did, for the caller to report.
 */
export function recoverInterruptedWrite(dir: string): string[] {
  const { parent, base } = siblings(dir);
  if (!existsSync(parent)) return [];
  const done: string[] = [];
  for (const entry of readdirSync(parent).sort()) {
    const backup = entry.startsWith(`.${base}${BACKUP}`);
    const temp = entry.startsWith(`.${base}${TEMP}`);
    if (!backup && !temp) continue;
    const pid = Number(entry.slice(entry.lastIndexOf('-') + 1));
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    const full = join(parent, entry);
    if (backup && !existsSync(dir)) {
      renameSync(full, dir);
      done.push(`restored ${base} from an interrupted run`);
    } else {
      rmSync(full, { recursive: true, force: true });
      done.push(`removed ${entry} left by an interrupted run`);
    }
  }
  return done;
}

/**
 * Write `files` as the package at `dir`, all or nothing: everything goes to
 * a temporary sibling first; only when it is complete does it replace `dir`
 * (two renames; entries generation does not own, like `node_modules`, are
 * carried over). Any failure, before or during the swap, leaves the previous
 * package as it was; an interrupted swap is undone by the next run.
 */
export function writePackageAtomically(dir: string, files: FileSet, hooks: WriteHooks = {}): void {
  const { parent, base } = siblings(dir);
  mkdirSync(parent, { recursive: true });
  recoverInterruptedWrite(dir);
  const temp = join(parent, `.${base}${TEMP}${process.pid}`);
  const backup = join(parent, `.${base}${BACKUP}${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  rmSync(backup, { recursive: true, force: true });
  try {
    for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const full = join(temp, rel);
      if (relative(temp, full).startsWith('..')) throw new Error(`refusing to write ${rel} outside the package`);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    hooks.beforeSwap?.(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(dir)) {
    try {
      renameSync(temp, dir);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
    return;
  }
  // Carry over what generation does not own (build output, installed deps, changelog).
  const carried: string[] = [];
  try {
    for (const name of PRESERVED) {
      if (existsSync(join(dir, name)) && !files.has(name)) {
        renameSync(join(dir, name), join(temp, name));
        carried.push(name);
      }
    }
    renameSync(dir, backup);
  } catch (error) {
    for (const name of carried.reverse()) renameSync(join(temp, name), join(dir, name));
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  try {
    hooks.duringSwap?.(temp, backup);
    renameSync(temp, dir);
  } catch (error) {
    // Put the previous package back, with what was carried over.
    renameSync(backup, dir);
    for (const name of carried.reverse()) if (existsSync(join(temp, name))) renameSync(join(temp, name), join(dir, name));
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  rmSync(backup, { recursive: true, force: true });
}
