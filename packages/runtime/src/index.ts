/**
 * `@clientgen/runtime`: the shared runtime of clientgen-generated API clients.
 * Generated packages construct a `Core` from their `ApiDescriptor` and call
 * `core.request` / `core.paginate` with `OperationDescriptor`s.
 */
export type * from './core/descriptor.js';
export { Core, type WithResponse } from './core/client.js';
export type { ClientOptions, RequestOptions, PaginateOptions, Credential, Fetch } from './core/options.js';
export { Paginator, type PageRequest, type PageFetcher, type PageLimits } from './core/pagination.js';
export type { Logger } from './core/logger.js';
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
