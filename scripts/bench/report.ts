/** Rows of the results table (same figures in the console and in results.json). */

export type Status = 'PASS' | 'MISS' | 'INFO' | 'ERROR';

export interface Row {
  /** Stable id, e.g. `generation.time` (the smoke test looks rows up by it). */
  id: string;
  section: string;
  metric: string;
  unit: string;
  /** Our figure. */
  clientgen: number | null;
  /** The alternatives, measured in the same run. */
  others: Record<string, number | null>;
  /** Unit of an alternative when it is not `unit` (e.g. peak RSS next to a time). */
  otherUnits?: Record<string, string>;
  /** How the row compares, e.g. `1.93× openapi-typescript`. */
  comparison?: string;
  target?: string;
  status: Status;
  note?: string;
}

const fmt = (n: number | null | undefined, unit: string): string => {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const digits = unit === 's' ? 2 : unit === '×' ? 2 : 0;
  return `${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
};

export function status(pass: boolean | null | undefined): Status {
  return pass === null || pass === undefined ? 'ERROR' : pass ? 'PASS' : 'MISS';
}

export function formatTable(rows: Row[]): string {
  const header = ['Row', 'clientgen', 'Alternatives (same run)', 'Comparison', 'Target', 'Result'];
  const body = rows.map((r) => [
    `${r.section}: ${r.metric}`,
    fmt(r.clientgen, r.unit),
    Object.entries(r.others)
      .map(([k, v]) => `${k} ${fmt(v, r.otherUnits?.[k] ?? r.unit)}`)
      .join(' · ') || '—',
    r.comparison ?? '',
    r.target ?? '',
    r.status === 'INFO' ? '' : r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
