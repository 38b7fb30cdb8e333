/**
 * test/contract.test.ts of a workspace provider (it imports the test suite's
 * test/support/recording-fetch.ts): every operation called
 * through the generated client against the Prism mock of its spec (the test
 * suite's global setup starts one per `specs/<provider>`), with arguments
 * from the spec (examples first, else values sampled from the schemas with
 * Redocly's openapi-sampler). Each test asserts the exact wire request
 * (method, encoded path, query pairs, credential, body), the resolved 2xx
 * body and its declared type, and the typed error of each declared error
 * status (Prism answers it for `Prefer: code=<status>`).
 *
 * The expected wire values are computed here with plain encodings (the
 * OpenAPI defaults), not by the runtime's encoders, so a runtime that
 * encodes wrongly fails these tests.
 */
import { sample } from 'openapi-sampler';
import type { ApiModel, OperationModel, SecuritySchemeModel } from '../model/api-model.js';
import type { OpenAPIDocument } from '../model/openapi.js';
import { deref } from '../transform/ref.js';
import { typeBaseName } from '../transform/names.js';
import { plainPointerTokens } from '../load/spec-error.js';
import { hasParams } from './client-file.js';
import { literal, str } from './text.js';

/** The runtime's error class for a status, as `ApiError.from` picks it. */
const ERROR_CLASS: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};
const errorClass = (status: number) => ERROR_CLASS[status] ?? (status >= 500 ? 'InternalServerError' : 'ApiError');

type Json = Record<string, unknown>;

interface Call {
  args: Record<string, unknown>;
  path: string;
  query: string[];
  headers: Record<string, string>;
  body?: { mediaType: string; json?: unknown; form?: string[] };
}

export interface ContractContext {
  provider: string;
  displayName: string;
  clientName: string;
  header: string;
}

export function emitContractTestFile(model: ApiModel, doc: OpenAPIDocument, ctx: ContractContext): string {
  const credentials = Object.fromEntries(Object.keys(model.credentials).map((option) => [option, `test-${option}`]));
  const imports = new Set<string>(['createClient']);
  const typeImports = new Set<string>();
  const tests: string[] = [];
  for (const op of model.operations) {
    const call = callOf(doc, op);
    const auth = authOf(model, op, credentials);
    const query = [...call.query, ...auth.query].sort();
    const headers = { ...call.headers, ...auth.headers };
    const args = hasParams(op) ? literal(call.args, '    ') : '';
    // `{}` only where the method needs an argument before the options.
    const successArgs = args === '{}' ? '' : args;
    const response = `${typeBaseName(op.name)}Response`;
    typeImports.add(response);
    const lines = [
      `  it(${str(`${op.name}: ${op.method.toUpperCase()} ${op.path}`)}, async () => {`,
      `    const result = await client.${op.name}(${successArgs});`,
      `    expectTypeOf(result).toEqualTypeOf<${response}>();`,
      `    ${resultAssertion(doc, op)}`,
      '    const request = wire.sent.at(-1)!;',
      `    expect(request.method).toBe(${str(op.method.toUpperCase())});`,
      `    expect(request.url.pathname).toBe(${str(call.path)});`,
      `    expect(request.query).toEqual(${literal(query, '    ')});`,
      ...Object.entries(headers).map(([name, value]) => `    expect(request.headers.get(${str(name)})).toBe(${str(value)});`),
      ...(auth.cookie ? [`    expect(request.headers.get("cookie")).toContain(${str(auth.cookie)});`] : []),
      ...bodyAssertions(call),
      '  });',
    ];
    tests.push(lines.join('\n'));
    const responses = ((nodeAt(doc, op.pointer) as Json).responses ?? {}) as Json;
    for (const status of Object.keys(responses).map(Number).filter((s) => Number.isInteger(s) && s >= 400)) {
      const name = errorClass(status);
      imports.add(name);
      const options = `{ headers: { Prefer: "code=${status}" } }`;
      tests.push(
        [
          `  it(${str(`${op.name}: ${status} → ${name}`)}, async () => {`,
          `    await expect(client.${op.name}(${hasParams(op) ? `${args}, ` : ''}${options})).rejects.toBeInstanceOf(${name});`,
          '  });',
        ].join('\n'),
      );
    }
  }
  const count = model.operations.length;
  return `${ctx.header}/**
 * Contract tests of ${ctx.displayName}: every operation through ${ctx.clientName} against the Prism mock of its spec,
 * with arguments from the spec. Generated with the package; run by \`npm test\`.
 */
import { afterAll, describe, expect, expectTypeOf, inject, it } from "vitest";
import {
${[...imports].sort().map((i) => `  ${i},`).join('\n')}
${[...typeImports].sort().map((t) => `  type ${t},`).join('\n')}
} from "../src/index.js";
import { recordingFetch } from "../../../test/support/recording-fetch.js";

// A real fetch that keeps what each call sent.
const wire = recordingFetch();
const client = createClient({
  baseUrl: inject("prism")[${str(ctx.provider)}]!,
  maxRetries: 0,
  fetch: wire.fetch,${Object.entries(credentials).map(([k, v]) => `\n  ${k}: ${str(v)},`).join('')}
});

describe(${str(`${ctx.displayName} contract (Prism)`)}, () => {
  afterAll(() => console.info(${str(`contract: ${ctx.provider}: ${count} operation${count === 1 ? '' : 's'} exercised through Prism`)}));

${tests.join('\n\n')}
});
`;
}

