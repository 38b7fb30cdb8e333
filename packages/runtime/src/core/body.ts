/**
 * Request body encoders, one per kind of body (JSON, text, binary, URL-encoded
 * form, multipart), and `styledForm` for forms whose spec declares an
 * Encoding Object per field. Each operation descriptor names its own
 * (`body.encode`), so a bundle keeps only the encoders of the operations it
 * calls.
 */
import { encodeQuery, encodeStyled, scalar, type Pair, type QueryStyle } from './params.js';

/** An encoded body and the `Content-Type` it needs (none for multipart: `fetch` adds the boundary). */
export interface SerializedBody {
  /** The body; for a stream, which `fetch` reads once, a function that gives each attempt its own copy. */
  body: BodyInit | (() => ReadableStream<Uint8Array>);
  contentType?: string | undefined;
}

/** Encodes the `body` argument of a call for the operation's media type. */
export type BodyEncoder = (value: unknown, mediaType: string) => SerializedBody;

/** The media type to send: the spec's, unless it is a range (`*\/*`, `image/*`). */
function exact(mediaType: string): string | undefined {
  return mediaType.includes('*') ? undefined : mediaType;
}

/** `application/json` and `+json` types: `JSON.stringify`. */
export function jsonBody(value: unknown, mediaType: string): SerializedBody {
  return { body: JSON.stringify(value), contentType: exact(mediaType) ?? 'application/json' };
}

/** `text/*`: the value as a string. */
export function textBody(value: unknown, mediaType: string): SerializedBody {
  return { body: String(value), contentType: exact(mediaType) ?? 'text/plain' };
}

/** Binary (`application/octet-stream`, `image/*`, …): a Blob, buffer or stream, sent as is (a stream teed per attempt). */
export function binaryBody(value: unknown, mediaType: string): SerializedBody {
  let rest = value as ReadableStream<Uint8Array>;
  return {
    body:
      typeof ReadableStream !== 'undefined' && value instanceof ReadableStream
        ? () => {
            const [attempt, next] = rest.tee();
            rest = next;
            return attempt;
          }
        : (value as BodyInit),
    contentType: exact(mediaType) ?? (value instanceof Blob && value.type ? value.type : 'application/octet-stream'),
  };
}

/** `application/x-www-form-urlencoded`: `URLSearchParams` as is, else the entries of an object (see `fill`). */
export function formBody(value: unknown, mediaType: string): SerializedBody {
  const form = value instanceof URLSearchParams ? value : fill(new URLSearchParams(), value);
  return { body: String(form), contentType: exact(mediaType) ?? 'application/x-www-form-urlencoded' };
}

/** `multipart/form-data`: `FormData` as is, else the entries of an object (see `fill`; Blobs as files). */
export function multipartBody(value: unknown): SerializedBody {
  return { body: value instanceof FormData ? value : fill(new FormData(), value) };
}

/** Appends the entries of `value` to `form`: arrays repeated, null/undefined skipped, Blobs (multipart) as is, objects as JSON. */
function fill<F extends FormData | URLSearchParams>(form: F, value: unknown): F {
  for (const [key, v] of Object.entries((value ?? {}) as object)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item == null) continue;
      if (form instanceof FormData && item instanceof Blob) form.append(key, item);
      else form.append(key, typeof item === 'object' ? JSON.stringify(item) : scalar(item));
    }
  }
  return form;
}

/** How one field of a form or multipart body is encoded: its Encoding Object (`style`, `explode`, `contentType`). */
export interface FieldEncoding extends QueryStyle {
  /** Multipart: the part's media type (objects default to JSON parts, Blobs to files). */
  contentType?: string;
}

/**
 * A URL-encoded or multipart encoder for an operation whose body declares an
 * OpenAPI `encoding`: a field with a `style` or `explode` is written like a
 * query parameter of that style (`deepObject`: `a[b][c]=v`, `a[0]=v`,
 * `a[0][k]=v`; `explode: false`: `a=1,2`; `form`+`explode`: `a=1&a=2`, an
 * object's entries as `k=v`), in multipart as one text part per pair; a
 * multipart field with a `contentType` becomes a part of that type; every
 * other field is sent as by `formBody` / `multipartBody`. Generated
 * descriptors call it as `encode: /* @__PURE__ *\/ styledForm({...})`, so
 * bundles without such operations leave it out.
 */
export function styledForm(encodings: Readonly<Record<string, FieldEncoding>>): BodyEncoder {
  const encodingOf = (name: string): FieldEncoding => (Object.hasOwn(encodings, name) && encodings[name]) || {};
  const styled = ({ style, explode }: FieldEncoding) => style !== undefined || explode !== undefined;
  return (value, mediaType) => {
    if (value instanceof FormData) return multipartBody(value);
    if (value instanceof URLSearchParams) return formBody(value, mediaType);
    const fields = (value ?? {}) as Record<string, unknown>;
    if (!/^multipart\//i.test(mediaType)) {
      const body = encodeQuery(fields, (name, field, pair) => {
        const encoding = encodingOf(name);
        if (styled(encoding)) return encodeStyled(name, field, encoding, pair); // false: form+explode, as in a query
        for (const [k, v] of fill(new URLSearchParams(), { [name]: field })) pair(k, encodeURIComponent(v));
        return true;
      });
      return { body, contentType: exact(mediaType) ?? 'application/x-www-form-urlencoded' };
    }
    const form = new FormData();
    const append: Pair = (name, text) => form.append(name, decodeURIComponent(text));
    for (const [name, field] of Object.entries(fields)) {
      const { contentType, ...style } = encodingOf(name);
      if (styled(style) && encodeStyled(name, field, style, append)) continue;
      if (contentType && field != null && !(field instanceof Blob) && !/^text\/plain\b/i.test(contentType)) {
        form.append(name, new Blob([typeof field === 'object' ? JSON.stringify(field) : scalar(field)], { type: contentType }));
      } else fill(form, { [name]: field });
    }
    return { body: form };
  };
}
