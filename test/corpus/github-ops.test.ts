/**
 * The per-operation layout at the scale of GitHub's API (1,223 operations, 969
 * schemas; the pinned corpus spec, see sample.test.ts): every module of
 * `src/ops/`, `src/components/` and `src/core.ts` type-checks (strict, the
 * generated tsconfig's options), and a program calling three operations
 * through them loads none of types.ts, client.ts or funcs.ts and only the
 * components those operations reach.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchCorpus } from '../../scripts/corpus/fetch.js';
import { generateInto, makeWorkdir, removeWorkdir, type Generated } from '../generator/support/packages.js';

let workdir: string;
let github: Generated;

beforeAll(async () => {
  workdir = makeWorkdir('github-ops');
  github = await generateInto(workdir, fetchCorpus().github, 'github');
}, 300_000);
afterAll(() => removeWorkdir(workdir));

function options(): ts.CompilerOptions {
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    { target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true, types: [] },
    workdir,
  );
  expect(errors).toEqual([]);
  return options;
}

const diagnosticsOf = (program: ts.Program) =>
  ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), { getCanonicalFileName: (f) => f, getCurrentDirectory: () => workdir, getNewLine: () => '\n' });

it('GitHub: src/ops, src/components and src/core.ts type-check (strict)', () => {
  const src = join(github.dir, 'src');
  const list = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(dir, e.name)) : [join(dir, e.name)]));
  const ops = list(join(src, 'ops'));
  expect(ops).toHaveLength(github.result.model.operations.length);
  const program = ts.createProgram({ rootNames: [join(src, 'core.ts'), ...ops, ...list(join(src, 'components'))], options: options() });
  expect(diagnosticsOf(program)).toBe('');
  // Nothing of the per-operation layout reaches the whole-API files.
  const loaded = program.getSourceFiles().map((f) => relative(src, f.fileName));
  expect(loaded.filter((f) => ['types.ts', 'client.ts', 'funcs.ts', 'api.ts', 'operations.ts', 'index.ts'].includes(f))).toEqual([]);
}, 300_000);

it('GitHub: a program calling three operations through /core and /ops loads only what they reach', () => {
  const consumer = join(workdir, 'consumer.ts');
  writeFileSync(
    consumer,
    [
      "import { createCore } from './github/src/core.js';",
      "import { reposGet } from './github/src/ops/reposGet.js';",
      "import { issuesListForRepo } from './github/src/ops/issuesListForRepo.js';",
      "import { pullsCreate } from './github/src/ops/pullsCreate.js';",
      '',
      "const core = createCore({ baseUrl: 'http://127.0.0.1:9' });",
      'export async function main(): Promise<unknown[]> {',
      "  const repo = await reposGet(core, { owner: 'o', repo: 'r' });",
      "  const issues = await issuesListForRepo(core, { owner: 'o', repo: 'r', state: 'open' });",
      "  const pull = await pullsCreate(core, { owner: 'o', repo: 'r', body: { head: 'feature', base: 'main' } });",
      '  // @ts-expect-error the response is typed, not any',
      '  void repo.no_such_field;',
      '  return [repo.full_name, issues[0]?.number, pull.merged];',
      '}',
      '',
    ].join('\n'),
  );
  const program = ts.createProgram({ rootNames: [consumer], options: options() });
  expect(diagnosticsOf(program)).toBe('');
  const src = join(github.dir, 'src');
  const loaded = program.getSourceFiles().map((f) => relative(src, f.fileName)).filter((f) => !f.startsWith('..'));
  expect(loaded.filter((f) => !f.startsWith('ops/') && !f.startsWith('components/'))).toEqual(['core.ts']);
  expect(loaded.filter((f) => f.startsWith('ops/')).sort()).toEqual(['ops/issuesListForRepo.ts', 'ops/pullsCreate.ts', 'ops/reposGet.ts']);
  // The transitive $refs of the three operations: 43 of GitHub's 969 schemas (plus parameters, responses and headers).
  const components = loaded.filter((f) => f.startsWith('components/'));
  expect(components.filter((f) => f.startsWith('components/schemas/')).length).toBeLessThan(60);
  expect(components.length).toBeLessThan(100);
}, 120_000);
