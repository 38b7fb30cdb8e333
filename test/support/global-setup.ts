/**
 * Global setup: one Prism mock server per `specs/<provider>/openapi.yaml`,
 * started in parallel before any test file, stopped after the last, each
 * behind a bracket-fixing proxy (see bracket-proxy.ts). Tests get the URLs
 * with `inject('prism')`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startBracketProxy } from './bracket-proxy.js';
import { repoRoot, startPrism } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Provider folder name → Prism base URL. */
    prism: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = join(repoRoot, 'specs');
  // CLIENTGEN_PRISM_PROVIDERS=a,b starts only those (a test that runs vitest on one provider's contract tests).
  const only = process.env.CLIENTGEN_PRISM_PROVIDERS?.split(',').filter(Boolean);
  const providers = readdirSync(specs)
    .filter((p) => existsSync(join(specs, p, 'openapi.yaml')) && (!only || only.includes(p)))
    .sort();
  const servers = await Promise.all(
    providers.map(async (p) => {
      const prism = await startPrism(join(specs, p, 'openapi.yaml'));
      const proxy = await startBracketProxy(prism.url);
      return { provider: p, url: proxy.url, stop: () => Promise.all([proxy.stop(), prism.stop()]) };
    }),
  );
  project.provide('prism', Object.fromEntries(servers.map((s) => [s.provider, s.url])));
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
