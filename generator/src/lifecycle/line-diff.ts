/**
 * Added and removed line counts between two versions of a text file, as
 * `git diff --numstat` gives them: the shortest edit script (Myers' O(ND)
 * algorithm) after trimming the common head and tail. The sync report lists
 * them per generated file.
 */

export interface LineCounts {
  added: number;
  removed: number;
}

/** Above this many edits the counts fall back to a line-multiset comparison (fast; can undercount moved lines). */
const MAX_EDITS = 4000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function lineCounts(oldText: string | undefined, newText: string | undefined): LineCounts {
  const a = splitLines(oldText ?? '');
  const b = splitLines(newText ?? '');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { added: m, removed: n };
  const edits = editDistance(a, start, n, b, start, m) ?? multisetEdits(a.slice(start, endA), b.slice(start, endB));
  // edits = added + removed and added - removed = m - n.
  return { added: (edits + m - n) / 2, removed: (edits - m + n) / 2 };
}

/** Length of the shortest insert/delete script turning a[aStart, +n) into b[bStart, +m), or undefined above MAX_EDITS. */
function editDistance(a: readonly string[], aStart: number, n: number, b: readonly string[], bStart: number, m: number): number | undefined {
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return undefined;
}

function multisetEdits(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const line of a) counts.set(line, (counts.get(line) ?? 0) + 1);
  let common = 0;
  for (const line of b) {
    const c = counts.get(line) ?? 0;
    if (c > 0) {
      common++;
      counts.set(line, c - 1);
    }
  }
  return a.length - common + (b.length - common);
}
