// The per-operation modules' types: what a module of `ops/` imports (walking the emitted imports, transitively)
// never reaches types.ts, client.ts, funcs.ts, api.ts or operations.ts; and every type and function it exports is
// identical (`Equal<>`) to the one of the same name in the package's index and `/funcs`, checked by compiling a
// program of assertions for every operation of the three providers.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const PROVIDERS = ['datadog-model-lab', 'datafold', 'mangrove'];
const HEAVY = ['types', 'client', 'funcs', 'api', 'operations', 'index'];

/** Every package file a module reaches through its relative imports (declaration files of dist/). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (ref.fileName.startsWith('.')) todo.push(resolve(dirname(file), ref.fileName.replace(/\.js$/, '.d.ts')));
    }
  }
  return seen;
}

const scratch = join(repo, 'test/.tmp/ops-types');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('per-operation modules: types', () => {
  for (const provider of PROVIDERS) {
    it(`${provider}: an ops module imports only components, helpers and the runtime`, () => {
      const dist = join(repo, 'packages', provider, 'dist');
      const ops = readdirSync(join(dist, 'ops')).filter((f) => f.endsWith('.d.ts'));
      expect(ops.length).toBeGreaterThan(0);
      for (const op of ops) {
        const files = [...reachable(join(dist, 'ops', op))].map((f) => f.slice(dist.length + 1));
        expect(files.filter((f) => !f.startsWith('ops/') && !f.startsWith('components/')), op).toEqual([]);
        expect(files.filter((f) => f.startsWith('ops/')), op).toEqual([`ops/${op}`]);
        for (const f of files) expect(HEAVY.map((h) => `${h}.d.ts`), `${op} → ${f}`).not.toContain(f);
      }
      const core = [...reachable(join(dist, 'core.d.ts'))].map((f) => f.slice(dist.length + 1));
      expect(core).toEqual(['core.d.ts']);
      // And the runtime is the only package they name.
      const packages = new Set<string>();
      for (const f of [...ops.map((o) => join(dist, 'ops', o)), join(dist, 'core.d.ts')]) {
        for (const ref of ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles) if (!ref.fileName.startsWith('.')) packages.add(ref.fileName);
      }
      expect([...packages]).toEqual(['@clientgen/runtime']);
    });
  }

  it('every type and function of an ops module equals its namesake in the index and /funcs (tsc, strict)', () => {
    mkdirSync(scratch, { recursive: true });
    const files: string[] = [];
    let count = 0;
    for (const provider of PROVIDERS) {
      const dist = join(repo, 'packages', provider, 'dist');
      const pkg = `@clientgen/${provider}`;
      const index = readFileSync(join(dist, 'index.d.ts'), 'utf8');
      const lines = [
        `import type * as pkg from ${JSON.stringify(pkg)};`,
        `import type * as funcs from ${JSON.stringify(`${pkg}/funcs`)};`,
        `import type * as core from ${JSON.stringify(`${pkg}/core`)};`,
        '',
        'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
        'export const checks: true[] = [',
        '  true as Equal<typeof core.createCore, typeof funcs.createCore>,',
      ];
      for (const op of readdirSync(join(dist, 'ops')).filter((f) => f.endsWith('.d.ts'))) {
        const name = op.slice(0, -'.d.ts'.length);
        const alias = `op_${name}`;
        lines.unshift(`import type * as ${alias} from ${JSON.stringify(`${pkg}/ops/${name}`)};`);
        lines.push(`  true as Equal<typeof ${alias}.${name}, typeof funcs.${name}>,`);
        const base = name[0]!.toUpperCase() + name.slice(1);
        const declared = readFileSync(join(dist, 'ops', op), 'utf8');
        for (const suffix of ['Params', 'Response', 'ErrorBody', 'Item']) {
          const type = `${base}${suffix}`;
          const inOps = new RegExp(`export (type|interface) ${type}\\b`).test(declared);
          const inIndex = new RegExp(`\\b${type}\\b`).test(index);
          // The index exports the same named types (ErrorBody only where client.ts declares it).
          if (suffix !== 'ErrorBody') expect(inOps, `${provider} ${type}`).toBe(inIndex);
          if (inOps && inIndex) {
            lines.push(`  true as Equal<${alias}.${type}, pkg.${type}>,`);
            count++;
          }
        }
      }
      lines.push('];', '');
      const file = join(scratch, `${provider}.ts`);
      writeFileSync(file, lines.join('\n'));
      files.push(file);
    }
    writeFileSync(join(scratch, 'package.json'), '{ "type": "module", "private": true }\n');
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] };
    const program = ts.createProgram(files, options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(18 * 2);
  });
});
