/**
 * Random valid OpenAPI 3.0/3.1 documents for property tests (fast-check):
 * names and texts from a hostile alphabet (comment and string terminators,
 * template syntax, line separators, reserved words, `__proto__`), nested
 * schemas with `$ref`s (cycles only where TypeScript can express them),
 * random parameter sets (path-level and operation-level), request bodies of
 * every kind, responses with and without content, servers, security.
 *
 * Every hostile text that would run if it escaped into code sets
 * `globalThis.pwned`.
 */
import fc from 'fast-check';

/** Strings that break out of comments, strings or templates if emitted carelessly. */
export const PAYLOADS = [
  '*/ globalThis.pwned = "comment"; /*',
  '` + (globalThis.pwned = "template") + `',
  '${globalThis.pwned = "interpolation"}',
  '"; globalThis.pwned = "double"; "',
  "'; globalThis.pwned = 'single'; '",
  '\nglobalThis.pwned = "newline"; //',
  '\u2028globalThis.pwned = "ls"; //',
  '\u2029globalThis.pwned = "ps"; //',
  '</script><script>globalThis.pwned = "script"</script>',
  '\\"; globalThis.pwned = "backslash"; //',
  '<!-- globalThis.pwned = "html" -->',
  '@example */ globalThis.pwned = "tag"; /**',
] as const;

/** Names that are special in JavaScript or to the generator. */
export const SPECIAL_NAMES = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then',
  'class', 'delete', 'default', 'new', 'function', 'await', 'yield', 'enum',
  'raw', 'core', 'paginate', 'body', 'options', 'params', 'env', 'headers', 'fetch', 'baseUrl',
  '1abc', '123', '', ' ', '_', '$', 'a b', 'a-b', 'a.b', 'a[0]', 'A', 'a', 'Ab', 'aB', 'AB', 'ab',
  'café', '日本語', 'x*/y', 'x${y}', 'x`y', 'x"y', "x'y", 'x\\y', 'x\ny',
] as const;

const CHARS = [
  'a', 'b', 'c', 'X', 'Y', 'Z', '0', '1', '9', '_', '-', ' ', '$', '.', '*', '/', '`', '"', "'", '\\', '{', '}',
  '[', ']', '<', '>', '\n', '\u2028', 'é', '@', '#', '(', ')', ':', ';', '!', '=', '+', '?', '&',
];
// No `%`: a name with a bare `%` is refused with a clear error (openapi-typescript cannot process it; see test/generator/errors.test.ts).

export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 10 }) },
);

export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...PAYLOADS), hostileName, fc.constantFrom('plain words', 'Line one.\n\nLine two.')), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(' '));

/** Characters allowed in a literal path segment (no `/ ? # { }`, nothing URL-breaking). */
const SEGMENT_CHARS = ['a', 'b', 'z', 'Q', '0', '7', '-', '_', '.', '~', '*', '$', '@', ':', '!', '"', "'", '`', '<', '>', ' ', 'é'];
const segment = fc
  .string({ unit: fc.constantFrom(...SEGMENT_CHARS), minLength: 1, maxLength: 8 })
  .filter((s) => s !== '.' && s !== '..');
