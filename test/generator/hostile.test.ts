/**
 * No injection: the specs in test/fixtures/specs/hostile/ put payloads that
 * set `globalThis.pwned` into every text and name the generator writes out
 * (titles, descriptions, summaries, enum values, names, server URLs,
 * examples, operationIds, security scheme names, media types). The packages
 * must compile, import and run every method without running any of it, and
 * the strings must reach the descriptors unchanged (inert, not mangled).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../generator/src/load/read-document.js';
import { compilePackages, generateInto, importAndCall, makeWorkdir, removeWorkdir, repoRoot, type CompileResult, type Generated, type ImportReport } from './support/packages.js';

const corpus = join(repoRoot, 'test/fixtures/specs/hostile');
const specs = readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let workdir: string;
const pkgs = new Map<string, Generated & { spec: Json }>();
let compiled: CompileResult;
let reports: ImportReport[] = [];

beforeAll(async () => {
  workdir = makeWorkdir('hostile');
  for (const file of specs) {
    const name = file.replace(/\.\w+$/, '');
    const spec = parseDocumentText(file, readFileSync(join(corpus, file), 'utf8')) as Json;
    pkgs.set(name, { ...(await generateInto(workdir, join(corpus, file), name)), spec });
  }
  compiled = compilePackages(workdir, [...pkgs.keys()], { emit: true });
  if (!compiled.text) reports = await importAndCall(workdir, [...pkgs.keys()]);
}, 120_000);

afterAll(() => removeWorkdir(workdir));

const apiModule = async (name: string) =>
  (await import(pathToFileURL(join(workdir, '.out', name, 'src', 'api.js')).href)) as { api: Json; operations: Record<string, Json> };

describe('hostile specs', () => {
  it('the corpus has a spec per kind of payload', () => {
    expect(specs).toEqual(['comments.yaml', 'names.yaml', 'strings.yaml', 'templates.json']);
  });

  it('every package type-checks (strict)', () => {
    expect(compiled.text).toBe('');
  });

  it('importing each package and calling every method against a loopback server runs nothing from the spec', () => {
    expect(reports.map((r) => r.name)).toEqual([...pkgs.keys()]);
    for (const r of reports) {
      expect(r.pwnedAfterImport, `${r.name}: import`).toBeUndefined();
      expect(r.pwnedAfterCalls, `${r.name}: calls`).toBeUndefined();
      expect(r.unexpected, r.name).toEqual([]);
      expect(r.calls.length, r.name).toBe(pkgs.get(r.name)!.result.model.operations.length);
      expect(r.requests.length, r.name).toBe(r.calls.length);
    }
  });

  it('the descriptors hold the hostile strings unchanged (and loading them in this process runs nothing)', async () => {
    for (const [name, { spec }] of pkgs) {
      const { api, operations } = await apiModule(name);
      const ids = Object.values(spec.paths as Json).flatMap((item: Json) => Object.values(item).map((op: Json) => op?.operationId).filter(Boolean));
      for (const id of ids) expect(Object.values(operations).map((o) => o.id), name).toContain(id);
      expect(api.servers[0]?.url, name).toBe(spec.servers?.[0]?.url);
      for (const [v, def] of Object.entries((spec.servers?.[0]?.variables ?? {}) as Json)) {
        expect(Object.prototype.hasOwnProperty.call(api.servers[0].variables, v), `${name}: variable ${v}`).toBe(true);
        expect(api.servers[0].variables[v].default).toBe(def.default);
      }
      for (const scheme of Object.keys(spec.components?.securitySchemes ?? {})) {
        expect(Object.prototype.hasOwnProperty.call(api.securitySchemes, scheme), `${name}: scheme ${scheme}`).toBe(true);
      }
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('JSDoc cannot be closed early or given tags by spec text', () => {
    for (const [name, { result }] of pkgs) {
      const layout = [...result.files.keys()].filter((f) => f === 'src/core.ts' || f.startsWith('src/ops/') || f.startsWith('src/components/'));
      expect(layout.length, name).toBeGreaterThan(1);
      for (const file of ['src/client.ts', 'src/api.ts', 'src/index.ts', ...layout]) {
        const text = result.files.get(file)!;
        expect(text, `${name}/${file}`).not.toMatch(/[\u2028\u2029]/);
        // Every */ ends a comment that starts on its own line or the same line.
        // The layout's modules also hold openapi-typescript's types, whose string literal types may contain `*/`: their comment lines.
        const lines = text.split('\n').filter((line) => !layout.includes(file) || /^\s*(\/\*\*|\*)/.test(line));
        for (const line of lines) {
          if (line.includes('*/')) expect(line, `${name}/${file}`).toMatch(/^\s*\*\/$|^\s*\/\*\*.*\*\/$/);
        }
      }
    }
    const client = pkgs.get('comments')!.result.files.get('src/client.ts')!;
    expect(client).toContain("* \\@deprecated *\\/ globalThis.pwned = 'tag injection'; /\\*");
    expect(client).not.toMatch(/^\s*\* @deprecated/m);
  });
});
