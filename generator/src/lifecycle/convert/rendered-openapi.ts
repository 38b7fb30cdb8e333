/**
 * `rendered-openapi`: the processed form a docs renderer (Mintlify) embeds in
 * its Markdown pages instead of the OpenAPI document, converted back to
 * OpenAPI 3.1.
 *
 * ```yaml
 * paths:
 *   path: /api/v1/monitors/{id}/runs
 *   method: get
 *   servers: [{ url, description }]
 *   request:
 *     security: [{ title: ApiKeyAuth, parameters: { header: { Authorization: { type: apiKey, description } } } }]
 *     parameters: { path: { id: { schema: [{ type: integer, required: true, title, description }] } }, query: …, header: …, cookie: … }
 *     body: { application/json: { schemaArray: [...], examples } }
 *   response:
 *     '200': { application/json: { schemaArray: [{ …, refIdentifier: '#/components/schemas/X', requiredProperties: [...] }], examples, description } }
 *   deprecated: false
 * components: { schemas: { … } }
 * ```
 *
 * What the renderer changed and how it is undone:
 * - a parameter's `schema` is a list of alternatives, each with `required`:
 *   one entry → the schema, several → `anyOf` with the annotations they share
 *   (title, description, default) lifted out; `required` moves to the parameter,
 *   the description is also the parameter's;
 * - `schemaArray` → `schema` (several → `anyOf`); a schema with `refIdentifier`
 *   becomes a component and is replaced by a `$ref`;
 * - properties wrapped as `allOf: [one schema]` are unwrapped;
 * - `requiredProperties` (and per-property `required: true`) → `required`;
 * - `enum<string>`-style types → `type` + `enum`, `type: any` → no type;
 * - the response description sits in the media type object → response;
 *   `_mintlify/placeholder` media types mean "no content";
 * - `request.security` → `components.securitySchemes` + `security`.
 * The page carries no operationId. It is derived the way FastAPI does
 * (`generate_unique_id`): snake_case(summary) + path with every non-word
 * character → `_` + `_` + method, e.g.
 * `list_monitor_runs_api_v1_monitors__id__runs_get`; the summary is the
 * page's title (the last `#` heading before the block) unless the block has one.
 * `info` is not on the page: the title is the page title and the version `unversioned`.
 */
import { convertError, isObject, parseStructured, type JsonObject, type OpenAPIDocument } from './common.js';
import { fencedBlocks } from './docs-page.js';

const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;
const LIFTABLE = ['title', 'description', 'default', 'deprecated', 'examples', 'example'];

/** FastAPI's `generate_unique_id`: `{name}{path}` with non-word chars → `_`, then `_{method}`. */
export function fastApiOperationId(summary: string, path: string, method: string): string {
  const name = summary.trim().toLowerCase().replace(/\W+/g, '_').replace(/^_+|_+$/g, '');
  return `${name}${path}`.replace(/\W/g, '_') + `_${method.toLowerCase()}`;
}

interface Context {
  source: string;
  components: Record<string, JsonObject>;
}