/** Arguments of a call of `op` and what they must become on the wire. */
function callOf(doc: OpenAPIDocument, op: OperationModel): Call {
  const operation = nodeAt(doc, op.pointer) as Json;
  const pathItem = nodeAt(doc, op.pointer.replace(/\/[^/]+$/, '')) as Json;
  const declared = new Map<string, Json>();
  for (const raw of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) {
    const p = deref(doc, raw) as Json;
    declared.set(`${String(p.in)}:${String(p.name)}`, p);
  }
  const call: Call = { args: {}, path: op.path, query: [], headers: {} };
  for (const p of op.parameters) {
    if (p.in === 'cookie') continue;
    const spec = declared.get(`${p.in}:${p.name}`) ?? {};
    const schema = deref(doc, spec.schema ?? {}) as Json;
    const hasExample = p.example !== undefined || schema.example !== undefined || p.enumValues?.length || p.default !== undefined;
    // Optional parameters only where the spec shows a value, and only scalars (their encoding is unambiguous).
    if (!p.required && (!hasExample || schema.type === 'object' || schema.type === 'array')) continue;
    const value = valueOf(doc, p.example, spec.schema);
    if (value === undefined || (typeof value === 'object' && !Array.isArray(value))) continue;
    call.args[p.name] = value;
    const text = (v: unknown) => String(v);
    if (p.in === 'path') call.path = call.path.split(`{${p.name}}`).join(encodeURIComponent(Array.isArray(value) ? value.map(text).join(',') : text(value)));
    else if (p.in === 'header') call.headers[p.name.toLowerCase()] = Array.isArray(value) ? value.map(text).join(',') : text(value);
    else {
      const name = encodeURIComponent(p.name).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
      const values = Array.isArray(value) ? (p.explode === false ? [value.map(text).join(',')] : value.map(text)) : [text(value)];
      for (const v of values) call.query.push(`${name}=${encodeURIComponent(v)}`);
    }
  }
  const body = op.requestBody;
  if (body && (body.kind === 'json' || body.kind === 'form')) {
    const media = (deref(doc, operation.requestBody) as Json | undefined)?.content as Json | undefined;
    const mediaObject = (media?.[body.mediaType] ?? {}) as Json;
    const value = valueOf(doc, mediaObject.example ?? firstExample(doc, mediaObject), mediaObject.schema);
    if (value !== undefined && (body.required || value !== null)) {
      call.args.body = value;
      call.body = body.kind === 'json' ? { mediaType: body.mediaType, json: value } : { mediaType: body.mediaType, form: formPairs(value) };
    }
  }
  return call;
}

