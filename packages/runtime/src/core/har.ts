/**
 * Recording real calls as HAR 1.2, for `clientgen verify`: a `fetch` wrapper
 * that keeps each exchange (credentials and secret headers redacted, bodies
 * capped) while the client works as usual.
 *
 * ```ts
 * const recorder = harRecorder();
 * const client = createClient({ fetch: recorder.fetch });
 * … calls …
 * writeFileSync('calls.har', JSON.stringify(await recorder.har()));
 * ```
 *
 * Nothing here is imported by a client unless the program imports it.
 */
import type { Fetch } from './options.js';
import { redactHeaders, redactUrl, scrub } from './redact.js';
import { VERSION } from './version.js';

export interface HarRecorderOptions {
  /** The `fetch` that sends (default `globalThis.fetch`). */
  fetch?: Fetch;
  /** Bodies longer than this many bytes (UTF-8) are cut; default 64 KiB. */
  maxBodyBytes?: number;
  /** Header names to mask besides the auth-like ones (`Authorization`, `Cookie`, `*-Api-Key`, `*token*`, …). */
  secretHeaders?: readonly string[];
  /** Query parameter names to mask besides the key-like ones (`api_key`, `token`, `signature`, …). */
  secretQueryNames?: readonly string[];
  /** Values to mask wherever they appear (URLs, headers, bodies): your credentials, to be sure. */
  secrets?: readonly string[];
  /** Called with each entry once its response body is read (to append it to a file as it comes). */
  onEntry?: (entry: HarEntry) => void;
}

export interface HarHeader {
  name: string;
  value: string;
}

/** One request and response of a HAR 1.2 log. */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarHeader[];
    queryString: HarHeader[];
    cookies: HarHeader[];
    headersSize: -1;
    bodySize: number;
    postData?: { mimeType: string; text: string; comment?: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarHeader[];
    cookies: HarHeader[];
    content: { size: number; mimeType: string; text?: string; comment?: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

export interface HarRecorder {
  /** Pass to the client: `createClient({ fetch: recorder.fetch })`. */
  fetch: Fetch;
  /** Entries whose response body has been read, in the order they completed. */
  readonly entries: readonly HarEntry[];
  /** The HAR document of every call so far, once their response bodies are read. */
  har(): Promise<Har>;
}

const DEFAULT_MAX_BODY = 64 * 1024;

export function harRecorder(options: HarRecorderOptions = {}): HarRecorder {
  const entries: HarEntry[] = [];
  const pending = new Set<Promise<void>>();
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const secretHeaders = new Set((options.secretHeaders ?? []).map((h) => h.toLowerCase()));
  const secretQuery = new Set((options.secretQueryNames ?? []).map((q) => q.toLowerCase()));
  const secrets = options.secrets ?? [];
  const clean = (text: string) => scrub(text, secrets);
  const headerList = (headers: Headers) =>
    Object.entries(redactHeaders(headers, secretHeaders)).map(([name, value]) => ({ name, value: clean(value) }));

  const fetch: Fetch = async (input, init) => {
    const send = options.fetch ?? globalThis.fetch;
    const base = input instanceof Request ? input : undefined;
    const method = (init?.method ?? base?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers ?? base?.headers);
    const started = Date.now();
    const url = clean(redactUrl(base?.url ?? String(input), secretQuery));
    const requestBody = await requestText(init?.body ?? (base?.body ? base.clone().body : undefined), max);
    const response = await send(input, init);
    const wait = Date.now() - started;
    const done = bodyText(response.clone().body, max).then((body) => {
      const mimeType = response.headers.get('content-type') ?? '';
      const entry: HarEntry = {
        startedDateTime: new Date(started).toISOString(),
        time: Date.now() - started,
        request: {
          method,
          url,
          httpVersion: 'HTTP/1.1',
          headers: headerList(headers),
          queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
          cookies: [],
          headersSize: -1,
          bodySize: requestBody?.size ?? 0,
          ...(requestBody ? { postData: { mimeType: headers.get('content-type') ?? requestBody.mimeType ?? '', text: clean(requestBody.text), ...cut(requestBody) } } : {}),
        },
        response: {
          status: response.status,
          statusText: response.statusText,
          httpVersion: 'HTTP/1.1',
          headers: headerList(response.headers),
          cookies: [],
          content: { size: body?.size ?? 0, mimeType, ...(body ? { text: clean(body.text), ...cut(body) } : {}) },
          redirectURL: response.headers.get('location') ?? '',
          headersSize: -1,
          bodySize: body?.size ?? 0,
        },
        cache: {},
        timings: { send: 0, wait, receive: Date.now() - started - wait },
      };
      entries.push(entry);
      options.onEntry?.(entry);
    });
    const tracked = done.catch(() => {}).finally(() => pending.delete(tracked));
    pending.add(tracked);
    return response;
  };

  return {
    fetch,
    entries,
    async har() {
      await Promise.all(pending);
      return { log: { version: '1.2', creator: { name: '@clientgen/runtime', version: VERSION }, entries: [...entries] } };
    },
  };
}

interface BodyText {
  text: string;
  /** The type the body gives itself (a FormData's multipart boundary), when the headers do not say. */
  mimeType?: string;
  /** Bytes of the whole body, or of what was read before the cap. */
  size: number;
  /** Why the text is not the whole body. */
  comment?: string;
}

const cut = (body: BodyText) => (body.comment ? { comment: body.comment } : {});

/**
 * A request body as text without consuming what `fetch` will send: strings
 * and URLSearchParams as they are, Blobs, buffers and FormData through a
 * `Response` of their own; a stream is sent once and so is not recorded.
 */
async function requestText(body: BodyInit | ReadableStream<Uint8Array> | null | undefined, max: number): Promise<BodyText | undefined> {
  if (body == null) return undefined;
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return { text: '', size: 0, comment: 'a stream body (sent once): not recorded' };
  const copy = new Response(body as BodyInit);
  const text = await bodyText(copy.body, max);
  const mimeType = copy.headers.get('content-type');
  return text && mimeType ? { ...text, mimeType } : text;
}

/** Up to `max` bytes of a body as UTF-8 text; the rest is not read (the stream is cancelled). */
async function bodyText(stream: ReadableStream<Uint8Array> | null, max: number): Promise<BodyText | undefined> {
  if (!stream) return undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let comment: string | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = max - size;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    size += Math.min(value.byteLength, room);
    if (value.byteLength >= room && (value.byteLength > room || !(await peekDone(reader)))) {
      comment = `cut at ${max} bytes`;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  if (!size && !comment) return undefined;
  const text = new TextDecoder().decode(concat(chunks, size));
  return { text, size, ...(comment ? { comment } : {}) };
}

/** Whether a reader that exactly filled the cap has nothing more (reads one more chunk). */
async function peekDone(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  const { done } = await reader.read();
  return done;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
