/**
 * How `clientgen sync` gets upstream documents: a `Fetcher` is any
 * `(url) => Promise<text>`. The default one uses the global `fetch` for
 * http(s) URLs and reads `file:` URLs from disk.
 *
 * Source base (tests, mirrors, air-gapped CI): with `--source-base <url>` or
 * `CLIENTGEN_SYNC_BASE=<url>`, every http(s) upstream URL is rewritten to
 *
 *   <base>/<original host><original path><original query>
 *
 * e.g. base `http://127.0.0.1:4010` turns
 * `https://docs.mangrovesystems.com/api-reference/model-runs/get-all-model-runs.md`
 * into `http://127.0.0.1:4010/docs.mangrovesystems.com/api-reference/model-runs/get-all-model-runs.md`,
 * so one loopback server (or a static mirror directory) can serve the pages
 * of several hosts. Nothing else is sent anywhere.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export type Fetcher = (url: string) => Promise<string>;

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpFetcherOptions {
  /** Rewrite http(s) URLs to `<sourceBase>/<host><path>` (see above). */
  sourceBase?: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** The `fetch` to use; default the global one. */
  fetch?: typeof fetch;
}

/** The URL actually requested for `url` under `sourceBase`. */
export function rewriteUrl(url: string, sourceBase?: string): string {
  if (!sourceBase) return url;
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
  return `${sourceBase.replace(/\/+$/, '')}/${u.host}${u.pathname}${u.search}`;
}

export function httpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchError(url, `not a URL: ${JSON.stringify(url)}`);
    }
    if (parsed.protocol === 'file:') {
      try {
        return await readFile(fileURLToPath(parsed), 'utf8');
      } catch (error) {
        throw new FetchError(url, `cannot read ${url}: ${(error as Error).message}`);
      }
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError(url, `unsupported URL scheme ${parsed.protocol} in ${url}`);
    const target = rewriteUrl(url, options.sourceBase);
    const via = target === url ? '' : ` (via ${target})`;
    let response: Response;
    try {
      response = await doFetch(target, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/markdown, application/yaml, application/json, text/plain;q=0.9, */*;q=0.5' } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = (error as Error).name === 'TimeoutError' ? `no response within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new FetchError(url, `GET ${url}${via} failed: ${reason}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError(url, `GET ${url}${via} → ${response.status} ${response.statusText}`.trimEnd());
    }
    return await response.text();
  };
}