/** The credential the client sends for the operation's first security alternative (it is given all of them). */
function authOf(model: ApiModel, op: OperationModel, credentials: Record<string, string>) {
  const out = { headers: {} as Record<string, string>, query: [] as string[], cookie: '' };
  const requirement = (op.security ?? model.security)[0] ?? [];
  for (const name of requirement) {
    const scheme: SecuritySchemeModel | undefined = model.securitySchemes[name];
    if (!scheme) continue;
    const value = credentials[scheme.option] ?? '';
    if (scheme.type === 'http' && scheme.scheme === 'bearer') out.headers.authorization = `Bearer ${value}`;
    else if (scheme.type === 'http') out.headers.authorization = `Basic ${Buffer.from(`${value}:${credentials[scheme.passwordOption] ?? ''}`).toString('base64')}`;
    else {
      const formatted = scheme.format ? scheme.format.split('{value}').join(value) : value;
      if (scheme.in === 'header') out.headers[scheme.name.toLowerCase()] = formatted;
      else if (scheme.in === 'query') out.query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(formatted)}`);
      else out.cookie = `${scheme.name}=${encodeURIComponent(formatted)}`;
    }
  }
  return out;
}

/** What the resolved 2xx body must be: the spec's example when Prism answers with it, else its kind. */
function resultAssertion(doc: OpenAPIDocument, op: OperationModel): string {
  const success = op.success;
  if (!success || success.kind === 'none') return 'expect(result).toBeUndefined();';
  if (success.kind === 'text') return 'expect(typeof result).toBe("string");';
  if (success.kind === 'blob') return 'expect(result).toBeInstanceOf(Blob);';
  if (success.kind === 'stream') return 'expect(result).toBeInstanceOf(ReadableStream);';
  const responses = ((nodeAt(doc, op.pointer) as Json).responses ?? {}) as Json;
  const response = deref(doc, responses[success.status]) as Json | undefined;
  const media = ((response?.content ?? {}) as Json)[success.mediaType ?? ''] as Json | undefined;
  // Prism answers a response's own example (or its first named example) as written.
  const example = media?.example ?? (media ? firstExample(doc, media) : undefined);
  if (example !== undefined) return `expect(result).toEqual(${literal(example, '    ')});`;
  return 'expect(result).toBeTypeOf("object");';
}

function bodyAssertions(call: Call): string[] {
  if (!call.body) return ['    expect(request.body).toBe("");'];
  const lines = [`    expect(request.headers.get("content-type")).toContain(${str(call.body.mediaType)});`];
  if (call.body.form) lines.push(`    expect(request.body.split("&").sort()).toEqual(${literal(call.body.form, '    ')});`);
  else lines.push(`    expect(JSON.parse(request.body)).toEqual(${literal(call.body.json, '    ')});`);
  return lines;
}

/** A flat form body's pairs, sorted: scalars as `k=v`, arrays repeated (the OpenAPI default, form + explode). */
function formPairs(value: unknown): string[] {
  const out: string[] = [];
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  for (const [k, v] of Object.entries((value ?? {}) as Json)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item != null && typeof item !== 'object') out.push(`${enc(k)}=${enc(String(item))}`);
  }
  return out.sort();
}

/** The spec's example, else a value sampled from the schema (examples inside it first). */
function valueOf(doc: OpenAPIDocument, example: unknown, schema: unknown): unknown {
  if (example !== undefined) return example;
  if (!schema) return undefined;
  try {
    return sample(schema as never, { skipReadOnly: true, skipNonRequired: false, quiet: true } as never, doc as never);
  } catch {
    return undefined;
  }
}

function firstExample(doc: OpenAPIDocument, media: Json): unknown {
  const examples = media.examples as Json | undefined;
  const first = examples ? Object.values(examples)[0] : undefined;
  return first ? (deref(doc, first) as Json).value : undefined;
}

function nodeAt(doc: OpenAPIDocument, pointer: string): unknown {
  let node: unknown = doc;
  for (const token of plainPointerTokens(pointer)) node = node && typeof node === 'object' ? (node as Json)[token] : undefined;
  return node;
}

const asArray = (v: unknown) => (Array.isArray(v) ? v : []);
