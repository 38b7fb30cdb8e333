/** Responses Object → the success response and the error responses of an operation. */
import type { OpenAPIDocument, Referenced, ResponseObject } from '../model/openapi.js';
import type { ResponseModel } from '../model/api-model.js';
import { deref } from './ref.js';
import { pickMediaType, responseKind } from './media-type.js';
import { byCodePoint } from '../order.js';

function transformResponseObject(doc: OpenAPIDocument, status: string, response: Referenced<ResponseObject>): ResponseModel {
  const resolved = deref<ResponseObject>(doc, response);
  const mediaType = pickMediaType(Object.keys(resolved.content ?? {}));
  const model: ResponseModel = { status, kind: responseKind(mediaType) };
  if (mediaType) model.mediaType = mediaType;
  if (resolved.description) model.description = resolved.description;
  return model;
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

export function transformResponsesObject(
  doc: OpenAPIDocument,
  responses: Record<string, Referenced<ResponseObject>> | undefined,
): { success?: ResponseModel; otherSuccesses: ResponseModel[]; errors: ResponseModel[] } {
  const entries = Object.entries(responses ?? {}).sort(([a], [b]) => byCodePoint(a, b));
  const successes = entries.filter(([s]) => isSuccess(s)).map(([s, r]) => transformResponseObject(doc, s, r));
  // The first 2xx with a body types the result; 204-only operations resolve to undefined.
  const success = successes.find((r) => r.mediaType) ?? successes[0];
  const errors = entries
    .filter(([s]) => !isSuccess(s) && !/^[13]/.test(s))
    .map(([s, r]) => transformResponseObject(doc, s, r))
    .filter((r) => r.mediaType);
  return { ...(success ? { success } : {}), otherSuccesses: successes.filter((r) => r !== success), errors };
}