/** Path parameter names: anything but braces and slashes. */
const pathParamName = hostileName.filter((n) => n.length > 0 && !/[{}/?#]/.test(n));

type Json = Record<string, unknown>;

interface SchemaContext {
  version: '3.0' | '3.1';
  /** Component names a schema may refer to in alias positions (no cycles there). */
  earlier: string[];
  /** Component names a schema may refer to inside object properties (cycles are fine there). */
  all: string[];
}

const refTo = (name: string) => ({ $ref: `#/components/schemas/${encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'))}` });

function scalarSchema(ctx: SchemaContext): fc.Arbitrary<Json> {
  const enumValue = fc.oneof(hostileName, fc.constantFrom(...PAYLOADS));
  return fc.oneof(
    fc.record({ type: fc.constant('string'), format: fc.option(fc.constantFrom('date-time', 'uuid', 'binary', '*/ fmt'), { nil: undefined }) }, { requiredKeys: ['type'] }),
    fc.constant({ type: 'integer', format: 'int64' }),
    fc.constant({ type: 'number' }),
    fc.constant({ type: 'boolean' }),
    fc.uniqueArray(enumValue, { minLength: 1, maxLength: 4 }).map((values) => ({ type: 'string', enum: values })),
    fc.uniqueArray(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 3 }).map((values) => ({ type: 'integer', enum: values })),
    ...(ctx.version === '3.1' ? [enumValue.map((value) => ({ const: value })), fc.constant({ type: ['string', 'null'] })] : [fc.constant({ type: 'string', nullable: true })]),
  );
}

function schemaArb(ctx: SchemaContext, depth: number): fc.Arbitrary<Json> {
  const leaves: fc.Arbitrary<Json>[] = [scalarSchema(ctx)];
  if (ctx.earlier.length) leaves.push(fc.constantFrom(...ctx.earlier).map(refTo));
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = schemaArb(ctx, depth - 1);
  // Inside properties, any component may be referenced (recursion through an object is typeable).
  const propertySchema = ctx.all.length ? fc.oneof({ weight: 3, arbitrary: inner }, { weight: 1, arbitrary: fc.constantFrom(...ctx.all).map(refTo) }) : inner;
  const object = fc
    .tuple(fc.uniqueArray(fc.tuple(hostileName, propertySchema), { selector: ([k]) => k, maxLength: 4 }), fc.boolean(), fc.option(fc.oneof(fc.boolean(), inner), { nil: undefined }))
    .map(([props, requireSome, additional]) => {
      const schema: Json = { type: 'object', properties: Object.fromEntries(props) };
      const required = props.map(([k]) => k).filter((_, i) => requireSome && i % 2 === 0);
      if (required.length) schema.required = required;
      if (additional !== undefined) schema.additionalProperties = additional;
      return schema;
    });
  const array = inner.map((items) => ({ type: 'array', items }));
  const combined = fc
    .tuple(fc.constantFrom('allOf', 'oneOf', 'anyOf'), fc.array(fc.oneof(object, ...(ctx.earlier.length ? [fc.constantFrom(...ctx.earlier).map(refTo)] : [])), { minLength: 1, maxLength: 3 }))
    .map(([k, parts]) => ({ [k]: parts }));
  const discriminated = fc
    .tuple(hostileName.filter((n) => n.length > 0), fc.uniqueArray(hostileName.filter((n) => n.length > 0), { minLength: 1, maxLength: 3 }))
    .map(([property, values]) => ({
      oneOf: values.map((v) => ({ type: 'object', required: [property], properties: { [property]: { type: 'string', enum: [v] } } })),
      discriminator: { propertyName: property },
    }));
  return fc.oneof({ weight: 3, arbitrary: fc.oneof(...leaves) }, { weight: 2, arbitrary: object }, { weight: 1, arbitrary: array }, { weight: 1, arbitrary: combined }, { weight: 1, arbitrary: discriminated });
}

const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/octet-stream', 'text/plain', 'application/vnd.api+json'];
const RESPONSE_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'application/problem+json'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Header and cookie names are HTTP tokens (anything else is refused with a clear error). */
export const headerName = fc.oneof(
  fc.constantFrom('X-Request-Id', 'x-api-key', 'Authorization', 'If-Match', 'x-*', "x-'`", 'constructor', '__proto__', 'toString'),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '!', '#', '$', '&', "'", '*', '+', '^', '`', '|', '~'), minLength: 1, maxLength: 8 }),
);