function componentName(ref: string, source: string): string {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m) throw convertError(source, `unsupported refIdentifier ${JSON.stringify(ref)}`, 'expected #/components/schemas/<name>');
  return m[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Undoes the renderer's schema decorations (recursively). */
function schema(input: unknown, ctx: Context, pointer: string): unknown {
  if (!isObject(input)) return input;
  const s: JsonObject = { ...input };

  // `allOf` with a single member, as the renderer wraps properties: unwrap.
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && isObject(s.allOf[0])) {
    const [inner] = s.allOf as JsonObject[];
    delete s.allOf;
    const conflicts = Object.keys(s).filter((k) => k in inner! && JSON.stringify(s[k]) !== JSON.stringify(inner![k]));
    if (conflicts.length === 0) return schema({ ...inner, ...s }, ctx, pointer);
    s.allOf = [inner!];
  }

  const ref = typeof s.refIdentifier === 'string' ? s.refIdentifier : undefined;
  delete s.refIdentifier;

  if (typeof s.type === 'string') {
    const m = /^enum<(\w+)>$/.exec(s.type);
    if (m) s.type = m[1];
    else if (s.type === 'any') delete s.type;
  }

  const required = new Set<string>(Array.isArray(s.required) ? (s.required as string[]) : []);
  if (Array.isArray(s.requiredProperties)) for (const r of s.requiredProperties) required.add(String(r));
  delete s.requiredProperties;
  if (typeof s.required === 'boolean') delete s.required; // property-level flag, handled by the parent

  if (isObject(s.properties)) {
    const props: JsonObject = {};
    for (const [name, p] of Object.entries(s.properties)) {
      if (isObject(p) && p.required === true) required.add(name);
      props[name] = schema(p, ctx, `${pointer}/properties/${name}`);
    }
    s.properties = props;
  }
  if (required.size > 0) s.required = [...required];
  for (const k of ['items', 'additionalProperties', 'not']) if (isObject(s[k])) s[k] = schema(s[k], ctx, `${pointer}/${k}`);
  for (const k of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    if (Array.isArray(s[k])) s[k] = (s[k] as unknown[]).map((x, i) => schema(x, ctx, `${pointer}/${k}/${i}`));
  }

  if (ref) {
    const name = componentName(ref, ctx.source);
    const existing = ctx.components[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(s)) {
      throw convertError(ctx.source, `component ${name} appears twice with different content`, undefined, pointer);
    }
    ctx.components[name] = s;
    return { $ref: ref };
  }
  return s;
}

/** A renderer schema list: one entry → that schema; several → `anyOf` with the shared annotations outside. */
function alternatives(list: unknown, ctx: Context, pointer: string, liftRequired: boolean): { schema: JsonObject; required: boolean } {
  const entries = (Array.isArray(list) ? list : [list]).filter(isObject).map((e) => ({ ...e }));
  if (entries.length === 0) return { schema: {}, required: false };
  let required = false;
  if (liftRequired) {
    for (const e of entries) {
      if (e.required === true) required = true;
      if (typeof e.required === 'boolean') delete e.required;
    }
  }
  const converted = entries.map((e, i) => schema(e, ctx, `${pointer}/${i}`) as JsonObject);
  if (converted.length === 1) return { schema: converted[0]!, required };
  const outer: JsonObject = {};
  for (const k of LIFTABLE) {
    const first = converted.find((c) => k in c);
    if (!first) continue;
    const value = JSON.stringify(first[k]);
    // Lift when every alternative that has it agrees.
    if (converted.every((c) => !(k in c) || JSON.stringify(c[k]) === value)) {
      outer[k] = first[k];
      for (const c of converted) delete c[k];
    }
  }
  outer.anyOf = converted;
  return { schema: outer, required };
}

function securityFrom(list: unknown, ctx: Context): { schemes: JsonObject; security: JsonObject[] } {
  const schemes: JsonObject = {};
  const security: JsonObject[] = [];
  if (!Array.isArray(list)) return { schemes, security };
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const params: { in: string; name: string; def: JsonObject }[] = [];
    const byLoc = isObject(entry.parameters) ? entry.parameters : {};
    for (const loc of ['header', 'query', 'cookie']) {
      const group = byLoc[loc];
      if (isObject(group)) for (const [name, def] of Object.entries(group)) if (isObject(def)) params.push({ in: loc, name, def });
    }
    const title = typeof entry.title === 'string' ? entry.title : '';
    if (params.length === 0) {
      security.push({}); // an anonymous alternative
      continue;
    }
    const titles = title.split(/\s*&\s*|\s*,\s*/).filter(Boolean);
    const names = titles.length === params.length ? titles : params.map((p, i) => (params.length === 1 ? title || `${p.name}Auth` : `${title || 'auth'}${i + 1}`));
    const requirement: JsonObject = {};
    params.forEach((p, i) => {
      const name = names[i]!;
      const type = String(p.def.type ?? 'apiKey');
      let scheme: JsonObject;
      if (type === 'apiKey') scheme = { type: 'apiKey', in: p.in, name: p.name };
      else if (type === 'http') scheme = { type: 'http', scheme: String(p.def.scheme ?? 'bearer'), ...(p.def.bearerFormat ? { bearerFormat: p.def.bearerFormat } : {}) };
      else if (type === 'oauth2') scheme = { type: 'oauth2', flows: isObject(p.def.flows) ? p.def.flows : {} };
      else throw convertError(ctx.source, `unsupported security parameter type ${JSON.stringify(type)} for ${name}`, 'expected apiKey, http or oauth2', '/paths/request/security');
      if (typeof p.def.description === 'string') scheme.description = p.def.description;
      const existing = schemes[name];
      if (existing && JSON.stringify(existing) !== JSON.stringify(scheme)) {
        throw convertError(ctx.source, `security scheme ${name} is described twice differently`, undefined, '/paths/request/security');
      }
      schemes[name] = scheme;
      requirement[name] = [];
    });
    security.push(requirement);
  }
  return { schemes, security };
}

