/**
 * Clear errors, through the CLI: every way a spec or provider.yaml can be
 * unusable exits 1 with `file:line:col #pointer: message` and a `→ hint`,
 * and writes nothing. Lossy constructs generate, with the warnings listed
 * together at the end of the run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { duplicateJsonKey } from '../../generator/src/load/read-document.js';
import { repoRoot, runCli } from './support/packages.js';

const dir = 'test/fixtures/specs/errors';
const abs = join(repoRoot, dir);
const out = mkdtempSync(join(tmpdir(), 'clientgen-errors-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Case {
  spec: string;
  /** The first problem's location line and hint, exactly. */
  problem: string;
  hint: string;
}

const CASES: Record<string, Case> = {
  'invalid YAML': {
    spec: 'invalid-yaml.yaml',
    problem: `${abs}/invalid-yaml.yaml:11:10 #/paths/~1a/get/responses/content: invalid YAML: bad indentation of a mapping entry`,
    hint: 'fix the syntax at that position (indentation, quoting, a missing colon)',
  },
  'invalid JSON': {
    spec: 'invalid-json.json',
    problem: `${abs}/invalid-json.json:6:5 #/paths/~1b: invalid JSON: Expected ',' or '}' after property value in JSON at position 169`,
    hint: 'fix the syntax at that position (a missing comma, quote or bracket)',
  },
  'duplicate JSON key (the second written with an escape)': {
    spec: 'duplicate-key.json',
    problem: `${abs}/duplicate-key.json:6:5 #/paths/~1a: invalid JSON: duplicate key "/a"`,
    hint: 'a key appears twice in the same object; JSON.parse keeps only the last, so merge or rename them',
  },
  'duplicate YAML key': {
    spec: 'duplicate-key.yaml',
    problem: `${abs}/duplicate-key.yaml:7:3 #/paths/~1a: invalid YAML: duplicated mapping key`,
    hint: 'a key appears twice in the same mapping; YAML keeps only one, so merge or rename them',
  },
  'YAML alias cycle': {
    spec: 'alias-cycle.yaml',
    problem: `${abs}/alias-cycle.yaml:12:24 #/paths/~1a/get/responses/200/content/application~1json/example/child: a YAML alias here refers to a node that contains it`,
    hint: 'replace the alias (*name) with a copy of the value, without the cycle',
  },
  'unresolvable $ref': {
    spec: 'unresolved-ref.yaml',
    problem: `${abs}/unresolved-ref.yaml:12:17 #/paths/~1a/get/responses/200/content/application~1json/schema: Can't resolve $ref "#/components/schemas/Missing" [no-unresolved-refs]`,
    hint: 'point the $ref at an existing definition (external files are resolved relative to the file that refers to them)',
  },
  '$ref to a missing file': {
    spec: 'missing-file-ref.yaml',
    problem: `${abs}/missing-file-ref.yaml:7:11 #/paths/~1a/get/parameters/0: Can't resolve $ref: ENOENT: no such file or directory '${abs}/not-there.yaml' "./not-there.yaml#/Param" [no-unresolved-refs]`,
    hint: 'point the $ref at an existing definition (external files are resolved relative to the file that refers to them)',
  },
  'a $ref loop': {
    spec: 'ref-loop.yaml',
    problem: `${abs}/ref-loop.yaml:7:7 #/components/schemas/A: $ref loop: B → A → B never reaches a schema`,
    hint: 'point the $ref at a schema with content, or remove it',
  },
  'a schema TypeScript cannot express': {
    spec: 'cannot-express.yaml',
    problem: `${abs}/cannot-express.yaml:20:11 #/components/schemas/B/oneOf/1: schema A is defined only in terms of itself (A → B → A), which no TypeScript type can express`,
    hint: 'put the recursion inside an object property (`properties: { child: { $ref: … } }`) or remove this $ref',
  },
  'a name openapi-typescript cannot process': {
    spec: 'percent-name.yaml',
    problem: `${abs}/percent-name.yaml:7:19 #/paths/~1a/get/parameters/0/name: parameter name "cpu%" has a % that is not a percent-escape, which openapi-typescript cannot process`,
    hint: 'rename it (an overlay can), or write the % as %25 if the API accepts that name',
  },
  'a schema openapi-typescript cannot type (an enum of strings on an object; was a crash)': {
    spec: 'enum-on-object.yaml',
    problem: `${dir}/enum-on-object.yaml:17:7 #/components/schemas/ProductGroup: openapi-typescript cannot type this schema: Expected SchemaObject, received string`,
    hint: 'make the schema valid (an overlay can): a keyword of the wrong kind here (an `enum` of strings on `type: object`, say) leaves no value that fits',
  },
  'an undefined security scheme': {
    spec: 'undefined-security.yaml',
    problem: `${abs}/undefined-security.yaml:10:18 #/paths/~1a/get/security/0/oauth: security scheme "oauth" is not defined in components.securitySchemes`,
    hint: 'use one of: apiKey',
  },
  'a header name fetch cannot send': {
    spec: 'bad-header-name.yaml',
    problem: `${abs}/bad-header-name.yaml:7:17 #/paths/~1a/get/parameters/0/name: header parameter "X Trace: id" is not a valid header name`,
    hint: "header and cookie names are letters, digits and !#$%&'*+.^_`|~- only (no spaces, colons or quotes); fix the name",
  },
  'a problem in a Swagger 2.0 document (found in its OpenAPI 3 form, reported at the original line)': {
    spec: 'swagger2.yaml',
    problem: `${abs}/swagger2.yaml:9:19 #/paths/~1a/get/responses/200/schema: Can't resolve $ref "#/definitions/Missing" [no-unresolved-refs] (at #/paths/~1a/get/responses/200/content/application~1json/schema of its OpenAPI 3 form)`,
    hint: 'point the $ref at an existing definition (external files are resolved relative to the file that refers to them)',
  },
  'Swagger 1.2 (refused)': {
    spec: 'swagger12.json',
    problem: `${abs}/swagger12.json:2:14 #/swagger: Swagger 1.2 is not supported`,
    hint: `clientgen reads Swagger 2.0 and OpenAPI 3.0/3.1; convert it first: \`npx api-spec-converter --from=swagger_1 --to=openapi_3 --syntax=yaml ${abs}/swagger12.json\``,
  },
  'a provider.yaml that does not match its schema': {
    spec: 'bad-provider/openapi.yaml',
    problem: `${dir}/bad-provider/provider.yaml:7:15 #/operations/getA/paginate: unknown field "paginate"`,
    hint: 'known fields: name, pagination',
  },
  'a provider.yaml naming an operation the spec lacks (fails after loading the spec)': {
    spec: 'stale-provider/openapi.yaml',
    problem: `${dir}/stale-provider/provider.yaml:6:5 #/operations/getB: operation "getB" is not in the spec`,
    hint: 'use an operationId from openapi.yaml (it may have been renamed upstream)',
  },
};

