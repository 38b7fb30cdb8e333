/**
 * The slice of the OpenAPI 3.0/3.1 object model the generator reads.
 * Names mirror the specification's objects.
 */
export interface ReferenceObject {
  $ref: string;
  summary?: string;
  description?: string;
}

export type Referenced<T> = T | ReferenceObject;

export interface OpenAPIDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; summary?: string; license?: { name: string; url?: string; identifier?: string } };
  servers?: ServerObject[];
  paths?: Record<string, PathItemObject>;
  components?: ComponentsObject;
  security?: SecurityRequirementObject[];
  tags?: { name: string; description?: string }[];
  [extension: `x-${string}`]: unknown;
}

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
}

export interface ComponentsObject {
  schemas?: Record<string, SchemaObject>;
  parameters?: Record<string, Referenced<ParameterObject>>;
  requestBodies?: Record<string, Referenced<RequestBodyObject>>;
  responses?: Record<string, Referenced<ResponseObject>>;
  securitySchemes?: Record<string, Referenced<SecuritySchemeObject>>;
  pathItems?: Record<string, PathItemObject>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = {
  $ref?: string;
  summary?: string;
  description?: string;
  parameters?: Referenced<ParameterObject>[];
} & { [M in HttpMethod]?: OperationObject };

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: Referenced<ParameterObject>[];
  requestBody?: Referenced<RequestBodyObject>;
  responses?: Record<string, Referenced<ResponseObject>>;
  security?: SecurityRequirementObject[];
  [extension: `x-${string}`]: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  style?: string;
  explode?: boolean;
  schema?: Referenced<SchemaObject>;
  content?: Record<string, MediaTypeObject>;
  example?: unknown;
}

export interface MediaTypeObject {
  schema?: Referenced<SchemaObject>;
  /** Form and multipart bodies: how each property is serialised. */
  encoding?: Record<string, EncodingObject>;
  example?: unknown;
  examples?: Record<string, Referenced<{ value?: unknown; externalValue?: string; summary?: string }>>;
}

export interface EncodingObject {
  contentType?: string;
  headers?: Record<string, unknown>;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
}

export type SecuritySchemeObject =
  | { type: 'apiKey'; name: string; in: 'header' | 'query' | 'cookie'; description?: string; 'x-env-name'?: string }
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string; 'x-env-name'?: string }
  | { type: 'oauth2'; flows: Record<string, unknown>; description?: string; 'x-env-name'?: string }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string; 'x-env-name'?: string }
  | { type: 'mutualTLS'; description?: string };

export type SecurityRequirementObject = Record<string, string[]>;

export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  nullable?: boolean;
  deprecated?: boolean;
  items?: Referenced<SchemaObject>;
  properties?: Record<string, Referenced<SchemaObject>>;
  required?: string[];
  additionalProperties?: boolean | Referenced<SchemaObject>;
  allOf?: Referenced<SchemaObject>[];
  oneOf?: Referenced<SchemaObject>[];
  anyOf?: Referenced<SchemaObject>[];
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
}
