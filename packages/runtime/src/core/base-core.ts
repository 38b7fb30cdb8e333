/**
 * `BaseCore`: what every operation call runs on. It resolves the base URL and
 * credentials once and runs operations from their `OperationDescriptor`: flat
 * params in, parsed body (or a typed `ApiError`) out. Operations build their
 * request themselves and hand it to the transport directly: openapi-fetch
 * would only add a second `Request` per call (and its own parsing) on the hot
 * path. `Core` (client.ts) adds `raw` and `paginate` for the client classes;
 * the standalone functions of a generated package (`/funcs`) take a
 * `BaseCore`, so a bundle that imports only those carries neither.
 */
import type { ApiDescriptor, OperationDescriptor } from './descriptor.js';
import { createAuth } from './auth.js';
import { defaultEnv } from './env.js';
import { AbortedError, ApiError, ClientgenError, ConnectionError, ResponseParseError, TimeoutError } from './error.js';
import { resolveLogger } from './logger.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, INTERNAL, type ClientOptions, type RequestOptions } from './options.js';
import type { SerializedBody } from './body.js';
import { assertHeaders, formQuery, serializePath, splitParams } from './params.js';
import { redactHeaders, scrub } from './redact.js';
import { requestIdOf } from './request-id.js';
import { sleep } from './retry.js';
import { resolveBaseUrl } from './servers.js';
import { discard, target, transport, type CallSettings, type Outgoing, type TransportContext } from './transport.js';
import { userAgentHeader } from './user-agent.js';

/** A successful call: the parsed body and the `Response` it came from (body already consumed unless streamed). */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

/** The runtime of one client: base URL, credentials, retries, timeouts, typed errors. */
export class BaseCore {
  readonly api: ApiDescriptor;
  /** Base URL after server variables / the `baseUrl` option, without trailing slash. */
  readonly baseUrl: string;
  readonly #ctx: TransportContext;
  /** User-Agent and client headers, under the headers of each call. */
  readonly #headers: Record<string, string>;

  /**
   * Resolves the base URL and credentials. Throws `ClientValidationError` for
   * a server variable outside its enum, a `baseUrl` that is not a URL or a
   * header with a line break, and `MissingCredentialsError` when the API needs
   * credentials that are neither in `options` nor in the environment.
   */
  constructor(api: ApiDescriptor, options: ClientOptions = {}) {
    const all = options as ClientOptions & Record<string, unknown>;
    const env = options.env ?? defaultEnv();
    const internal = options[INTERNAL] ?? {};
    this.api = api;
    this.baseUrl = resolveBaseUrl(api, all, env);
    this.#ctx = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      auth: createAuth(api, all, env),
      logger: resolveLogger(api.displayName, options.logger, env),
      requestIdHeaders: api.requestIdHeaders,
      sleep: internal.sleep ?? sleep,
      random: internal.random ?? Math.random,
      maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
    assertHeaders(options.headers);
    this.#headers = { ...userAgentHeader(api, options.userAgent), ...options.headers };
  }

  /** The client headers (User-Agent and the `headers` option), for `Core.raw`. */
  protected get clientHeaders(): Readonly<Record<string, string>> {
    return this.#headers;
  }

  /** Sends a request built elsewhere (`Core.raw`) with the client's auth, retries and timeouts. */
  protected sendParts(out: Outgoing, signal: AbortSignal): Promise<Response> {
    const ctx = this.#ctx;
    return transport(ctx, { maxRetries: ctx.maxRetries, timeoutMs: ctx.timeoutMs }, out, signal);
  }

  /** Runs `op` with flat `params` (path, query, header, cookie names and `body`); resolves to the parsed 2xx body. */
  async request<T>(op: OperationDescriptor, params?: object, options?: RequestOptions): Promise<T> {
    return (await this.requestWithResponse<T>(op, params, options)).data;
  }

  /** Like `request`, also returning the `Response` (headers, status). */
  async requestWithResponse<T>(op: OperationDescriptor, params?: object, options: RequestOptions = {}): Promise<WithResponse<T>> {
    const split = splitParams(op, params);
    assertHeaders(options.headers);
    const headers: Record<string, string> = { ...split.header, ...options.headers };
    if (split.cookie) headers.Cookie = split.cookie;
    let body: SerializedBody | undefined;
    if (op.body && split.body !== undefined) {
      body = op.body.encode(split.body, op.body.mediaType);
      if (body.contentType) headers['Content-Type'] = body.contentType;
    }
    // As openapi-fetch's createFinalURL builds it for `core.raw`.
    const query = (op.encodeQuery ?? formQuery)(split.query);
    const url = serializePath(this.baseUrl + op.path, split.path) + (query && `?${query}`);
    return this.send<T>(op, op.method, op.path, url, options, headers, body);
  }

