/**
 * The tolerated findings added for the APIs.guru corpus (`pnpm corpus`), one
 * fixture: each generates with a warning that says what was assumed, and
 * `--strict` refuses it. (The first entries of the table, Stripe's and
 * GitHub's, are in tolerated.test.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compilePackages, makeWorkdir, removeWorkdir, runCli } from './support/packages.js';

const spec = 'test/fixtures/specs/tolerated/corpus.yaml';
const workdir = makeWorkdir('tolerated-corpus');
afterAll(() => removeWorkdir(workdir));

const EXTENSION = 'the extension is documentation or tooling that clientgen does not read; it is ignored';
const UNKNOWN = 'the field is not part of OpenAPI where it stands and is ignored there (content a $ref points into is still read)';
const WARNINGS = [
  { at: `${spec}:7:11 #/info/x-logo: Expected type \`Logo\` (object) but got \`string\` [struct]`, assumed: EXTENSION },
  { at: `${spec}:19:18 #/x-webhooks/x-sdk-exclude: Expected type \`PathItem\` (object) but got \`boolean\` [struct]`, assumed: EXTENSION },
  { at: `${spec}:33:3 #/source: Property \`source\` is not expected here. [struct]`, assumed: UNKNOWN },
  { at: `${spec}:27:9 #/components/schemas/Page/definitions: Property \`definitions\` is not expected here. [struct]`, assumed: UNKNOWN },
  {
    at: `${spec}:31:44 #/components/schemas/Thumbnail/properties/timecode/pattern: Expected type \`string\` but got \`integer\`. [struct]`,
    assumed: 'the keyword only validates values, which clientgen does not do; it is ignored',
  },
  {
    at: `${spec}:35:3 #/servers: Server variable define \`enum\` and \`default\`. \`enum\` must include default value [no-server-variables-empty-enum]`,
    assumed: 'the default is allowed as well as the enum values (it is used when the option is not set)',
  },
];

it('generates (exit 0) with one warning per finding, saying what was assumed', async () => {
  const target = join(workdir, 'lenient');
  const run = await runCli(['generate', '--spec', spec, '--out', target, '--name', '@fixture/corpus', '--verbose']);
  expect(run.code, run.stderr).toBe(0);
  for (const w of WARNINGS) {
    expect(run.stderr).toContain(w.at.split(': ')[0]); // grouped: the kind's message is on its header line
    expect(run.stderr).toContain(`→ assumed: ${w.assumed}`);
  }
  expect(run.stderr).toMatch(new RegExp(`^${WARNINGS.length} warnings in @fixture/corpus`, 'm'));
  // A $ref into the inside of a component schema is typed through a component of its own (load/deep-refs.ts).
  const types = readFileSync(join(target, 'src/types.ts'), 'utf8');
  expect(types).toContain('items?: components["schemas"]["Page_item"][];');
  expect(types).toContain('"application/json": components["schemas"]["Page_item"];');
  expect(compilePackages(workdir, ['lenient']).text).toBe('');
});

it('--strict refuses each of them; nothing written', async () => {
  const target = join(workdir, 'strict');
  const run = await runCli(['generate', '--spec', spec, '--out', target, '--name', '@fixture/corpus', '--strict']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(new RegExp(`^clientgen: ${WARNINGS.length} problems?:\\n`));
  for (const w of WARNINGS) expect(run.stderr).toContain(w.at);
  expect(existsSync(target)).toBe(false);
});
