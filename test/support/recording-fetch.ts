/**
 * A real `fetch` that also keeps what was sent, so tests can assert the wire
 * format (auth headers, literal query names) of a real round trip.
 */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
}

export function recordingFetch(): { fetch: (request: Request) => Promise<Response>; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch: (request: Request) => {
      sent.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers) });
      return globalThis.fetch(request);
    },
  };
}

/** A real `fetch` that drops one header before sending: a client that gets the auth shape wrong. */
export function fetchWithout(header: string): (request: Request) => Promise<Response> {
  return (request: Request) => {
    const headers = new Headers(request.headers);
    headers.delete(header);
    return globalThis.fetch(new Request(request, { headers }));
  };
}
