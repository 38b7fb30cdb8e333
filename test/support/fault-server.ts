/**
 * A scriptable loopback HTTP server for runtime tests.
 *
 * Each request consumes the next scripted `Behaviour` (or the fallback once
 * the script is empty): a status/headers/body reply, a delay, a connection
 * reset. Every request is recorded with method, URL, headers and body so
 * tests can assert retry counts, credentials and replayed bodies.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeEach } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (`/a/b?x=1`). */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON (with `content-type: application/json` unless given). */
  body?: string | Buffer | object;
  /** Wait this long before sending anything. */
  delayMs?: number;
  /** Send the headers and the first half of the body, the rest after this long. */
  bodyDelayMs?: number;
  /** Send the headers and the first half of the body, then destroy the socket. */
  cutBody?: boolean;
}

export type Behaviour = Reply | { reset: true; delayMs?: number } | ((request: RecordedRequest) => Reply | { reset: true });

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Appends behaviours for the next requests. */
  script(...behaviours: Behaviour[]): void;
  /** What to do once the script is exhausted (default `200 {}`). */
  fallback: Behaviour;
  /** Clears the script, the recorded requests and the fallback. */
  clear(): void;
  close(): Promise<void>;
}

/** `status` with a JSON body. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Destroys the socket without answering. */
export const reset = (): Behaviour => ({ reset: true });

/** `n` copies of a behaviour. */
export const times = (n: number, behaviour: Behaviour): Behaviour[] => Array.from({ length: n }, () => behaviour);

export async function startFaultServer(): Promise<FaultServer> {
  const queue: Behaviour[] = [];
  const sockets = new Set<Socket>();
  const state: FaultServer = {
    url: '',
    requests: [],
    fallback: json(200, {}),
    script: (...behaviours) => void queue.push(...behaviours),
    clear: () => {
      queue.length = 0;
      state.requests.length = 0;
      state.fallback = json(200, {});
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        text: body.toString('utf8'),
        at: Date.now(),
      };
      state.requests.push(recorded);
      let behaviour = queue.shift() ?? state.fallback;
      if (typeof behaviour === 'function') behaviour = behaviour(recorded);
      const act = behaviour;
      const run = () => ('reset' in act ? req.socket.destroy() : respond(res, act));
      const delay = act.delayMs ?? 0;
      if (delay > 0) {
        const timer = setTimeout(run, delay);
        res.on('close', () => clearTimeout(timer));
      } else run();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function respond(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body: string | Buffer | undefined;
  if (reply.body === undefined || typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) {
    body = reply.body;
  } else {
    body = JSON.stringify(reply.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  res.writeHead(reply.status ?? 200, headers);
  if (!reply.bodyDelayMs && !reply.cutBody) return void res.end(body);
  const bytes = Buffer.from(body ?? '');
  const half = Math.floor(bytes.length / 2);
  res.write(bytes.subarray(0, half));
  if (reply.cutBody) return void setTimeout(() => res.socket?.destroy(), 20);
  const timer = setTimeout(() => res.destroyed || res.end(bytes.subarray(half)), reply.bodyDelayMs);
  res.on('close', () => clearTimeout(timer));
}

/**
 * The fault server of one test file: started now (call it with top-level
 * `await`), cleared before each test, closed after the file.
 */
export async function useFaultServer(): Promise<FaultServer> {
  const server = await startFaultServer();
  afterAll(() => server.close());
  beforeEach(() => server.clear());
  return server;
}
