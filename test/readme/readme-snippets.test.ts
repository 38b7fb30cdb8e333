// Every ```ts block of every generated package README compiles, strict, against the built package.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/prism.js';

const run = promisify(execFile);
const providers = readdirSync(join(repoRoot, 'specs')).filter((p) => existsSync(join(repoRoot, 'specs', p, 'openapi.yaml'))).sort();

function snippets(readme: string): string[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('generated READMEs', () => {
  it('document auth, regions, pagination, retries, timeouts, errors and every operation', () => {
    for (const p of providers) {
      const readme = readFileSync(join(repoRoot, 'packages', p, 'README.md'), 'utf8');
      for (const section of ['## Install', '## Authentication', '## Servers and regions', '## Operations', '## Pagination', '## Errors', '## Retries and timeouts', '## Standalone functions (smaller bundles)']) {
        expect(readme, `${p} README lacks ${section}`).toContain(section);
      }
      const operations = readFileSync(join(repoRoot, 'packages', p, 'src', 'operations.ts'), 'utf8');
      const methods = [...operations.matchAll(/^export const (\w+) = \{$/gm)].map((m) => m[1]!);
      expect(methods.length).toBeGreaterThan(0);
      for (const m of methods) expect(readme, `${p} README lacks ${m}`).toContain(`### \`${m}\``);
    }
  });

  it('document x-unstable (preview) operations in the README and in each method\'s JSDoc', () => {
    const readme = readFileSync(join(repoRoot, 'packages', 'datadog-model-lab', 'README.md'), 'utf8');
    expect(readme).toContain('All operations are marked `x-unstable` (preview)');
    expect(readme.match(/^> \*\*Preview\.\*\*/gm)).toHaveLength(16);
    const client = readFileSync(join(repoRoot, 'packages', 'datadog-model-lab', 'src', 'client.ts'), 'utf8');
    expect(client.match(/\* \*\*Preview:\*\* \*\*Note\*\*: This endpoint is in preview/g)).toHaveLength(16);
    const mangrove = readFileSync(join(repoRoot, 'packages', 'mangrove', 'README.md'), 'utf8');
    expect(mangrove).not.toContain('x-unstable');
  });

  it('every TypeScript snippet type-checks in strict mode', async () => {
    const dir = join(repoRoot, 'test', '.tmp', 'readme-snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const p of providers) {
      const readme = readFileSync(join(repoRoot, 'packages', p, 'README.md'), 'utf8');
      const blocks = snippets(readme);
      expect(blocks.length).toBeGreaterThan(5);
      blocks.forEach((code, i) => {
        const file = join(dir, `${p}-${String(i).padStart(2, '0')}.ts`);
        writeFileSync(file, `${code}\nexport {};\n`);
        files.push(file);
      });
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], lib: ['ES2022', 'DOM'] },
        include: ['*.ts'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
    const result = await run(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: dir }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result).toBe('');
    expect(files.length).toBeGreaterThan(20);
  }, 120_000);
});
