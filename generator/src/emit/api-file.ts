/**
 * src/api.ts: the static descriptor of the API the runtime reads (servers,
 * auth), and src/operations.ts: one descriptor per operation, each its own
 * export so that a bundle keeps only those of the operations it calls.
 */
import type { ApiDescriptor, OperationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { ApiModel, OperationModel } from '../model/api-model.js';
import { docText, literal } from './text.js';

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
    // The runtime reads only the first server; descriptions are for docs (JSDoc, README), not for the bundle.
    servers: model.servers.slice(0, 1).map(({ url, variables }) => ({
      url,
      ...(variables ? { variables: Object.fromEntries(Object.entries(variables).map(([name, { description: _, ...v }]) => [name, v])) } : {}),
    })),
    securitySchemes: model.securitySchemes,
    credentials: Object.fromEntries(Object.entries(model.credentials).map(([k, c]) => [k, c.env ? { env: c.env } : {}])),
    security: model.security,
    requestIdHeaders,
  };
  return [
    header,
    `import type { ApiDescriptor } from ${JSON.stringify(id.runtimePackage)};`,
    '',
    '/** Servers, security schemes and credentials of the API. */',
    `export const api = ${literal(api)} as const satisfies ApiDescriptor;`,
    '',
    '/** One descriptor per operation, keyed by method name. */',
    'export * as operations from "./operations.js";',
    '',
  ].join('\n');
}

export function emitOperationsFile(model: ApiModel, id: PackageIdentity, header: string): string {
  return [
    header,
    `import type { OperationDescriptor } from ${JSON.stringify(id.runtimePackage)};`,
    '',
    ...model.operations.flatMap((op) => [
      `/** ${docText(`${op.method.toUpperCase()} ${op.path}`)} */`,
      `export const ${op.name} = ${literal(operationDescriptor(op))} as const satisfies OperationDescriptor;`,
      '',
    ]),
  ].join('\n');
}
