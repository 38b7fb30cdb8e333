/**
 * The line counts of the sync report (lifecycle/line-diff.ts) against
 * `git diff --no-index --numstat` on the same two files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineCounts } from '../../generator/src/lifecycle/line-diff.js';

const dir = mkdtempSync(join(tmpdir(), 'clientgen-line-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gitNumstat(before: string, after: string): { added: number; removed: number } {
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  let out = '';
  try {
    out = execFileSync('git', ['diff', '--no-index', '--numstat', '--diff-algorithm=myers', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: the files differ
  }
  const [added = 0, removed = 0] = out.trim() ? out.trim().split(/\s+/).map(Number) : [];
  return { added, removed };
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('lineCounts', () => {
  it.each([
    ['identical', lines('a', 'b'), lines('a', 'b')],
    ['from nothing', '', lines('a', 'b', 'c')],
    ['to nothing', lines('a', 'b'), ''],
    ['one line changed', lines('a', 'b', 'c'), lines('a', 'x', 'c')],
    ['a block moved', lines('1', '2', '3', '4', '5', '6'), lines('4', '5', '6', '1', '2', '3')],
    ['repeated lines', lines('x', 'x', 'y', 'x'), lines('x', 'y', 'x', 'x', 'x')],
  ])('%s: as git counts', (_name, before, after) => {
    expect(lineCounts(before, after)).toEqual(gitNumstat(before, after));
  });

  it('a missing final newline is not a changed line (git counts one; generated files always end in one)', () => {
    expect(gitNumstat('a\nb', 'a\nb\n')).toEqual({ added: 1, removed: 1 });
    expect(lineCounts('a\nb', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
  });

  it('random edits to a 300-line file: as git counts', () => {
    const next = random(42);
    const base = Array.from({ length: 300 }, (_, i) => `line ${i % 40}`);
    for (let run = 0; run < 15; run++) {
      const edited = [...base];
      for (let e = 0; e < 1 + Math.floor(next() * 30); e++) {
        const at = Math.floor(next() * edited.length);
        const kind = next();
        if (kind < 0.4) edited.splice(at, 1);
        else if (kind < 0.8) edited.splice(at, 0, `new ${Math.floor(next() * 10)}`);
        else edited[at] = `changed ${Math.floor(next() * 10)}`;
      }
      const before = `${base.join('\n')}\n`;
      const after = `${edited.join('\n')}\n`;
      expect(lineCounts(before, after)).toEqual(gitNumstat(before, after));
    }
  });

  it('a complete rewrite beyond the edit budget still adds up (lines in = lines out)', () => {
    const before = lines(...Array.from({ length: 5000 }, (_, i) => `old ${i}`));
    const after = lines(...Array.from({ length: 4000 }, (_, i) => `new ${i}`));
    expect(lineCounts(before, after)).toEqual({ added: 4000, removed: 5000 });
  });
});
