/**
 * `verify`: does the real API do what the spec says? Every recorded exchange
 * is matched to its operation (method + path template) and checked: request
 * parameters and body against the operation, the response status declared,
 * response headers and body against the response's schemas. Each finding
 * names the spec's JSON pointer and the recording it comes from.
 */
import { escapePointerToken, pointerOf } from '../load/spec-error.js';
import { HTTP_METHODS, type OpenAPIDocument } from '../model/openapi.js';
import { resolveLocal } from '../load/typeable.js';
import type { Exchange } from './recordings.js';
import { schemaValidator, type SchemaValidator } from './schema.js';

export interface Finding {
  /** The recording: `file#entry`. */
  source: string;
  /** `GET /runs/{run_id}` (the template), or the recorded path when nothing matched. */
  operation: string;
  operationId?: string;
  /** Where in the exchange: `request query page[number]`, `response body /data/0/id`, … */
  where: string;
  /** JSON pointer into the spec. */
  pointer: string;
  message: string;
}

export interface OperationSummary {
  operation: string;
  operationId?: string;
  exchanges: number;
  findings: number;
}

export interface VerifyResult {
  findings: Finding[];
  /** Per operation that had exchanges, in spec order; unmatched exchanges under their recorded method and path. */
  operations: OperationSummary[];
  exchanges: number;
}

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  style?: string;
  explode?: boolean;
  pointer: string;
}
interface Operation {
  method: string;
  template: string;
  operationId?: string;
  pointer: string;
  matcher: RegExp;
  /** Literal characters of the template: the most specific match wins (`/runs/search` over `/runs/{id}`). */
  literal: number;
  names: string[];
  parameters: Parameter[];
  op: Json;
}

export function verifyExchanges(doc: OpenAPIDocument, exchanges: Exchange[]): VerifyResult {
  const operations = operationsOf(doc);
  const validator = schemaValidator(doc);
  const basePaths = [...new Set((doc.servers ?? []).map((s) => basePathOf(String(s.url ?? ''))).filter(Boolean))];
  const findings: Finding[] = [];
  const counts = new Map<string, OperationSummary>();
  for (const exchange of exchanges) {
    const match = matchOperation(operations, exchange, basePaths);
    const label = match ? `${match.operation.method} ${match.operation.template}` : `${exchange.method} ${exchange.path}`;
    const summary = counts.get(label) ?? { operation: label, ...(match?.operation.operationId ? { operationId: match.operation.operationId } : {}), exchanges: 0, findings: 0 };
    counts.set(label, summary);
    summary.exchanges++;
    const found: Omit<Finding, 'source' | 'operation' | 'operationId'>[] = match
      ? checkExchange(doc, validator, match.operation, match.pathValues, exchange)
      : [{ where: 'request', pointer: '/paths', message: `no operation matches ${exchange.method} ${exchange.path}` }];
    summary.findings += found.length;
    for (const f of found) findings.push({ source: exchange.source, operation: label, ...(match?.operation.operationId ? { operationId: match.operation.operationId } : {}), ...f });
  }
  const order = operations.map((o) => `${o.method} ${o.template}`);
  const rank = (label: string) => (order.includes(label) ? order.indexOf(label) : order.length);
  return { findings, operations: [...counts.values()].sort((a, b) => rank(a.operation) - rank(b.operation) || a.operation.localeCompare(b.operation)), exchanges: exchanges.length };
}

function basePathOf(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\{[^}]*\}/g, '');
  return path === '/' ? '' : path.replace(/\/$/, '');
}

function operationsOf(doc: OpenAPIDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolveLocal(doc, rawItem) as Json | undefined;
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op || typeof op !== 'object') continue;
      const pointer = pointerOf('paths', template, method);
      const byKey = new Map<string, Parameter>();
      const collect = (list: unknown, base: string) =>
        (Array.isArray(list) ? list : []).forEach((raw, i) => {
          const p = resolveLocal(doc, raw) as Json | undefined;
          if (p && typeof p.name === 'string' && typeof p.in === 'string') {
            const ref = (raw as Json).$ref;
            byKey.set(`${p.in}:${p.name}`, { ...(p as unknown as Parameter), pointer: typeof ref === 'string' ? ref.replace(/^#/, '') : `${base}/${i}` });
          }
        });
      collect(item.parameters, pointerOf('paths', template, 'parameters'));
      collect(op.parameters, `${pointer}/parameters`);
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^{}]+)\\?\}|\{([^{}]+)\}/g, (_, a: string, b: string) => {
        names.push(a ?? b);
        return '([^/]+)';
      });
      out.push({
        method: method.toUpperCase(),
        template,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        pointer,
        matcher: new RegExp(`^${source}$`),
        literal: template.replace(/\{[^{}]+\}/g, '').length,
        names,
        parameters: [...byKey.values()],
        op,
      });
    }
  }
  return out;
}

