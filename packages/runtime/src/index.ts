/**
 * `@clientgen/runtime`: the shared runtime of clientgen-generated API clients.
 * Generated client classes construct a `Core` from their `ApiDescriptor` and
 * call `core.request` / `core.paginate` with `OperationDescriptor`s; their
 * standalone functions take a `BaseCore` (a `Core` without `raw` and
 * `paginate`, which a bundle then leaves out).
 */
export type * from './core/descriptor.js';
export { BaseCore, type WithResponse } from './core/base-core.js';
export { Core } from './core/client.js';
export { inQuery, inCookie, basicToken, type CredentialPlacement } from './core/auth.js';
export { jsonBody, textBody, binaryBody, formBody, multipartBody, styledForm, type BodyEncoder, type FieldEncoding, type SerializedBody } from './core/body.js';
export { styledQuery, type QueryEncoder, type QueryStyle } from './core/params.js';
export type { ClientOptions, RequestOptions, PaginateOptions, Credential, Fetch } from './core/options.js';
export { paginate } from './core/paginate.js';
export { Paginator, type PageRequest, type PageFetcher, type PageLimits } from './core/pagination.js';
export type { Logger } from './core/logger.js';
export { harRecorder, type HarRecorder, type HarRecorderOptions, type Har, type HarEntry, type HarHeader } from './core/har.js';
export {
  ClientgenError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  AbortedError,
  ResponseParseError,
  ClientValidationError,
  MissingCredentialsError,
  type ApiErrorInit,
  type RequestTarget,
} from './core/error.js';
export { VERSION } from './core/version.js';