function parameterArb(ctx: SchemaContext, where: 'query' | 'header' | 'cookie'): fc.Arbitrary<Json> {
  return fc
    .record({
      name: where === 'query' ? hostileName.filter((n) => n.length > 0) : headerName,
      required: fc.boolean(),
      deprecated: fc.boolean(),
      description: fc.option(hostileText, { nil: undefined }),
      example: fc.option(hostileText, { nil: undefined }),
      schema: schemaArb(ctx, 1),
    })
    .map((p) => ({ ...strip(p), in: where }));
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function operationArb(ctx: SchemaContext, pathParams: string[], schemeNames: string[]): fc.Arbitrary<Json> {
  const params = fc.uniqueArray(fc.oneof(parameterArb(ctx, 'query'), parameterArb(ctx, 'header'), parameterArb(ctx, 'cookie')), {
    selector: (p) => `${p.in}:${p.name}`,
    maxLength: 4,
  });
  const body = fc.option(
    fc.record({ type: fc.constantFrom(...BODY_TYPES), required: fc.boolean(), description: fc.option(hostileText, { nil: undefined }), schema: schemaArb(ctx, 2) }),
    { nil: undefined },
  );
  const response = fc.record({
    description: hostileText,
    type: fc.option(fc.constantFrom(...RESPONSE_TYPES), { nil: undefined }),
    schema: schemaArb(ctx, 2),
  });
  const responses = fc.uniqueArray(fc.tuple(fc.constantFrom('200', '201', '204', '400', '404', '422', 'default', '2XX', '5XX'), response), {
    selector: ([s]) => s,
    minLength: 1,
    maxLength: 3,
  });
  return fc
    .record({
      operationId: fc.option(hostileName.filter((n) => n.length > 0), { nil: undefined }),
      summary: fc.option(hostileText, { nil: undefined }),
      description: fc.option(hostileText, { nil: undefined }),
      deprecated: fc.boolean(),
      tags: fc.array(hostileName, { maxLength: 2 }),
      params,
      body,
      responses,
      security: fc.option(fc.subarray(schemeNames), { nil: undefined }),
    })
    .map((o) => {
      const op: Json = strip({
        operationId: o.operationId,
        summary: o.summary,
        description: o.description,
        deprecated: o.deprecated || undefined,
        tags: o.tags.length ? o.tags : undefined,
      });
      const parameters = [...pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })), ...o.params];
      if (parameters.length) op.parameters = parameters;
      if (o.body) {
        op.requestBody = strip({ required: o.body.required || undefined, description: o.body.description, content: { [o.body.type]: { schema: o.body.schema } } });
      }
      op.responses = Object.fromEntries(
        o.responses.map(([status, r]) => [status, r.type && status !== '204' ? { description: r.description, content: { [r.type]: { schema: r.schema } } } : { description: r.description }]),
      );
      if (o.security) op.security = o.security.length ? [Object.fromEntries(o.security.map((s) => [s, []]))] : [];
      return op;
    });
}

function securitySchemeArb(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.record({ type: fc.constant('apiKey'), in: fc.constantFrom('header', 'cookie'), name: headerName, description: fc.option(hostileText, { nil: undefined }), 'x-env-name': fc.option(hostileText, { nil: undefined }) }).map(strip),
    fc.record({ type: fc.constant('apiKey'), in: fc.constant('query'), name: hostileName.filter((n) => n.length > 0), description: fc.option(hostileText, { nil: undefined }), 'x-env-name': fc.option(hostileText, { nil: undefined }) }).map(strip),
    fc.constant({ type: 'http', scheme: 'bearer' }),
    fc.constant({ type: 'http', scheme: 'basic' }),
    fc.constant({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: {} } } }),
  );
}

