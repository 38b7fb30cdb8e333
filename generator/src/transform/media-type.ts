/** Media types → how the runtime sends or reads a body. */
import type { ResponseKind } from '../../../packages/runtime/src/core/descriptor.js';
import type { RequestBodyKind } from '../model/api-model.js';

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json(;|$)/i.test(mediaType) || mediaType === '*/*';
}

/** Preference order when an operation offers several media types. */
export function pickMediaType(mediaTypes: string[]): string | undefined {
  return mediaTypes.find(isJsonMediaType) ?? mediaTypes[0];
}

export function requestBodyKind(mediaType: string): RequestBodyKind {
  if (isJsonMediaType(mediaType)) return 'json';
  if (/^application\/x-www-form-urlencoded/i.test(mediaType)) return 'form';
  if (/^multipart\//i.test(mediaType)) return 'multipart';
  if (/^text\//i.test(mediaType)) return 'text';
  return 'binary';
}

export function responseKind(mediaType: string | undefined): ResponseKind {
  if (mediaType === undefined) return 'none';
  if (isJsonMediaType(mediaType)) return 'json';
  if (/^text\//i.test(mediaType) || /^application\/(xml|yaml|x-yaml)/i.test(mediaType)) return 'text';
  return 'blob';
}
