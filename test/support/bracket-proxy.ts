/**
 * A pass-through proxy in front of Prism that works around Prism's handling
 * of bracketed query names (stoplightio/prism#2017): Prism matches
 * `filter[status]` only when the key arrives percent-encoded twice. The proxy
 * rewrites `[`/`]` in query keys (raw or %5B/%5D) to `%255B`/`%255D`, so
 * Prism validates them; everything else is forwarded byte for byte.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';

export function rewriteBracketKeys(search: string): string {
  if (!search) return search;
  return (
    '?' +
    search
      .slice(1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const key = eq === -1 ? pair : pair.slice(0, eq);
        const rest = eq === -1 ? '' : pair.slice(eq);
        return key.replace(/\[|%5B/gi, '%255b').replace(/\]|%5D/gi, '%255d') + rest;
      })
      .join('&')
  );
}

/**
 * `target` is Prism's URL, or a function that starts it: then the proxy
 * listens at once and starts Prism on the first request, so a test run that
 * never calls a provider never pays for its Prism.
 */
export async function startBracketProxy(target: string | (() => Promise<string>)): Promise<{ url: string; stop(): Promise<void> }> {
  let upstreamUrl: Promise<URL> | undefined = typeof target === 'string' ? Promise.resolve(new URL(target)) : undefined;
  const upstreamOf = () => (upstreamUrl ??= (target as () => Promise<string>)().then((u) => new URL(u)));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    let upstream: URL;
    try {
      upstream = await upstreamOf();
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bracket proxy: Prism did not start: ${(error as Error).message}`);
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: url.pathname + rewriteBracketKeys(url.search),
        headers: { ...req.headers, host: upstream.host },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bracket proxy: ${error.message}`);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
