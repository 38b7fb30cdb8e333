import type { ApiDescriptor } from './descriptor.js';
import { VERSION } from './version.js';

/** True in a browser, where `User-Agent` must not be set. */
export function isBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
}

/**
 * `<packageName>/<packageVersion> clientgen-runtime/<ver> node/<ver> [extra]`.
 * The `node/` part is omitted outside Node.
 */
export function userAgent(api: ApiDescriptor, extra?: string): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return [`${api.packageName}/${api.packageVersion}`, `clientgen-runtime/${VERSION}`, node && `node/${node}`, extra]
    .filter(Boolean)
    .join(' ');
}
