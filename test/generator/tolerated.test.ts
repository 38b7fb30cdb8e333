/**
 * Tolerant loading: deviations from the OpenAPI schema that real specs have
 * (Stripe's and GitHub's `nullable` without `type`, GitHub's paths that differ
 * only in parameter names) generate with warnings that say what was assumed,
 * grouped by kind; `--strict` and `strict: true` in provider.yaml refuse them
 * as before.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePackages, generateInto, makeWorkdir, removeWorkdir, runCli } from './support/packages.js';

const spec = 'test/fixtures/specs/tolerated/real-world.yaml';
const workdir = makeWorkdir('tolerated');
afterAll(() => removeWorkdir(workdir));

const NULLABLE = 'The `type` field must be defined when the `nullable` field is used. [struct]';
const IDENTICAL =
  'The path already exists which differs only by path parameter name(s): `/orgs/{org}/attestations/{attestation_id}` and `/orgs/{org}/attestations/{subject_digest}`. [no-identical-paths]';
const at = (line: number, property: string) => `${spec}:${line}:21 #/components/schemas/Charge/properties/${property}/nullable`;

describe('clientgen generate on a spec with tolerated deviations', () => {
  it('generates (exit 0) and prints each kind once with a count, what was assumed and the first three locations', async () => {
    const target = join(workdir, 'cli');
    const run = await runCli(['generate', '--spec', spec, '--out', target, '--name', '@fixture/real-world']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`@fixture/real-world: 2 operations → ${target}\n`);
    expect(run.stderr.trim().split('\n')).toEqual([
      '6 warnings in @fixture/real-world (2 kinds); --verbose lists them all:',
      `  5 × ${NULLABLE}`,
      '    → assumed: the schema as written, or null',
      `    ${at(38, 'customer')}`,
      `    ${at(43, 'source')}`,
      `    ${at(47, 'invoice')}`,
      '    … and 2 more',
      `  ${spec}:20:5 #/paths/~1orgs~1{org}~1attestations~1{subject_digest}: ${IDENTICAL}`,
      '    → assumed: both operations are kept; each sends its own path template',
    ]);
  });

  it('--verbose lists every location', async () => {
    const run = await runCli(['generate', '--spec', spec, '--out', join(workdir, 'verbose'), '--name', '@fixture/real-world', '--verbose']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('6 warnings in @fixture/real-world (2 kinds):\n');
    for (const [line, property] of [[38, 'customer'], [43, 'source'], [47, 'invoice'], [52, 'review'], [56, 'outcome']] as const) {
      expect(run.stderr).toContain(`\n    ${at(line, property)}\n`);
    }
    expect(run.stderr).not.toContain('more');
  });

  it('--strict refuses them as errors, each with the usual hint and what would be assumed without --strict; nothing written', async () => {
    const target = join(workdir, 'strict');
    const run = await runCli(['generate', '--spec', spec, '--out', target, '--name', '@fixture/real-world', '--strict']);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('clientgen: 6 problems:');
    const nullable = lines.findIndex((l) => l.endsWith(`#/components/schemas/Charge/properties/source/nullable: ${NULLABLE}`));
    expect(nullable, run.stderr).toBeGreaterThan(0);
    expect(lines[nullable + 1]).toBe(
      '  → make this field match the OpenAPI 3.x schema (see https://spec.openapis.org/oas/v3.1.0); without --strict this is read as: the schema as written, or null',
    );
    expect(run.stderr).toContain(IDENTICAL);
    expect(existsSync(target)).toBe(false);
  });

  it('`strict: true` in provider.yaml refuses them too (the providers in specs/ are strict)', async () => {
    const target = join(workdir, 'strict-provider');
    const run = await runCli(['generate', '--spec', 'test/fixtures/specs/tolerated/strict-provider/openapi.yaml', '--out', target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^clientgen: 6 problems:\n/);
    expect(existsSync(target)).toBe(false);
  });
});

describe('the client generated under those assumptions', () => {
  it('types nullable $ref/anyOf/oneOf/allOf as the schema or null, and keeps both operations of the identical paths', async () => {
    const { dir, result } = await generateInto(workdir, join(process.cwd(), spec), 'rw');
    expect(result.model.operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'delete /orgs/{org}/attestations/{subject_digest}',
      'get /orgs/{org}/attestations/{attestation_id}',
    ]);
    const assertions = join(workdir, 'assert-rw.ts');
    writeFileSync(
      assertions,
      [
        "import type { components } from './rw/src/types.js';",
        "type Charge = components['schemas']['Charge'];",
        "export const a: Charge['source'] = null;",
        "export const b: Charge['customer'] = { id: 'cus_1' };",
        "export const c: Charge['invoice'] = 'in_1';",
        "export const d: Charge['review'] = null;",
        '// @ts-expect-error a number is neither the schema nor null',
        "export const e: Charge['customer'] = 1;",
        '// @ts-expect-error undefined is not null: the property is required',
        "export const f: Charge['outcome'] = undefined;",
        '',
      ].join('\n'),
    );
    expect(compilePackages(workdir, ['rw'], { extraFiles: [assertions] }).text).toBe('');
    expect(existsSync(join(dir, 'src/client.ts'))).toBe(true);
  });
});
