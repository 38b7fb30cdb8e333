/** src/types.ts: the API's TypeScript types, from openapi-typescript's Node API. */
import openapiTS, { astToString } from 'openapi-typescript';
import { createConfig } from '@redocly/openapi-core';
import type { OpenAPIDocument } from '../model/openapi.js';

let quietConfig: ReturnType<typeof createConfig> | undefined;

export async function emitTypesFile(doc: OpenAPIDocument, header: string): Promise<string> {
  // The document was validated and bundled by load/; no rules to run twice.
  quietConfig ??= createConfig({ rules: {} } as never);
  const ast = await openapiTS(withoutExamples(doc) as never, { redocly: await quietConfig, silent: true });
  return `${header}\n${astToString(ast)}`;
}

/**
 * Media-type, parameter and header examples do not shape types, and their
 * `externalValue`s point at files upstream repos often do not ship (Datadog
 * v1): drop them before openapi-typescript's bundler tries to resolve them.
 * Schema `example`s stay (they become `@example` JSDoc).
 */
export function withoutExamples(doc: OpenAPIDocument): OpenAPIDocument {
  const stripMediaTypes = (content: unknown) => {
    if (!content || typeof content !== 'object') return content;
    return Object.fromEntries(
      Object.entries(content as Record<string, Record<string, unknown>>).map(([type, media]) => {
        const { example: _e, examples: _es, ...rest } = media ?? {};
        return [type, rest];
      }),
    );
  };
  const stripParam = (p: unknown) => {
    if (!p || typeof p !== 'object' || '$ref' in p) return p;
    const { example: _e, examples: _es, content, ...rest } = p as Record<string, unknown>;
    return content ? { ...rest, content: stripMediaTypes(content) } : rest;
  };
  const stripWith = <T>(obj: T, key: string, fn: (v: unknown) => unknown): T =>
    obj && typeof obj === 'object' && key in obj ? { ...obj, [key]: fn((obj as Record<string, unknown>)[key]) } : obj;
  const stripResponse = (r: unknown) =>
    stripWith(stripWith(r, 'content', stripMediaTypes), 'headers', (h) => mapValues(h, stripParam));
  const stripOperation = (op: unknown) => {
    let out = stripWith(op, 'parameters', (ps) => (Array.isArray(ps) ? ps.map(stripParam) : ps));
    out = stripWith(out, 'requestBody', (b) => stripWith(b, 'content', stripMediaTypes));
    return stripWith(out, 'responses', (rs) => mapValues(rs, stripResponse));
  };
  const stripPathItem = (item: unknown) => {
    if (!item || typeof item !== 'object') return item;
    return Object.fromEntries(
      Object.entries(item as Record<string, unknown>).map(([k, v]) => [
        k,
        k === 'parameters' && Array.isArray(v) ? v.map(stripParam) : ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(k) ? stripOperation(v) : v,
      ]),
    );
  };
  const components = doc.components as Record<string, unknown> | undefined;
  return {
    ...doc,
    ...(doc.paths ? { paths: mapValues(doc.paths, stripPathItem) as OpenAPIDocument['paths'] } : {}),
    ...(components
      ? {
          components: {
            ...components,
            ...(components.parameters ? { parameters: mapValues(components.parameters, stripParam) } : {}),
            ...(components.headers ? { headers: mapValues(components.headers, stripParam) } : {}),
            ...(components.responses ? { responses: mapValues(components.responses, stripResponse) } : {}),
            ...(components.requestBodies ? { requestBodies: mapValues(components.requestBodies, (b) => stripWith(b, 'content', stripMediaTypes)) } : {}),
            ...(components.examples ? { examples: {} } : {}),
          } as OpenAPIDocument['components'],
        }
      : {}),
  };
}

function mapValues(obj: unknown, fn: (v: unknown) => unknown): unknown {
  if (!obj || typeof obj !== 'object') return obj;
  return Object.fromEntries(Object.entries(obj as Record<string, unknown>).map(([k, v]) => [k, fn(v)]));
}
