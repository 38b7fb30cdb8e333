/**
 * Breaking-change detection: one fixture pair per rule under
 * test/fixtures/diff/<rule>[@variant]/{old,new}.yaml with the expected
 * report (expected.txt), run through the function and the CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULES, diffSpecs, formatReport, type RuleId } from '../../generator/src/lifecycle/diff.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(repo, 'test/fixtures/diff');
const cli = join(repo, 'generator/bin/clientgen.js');
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const read = (...p: string[]) => readFileSync(join(...p), 'utf8');

function clientgen(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: repo, env: { ...process.env, INIT_CWD: repo } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('diff rules', () => {
  it('has a fixture for every rule, whose report names that rule', () => {
    const missing = (Object.keys(RULES) as RuleId[]).filter((rule) => {
      if (!cases.includes(rule)) return true;
      return !read(fixtures, rule, 'expected.txt').split('\n').some((l) => l.split(' ')[1] === rule);
    });
    expect(missing).toEqual([]);
  });

  it('every fixture folder is a rule (or `none`), optionally with @variant', () => {
    const unknown = cases.map((c) => c.split('@')[0]!).filter((r) => r !== 'none' && !(r in RULES));
    expect(unknown).toEqual([]);
  });
});

describe('diffSpecs on the fixtures', () => {
  for (const name of cases) {
    it(name, () => {
      const expected = read(fixtures, name, 'expected.txt');
      const report = diffSpecs(parse(read(fixtures, name, 'old.yaml')), parse(read(fixtures, name, 'new.yaml')));
      expect(formatReport(report)).toBe(expected);
      // The bump is the largest level, and each change's level is its rule's.
      for (const c of report.changes) expect(c.level).toBe(RULES[c.rule].level);
      if (name.startsWith('none')) expect(report).toEqual({ changes: [], bump: 'none' });
      else expect(report.changes.map((c) => c.rule)).toContain(name.split('@')[0]);
    });
  }
});

describe('clientgen diff (CLI)', () => {
  // The function test above checks every fixture's report; the CLI, whose every run is a node + tsx start-up
  // (~0.5 s), is checked on one fixture per bump level plus a multi-change one.
  const byLevel = new Map<string, string>();
  for (const name of cases) {
    const level = read(fixtures, name, 'expected.txt').trimEnd().split('\n').at(-1)!;
    if (!byLevel.has(level)) byLevel.set(level, name);
  }
  const cliCases = [...new Set([...byLevel.values(), ...cases.filter((c) => read(fixtures, c, 'expected.txt').trimEnd().split('\n').length > 3).slice(0, 1)])];

  it('prints the expected report (one fixture per bump level), last line `bump: <level>`, exit 0', async () => {
    expect([...byLevel.keys()].sort()).toEqual(['bump: major', 'bump: minor', 'bump: none', 'bump: patch']);
    const results: { name: string; code: number; stdout: string; stderr: string }[] = [];
    const queue = [...cliCases];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        results.push({ name, ...(await clientgen(['diff', join(fixtures, name, 'old.yaml'), join(fixtures, name, 'new.yaml')])) });
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, Math.min(6, availableParallelism())) }, worker));
    expect(results).toHaveLength(cliCases.length);
    for (const r of results) {
      expect({ name: r.name, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ name: r.name, code: 0, stdout: read(fixtures, r.name, 'expected.txt'), stderr: '' });
      expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^bump: (major|minor|patch|none)$/);
    }
  }, 90_000);

  const temp = mkdtempSync(join(tmpdir(), 'clientgen-diff-test-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('exits 1 naming the file when it cannot be read', async () => {
    const missing = join(temp, 'missing.yaml');
    const r = await clientgen(['diff', missing, join(fixtures, 'none/new.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${missing} #: cannot read file`);
  });

  it('exits 1 with file:line:column when a file cannot be parsed', async () => {
    const bad = join(temp, 'bad.yaml');
    writeFileSync(bad, 'openapi: 3.1.0\ninfo:\n  title: x\n   version: 1\n');
    const r = await clientgen(['diff', join(fixtures, 'none/old.yaml'), bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+ #[^\\n]*: invalid YAML`));
  });

  it('exits 1 for a document that is not OpenAPI', async () => {
    const notOpenApi = join(temp, 'list.yaml');
    writeFileSync(notOpenApi, '- a\n- b\n');
    const r = await clientgen(['diff', notOpenApi, join(fixtures, 'none/new.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not an OpenAPI document');
  });

  it('exits 2 on wrong usage', async () => {
    const r = await clientgen(['diff', join(fixtures, 'none/old.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: clientgen diff <old-spec> <new-spec>');
  });
});

describe('diffSpecs on the vendored specs', () => {
  for (const provider of ['mangrove', 'datafold', 'datadog-model-lab']) {
    it(`${provider}: identical → none; every operation removed → major`, () => {
      const doc = parse(read(repo, 'specs', provider, 'openapi.yaml')) as { paths: Record<string, unknown> };
      expect(diffSpecs(doc, structuredClone(doc))).toEqual({ changes: [], bump: 'none' });
      const empty = { ...structuredClone(doc), paths: {} };
      const report = diffSpecs(doc, empty);
      expect(report.bump).toBe('major');
      const removed = report.changes.filter((c) => c.rule === 'operation-removed');
      const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item as object).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)));
      expect(removed).toHaveLength(operations.length);
    });
  }

  it('datadog-model-lab: the servers overlay undone reads as added servers and site values (minor)', () => {
    const doc = parse(read(repo, 'specs/datadog-model-lab/openapi.yaml')) as { servers: { url: string; variables?: Record<string, { enum?: string[] }> }[] };
    const wider = structuredClone(doc);
    wider.servers[0]!.variables!.site!.enum!.push('uk1.datadoghq.com');
    wider.servers.push({ url: '{protocol}://{name}' });
    const report = diffSpecs(doc, wider);
    expect(report.changes.map((c) => c.rule)).toEqual(['server-added', 'server-enum-value-added']);
    expect(report.bump).toBe('minor');
    // … and the other way round is breaking.
    expect(diffSpecs(wider, doc).bump).toBe('major');
  });
});
