/**
 * CI guard: a provider's spec must not change without a new package version.
 *
 *   tsx scripts/check-versions.ts [--base <rev>] [--strict]
 *
 * Compares every `specs/<provider>/openapi.yaml` in the working tree with the
 * same file at the merge base of HEAD and `--base` (default `HEAD~1`, the
 * previous commit; env CHECK_VERSIONS_BASE also works), and fails when a spec
 * changed the API (per `clientgen diff`: bump patch or more) while `version`
 * in `specs/<provider>/provider.yaml` stayed the same. A version that moved
 * less than the diff asks for (see generator/src/lifecycle/semver.ts, 0.x
 * rule included) is a warning, an error with `--strict`.
 *
 * Passes with a note when there is nothing to compare: no git repository, no
 * previous commit (first commit, shallow clone without history), a provider
 * that is new or was removed, or a spec whose text changed without any API
 * change (comments, key order).
 *
 * Hand edits of packages/ without regenerating are caught elsewhere
 * (`pnpm generate --check`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocumentText } from '../generator/src/load/read-document.js';
import { diffSpecs } from '../generator/src/lifecycle/diff.js';
import { bumpVersion, compareSemver, readProviderVersion } from '../generator/src/lifecycle/semver.js';

interface Options {
  root: string;
  base?: string;
  strict: boolean;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { root: resolve(fileURLToPath(new URL('..', import.meta.url))), strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const [, inline] = a.split(/=(.*)/s);
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--base' || a.startsWith('--base=')) opts.base = value();
    else if (a === '--root' || a.startsWith('--root=')) opts.root = resolve(value());
    else if (a === '--strict') opts.strict = true;
    else throw new Error(`unknown argument ${a} (usage: tsx scripts/check-versions.ts [--base <rev>] [--strict])`);
  }
  return opts;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

export function checkVersions(opts: Options, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
  const { root } = opts;
  if (git(root, ['rev-parse', '--is-inside-work-tree'])?.trim() !== 'true') {
    out('check-versions: not a git work tree; nothing to compare.');
    return 0;
  }
  const explicit = opts.base ?? (process.env.CHECK_VERSIONS_BASE || undefined);
  const base = explicit ?? 'HEAD~1';
  const baseSha = git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`])?.trim();
  if (!baseSha) {
    if (explicit) {
      out(`check-versions: cannot resolve --base ${explicit}`);
      return 1;
    }
    out('check-versions: no previous commit (HEAD~1); nothing to compare.');
    return 0;
  }
  const mergeBase = git(root, ['merge-base', 'HEAD', baseSha])?.trim() || baseSha;
  const short = mergeBase.slice(0, 10);
  out(`check-versions: comparing specs/*/openapi.yaml and provider.yaml versions in the working tree with ${mergeBase === baseSha ? base : `the merge base of HEAD and ${base}`} (${short})`);

  const show = (path: string) => git(root, ['show', `${mergeBase}:${path}`]);
  const before = (git(root, ['ls-tree', '--name-only', `${mergeBase}:specs`]) ?? '').split('\n').filter(Boolean);
  const now = existsSync(join(root, 'specs')) ? readdirSync(join(root, 'specs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  const providers = [...new Set([...before, ...now])].sort();

  let failures = 0;
  for (const p of providers) {
    const specPath = `specs/${p}/openapi.yaml`;
    const providerPath = `specs/${p}/provider.yaml`;
    const oldSpec = show(specPath);
    const newSpec = existsSync(join(root, specPath)) ? readFileSync(join(root, specPath), 'utf8') : undefined;
    if (oldSpec === undefined && newSpec === undefined) continue;
    if (oldSpec === undefined) {
      out(`  ${p}: new provider; nothing to compare`);
      continue;
    }
    if (newSpec === undefined) {
      out(`  ${p}: spec removed; nothing to compare`);
      continue;
    }
    const oldProvider = show(providerPath);
    const newProvider = existsSync(join(root, providerPath)) ? readFileSync(join(root, providerPath), 'utf8') : undefined;
    const oldVersion = oldProvider !== undefined ? readProviderVersion(oldProvider) : undefined;
    const newVersion = newProvider !== undefined ? readProviderVersion(newProvider) : undefined;
    if (oldSpec === newSpec) {
      out(`  ${p}: spec unchanged (version ${newVersion ?? '-'})`);
      continue;
    }
    let level;
    let count;
    try {
      const report = diffSpecs(parseDocumentText(`${short}:${specPath}`, oldSpec), parseDocumentText(specPath, newSpec));
      level = report.bump;
      count = report.changes.length;
    } catch (error) {
      out(`  ${p}: FAIL cannot compare the specs: ${(error as Error).message}`);
      failures++;
      continue;
    }
    if (level === 'none') {
      out(`  ${p}: spec text changed, no API change (version ${newVersion ?? '-'}); ok`);
      continue;
    }
    const what = `spec changed (${count} change${count === 1 ? '' : 's'}, bump ${level}; see \`pnpm clientgen diff\`)`;
    if (oldVersion === undefined || newVersion === undefined) {
      out(`  ${p}: ${what}; provider.yaml ${newVersion === undefined ? 'is missing' : 'is new'}; ok`);
      continue;
    }
    if (oldVersion === newVersion) {
      out(`  ${p}: FAIL ${what} but ${providerPath} still says version ${newVersion}; expected at least ${bumpVersion(oldVersion, level)} (run \`pnpm sync\`, or bump it and add a CHANGELOG entry)`);
      failures++;
      continue;
    }
    const expected = bumpVersion(oldVersion, level);
    if (compareSemver(newVersion, expected) < 0) {
      const line = `${what}; version ${oldVersion} → ${newVersion} is less than the change asks for (${expected})`;
      if (opts.strict) {
        out(`  ${p}: FAIL ${line}`);
        failures++;
      } else out(`  ${p}: warning: ${line}`);
      continue;
    }
    out(`  ${p}: ${what}; version ${oldVersion} → ${newVersion}; ok`);
  }
  out(failures ? `check-versions: ${failures} provider${failures === 1 ? '' : 's'} failed` : 'check-versions: ok');
  return failures ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = checkVersions(parseOptions(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`check-versions: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
