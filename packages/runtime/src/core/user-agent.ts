import type { ApiDescriptor } from './descriptor.js';
import { VERSION } from './version.js';

/**
 * `{ 'User-Agent': '<packageName>/<packageVersion> clientgen-runtime/<ver> node/<ver> [extra]' }`,
 * the `node/` part only in Node; `{}` in a browser, where `User-Agent` must not be set.
 */
export function userAgentHeader(api: ApiDescriptor, extra?: string): Record<string, string> {
  const g = globalThis as { document?: unknown; process?: { versions?: { node?: string } } };
  if (typeof g.document !== 'undefined') return {};
  const node = g.process?.versions?.node;
  return {
    'User-Agent': [`${api.packageName}/${api.packageVersion}`, `clientgen-runtime/${VERSION}`, node && `node/${node}`, extra].filter(Boolean).join(' '),
  };
}