  /**
   * Sends `method url` with the client's and `headers` (`path` only names the
   * call in errors before it was sent) and turns the result into data or an
   * error: an `ApiError` for a non-2xx response (headers and body redacted),
   * a `ResponseParseError` for a bad JSON body. Internal: for the runtime's own modules (`paginate` follows
   * next-page links with it), not part of the API a generated client documents.
   */
  async send<T>(
    op: OperationDescriptor,
    method: string,
    path: string,
    url: string,
    options: RequestOptions,
    headers: Record<string, string>,
    body?: SerializedBody,
  ): Promise<WithResponse<T>> {
    const ctx = this.#ctx;
    const kind = op.response;
    const call: CallSettings = {
      operationId: op.id,
      security: op.security,
      maxRetries: Math.max(0, options.maxRetries ?? ctx.maxRetries),
      timeoutMs: options.timeoutMs ?? ctx.timeoutMs,
      idempotent: options.idempotent,
      // The timeout covers reading the body too, except for streams the caller reads later.
      holdDeadline: kind !== 'stream',
    };
    const scrubbed = <V>(value: V) => scrub(value, ctx.auth.secrets);
    try {
      const stream = typeof body?.body === 'function';
      // A stream body needs `duplex: 'half'`.
      const parts: Outgoing = { method, url, headers: withHeaders(this.#headers, headers), body: body?.body, ...(stream && { duplex: 'half' }) };
      const response = await transport(ctx, call, parts, options.signal);
      // No body: 204, HEAD, or `Content-Length: 0` (not chunked).
      const empty =
        response.status === 204 ||
        method === 'HEAD' ||
        (response.headers.get('Content-Length') === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'));
      const about = () => ({ ...target(ctx, call), status: response.status, requestId: requestIdOf(response.headers, ctx.requestIdHeaders) });
      if (!response.ok) {
        // The body as JSON when it parses, else as text.
        let error: unknown = empty ? undefined : await response.text();
        try {
          error = JSON.parse(error as string);
        } catch {}
        throw ApiError.from({
          ...about(),
          statusText: scrubbed(response.statusText),
          headers: scrubbed(redactHeaders(response.headers, ctx.auth.secretHeaderNames)),
          body: scrubbed(error),
        });
      }
      if (kind === 'none') await discard(response);
      if (kind !== 'json') {
        return { data: (kind === 'none' || empty ? undefined : kind === 'stream' ? response.body : await response[kind]()) as T, response };
      }
      // JSON: empty → undefined; non-JSON content type or malformed JSON → ResponseParseError.
      const text = await response.text();
      if (!text.trim()) return { data: undefined as T, response };
      const contentType = response.headers.get('content-type') ?? undefined;
      const fail = (reason: string) => new ResponseParseError({ ...about(), contentType, body: scrubbed(text.slice(0, 1000)), reason });
      if (contentType && !/[/+]json\b/i.test(contentType)) throw fail(`Expected JSON but got ${contentType.split(';')[0]}`);
      try {
        return { data: JSON.parse(text) as T, response };
      } catch {
        throw fail('Malformed JSON');
      }
    } catch (error) {
      if (error instanceof ClientgenError) throw error;
      const info = call.url ? target(ctx, call) : { operationId: op.id, method, url: `${this.baseUrl}${path}` };
      if (options.signal?.aborted) throw new AbortedError(info, { cause: error });
      if (call.deadline?.timedOut) throw new TimeoutError(info, call.timeoutMs); // body too slow
      if (call.deadline) throw new ConnectionError(info, undefined, { cause: error }); // body cut off
      throw error;
    } finally {
      call.deadline?.clear();
    }
  }
}

/** `base` (a record) then `extra` (call headers win, names compared case-insensitively), as `Headers`. */
function withHeaders(base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): Headers {
  const headers = new Headers(base);
  for (const name in extra) headers.set(name, extra[name]!);
  return headers;
}
