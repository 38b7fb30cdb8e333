/**
 * The recorded-traffic check of `clientgen sync`: a changed provider's new
 * spec against the recordings vendored next to it, `specs/<p>/recordings/`
 * (HAR 1.2 files, or the recordings format of Datadog's API clients; see
 * verify/recordings.ts), with `clientgen verify`'s checks (verify/verify.ts).
 * A provider without that folder has no recordings; the report says so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyHook } from './sync.js';

/** Where a provider's recordings live, relative to the workspace root. */
export function recordingsDir(provider: string): string {
  return `specs/${provider}/recordings`;
}

export const recordingsVerifier: VerifyHook = async ({ provider, root, document }) => {
  const dir = join(root, recordingsDir(provider));
  if (!existsSync(dir)) return undefined;
  // Loaded on demand: Ajv is needed only when there are recordings.
  const [{ readRecordings }, { verifyExchanges }] = await Promise.all([import('../verify/recordings.js'), import('../verify/verify.js')]);
  const result = verifyExchanges(document, readRecordings(dir, root));
  return {
    exchanges: result.exchanges,
    findings: result.findings.map((f) => ({ operation: f.operation, pointer: f.pointer, message: `${f.where}: ${f.message}`, recording: f.source })),
  };
};