function content(byType: JsonObject, ctx: Context, pointer: string): { content: JsonObject; description?: string; required?: boolean } {
  const out: JsonObject = {};
  let description: string | undefined;
  let required: boolean | undefined;
  for (const [mediaType, m] of Object.entries(byType)) {
    if (!isObject(m)) continue;
    if (typeof m.description === 'string' && description === undefined) description = m.description;
    if (typeof m.required === 'boolean') required = m.required;
    if (mediaType.startsWith('_mintlify/')) continue; // placeholder: no body
    const media: JsonObject = {};
    if (m.schemaArray !== undefined) {
      const { schema: s } = alternatives(m.schemaArray, ctx, `${pointer}/${mediaType}/schemaArray`, false);
      // A body-level `requiredProperties` next to the schema array.
      if (Array.isArray(m.requiredProperties) && isObject(s) && !('$ref' in s)) s.required = [...new Set([...((s.required as string[]) ?? []), ...m.requiredProperties.map(String)])];
      media.schema = s;
    } else if (m.schema !== undefined) media.schema = schema(m.schema, ctx, `${pointer}/${mediaType}/schema`);
    if (isObject(m.examples) && Object.keys(m.examples).length > 0) media.examples = m.examples;
    if (m.example !== undefined) media.example = m.example;
    out[mediaType] = media;
  }
  return { content: out, ...(description !== undefined ? { description } : {}), ...(required !== undefined ? { required } : {}) };
}

