/**
 * The tolerated findings added for the APIs.guru corpus (`pnpm corpus`), one
 * fixture: each generates with a warning that says what was assumed, and
 * `--strict` refuses it. (The first entries of the table, Stripe's and
 * GitHub's, are in tolerated.test.ts.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeWorkdir, removeWorkdir, runCli } from './support/packages.js';

const spec = 'test/fixtures/specs/tolerated/corpus.yaml';
const workdir = makeWorkdir('tolerated-corpus');
afterAll(() => removeWorkdir(workdir));

const WARNINGS = [
  {
    at: `${spec}:7:11 #/info/x-logo: Expected type \`Logo\` (object) but got \`string\` [struct]`,
    assumed: "x-logo is documentation (ReDoc's logo) and is not used",
  },
  {
    at: `${spec}:19:3 #/source: Property \`source\` is not expected here. [struct]`,
    assumed: 'the field is not part of OpenAPI here and is ignored',
  },
];

it('generates (exit 0) with one warning per finding, saying what was assumed', async () => {
  const target = join(workdir, 'lenient');
  const run = await runCli(['generate', '--spec', spec, '--out', target, '--name', '@fixture/corpus', '--verbose']);
  expect(run.code, run.stderr).toBe(0);
  for (const w of WARNINGS) {
    expect(run.stderr).toContain(w.at);
    expect(run.stderr).toContain(`→ assumed: ${w.assumed}`);
  }
  expect(existsSync(join(target, 'src/client.ts'))).toBe(true);
});

it('--strict refuses each of them; nothing written', async () => {
  const target = join(workdir, 'strict');
  const run = await runCli(['generate', '--spec', spec, '--out', target, '--name', '@fixture/corpus', '--strict']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`^clientgen: ${WARNINGS.length} problems?:\\n`));
  for (const w of WARNINGS) expect(run.stderr).toContain(w.at);
  expect(existsSync(target)).toBe(false);
});
