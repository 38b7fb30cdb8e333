/** Operation Object (+ its Path Item) → OperationModel. */
import type { OperationModel, Warning } from '../model/api-model.js';
import type { HttpMethod, OpenAPIDocument, OperationObject, PathItemObject, Referenced, ResponseObject, SchemaObject } from '../model/openapi.js';
import type { OperationConfig } from '../provider/provider-config.js';
import { pointerOf } from '../load/spec-error.js';
import { cleanOperationId, deriveOperationId, methodName } from './names.js';
import { mergeParameters, transformParameterObject } from './parameter-object.js';
import { transformRequestBodyObject } from './request-body-object.js';
import { transformResponsesObject } from './response-object.js';
import { transformSecurityRequirements } from './security-scheme-object.js';
import { detectPagination } from './pagination.js';
import { deref } from './ref.js';

export function transformOperationObject(
  doc: OpenAPIDocument,
  path: string,
  method: HttpMethod,
  pathItem: PathItemObject,
  operation: OperationObject,
  config: OperationConfig | undefined,
  warnings: Warning[],
): OperationModel {
  const pointer = pointerOf('paths', path, method);
  const derived = !operation.operationId;
  const operationId = operation.operationId ?? deriveOperationId(method, path);
  if (derived) warnings.push({ pointer, message: `no operationId; method named from method and path: ${methodName(operationId)}` });

  const parameters = mergeParameters(doc, pathItem.parameters, operation.parameters).map((p) => transformParameterObject(doc, p));
  const { success, errors } = transformResponsesObject(doc, operation.responses);
  const model: OperationModel = {
    operationId,
    derived,
    name: config?.name ?? methodName(cleanOperationId(operationId, method, path)),
    method,
    path,
    pointer,
    deprecated: operation.deprecated === true,
    tags: operation.tags ?? [],
    parameters,
    errors,
  };
  const summary = operation.summary ?? pathItem.summary;
  if (summary) model.summary = summary;
  const description = operation.description ?? pathItem.description;
  if (description && description !== summary) model.description = description;
  const unstable = operation['x-unstable'];
  if (unstable !== undefined) model.unstable = typeof unstable === 'string' ? unstable : 'This operation is in preview and may change.';
  const body = transformRequestBodyObject(doc, operation.requestBody);
  if (body) model.requestBody = body;
  if (success) model.success = success;
  if (operation.security) model.security = transformSecurityRequirements(operation.security);

  if (config?.pagination !== false) {
    const pagination = config?.pagination ?? (success?.kind === 'json' ? detectPagination(doc, parameters, successSchema(doc, operation, success.status, success.mediaType)) : undefined);
    if (pagination) model.pagination = pagination;
  }
  return model;
}

function successSchema(doc: OpenAPIDocument, operation: OperationObject, status: string, mediaType: string | undefined): Referenced<SchemaObject> | undefined {
  const response = operation.responses?.[status];
  if (!response || !mediaType) return undefined;
  return deref<ResponseObject>(doc, response).content?.[mediaType]?.schema;
}