/** Converts the renderer's processed object (already parsed) to OpenAPI 3.1. */
export function convertRenderedObject(value: unknown, source: string, heading?: string): OpenAPIDocument {
  if (!isObject(value) || !isObject(value.paths) || typeof value.paths.path !== 'string' || typeof value.paths.method !== 'string') {
    throw convertError(source, 'not a rendered-openapi block (expected `paths.path` and `paths.method`)', 'for a page with a real OpenAPI block use --from docs-page');
  }
  const ep = value.paths;
  const path = ep.path as string;
  const method = (ep.method as string).toLowerCase();
  if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) {
    throw convertError(source, `unknown HTTP method ${JSON.stringify(ep.method)}`, undefined, '/paths/method');
  }
  const ctx: Context = { source, components: {} };
  const request = isObject(ep.request) ? ep.request : {};
  const summary = typeof ep.summary === 'string' ? ep.summary : typeof ep.title === 'string' ? ep.title : heading;

  const parameters: JsonObject[] = [];
  const params = isObject(request.parameters) ? request.parameters : {};
  for (const loc of LOCATIONS) {
    const group = params[loc];
    if (!isObject(group)) continue;
    for (const [name, def] of Object.entries(group)) {
      if (!isObject(def)) continue;
      const { schema: s, required } = alternatives(def.schema, ctx, `/paths/request/parameters/${loc}/${name}/schema`, true);
      const p: JsonObject = { name, in: loc };
      const description = typeof def.description === 'string' ? def.description : typeof s.description === 'string' ? s.description : undefined;
      if (description !== undefined) p.description = description;
      p.required = loc === 'path' ? true : required;
      if (s.deprecated === true || def.deprecated === true) p.deprecated = true;
      for (const k of ['style', 'explode']) if (def[k] !== undefined) p[k] = def[k];
      p.schema = s;
      parameters.push(p);
    }
  }

  const operation: JsonObject = {};
  if (Array.isArray(ep.tags)) operation.tags = ep.tags;
  if (summary) operation.summary = summary;
  if (typeof ep.description === 'string' && ep.description.trim()) operation.description = ep.description;
  operation.operationId = typeof ep.operationId === 'string' ? ep.operationId : fastApiOperationId(summary ?? '', path, method);
  if (parameters.length) operation.parameters = parameters;

  if (isObject(request.body) && Object.keys(request.body).length > 0) {
    const body = content(request.body, ctx, '/paths/request/body');
    if (Object.keys(body.content).length > 0) {
      operation.requestBody = { ...(body.description ? { description: body.description } : {}), ...(body.required !== undefined ? { required: body.required } : {}), content: body.content };
    }
  }

  const responses: JsonObject = {};
  const resp = isObject(ep.response) ? ep.response : {};
  for (const [status, byType] of Object.entries(resp)) {
    if (!isObject(byType)) continue;
    const r = content(byType, ctx, `/paths/response/${status}`);
    responses[status] = { description: r.description ?? '', ...(Object.keys(r.content).length ? { content: r.content } : {}) };
  }
  if (Object.keys(responses).length === 0) throw convertError(source, 'the endpoint has no responses', undefined, '/paths/response');
  operation.responses = responses;
  if (ep.deprecated === true) operation.deprecated = true; // `false` is the default

  const { schemes, security } = securityFrom(request.security, ctx);
  const opSecurity = Array.isArray(ep.security) ? ep.security : undefined;

  // Page components are already plain OpenAPI, but may carry the same decorations.
  const pageComponents = isObject(value.components) ? value.components : {};
  const schemas: JsonObject = {};
  if (isObject(pageComponents.schemas)) {
    for (const [name, s] of Object.entries(pageComponents.schemas)) schemas[name] = schema(s, ctx, `/components/schemas/${name}`);
  }
  for (const [name, s] of Object.entries(ctx.components)) {
    if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(s)) {
      throw convertError(source, `component ${name} differs between the endpoint and components.schemas`, undefined, `/components/schemas/${name}`);
    }
    schemas[name] = s;
  }
  const sortedSchemas = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));

  const doc: JsonObject = {
    openapi: '3.1.0',
    info: { title: heading ?? summary ?? path, version: 'unversioned' },
  };
  if (Array.isArray(ep.servers) && ep.servers.length) doc.servers = ep.servers;
  if (security.length) doc.security = security;
  doc.paths = { [path]: { [method]: { ...operation, ...(opSecurity ? { security: opSecurity } : {}) } } };
  const components: JsonObject = {};
  if (Object.keys(sortedSchemas).length) components.schemas = sortedSchemas;
  if (Object.keys(schemes).length) components.securitySchemes = schemes;
  if (Object.keys(components).length) doc.components = components;
  return doc as unknown as OpenAPIDocument;
}

/** Markdown page (or bare YAML) holding the renderer's processed form. */
export function convertRenderedOpenApi(text: string, source: string): OpenAPIDocument {
  const blocks = fencedBlocks(text);
  const block = blocks.find((b) => /^paths:\s*\n\s+path:/m.test(b.body));
  if (!block) {
    if (blocks.length === 0 && /^paths:\s*\n\s+path:/m.test(text)) return convertRenderedObject(parseStructured(text, source), source);
    if (blocks.some((b) => /^\s*openapi\s*:/m.test(b.body))) {
      throw convertError(source, 'the page embeds a real OpenAPI document, not the rendered form', 'use --from docs-page');
    }
    throw convertError(source, 'no rendered-openapi block found (a fenced block starting with `paths:` / `  path:` / `  method:`)', 'check that the URL is a docs page rendered from OpenAPI');
  }
  return convertRenderedObject(parseStructured(block.body, source, block.line - 1), source, pageTitle(text, block.line));
}

/** The page title: the last `# ` heading before the block (saved pages may start with a `# Source: <url>` line). */
export function pageTitle(markdown: string, beforeLine: number): string | undefined {
  const lines = markdown.split(/\r?\n/).slice(0, beforeLine - 1);
  let inFence = false;
  let title: string | undefined;
  for (const line of lines) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^#\s+(.+?)\s*#*\s*$/.exec(line);
    if (m && !/^source:\s*\S+$/i.test(m[1]!)) title = m[1];
  }
  return title;
}
