/**
 * The intermediate model of an API: what the emitters read. Built once from
 * the OpenAPI document and the provider config by `transform/`.
 */
import type {
  CredentialDescriptor,
  PaginationDescriptor,
  ResponseKind,
  SecurityRequirement,
  ServerDescriptor,
  ServerVariableDescriptor,
} from '../../../packages/runtime/src/core/descriptor.js';
import type { HttpMethod } from './openapi.js';

export interface Warning {
  /** JSON pointer of the construct warned about. */
  pointer: string;
  message: string;
}

export interface ApiModel {
  title: string;
  description?: string;
  /** `info.version` of the spec. */
  specVersion: string;
  openapi: string;
  servers: ServerModel[];
  securitySchemes: Record<string, SecuritySchemeModel>;
  credentials: Record<string, CredentialModel>;
  security: SecurityRequirement[];
  operations: OperationModel[];
  warnings: Warning[];
}

/**
 * A security scheme the client can satisfy, as data; src/api.ts adds the
 * runtime functions that send credentials outside a header (`inQuery`,
 * `inCookie`, `basicToken`).
 */
export type SecuritySchemeModel =
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; option: string; format?: string }
  | { type: 'http'; scheme: 'bearer'; option: string }
  | { type: 'http'; scheme: 'basic'; option: string; passwordOption: string };

/** A Server Object: the runtime's descriptor plus the spec's descriptions, for docs. */
export interface ServerModel extends Omit<ServerDescriptor, 'variables'> {
  description?: string;
  variables?: Record<string, ServerVariableModel>;
}

export interface ServerVariableModel extends ServerVariableDescriptor {
  description?: string;
}

export interface CredentialModel extends CredentialDescriptor {
  description?: string;
  /** Where the credential is sent, for docs: `DD-API-KEY header`. */
  sentAs: string;
  /** Security scheme it satisfies. */
  scheme: string;
}

export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  deprecated: boolean;
  /** Short type for docs: `integer (int64)`, `string | null`. */
  typeText: string;
  enumValues?: unknown[];
  default?: unknown;
  example?: unknown;
  style?: string;
  explode?: boolean;
}

/** How a request body is encoded; the runtime's encoder for kind `k` is `${k}Body` (`jsonBody`, `multipartBody`, …). */
export type RequestBodyKind = 'json' | 'form' | 'multipart' | 'binary' | 'text';

export interface RequestBodyModel {
  required: boolean;
  mediaType: string;
  kind: RequestBodyKind;
  description?: string;
  /**
   * Form and multipart bodies: the Encoding Object of each property that has
   * one (`style`, `explode`; `contentType` for multipart only). The runtime's
   * `styledForm` follows it; bodies without one use the plain encoder.
   */
  encoding?: Record<string, FieldEncodingModel>;
}

export interface FieldEncodingModel {
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  contentType?: string;
}

export interface ResponseModel {
  /** `200`, `4XX`, `default`. */
  status: string;
  description?: string;
  /** Media type whose schema types the body; undefined when there is no content. */
  mediaType?: string;
  kind: ResponseKind;
}

export interface OperationModel {
  /** operationId as written in the spec, or derived (see `derived`). */
  operationId: string;
  /** True when the spec has no operationId. */
  derived: boolean;
  /** Client method name. */
  name: string;
  method: HttpMethod;
  path: string;
  /** JSON pointer of the operation object. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Text of `x-unstable` (preview operations). */
  unstable?: string;
  tags: string[];
  parameters: ParameterModel[];
  requestBody?: RequestBodyModel;
  /** The 2xx response that says how the body is read (the first one with content). */
  success?: ResponseModel;
  /** The operation's other 2xx responses: the resolved value is typed as any of them (see emit/client-file.ts). */
  otherSuccesses?: ResponseModel[];
  /** Non-2xx responses with a body, for the typed error body. */
  errors: ResponseModel[];
  security?: SecurityRequirement[];
  pagination?: PaginationDescriptor;
}
