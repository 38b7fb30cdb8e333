/** Operation Object (+ its Path Item) → OperationModel. */
import type { OperationModel, ParameterModel, Warning } from '../model/api-model.js';
import type { HttpMethod, OpenAPIDocument, OperationObject, PathItemObject, Referenced, ResponseObject, SchemaObject } from '../model/openapi.js';
import type { OperationConfig } from '../provider/provider-config.js';
import { pointerOf } from '../load/spec-error.js';
import { cleanOperationId, deriveOperationId, isIdentifier, isReservedMethodName, methodName } from './names.js';
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

  let body = transformRequestBodyObject(doc, operation.requestBody);
  if (body && (method === 'get' || method === 'head')) {
    // fetch refuses to send a body with GET or HEAD.
    warnings.push({ pointer: `${pointer}/requestBody`, message: `a ${method.toUpperCase()} request cannot carry a body with fetch; the request body is left out` });
    body = undefined;
  }
  const parameters = flatParameters(
    mergeParameters(doc, pathItem.parameters, operation.parameters).map((p) => transformParameterObject(doc, p)),
    body !== undefined,
    pointer,
    warnings,
  );
  const { success, otherSuccesses, errors } = transformResponsesObject(doc, operation.responses);
  let name = config?.name ?? methodName(cleanOperationId(operationId, method, path));
  if (config?.name !== undefined && (!isIdentifier(config.name) || isReservedMethodName(config.name))) {
    name = methodName(config.name);
    warnings.push({ pointer, message: `provider.yaml names this operation ${JSON.stringify(config.name)}, which is not a usable method name; it is named ${name}` });
  }
  const model: OperationModel = {
    operationId,
    derived,
    name,
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
  if (body) model.requestBody = body;
  if (success) model.success = success;
  if (otherSuccesses.length) model.otherSuccesses = otherSuccesses;
  if (operation.security) model.security = transformSecurityRequirements(operation.security);

  if (config?.pagination !== false) {
    const response = success?.kind === 'json' ? successResponse(doc, operation, success.status) : undefined;
    const pagination = config?.pagination ?? (response ? detectPagination(doc, parameters, response.content?.[success!.mediaType!]?.schema, response) : undefined);
    if (pagination) model.pagination = pagination;
  }
  return model;
}

function successResponse(doc: OpenAPIDocument, operation: OperationObject, status: string): ResponseObject | undefined {
  const response = operation.responses?.[status];
  return response ? deref<ResponseObject>(doc, response) : undefined;
}

/**
 * Call parameters are one flat object keyed by parameter name (plus `body`),
 * so a name can be passed once. When the same name is used in two locations
 * (path `id` and query `id`), the first by location (path, query, header,
 * cookie) is kept; a parameter named `body` next to a request body is dropped.
 * Dropped parameters stay reachable through `client.raw`; each gets a warning.
 */
function flatParameters(parameters: ParameterModel[], hasBody: boolean, pointer: string, warnings: Warning[]): ParameterModel[] {
  const order = ['path', 'query', 'header', 'cookie'];
  const kept = new Map<string, ParameterModel>();
  for (const p of [...parameters].sort((a, b) => order.indexOf(a.in) - order.indexOf(b.in))) {
    const first = kept.get(p.name);
    if (first) {
      warnings.push({ pointer, message: `${p.in} parameter "${p.name}" has the name of a ${first.in} parameter; only the ${first.in} one can be passed (use client.raw for the other)` });
    } else if (p.name === 'body' && hasBody) {
      warnings.push({ pointer, message: `${p.in} parameter "body" has the name of the request body argument; it is left out (use client.raw to send it)` });
    } else {
      kept.set(p.name, p);
    }
  }
  return parameters.filter((p) => [...kept.values()].includes(p));
}