function matchOperation(operations: Operation[], exchange: Exchange, basePaths: string[]) {
  const candidates = [exchange.path, ...basePaths.filter((b) => exchange.path.startsWith(`${b}/`)).map((b) => exchange.path.slice(b.length))];
  let best: { operation: Operation; pathValues: Record<string, string> } | undefined;
  for (const path of candidates) {
    for (const operation of operations) {
      if (operation.method !== exchange.method) continue;
      const m = operation.matcher.exec(path);
      if (!m || (best && best.operation.literal >= operation.literal)) continue;
      const pathValues = Object.fromEntries(operation.names.map((n, i) => [n, safeDecode(m[i + 1]!)]));
      best = { operation, pathValues };
    }
  }
  return best;
}

function checkExchange(doc: OpenAPIDocument, validator: SchemaValidator, operation: Operation, pathValues: Record<string, string>, exchange: Exchange) {
  const out: Omit<Finding, 'source' | 'operation' | 'operationId'>[] = [];
  const schemaFindings = (where: string, pointer: string, value: unknown, coerce = false) => {
    for (const f of validator.validate(pointer, value, { coerce })) out.push({ where: `${where}${f.at}`, pointer: f.pointer, message: f.message });
  };

  // Request parameters.
  const query = new Map<string, string[]>();
  for (const [k, v] of exchange.query) query.set(k, [...(query.get(k) ?? []), v]);
  for (const p of operation.parameters) {
    if (p.in === 'cookie') continue;
    const values = p.in === 'path' ? (p.name in pathValues ? [pathValues[p.name]!] : []) : p.in === 'query' ? (query.get(p.name) ?? []) : headerValues(exchange.requestHeaders, p.name);
    const where = `request ${p.in} ${p.name}`;
    if (!values.length) {
      if (p.required && p.in !== 'header') out.push({ where, pointer: p.pointer, message: `required ${p.in} parameter ${JSON.stringify(p.name)} missing` });
      continue;
    }
    if (!p.schema) continue;
    const schema = resolveLocal(doc, p.schema) as Json | undefined;
    const isArray = schema?.type === 'array';
    const value = isArray ? (values.length === 1 && p.explode === false ? values[0]!.split(',') : values) : values[0];
    schemaFindings(`${where} `, `${p.pointer}/schema`, value, true);
  }
  if (exchange.query.length) {
    const declared = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const deep = [...declared].filter((n) => operation.parameters.some((p) => p.name === n && p.style === 'deepObject'));
    for (const name of new Set(exchange.query.map(([k]) => k))) {
      if (!declared.has(name) && !deep.some((d) => name.startsWith(`${d}[`))) out.push({ where: `request query ${name}`, pointer: `${operation.pointer}/parameters`, message: `undocumented query parameter ${JSON.stringify(name)}` });
    }
  }

  // Request body.
  const requestBody = resolveLocal(doc, operation.op.requestBody) as Json | undefined;
  const requestBodyPointer = refOr(operation.op.requestBody, `${operation.pointer}/requestBody`);
  if (exchange.requestBody && exchange.requestBody.text !== '') {
    const content = (requestBody?.content ?? {}) as Json;
    const mediaType = mediaTypeKey(content, exchange.requestBody.mediaType);
    if (!requestBody) out.push({ where: 'request body', pointer: operation.pointer, message: 'a request body was sent, but the operation declares none' });
    else if (!mediaType) out.push({ where: 'request body', pointer: `${requestBodyPointer}/content`, message: `undocumented request media type ${exchange.requestBody.mediaType}` });
    else if (isJson(mediaType) && (content[mediaType] as Json | undefined)?.schema) {
      const parsed = parseJson(exchange.requestBody.text);
      if (parsed.ok) schemaFindings('request body ', `${requestBodyPointer}/content/${escapePointerToken(mediaType)}/schema`, parsed.value);
      else out.push({ where: 'request body', pointer: `${requestBodyPointer}/content/${escapePointerToken(mediaType)}`, message: `not JSON: ${parsed.error}` });
    }
  } else if (requestBody?.required === true) {
    out.push({ where: 'request body', pointer: `${requestBodyPointer}/required`, message: 'required request body missing' });
  }

  out.push(...pageDefaults(doc, operation, query, exchange));

  // Response status, headers and body.
  const responses = (operation.op.responses ?? {}) as Json;
  const status = String(exchange.status);
  const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : undefined;
  if (!key) {
    out.push({ where: 'response status', pointer: `${operation.pointer}/responses`, message: `undocumented status ${status}` });
    return out;
  }
  const responsePointer = refOr(responses[key], `${operation.pointer}/responses/${key}`);
  const response = (resolveLocal(doc, responses[key]) ?? {}) as Json;
  for (const [name, raw] of Object.entries((response.headers ?? {}) as Json)) {
    if (name.toLowerCase() === 'content-type') continue;
    const header = resolveLocal(doc, raw) as Json | undefined;
    const headerPointer = refOr(raw, `${responsePointer}/headers/${escapePointerToken(name)}`);
    const values = headerValues(exchange.responseHeaders, name);
    if (!values.length) {
      if (header?.required === true) out.push({ where: `response header ${name}`, pointer: headerPointer, message: `required response header ${JSON.stringify(name)} missing` });
    } else if (header?.schema) schemaFindings(`response header ${name} `, `${headerPointer}/schema`, values[0], true);
  }
  const body = exchange.responseBody;
  const content = response.content as Json | undefined;
  if (body && content && Object.keys(content).length) {
    const mediaType = mediaTypeKey(content, body.mediaType);
    if (!mediaType) out.push({ where: 'response body', pointer: `${responsePointer}/content`, message: `undocumented response media type ${body.mediaType || '(none)'}` });
    else if (isJson(mediaType) && (content[mediaType] as Json | undefined)?.schema) {
      const parsed = parseJson(body.text);
      if (parsed.ok) schemaFindings('response body ', `${responsePointer}/content/${escapePointerToken(mediaType)}/schema`, parsed.value);
      else out.push({ where: 'response body', pointer: `${responsePointer}/content/${escapePointerToken(mediaType)}`, message: `not JSON: ${parsed.error}` });
    }
  } else if (body && body.text.trim() && isJson(body.mediaType) && !content && exchange.status < 300) {
    out.push({ where: 'response body', pointer: responsePointer, message: `undocumented response body (${body.mediaType})` });
  }
  return out;
}

