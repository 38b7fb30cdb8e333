/** src/api.ts: the static descriptors the runtime reads (servers, auth, one entry per operation). */
import type { ApiDescriptor, OperationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { ApiModel, OperationModel } from '../model/api-model.js';
import { literal } from './text.js';

export interface PackageIdentity {
  packageName: string;
  version: string;
  displayName: string;
  runtimePackage: string;
}

export function operationDescriptor(op: OperationModel): OperationDescriptor {
  const byLocation = (where: 'path' | 'query' | 'header' | 'cookie') => op.parameters.filter((p) => p.in === where).map((p) => p.name);
  const params = Object.fromEntries(
    (['path', 'query', 'header', 'cookie'] as const).map((w) => [w, byLocation(w)] as const).filter(([, names]) => names.length > 0),
  );
  const queryStyles = Object.fromEntries(
    op.parameters
      .filter((p) => p.in === 'query' && ((p.style && p.style !== 'form') || p.explode === false))
      .map((p) => [p.name, { ...(p.style ? { style: p.style } : {}), ...(p.explode !== undefined ? { explode: p.explode } : {}) }]),
  );
  return {
    id: op.operationId,
    method: op.method.toUpperCase() as OperationDescriptor['method'],
    path: op.path,
    ...(Object.keys(params).length ? { params } : {}),
    ...(Object.keys(queryStyles).length ? { queryStyles: queryStyles as OperationDescriptor['queryStyles'] } : {}),
    ...(op.requestBody ? { body: { kind: op.requestBody.kind, mediaType: op.requestBody.mediaType, required: op.requestBody.required } } : {}),
    response: op.success?.kind ?? 'none',
    ...(op.security ? { security: op.security } : {}),
    ...(op.pagination ? { pagination: op.pagination } : {}),
  };
}

export function emitApiFile(model: ApiModel, id: PackageIdentity, requestIdHeaders: string[], header: string): string {
  const api: ApiDescriptor = {
    packageName: id.packageName,
    packageVersion: id.version,
    displayName: id.displayName,
    servers: model.servers,
    securitySchemes: model.securitySchemes,
    credentials: Object.fromEntries(
      Object.entries(model.credentials).map(([k, c]) => [k, { ...(c.env ? { env: c.env } : {}), ...(c.description ? { description: c.description } : {}) }]),
    ),
    security: model.security,
    requestIdHeaders,
  };
  const operations = Object.fromEntries(model.operations.map((op) => [op.name, operationDescriptor(op)]));
  return [
    header,
    `import type { ApiDescriptor, OperationDescriptor } from ${JSON.stringify(id.runtimePackage)};`,
    '',
    '/** Servers, security schemes and credentials of the API. */',
    `export const api = ${literal(api)} as const satisfies ApiDescriptor;`,
    '',
    '/** One descriptor per operation, keyed by method name. */',
    `export const operations = ${literal(operations)} as const satisfies Record<string, OperationDescriptor>;`,
    '',
  ].join('\n');
}