/** A random valid OpenAPI document (3.0 or 3.1). */
export const openApiDocument: fc.Arbitrary<Json> = fc
  .record({
    version: fc.constantFrom('3.0' as const, '3.1' as const),
    title: hostileText,
    description: fc.option(hostileText, { nil: undefined }),
    componentNames: fc.uniqueArray(hostileName.filter((n) => n.length > 0), { maxLength: 4 }),
    schemeDefs: fc.uniqueArray(fc.tuple(hostileName.filter((n) => n.length > 0), securitySchemeArb()), { selector: ([n]) => n, maxLength: 3 }),
    serverVariables: fc.uniqueArray(fc.tuple(pathParamName, hostileText, fc.boolean()), { selector: ([n]) => n, maxLength: 2 }),
    seed: fc.integer(),
  })
  .chain((top) => {
    const ctxAll = { version: top.version, all: top.componentNames };
    const components = fc.tuple(...top.componentNames.map((_, i) => schemaArb({ ...ctxAll, earlier: top.componentNames.slice(0, i) }, 2)));
    const ctx: SchemaContext = { ...ctxAll, earlier: top.componentNames };
    const schemeNames = top.schemeDefs.map(([n]) => n);
    const pathArb = fc
      .array(fc.oneof(segment.map((s) => ({ literal: s })), pathParamName.map((p) => ({ param: p }))), { minLength: 1, maxLength: 3 })
      .map((parts) => {
        // Unique parameter names within one path.
        const seen = new Set<string>();
        return parts.filter((p) => !('param' in p) || (!seen.has(p.param) && (seen.add(p.param), true)));
      });
    const pathItems = fc.uniqueArray(
      fc.tuple(pathArb, fc.uniqueArray(fc.constantFrom(...METHODS), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.option(parameterArb(ctx, 'query'), { nil: undefined })).chain(
        ([parts, methods, pathLevel, shared]) => {
          const params = parts.flatMap((p) => ('param' in p ? [p.param] : []));
          // Path parameters at the path item (pathLevel) or on each operation; a path-level query
          // parameter that operations may declare again (the operation's wins).
          return fc.tuple(
            fc.constant(parts),
            fc.tuple(...methods.map((m) => operationArb(ctx, pathLevel ? [] : params, schemeNames).map((op) => [m, op] as const))),
            fc.constant({ pathLevel, params, shared }),
          );
        },
      ),
      {
        // Paths that differ only in parameter names are the same path.
        selector: ([parts]) => parts.map((p) => ('param' in p ? '{}' : p.literal)).join('/'),
        minLength: 1,
        maxLength: 4,
      },
    );
    return fc.tuple(fc.constant(top), components, pathItems, fc.subarray(schemeNames));
  })
  .map(([top, componentSchemas, pathItems, topSecurity]) => {
    const paths: Json = {};
    const ids = new Set<string>();
    for (const [parts, ops, level] of pathItems) {
      const path = `/${parts.map((p) => ('param' in p ? `{${p.param}}` : p.literal)).join('/')}`;
      const item: Json = {};
      const pathParameters = [
        ...(level.pathLevel ? level.params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) : []),
        ...(level.shared ? [level.shared] : []),
      ];
      if (pathParameters.length) item.parameters = pathParameters;
      for (const [method, op] of ops) {
        // operationIds are unique per document (Redocly rule); drop repeats.
        if (typeof op.operationId === 'string') {
          if (ids.has(op.operationId)) delete op.operationId;
          else ids.add(op.operationId);
        }
        item[method] = op;
      }
      paths[path] = item;
    }
    const doc: Json = {
      openapi: top.version === '3.0' ? '3.0.3' : '3.1.0',
      info: strip({ title: top.title, version: '1.0.0', description: top.description }),
      servers: [
        {
          url: `https://api.example.com/${top.serverVariables.map(([n]) => `{${n}}`).join('/')}`,
          ...(top.serverVariables.length
            ? { variables: Object.fromEntries(top.serverVariables.map(([n, text, withEnum]) => [n, { default: text, ...(withEnum ? { enum: [text, `${text}-2`] } : {}), description: text }])) }
            : {}),
        },
      ],
      paths,
      components: {
        schemas: Object.fromEntries(top.componentNames.map((n, i) => [n, componentSchemas[i]])),
        ...(top.schemeDefs.length ? { securitySchemes: Object.fromEntries(top.schemeDefs) } : {}),
      },
    };
    if (topSecurity.length) doc.security = [Object.fromEntries(topSecurity.map((s) => [s, []]))];
    return doc;
  });
