/** Request Body Object → RequestBodyModel. */
import type { OpenAPIDocument, Referenced, RequestBodyObject } from '../model/openapi.js';
import type { RequestBodyModel } from '../model/api-model.js';
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
  return model;
}
