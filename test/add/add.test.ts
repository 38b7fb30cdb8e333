/**
 * `clientgen add` on a real public spec that is not one of ours (Vonage's
 * Application API v2 from the APIs.guru directory: basic auth, page-number
 * pagination, JSON bodies), in a throwaway copy of the workspace: it writes
 * the provider and its package, and the contract tests generated with the
 * package cover every operation through Prism, with no hand-written test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../generator/support/packages.js';
import { copyWorkspace } from '../release/workspace-copy.js';

const ws = copyWorkspace(repoRoot, '@clientgen');
const reports = mkdtempSync(join(tmpdir(), 'clientgen-add-report-'));
afterAll(() => {
  ws.remove();
  rmSync(reports, { recursive: true, force: true });
});

const spec = join(repoRoot, 'test/fixtures/specs/real-world/nexmo-application.v2.json');
const name = 'vonage-applications';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // Not this vitest's own variables: the nested run is a run of its own.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ws.root, env: { ...base, ...env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
const clientgen = (...args: string[]) => run(process.execPath, [join(ws.root, 'generator/bin/clientgen.js'), ...args]);

describe('clientgen add', () => {
  it('adds a provider from a public spec; its generated contract tests pass through Prism for every operation', { timeout: 240_000 }, async () => {
    const added = await clientgen('add', name, '--from', spec, '--no-install');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`@clientgen/${name}: 5 operations → packages/${name}\n`);
    expect(added.stdout).toContain('Review before you commit:');

    // provider.yaml: inferred settings, each explained.
    const providerText = readFileSync(join(ws.root, 'specs', name, 'provider.yaml'), 'utf8');
    const provider = parse(providerText) as Record<string, any>;
    expect(provider).toMatchObject({
      name,
      displayName: 'Application API',
      version: '0.1.0',
      upstream: [{ url: expect.stringMatching(/nexmo-application\.v2\.json$/), format: 'openapi' }],
      credentials: { username: { scheme: 'basicAuth', env: 'VONAGE_APPLICATIONS_USERNAME', passwordOption: 'password', passwordEnv: 'VONAGE_APPLICATIONS_PASSWORD' } },
    });
    expect(providerText).toContain('# components.securitySchemes.basicAuth: sent as the Authorization: Basic header (username).');
    expect(providerText).toContain('# From info.title.');
    // Wired into the test project; the package and its contract tests are there.
    const testPackage = JSON.parse(readFileSync(join(ws.root, 'test/package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(testPackage.devDependencies[`@clientgen/${name}`]).toBe('workspace:*');
    expect(existsSync(join(ws.root, 'packages', name, 'src/client.ts'))).toBe(true);
    const contract = readFileSync(join(ws.root, 'packages', name, 'test/contract.test.ts'), 'utf8');
    expect(contract).toContain('Basic ');

    // It refuses to overwrite, and leaves what is there.
    const again = await clientgen('add', name, '--from', spec, '--no-install');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`provider "${name}" exists (specs/${name}); to update it from upstream run \`pnpm sync ${name}\``);

    // What `pnpm install` links for the new workspace package (the copy shares the real node_modules, which must not change).
    mkdirSync(join(ws.root, 'packages', name, 'node_modules/@clientgen'), { recursive: true });
    symlinkSync(join(repoRoot, 'packages/runtime'), join(ws.root, 'packages', name, 'node_modules/@clientgen/runtime'));

    // The generated contract tests, run by vitest in the copy with its global setup (which starts the new spec's Prism when called).
    const report = join(reports, 'contract.json');
    const vitest = await run(
      process.execPath,
      [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/vitest.config.ts', `packages/${name}/test`, '--reporter=json', `--outputFile=${report}`],
    );
    expect(vitest.code, `${vitest.stdout}\n${vitest.stderr}`).toBe(0);
    const results = JSON.parse(readFileSync(report, 'utf8')) as { numFailedTests: number; numPassedTests: number; testResults: { assertionResults: { title: string; status: string }[] }[] };
    expect(results.numFailedTests).toBe(0);
    const passed = results.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'passed').map((a) => a.title));
    const operations = ['listApplication', 'createApplication', 'getApplication', 'updateApplication', 'deleteApplication'];
    for (const op of operations) expect(passed.some((t) => t.startsWith(`${op}: `) && !t.includes('→')), `${op} in ${passed.join(', ')}`).toBe(true);
    expect(passed.filter((t) => !t.includes('→'))).toHaveLength(operations.length);
  });
});
