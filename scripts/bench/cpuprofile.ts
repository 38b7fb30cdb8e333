/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by
 * package / generator file, the hottest functions, and the inclusive time of
 * functions matching a pattern.
 *
 *   tsx scripts/bench/cpuprofile.ts <file.cpuprofile> [--top 25] [--inclusive <regex>]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function where(url: string): string {
  const u = decodeURIComponent(url.replace(/^file:\/\//, ''));
  if (!u) return '(native/gc/idle)';
  if (u.startsWith('node:')) return u;
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (pnpm) return pnpm[1]!;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (nm) return nm[1]!;
  const gen = /generator\/src\/(.*)$/.exec(u);
  if (gen) return `generator/src/${gen[1]}`;
  return u.replace(/^.*\//, '');
}

export function summarizeProfile(file: string, top = 25, inclusive?: RegExp): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const total = (p.endTime - p.startTime) / 1000;

  const bucket = (key: (n: Node) => string) => {
    const m = new Map<string, number>();
    for (const [id, ms] of self) {
      const k = key(byId.get(id)!);
      m.set(k, (m.get(k) ?? 0) + ms);
    }
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const lines: string[] = [`${file}: ${total.toFixed(0)} ms profiled`];
  const fmt = (rows: [string, number][], n: number) => rows.slice(0, n).map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  lines.push('self time by package / generator file:', ...fmt(bucket((n) => (['(garbage collector)', '(program)', '(idle)'].includes(n.callFrame.functionName) ? n.callFrame.functionName : where(n.callFrame.url))), top));
  lines.push('hottest functions (self):', ...fmt(bucket((n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`), top));
  if (inclusive) {
    // Inclusive time: samples whose stack contains a matching frame (counted once per sample).
    const incl = new Map<string, number>();
    p.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur)!;
        const label = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
        if (inclusive.test(label) && !seen.has(label)) {
          seen.add(label);
          incl.set(label, (incl.get(label) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
        }
      }
    });
    lines.push(`inclusive time of /${inclusive.source}/:`, ...fmt([...incl].sort((a, b) => b[1] - a[1]), top * 2));
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const args = process.argv.slice(2);
  const topIdx = args.indexOf('--top');
  const inclIdx = args.indexOf('--inclusive');
  const file = args.find((a, i) => !a.startsWith('--') && (topIdx < 0 || i !== topIdx + 1) && (inclIdx < 0 || i !== inclIdx + 1));
  if (!file) {
    process.stderr.write('usage: tsx scripts/bench/cpuprofile.ts <file.cpuprofile> [--top 25] [--inclusive <regex>]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarizeProfile(file, topIdx >= 0 ? Number(args[topIdx + 1]) : 25, inclIdx >= 0 ? new RegExp(args[inclIdx + 1]!) : undefined)}\n`);
}
