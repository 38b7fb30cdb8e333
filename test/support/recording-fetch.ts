/**
 * A real `fetch` that also keeps what was sent, so tests can assert the wire
 * format (auth headers, literal query names) of a real round trip.
 */
import type { Fetch } from '../../packages/runtime/src/index.js';

export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The body as text (`''` without one). */
  body: string;
  /** The query's `name=value` pairs as sent (still encoded), sorted. */
  query: string[];
}

export function recordingFetch(): { fetch: Fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const query = url.search ? url.search.slice(1).split('&').sort() : [];
      sent.push({ method: request.method, url, headers: new Headers(request.headers), body: await request.clone().text(), query });
      return globalThis.fetch(request);
    },
  };
}

/** A real `fetch` that drops one header before sending: a client that gets the auth shape wrong. */
export function fetchWithout(header: string): Fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.delete(header);
    return globalThis.fetch(new Request(request, { headers }));
  };
}