describe('clientgen generate on unusable input', () => {
  for (const [what, c] of Object.entries(CASES)) {
    it.concurrent(`${what}: exit 1, file:line:col, pointer, what to do; nothing written`, async () => {
      const target = join(out, c.spec.replace(/\W/g, '-'));
      const run = await runCli(['generate', '--spec', `${dir}/${c.spec}`, '--out', target, '--name', '@fixture/errors']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n');
      expect(lines[0]).toMatch(/^clientgen: \d+ problems?:$/);
      const at = lines.indexOf(c.problem);
      expect(at, run.stderr).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe(`  → ${c.hint}`);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(target)).toBe(false);
    });
  }
});

describe('duplicate JSON keys', () => {
  it('are found in any object, nested or in arrays, with their offset; equal keys in different objects are fine', () => {
    expect(duplicateJsonKey('{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}')).toBeUndefined();
    expect(duplicateJsonKey('{"a": {"x": 1, "y": [1, {"z": 2}], "x": 3}}')).toEqual({ key: 'x', offset: 35 });
    expect(duplicateJsonKey('[{"k": "v"}, {"k": "\\"", "q\\"": 1, "q\\u0022": 2}]')).toEqual({ key: 'q"', offset: 35 });
    expect(duplicateJsonKey('{"a,b": ",", "a": "}", "b": "{"}')).toBeUndefined();
  });
});

describe('warnings', () => {
  it('lossy constructs generate (exit 0) and every warning is listed together at the end of the run', async () => {
    const target = join(out, 'lossy');
    const run = await runCli(['generate', '--spec', `${dir}/lossy.yaml`, '--out', target, '--name', '@fixture/lossy']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`@fixture/lossy: 2 operations → ${target}\n`);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('5 warnings in @fixture/lossy:');
    expect(lines.slice(1)).toEqual([
      // Load-time warnings carry line:col (the file label may be absolute or workspace-relative).
      expect.stringMatching(/lossy\.yaml:12:14 #\/components\/schemas\/List\/items: recursive schema List → List cannot be typed through this array; its items are typed as unknown$/),
      expect.stringMatching(/lossy\.yaml:9:12 #\/components\/schemas\/NotString\/not: `not` is not expressible in TypeScript and is ignored \(the value is typed without it\)$/),
      expect.stringMatching(/ #\/paths\/~1search\/get\/requestBody: a GET request cannot carry a body with fetch; the request body is left out$/),
      expect.stringMatching(/ #\/paths\/~1search~1all\/get: method name search is taken by GET \/search \(operation search\); this one is named search2$/),
      expect.stringMatching(/ #\/components\/securitySchemes\/digest: http scheme "digest" is sent as a bearer token$/),
    ]);
    expect(existsSync(join(target, 'src/client.ts'))).toBe(true);
  });
});
