/**
 * Real-world coverage: Datadog's v1 API (235 operations, 1.6 MB of YAML,
 * examples with `externalValue` files that are not shipped, huge enums,
 * allOf/oneOf, nullable) generates through the CLI and the package builds
 * with `tsc` (strict) as users would build it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeWorkdir, removeWorkdir, repoRoot, runCli } from './support/packages.js';

const spec = join(repoRoot, '../shared/bench/datadog-v1.openapi.yaml');
let workdir: string | undefined;
afterAll(() => removeWorkdir(workdir));

it('clientgen generate on Datadog v1 succeeds and the package type-checks with tsc --noEmit', async () => {
  // The repository is cloned next to shared/ (as CI does); without it this test fails, it is not skipped.
  expect(existsSync(spec), `${spec} is missing`).toBe(true);
  workdir = makeWorkdir('datadog');
  const out = join(workdir, 'datadog-v1');
  const run = await runCli(['generate', '--spec', spec, '--out', out, '--name', '@fixture/datadog-v1']);
  expect(run.stderr).not.toMatch(/clientgen: \d+ problem/);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`@fixture/datadog-v1: 235 operations → ${out}\n`);
  const client = readFileSync(join(out, 'src/client.ts'), 'utf8');
  expect(client.match(/^ {2}\w+\(.*\): Promise<\w+> \{$/gm)).toHaveLength(235);

  const tsc = join(repoRoot, 'node_modules/.bin/tsc');
  const result = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(tsc, ['-p', join(out, 'tsconfig.json'), '--noEmit'], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
    );
  });
  expect(result.output).toBe('');
  expect(result.code).toBe(0);
}, 60_000);
