/**
 * `pnpm bench` must not rot: run it in --quick mode on a small spec (one run
 * of everything, 1× and 2× scaling) and check that results.json has every row
 * with numeric figures. Speed targets are not asserted here (MISS is a
 * finding, not a failure); only that the bench itself works.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, '.bench', `smoke-${process.pid}`);

interface Row {
  id: string;
  clientgen: number | null;
  others: Record<string, number | null>;
  status: 'PASS' | 'MISS' | 'INFO' | 'ERROR';
  note?: string;
}

interface Results {
  machine: { cpu: string; cores: number; node: string };
  settings: { runs: number; quick: boolean };
  rows: Row[];
  benchTimingMs: Record<string, number>;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench --quick', () => {
  it('produces every row with numeric figures on a small spec', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        'scripts/bench.ts',
        '--quick',
        '--spec',
        'specs/datafold/openapi.yaml',
        '--scale',
        '1,2',
        '--out',
        join(dir, 'results.json'),
        '--work',
        join(dir, 'work'),
      ],
      { cwd: root, encoding: 'utf8', timeout: 55_000, env: { ...process.env, INIT_CWD: root } },
    );
    expect(r.error, r.stderr).toBeUndefined();
    expect(existsSync(join(dir, 'results.json')), r.stderr).toBe(true);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;

    expect(results.machine.cpu).toMatch(/\S/);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(results.settings).toMatchObject({ runs: 1, quick: true });
    expect(results.benchTimingMs.total).toBeGreaterThan(0);

    const errors = results.rows.filter((row) => row.status === 'ERROR');
    expect(errors.map((e) => `${e.id}: ${e.note ?? ''}`)).toEqual([]);
    expect(r.status, r.stdout + r.stderr).toBe(0);

    const row = (id: string): Row => {
      const found = results.rows.find((x) => x.id === id);
      expect(found, `row ${id}`).toBeDefined();
      return found!;
    };
    const positive = (n: number | null | undefined, what: string) => {
      expect(typeof n, what).toBe('number');
      expect(Number.isFinite(n) && n! > 0, `${what} = ${n}`).toBe(true);
    };
    const expected: Record<string, string[]> = {
      'generation.time': ['openapi-typescript', 'hey-api'],
      'generation.vs-hey-api': ['hey-api'],
      'generation.rss': ['openapi-typescript', 'hey-api'],
      'scaling.x1': ['peak RSS'],
      'scaling.x2': ['peak RSS'],
      'providers.cold': ['peak RSS'],
      'providers.noop': ['peak RSS'],
      'typecheck.time': ['hey-api', 'openapi-fetch', 'clientgen (sources)'],
      'typecheck.memory': ['hey-api', 'openapi-fetch'],
      'runtime.fake': ['openapi-fetch', 'bare fetch'],
      'runtime.http': ['openapi-fetch', 'bare fetch'],
      'bundle.gzip': ['openapi-fetch', 'hey-api'],
    };
    for (const [id, alternatives] of Object.entries(expected)) {
      const x = row(id);
      positive(x.clientgen, `${id} clientgen`);
      for (const alt of alternatives) positive(x.others[alt], `${id} ${alt}`);
    }
    // Rows with a target say whether it was met.
    for (const id of ['generation.time', 'generation.vs-hey-api', 'generation.rss', 'scaling.x2', 'providers.noop', 'typecheck.time', 'runtime.fake', 'runtime.http', 'bundle.gzip']) {
      expect(['PASS', 'MISS'], id).toContain(row(id).status);
    }
  }, 60_000);
});
