// Supply chain: exact pins, a frozen lockfile in the test command, and no dependency install script that would run.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/prism.js';

const read = (p: string) => readFileSync(join(repoRoot, p), 'utf8');
const workspaceManifests = ['package.json', 'generator/package.json', 'test/package.json', ...readdirSync(join(repoRoot, 'packages')).map((p) => `packages/${p}/package.json`)].filter((p) =>
  existsSync(join(repoRoot, p)),
);

describe('supply chain', () => {
  it('every dependency of every workspace package is pinned to an exact version (or the workspace)', () => {
    const loose: string[] = [];
    for (const file of workspaceManifests) {
      const pkg = JSON.parse(read(file)) as Record<string, Record<string, string> | undefined>;
      for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
        for (const [name, range] of Object.entries(pkg[field] ?? {})) {
          if (!/^(\d+\.\d+\.\d+(-[\w.]+)?|workspace:[*^~]?)$/.test(range)) loose.push(`${file} ${field}.${name}: ${range}`);
        }
      }
    }
    expect(loose).toEqual([]);
  });

  it('the test command installs from the lockfile only, and the lockfile records integrity hashes', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toContain('install --frozen-lockfile');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
    const lock = parse(read('pnpm-lock.yaml')) as { packages: Record<string, { resolution?: { integrity?: string } }> };
    const withoutIntegrity = Object.entries(lock.packages).filter(([, p]) => !p.resolution?.integrity);
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
    expect(withoutIntegrity.map(([k]) => k)).toEqual([]);
  });

  it('no installed package with an install script is allowed to run it', () => {
    const settings = parse(read('pnpm-workspace.yaml')) as { ignoredBuiltDependencies?: string[]; onlyBuiltDependencies?: string[] };
    expect(settings.onlyBuiltDependencies ?? []).toEqual([]);
    const ignored = new Set(settings.ignoredBuiltDependencies ?? []);
    const store = join(repoRoot, 'node_modules', '.pnpm');
    const withScripts = new Set<string>();
    for (const entry of readdirSync(store)) {
      const modules = join(store, entry, 'node_modules');
      if (!existsSync(modules)) continue;
      for (const scopeOrName of readdirSync(modules)) {
        const names = scopeOrName.startsWith('@') ? readdirSync(join(modules, scopeOrName)).map((n) => `${scopeOrName}/${n}`) : [scopeOrName];
        for (const name of names) {
          const manifest = join(modules, name, 'package.json');
          if (!existsSync(manifest)) continue;
          const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
          if (scripts.preinstall || scripts.install || scripts.postinstall) withScripts.add(name);
        }
      }
    }
    expect(withScripts.size).toBeGreaterThan(0);
    expect([...withScripts].filter((n) => !ignored.has(n)).sort()).toEqual([]);
  });
});