/** Query parameters that select a page, and where a response says which page it is. */
const PAGE_PARAMS = new Set(['page', 'page[number]', 'pageNumber', 'page_number']);
const CURRENT_PAGE = ['meta.page.number', 'meta.page.current', 'meta.current_page', 'current_page', 'pagination.page', 'page'];

/**
 * A page parameter the request left out must behave as its spec `default`
 * says: a server that answers another page (Datadog: page 0 where the spec
 * says "default 1") makes clients skip or repeat a page.
 */
function pageDefaults(doc: OpenAPIDocument, operation: Operation, query: Map<string, string[]>, exchange: Exchange) {
  const out: Omit<Finding, 'source' | 'operation' | 'operationId'>[] = [];
  if (exchange.status >= 300 || !exchange.responseBody || !isJson(exchange.responseBody.mediaType)) return out;
  for (const p of operation.parameters) {
    if (p.in !== 'query' || !PAGE_PARAMS.has(p.name) || query.has(p.name)) continue;
    const fallback = (resolveLocal(doc, p.schema) as Json | undefined)?.default;
    if (typeof fallback !== 'number') continue;
    const parsed = parseJson(exchange.responseBody.text);
    if (!parsed.ok) continue;
    for (const path of CURRENT_PAGE) {
      const answered = path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), parsed.value);
      if (typeof answered !== 'number') continue;
      if (answered !== fallback) {
        out.push({
          where: `response body /${path.replace(/\./g, '/')}`,
          pointer: `${p.pointer}/schema/default`,
          message: `query parameter ${JSON.stringify(p.name)} defaults to ${fallback} in the spec, but the server answered page ${answered} when it was left out`,
        });
      }
      break;
    }
  }
  return out;
}

/** The pointer a `$ref` names, else `fallback`. */
function refOr(raw: unknown, fallback: string): string {
  const ref = raw && typeof raw === 'object' ? (raw as Json).$ref : undefined;
  return typeof ref === 'string' && ref.startsWith('#/') ? ref.slice(1) : fallback;
}

function headerValues(headers: Record<string, string>, name: string): string[] {
  const v = headers[name.toLowerCase()];
  return v === undefined ? [] : [v];
}

/** The content key that covers a recorded media type: exact, `type/*`, or `*\/*`. */
function mediaTypeKey(content: Json, mediaType: string): string | undefined {
  const keys = Object.keys(content);
  const base = (k: string) => k.split(';')[0]!.trim().toLowerCase();
  return keys.find((k) => base(k) === mediaType) ?? keys.find((k) => base(k) === `${mediaType.split('/')[0]}/*`) ?? keys.find((k) => base(k) === '*/*');
}

const isJson = (mediaType: string) => /^application\/(.+\+)?json$/i.test(mediaType.split(';')[0]!.trim());

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
