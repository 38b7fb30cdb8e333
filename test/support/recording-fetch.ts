/**
 * A real `fetch` that also keeps what was sent, so tests can assert the wire
 * format (auth headers, literal query names) of a real round trip.
 */
import type { Fetch } from '../../packages/runtime/src/index.js';

export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
}

export function recordingFetch(): { fetch: Fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch: (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers) });
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
