/**
 * src/api.ts: the static descriptor of the API the runtime reads (servers,
 * auth), and src/operations.ts: one descriptor per operation, each its own
 * export so that a bundle keeps only those of the operations it calls.
 */
import type { ApiDescriptor, OperationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { ApiModel, OperationModel, RequestBodyModel, SecuritySchemeModel } from '../model/api-model.js';
import { Code, codeUses, docText, literal } from './text.js';

export interface PackageIdentity {
  packageName: string;
  version: string;
  displayName: string;
  runtimePackage: string;
}

/**
 * An operation's descriptor as printable data: the runtime encoders it needs
 * are `Code` references (`jsonBody`, `styledQuery({...})`), imported by
 * src/operations.ts.
 */
export function operationDescriptor(op: OperationModel): Record<string, unknown> {
  const byLocation = (where: 'path' | 'query' | 'header' | 'cookie') => op.parameters.filter((p) => p.in === where).map((p) => p.name);
  const params = Object.fromEntries(
    (['path', 'query', 'header', 'cookie'] as const).map((w) => [w, byLocation(w)] as const).filter(([, names]) => names.length > 0),
  );
  const queryStyles = queryStylesOf(op);
  return {
    id: op.operationId,
    method: op.method.toUpperCase() as OperationDescriptor['method'],
    path: op.path,
    ...(Object.keys(params).length ? { params } : {}),
    // Pure: a bundle that drops the descriptor drops styledQuery too.
    ...(Object.keys(queryStyles).length ? { encodeQuery: new Code(`/* @__PURE__ */ styledQuery(${literal(queryStyles, '  ')} as const)`, 'styledQuery') } : {}),
    ...(op.requestBody ? { body: { mediaType: op.requestBody.mediaType, required: op.requestBody.required, encode: bodyEncoder(op.requestBody) } } : {}),
    response: op.success?.kind ?? 'none',
    ...(op.security ? { security: op.security } : {}),
    ...(op.pagination ? { pagination: op.pagination } : {}),
  };
}

/** The runtime function a scheme needs to send its credential outside a header (none for header keys and bearer tokens). */
function schemeFunction(scheme: SecuritySchemeModel): { place?: Code; encode?: Code } {
  if (scheme.type === 'apiKey') return scheme.in === 'header' ? {} : { place: new Code(scheme.in === 'query' ? 'inQuery' : 'inCookie') };
  return scheme.scheme === 'basic' ? { encode: new Code('basicToken') } : {};
}

/** Query parameters that are not `form`+`explode` (the OpenAPI default), with their style. */
function queryStylesOf(op: OperationModel): Record<string, { style?: string; explode?: boolean }> {
  return Object.fromEntries(
    op.parameters
      .filter((p) => p.in === 'query' && ((p.style && p.style !== 'form') || p.explode === false))
      .map((p) => [p.name, { ...(p.style ? { style: p.style } : {}), ...(p.explode !== undefined ? { explode: p.explode } : {}) }]),
  );
}

/** The runtime's encoder for a request body: `${kind}Body`, or `styledForm({...})` for a form with an Encoding Object (pure, as above). */
function bodyEncoder(body: RequestBodyModel): Code {
  return body.encoding ? new Code(`/* @__PURE__ */ styledForm(${literal(body.encoding, '    ')} as const)`, 'styledForm') : new Code(`${body.kind}Body`);
}

/** `export const api = {…} as const satisfies ApiDescriptor;` (src/core.ts) and the runtime functions it uses. */
export function apiConstant(model: ApiModel, id: PackageIdentity, requestIdHeaders: string[]): { text: string; uses: string[] } {
  const api: Record<keyof ApiDescriptor, unknown> = {
    packageName: id.packageName,
    packageVersion: id.version,
    displayName: id.displayName,
    // The runtime reads only the first server; descriptions are for docs (JSDoc, README), not for the bundle.
    servers: model.servers.slice(0, 1).map(({ url, variables }) => ({
      url,
      ...(variables ? { variables: Object.fromEntries(Object.entries(variables).map(([name, { description: _, ...v }]) => [name, v])) } : {}),
    })),
    securitySchemes: Object.fromEntries(Object.entries(model.securitySchemes).map(([name, scheme]) => [name, { ...scheme, ...schemeFunction(scheme) }])),
    credentials: Object.fromEntries(Object.entries(model.credentials).map(([k, c]) => [k, c.env ? { env: c.env } : {}])),
    security: model.security,
    requestIdHeaders,
  };
  return { text: `export const api = ${literal(api)} as const satisfies ApiDescriptor;`, uses: codeUses(api) };
}

/** src/api.ts: what client.ts and funcs.ts import, the API descriptor (from src/core.ts) and the operations'. */
export function emitApiFile(header: string): string {
  return [
    header,
    '/** Servers, security schemes and credentials of the API (declared in core.ts, next to `createCore`). */',
    'export { api } from "./core.js";',
    '',
    '/** One descriptor per operation, keyed by method name. */',
    'export * as operations from "./operations.js";',
    '',
  ].join('\n');
}

export function emitOperationsFile(model: ApiModel, id: PackageIdentity, header: string): string {
  const descriptors = model.operations.map((op) => [op, operationDescriptor(op)] as const);
  return [
    header,
    runtimeImport(id, codeUses(descriptors.map(([, d]) => d)), 'OperationDescriptor'),
    '',
    ...descriptors.flatMap(([op, descriptor]) => [
      `/** ${docText(`${op.method.toUpperCase()} ${op.path}`)} */`,
      `export const ${op.name} = ${literal(descriptor)} as const satisfies OperationDescriptor;`,
      '',
    ]),
  ].join('\n');
}

/** `import { jsonBody, type OperationDescriptor } from "@clientgen/runtime";`: the functions a file's descriptors use, and its descriptor type. */
export function runtimeImport(id: PackageIdentity, functions: string[], type: string): string {
  const from = JSON.stringify(id.runtimePackage);
  return functions.length ? `import { ${functions.join(', ')}, type ${type} } from ${from};` : `import type { ${type} } from ${from};`;
}
