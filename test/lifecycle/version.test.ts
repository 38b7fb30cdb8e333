/**
 * Versions and changelogs: the semver bump (with the 0.x rule), the
 * comment-preserving provider.yaml edit, CHANGELOG.md entries, and the CI
 * guard scripts/check-versions.ts on a throwaway git repository.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANGELOG_TITLE, changeInWords, prependEntry, renderEntry, today } from '../../generator/src/lifecycle/changelog.js';
import type { Change } from '../../generator/src/lifecycle/diff.js';
import { bumpVersion, compareSemver, effectiveLevel, readProviderVersion, setProviderVersion } from '../../generator/src/lifecycle/semver.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('bumpVersion', () => {
  it.each([
    // 1.x and later: as semver says.
    ['1.4.2', 'major', '2.0.0'],
    ['1.4.2', 'minor', '1.5.0'],
    ['1.4.2', 'patch', '1.4.3'],
    ['1.4.2', 'none', '1.4.2'],
    // 0.x: every level one place to the right (breaking → minor, the rest → patch).
    ['0.1.0', 'major', '0.2.0'],
    ['0.1.3', 'major', '0.2.0'],
    ['0.1.0', 'minor', '0.1.1'],
    ['0.1.0', 'patch', '0.1.1'],
    ['0.1.0', 'none', '0.1.0'],
    ['0.0.3', 'major', '0.1.0'],
    // A prerelease is released by the bump that reaches it.
    ['1.0.0-beta.2', 'major', '1.0.0'],
    ['1.0.0-beta.2', 'patch', '1.0.0'],
    ['1.1.0-rc.1', 'major', '2.0.0'],
    ['1.1.0-rc.1', 'minor', '1.1.0'],
  ] as const)('%s + %s → %s', (from, level, to) => {
    expect(bumpVersion(from, level)).toBe(to);
  });

  it('names the level actually applied below 1.0.0', () => {
    expect(effectiveLevel('0.3.1', 'major')).toBe('minor');
    expect(effectiveLevel('0.3.1', 'minor')).toBe('patch');
    expect(effectiveLevel('2.0.0', 'major')).toBe('major');
  });

  it('orders versions', () => {
    expect(compareSemver('0.2.0', '0.1.9')).toBe(1);
    expect(compareSemver('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareSemver('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
    expect(compareSemver('1.2.3', '1.2.3')).toBe(0);
  });

  it('rejects what is not semver', () => {
    expect(() => bumpVersion('1.2', 'patch')).toThrow('"1.2" is not a semver version');
  });
});

describe('setProviderVersion', () => {
  for (const provider of ['mangrove', 'datafold', 'datadog-model-lab']) {
    it(`${provider}: changes the version line and nothing else (comments, flow style, quoting)`, () => {
      const text = readFileSync(join(repo, 'specs', provider, 'provider.yaml'), 'utf8');
      const old = readProviderVersion(text);
      const next = setProviderVersion(text, '7.8.9');
      const before = text.split('\n');
      const after = next.split('\n');
      expect(after).toHaveLength(before.length);
      const changed = before.map((l, i) => [l, after[i]]).filter(([a, b]) => a !== b);
      expect(changed).toEqual([[`version: ${old}`, 'version: 7.8.9']]);
      expect(readProviderVersion(next)).toBe('7.8.9');
      expect(setProviderVersion(next, old)).toBe(text);
    });
  }

  it('keeps quotes and trailing comments', () => {
    expect(setProviderVersion('name: x\nversion: "0.1.0" # bumped by sync\n', '0.2.0')).toBe('name: x\nversion: "0.2.0" # bumped by sync\n');
    expect(setProviderVersion("name: x\nversion: '1.0.0'\n", '1.0.1')).toBe("name: x\nversion: '1.0.1'\n");
  });

  it('inserts a missing version after `name`', () => {
    expect(setProviderVersion('# provider\nname: x # the folder\nupstream: []\n', '0.1.1')).toBe('# provider\nname: x # the folder\nversion: 0.1.1\nupstream: []\n');
    expect(readProviderVersion('name: x\n')).toBe('0.1.0');
  });
});

describe('CHANGELOG.md', () => {
  const changes: Change[] = [
    { level: 'major', rule: 'response-property-removed', location: { pointer: '/components/schemas/ModelRun/properties/state', operation: 'GET /models/{model_id}/model_runs' }, message: 'property `data[].state` was removed from the 200 response' },
    { level: 'minor', rule: 'optional-parameter-added', location: { pointer: '/paths/~1models~1{model_id}~1model_runs/get/parameters/2', operation: 'GET /models/{model_id}/model_runs' }, message: 'optional query parameter `state` was added' },
    { level: 'patch', rule: 'metadata-changed', location: { pointer: '/info/version' }, message: 'info.version changed from "1.1.0" to "1.2.0"' },
  ];

  it('renders an entry: version, date, changes in words grouped by level', () => {
    expect(renderEntry({ version: '0.2.0', date: '2026-11-25', bump: 'major', changes })).toBe(
      [
        '## 0.2.0 (2026-11-25)',
        '',
        'Upstream spec changes (bump: major).',
        '',
        '### Breaking changes',
        '',
        '- `GET /models/{model_id}/model_runs`: property `data[].state` was removed from the 200 response.',
        '',
        '### Non-breaking changes',
        '',
        '- `GET /models/{model_id}/model_runs`: optional query parameter `state` was added.',
        '',
        '### Documentation',
        '',
        '- info.version changed from "1.1.0" to "1.2.0".',
        '',
      ].join('\n'),
    );
    expect(changeInWords(changes[2]!)).toBe('info.version changed from "1.1.0" to "1.2.0".');
  });

  it('creates the file, then puts newer entries first under the title and introduction', () => {
    const first = prependEntry(undefined, renderEntry({ version: '0.1.1', date: '2026-01-02', bump: 'minor', changes: [changes[1]!] }));
    expect(first.startsWith(`${CHANGELOG_TITLE}\n\n## 0.1.1 (2026-01-02)\n`)).toBe(true);
    const withIntro = first.replace(`${CHANGELOG_TITLE}\n\n`, `${CHANGELOG_TITLE}\n\nAll notable changes.\n\n`);
    const second = prependEntry(withIntro, renderEntry({ version: '0.2.0', date: '2026-02-03', bump: 'major', changes }));
    const headings = second.split('\n').filter((l) => /^#{1,2} /.test(l));
    expect(headings).toEqual(['# Changelog', '## 0.2.0 (2026-02-03)', '## 0.1.1 (2026-01-02)']);
    expect(second).toContain('All notable changes.\n\n## 0.2.0 (2026-02-03)\n');
    expect(second).toContain('was removed from the 200 response.\n\n### Non-breaking changes');
    expect(second.endsWith(first.slice(`${CHANGELOG_TITLE}\n\n`.length))).toBe(true);
  });

  it('dates entries today (UTC) or at SOURCE_DATE_EPOCH', () => {
    expect(today({ SOURCE_DATE_EPOCH: '1764028800' })).toBe('2025-11-25');
    expect(today({})).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('scripts/check-versions.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientgen-check-versions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fixture = (name: string, file: string) => readFileSync(join(repo, 'test/fixtures/diff', name, file), 'utf8');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const provider = (version: string) => `# comment\nname: pets\nversion: ${version}\n`;
  const check = (...args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'scripts/check-versions.ts'), '--root', dir, ...args], { env: { ...process.env, CHECK_VERSIONS_BASE: '' } }, (error, stdout) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout });
      });
    });

  it('passes when there is no git repository or no previous commit', async () => {
    write('specs/pets/openapi.yaml', fixture('response-property-removed', 'old.yaml'));
    write('specs/pets/provider.yaml', provider('0.1.0'));
    expect(await check()).toEqual({ code: 0, stdout: 'check-versions: not a git work tree; nothing to compare.\n' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    expect(await check()).toEqual({ code: 0, stdout: 'check-versions: no previous commit (HEAD~1); nothing to compare.\n' });
  });

  it('fails when the spec changed the API and the version did not', async () => {
    write('specs/pets/openapi.yaml', fixture('response-property-removed', 'new.yaml'));
    git('commit', '-q', '-am', 'two: spec changed, version not');
    const r = await check();
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^check-versions: comparing specs\/\*\/openapi\.yaml and provider\.yaml versions in the working tree with HEAD~1 \([0-9a-f]{10}\)$/);
    expect(lines.slice(1)).toEqual([
      '  pets: FAIL spec changed (1 change, bump major; see `pnpm clientgen diff`) but specs/pets/provider.yaml still says version 0.1.0; expected at least 0.2.0 (run `pnpm sync`, or bump it and add a CHANGELOG entry)',
      'check-versions: 1 provider failed',
    ]);
  });

  it('passes once the version moved; warns (fails with --strict) when it moved too little', async () => {
    write('specs/pets/provider.yaml', provider('0.2.0'));
    let r = await check();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  pets: spec changed (1 change, bump major; see `pnpm clientgen diff`); version 0.1.0 → 0.2.0; ok\ncheck-versions: ok\n');
    write('specs/pets/provider.yaml', provider('0.1.1'));
    r = await check();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  pets: warning: spec changed (1 change, bump major; see `pnpm clientgen diff`); version 0.1.0 → 0.1.1 is less than the change asks for (0.2.0)');
    r = await check('--strict');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  pets: FAIL spec changed');
  });

  it('passes a text-only change, compares with --base, and reports an unknown base', async () => {
    write('specs/pets/provider.yaml', provider('0.2.0'));
    git('commit', '-q', '-am', 'three: version');
    write('specs/pets/openapi.yaml', `# a new header comment\n${fixture('response-property-removed', 'new.yaml')}`);
    git('commit', '-q', '-am', 'four: comment only');
    let r = await check();
    expect(r.stdout).toContain('  pets: spec text changed, no API change (version 0.2.0); ok');
    expect(r.code).toBe(0);
    r = await check('--base', 'HEAD~3');
    expect(r.stdout).toContain('with HEAD~3');
    expect(r.stdout).toContain('version 0.1.0 → 0.2.0; ok');
    r = await check('--base', 'no-such-rev');
    expect(r).toEqual({ code: 1, stdout: 'check-versions: cannot resolve --base no-such-rev\n' });
  });
});
