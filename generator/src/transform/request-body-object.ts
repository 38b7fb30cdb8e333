/** Request Body Object → RequestBodyModel. */
import type { EncodingObject, OpenAPIDocument, Referenced, RequestBodyObject } from '../model/openapi.js';
import type { FieldEncodingModel, RequestBodyKind, RequestBodyModel } from '../model/api-model.js';
import { byCodePoint } from '../order.js';
import { deref } from './ref.js';
import { pickMediaType, requestBodyKind } from './media-type.js';

export function transformRequestBodyObject(
  doc: OpenAPIDocument,
  body: Referenced<RequestBodyObject> | undefined,
): RequestBodyModel | undefined {
  if (!body) return undefined;
  const resolved = deref<RequestBodyObject>(doc, body);
  const mediaType = pickMediaType(Object.keys(resolved.content ?? {}));
  if (!mediaType) return undefined;
  const model: RequestBodyModel = { required: resolved.required === true, mediaType, kind: requestBodyKind(mediaType) };
  if (resolved.description) model.description = resolved.description;
  const encoding = encodingOf(model.kind, resolved.content[mediaType]?.encoding);
  if (encoding) model.encoding = encoding;
  return model;
}

const STYLES = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

/**
 * The Encoding Object of each property of a form or multipart body, as far as
 * the runtime acts on it: `style` and `explode`, and for multipart a
 * `contentType` (its own defaults, JSON for objects and files for Blobs,
 * need no entry). Undefined when nothing is left.
 */
function encodingOf(kind: RequestBodyKind, encoding: Record<string, EncodingObject> | undefined): Record<string, FieldEncodingModel> | undefined {
  if ((kind !== 'form' && kind !== 'multipart') || !encoding) return undefined;
  const out: Record<string, FieldEncodingModel> = {};
  for (const [name, e] of Object.entries(encoding).sort(([a], [b]) => byCodePoint(a, b))) {
    const field: FieldEncodingModel = {};
    if (typeof e?.style === 'string' && STYLES.has(e.style)) field.style = e.style as FieldEncodingModel['style'];
    if (typeof e?.explode === 'boolean') field.explode = e.explode;
    if (kind === 'multipart' && typeof e?.contentType === 'string' && e.contentType) field.contentType = e.contentType;
    if (Object.keys(field).length) out[name] = field;
  }
  return Object.keys(out).length ? out : undefined;
}
