/** The corpus report: JSON for tools, a summary for people. */
import type { CheckResult, Status } from './check.js';
import type { Done } from './pool.js';

/** One spec's result as the report keeps it: what the check found, plus who ran it and what it cost. */
export interface SpecRecord extends CheckResult {
  id: string;
  tool: string;
  wallMs: number;
  /** Absent in reports from before it was measured. */
  cpuMs?: number;
  maxRss: number;
}

export function toRecord(id: string, done: Done): SpecRecord {
  return { id, tool: done.unit.tool, ...done.result, wallMs: Math.round(done.wallMs), cpuMs: Math.round(done.cpuMs), generateMs: Math.round(done.result.generateMs), typecheckMs: Math.round(done.result.typecheckMs), maxRss: done.maxRss };
}

/** A reason without the parts that differ from spec to spec (names, pointers, numbers), to group failures by. */
export function reasonGroup(r: SpecRecord): string {
  const reason = (r.reason ?? '')
    .replace(/^#\S*: /, '')
    .replace(/^\S+\.ts:\d+:\d+ /, '')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/\b\d+\b/g, 'N')
    .replace(/\s*\(at #.*\)/, '');
  return `${r.status}: ${reason.slice(0, 160)}`;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function summarize(records: SpecRecord[], tools: string[], wallMs: number): string {
  const lines: string[] = [];
  for (const tool of tools) {
    const mine = records.filter((r) => r.tool === tool);
    const ok = mine.filter((r) => r.status === 'ok').length;
    lines.push(`${tool}: ${ok}/${mine.length} generate and type-check (${((100 * ok) / Math.max(1, mine.length)).toFixed(2)}%)`);
    const groups = new Map<string, SpecRecord[]>();
    for (const r of mine.filter((x) => x.status !== 'ok')) groups.set(reasonGroup(r), [...(groups.get(reasonGroup(r)) ?? []), r]);
    for (const [group, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      lines.push(`  ${String(list.length).padStart(4)} × ${group}`);
      for (const r of list.slice(0, 5)) lines.push(`         ${r.id}: ${r.reason ?? ''}`.slice(0, 300));
      if (list.length > 5) lines.push(`         … and ${list.length - 5} more`);
    }
  }
  const slowest = [...records].sort((a, b) => b.wallMs - a.wallMs).slice(0, 8);
  lines.push('slowest:');
  for (const r of slowest) {
    lines.push(`  ${s(r.wallMs).padStart(7)}  ${r.tool.padEnd(18)} ${r.id} (${r.cpuMs === undefined ? '' : `CPU ${s(r.cpuMs)}; `}generate ${s(r.generateMs)}, tsc ${s(r.typecheckMs)}${r.outputBytes ? `, ${mb(r.outputBytes)} of TypeScript` : ''}, ${r.status})`);
  }
  const peak = records.reduce((m, r) => (r.maxRss > m.maxRss ? r : m), records[0] ?? ({ maxRss: 0 } as SpecRecord));
  lines.push(`peak RSS of a worker: ${mb(peak.maxRss)}${peak.id ? ` (after ${peak.id})` : ''}`);
  lines.push(`wall time: ${s(wallMs)}; CPU time of the workers: ${s(records.reduce((n, r) => n + (r.cpuMs ?? 0), 0))}`);
  return lines.join('\n');
}

/** The big specs: one line each. */
export function bigTable(records: SpecRecord[]): string {
  const lines = ['| Spec | Tool | Result | Operations | Generate | tsc | CPU | Peak RSS | Output |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of records) {
    lines.push(`| ${r.id} | ${r.tool} | ${r.status}${r.reason ? `: ${r.reason.slice(0, 80)}` : ''} | ${r.operations ?? ''} | ${s(r.generateMs)} | ${s(r.typecheckMs)} | ${r.cpuMs === undefined ? "" : s(r.cpuMs)} | ${mb(r.maxRss)} | ${r.outputBytes ? mb(r.outputBytes) : ''} |`);
  }
  return lines.join('\n');
}
