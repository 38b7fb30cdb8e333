/**
 * Global setup: one Prism mock server per `specs/<provider>/openapi.yaml`,
 * each behind a bracket-fixing proxy (see bracket-proxy.ts) that listens
 * before any test file and starts its Prism on the first request; all are
 * stopped after the last test file. Tests get the URLs
 * with `inject('prism')`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startBracketProxy } from './bracket-proxy.js';
import { repoRoot, startPrism, type PrismServer } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Provider folder name → Prism base URL. */
    prism: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = join(repoRoot, 'specs');
  const providers = readdirSync(specs).filter((p) => existsSync(join(specs, p, 'openapi.yaml'))).sort();
  const servers = await Promise.all(
    providers.map(async (p) => {
      // Started on the first request to the provider (see bracket-proxy.ts): a run that never calls it never starts it.
      let prism: Promise<PrismServer> | undefined;
      const proxy = await startBracketProxy(async () => (await (prism = startPrism(join(specs, p, 'openapi.yaml')))).url);
      return { provider: p, url: proxy.url, stop: () => Promise.all([proxy.stop(), prism?.then((s) => s.stop(), () => {})]) };
    }),
  );
  project.provide('prism', Object.fromEntries(servers.map((s) => [s.provider, s.url])));
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
