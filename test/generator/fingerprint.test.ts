// `generate-all`'s no-op detection: the fingerprint of a package's inputs changes with each of them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'clientgen-fingerprint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'generator/src/generate.ts': 'export {};',
  'generator/bin/clientgen.js': '// bin',
  'generator/package.json': '{}',
  'packages/runtime/package.json': '{ "version": "0.1.0" }',
  'package.json': '{}',
  'pnpm-lock.yaml': 'lockfileVersion: 9.0',
  'specs/acme/openapi.yaml': 'openapi: 3.1.0',
  'specs/acme/provider.yaml': 'name: acme',
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** The fingerprint from a fresh module instance (the generator's hash is cached per process). */
async function fingerprint(): Promise<string> {
  vi.resetModules();
  const { inputFingerprint } = await import('../../generator/src/write/fingerprint.js');
  return inputFingerprint(root, 'acme');
}

describe('input fingerprint', () => {
  it('is stable, and changes with the spec, provider.yaml, the generator sources, its bin and the lockfile', async () => {
    const first = await fingerprint();
    expect(await fingerprint()).toBe(first);
    const seen = new Set([first]);
    for (const file of ['specs/acme/openapi.yaml', 'specs/acme/provider.yaml', 'generator/src/generate.ts', 'generator/bin/clientgen.js', 'pnpm-lock.yaml']) {
      writeFileSync(join(root, file), `${files[file]}\n// edited`);
      const next = await fingerprint();
      expect(seen.has(next), file).toBe(false);
      seen.add(next);
    }
  });
});
