/**
 * Read and validate `specs/<provider>/provider.yaml` against the schema in
 * provider-config.ts, and cross-check it with the OpenAPI document. Every
 * problem names the file, the JSON pointer, the line and what to do.
 */
import { existsSync } from 'node:fs';
import { readDocument } from '../load/read-document.js';
import { locatePointer } from '../load/source-position.js';
import { SpecError, pointerOf, type SpecProblem } from '../load/spec-error.js';
import { HTTP_METHODS, type OpenAPIDocument, type ParameterObject } from '../model/openapi.js';
import { deref } from '../transform/ref.js';
import type { ProviderConfig } from './provider-config.js';

type Shape = 'string' | 'boolean' | 'number' | 'object' | 'array' | { enum: string[] };
type Tokens = (string | number)[];

const TOP: Record<string, Shape> = {
  name: 'string',
  displayName: 'string',
  packageName: 'string',
  version: 'string',
  description: 'string',
  docsUrl: 'string',
  license: 'string',
  notice: 'string',
  strict: 'boolean',
  upstream: 'array',
  credentials: 'object',
  serverVariables: 'object',
  requestIdHeaders: 'array',
  operations: 'object',
};
const UPSTREAM: Record<string, Shape> = { url: 'string', format: { enum: ['openapi', 'docs-page', 'rendered-openapi'] }, filter: 'object' };
const FILTER: Record<string, Shape> = { pathPrefix: 'string', tag: 'string' };
const CREDENTIAL: Record<string, Shape> = { scheme: 'string', env: 'string', format: 'string', passwordOption: 'string', passwordEnv: 'string', description: 'string' };
const SERVER_VARIABLE: Record<string, Shape> = { option: 'string', env: 'string' };
const OPERATION: Record<string, Shape> = { name: 'string', pagination: 'object' };

/** Pagination fields by style: required, optional, and which of them name query parameters. */
const PAGINATION: Record<string, { required: string[]; optional: string[]; params: string[] }> = {
  'page-number': { required: ['pageParam', 'items'], optional: ['sizeParam', 'firstPage', 'totalPages', 'totalItems', 'nextPage', 'nextLink'], params: ['pageParam', 'sizeParam'] },
  offset: { required: ['offsetParam', 'items'], optional: ['limitParam', 'totalItems'], params: ['offsetParam', 'limitParam'] },
  cursor: { required: ['cursorParam', 'items'], optional: ['nextCursor', 'itemCursor', 'hasMore', 'reverseParam'], params: ['cursorParam', 'reverseParam'] },
  link: { required: ['items', 'nextLink'], optional: [], params: [] },
};

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;
const HEADER_NAME = /^[A-Za-z0-9-]+$/;

function problemsFor(file: string, text: string) {
  const problems: SpecProblem[] = [];
  const report = (tokens: Tokens, message: string, hint?: string) => {
    const pointer = pointerOf(...tokens);
    problems.push({ file, pointer, ...locatePointer(text, pointer), message, ...(hint ? { hint } : {}) });
  };
  return { problems, report };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadProviderConfig(file: string, fallbackName: string, displayAs = file): ProviderConfig {
  if (!existsSync(file)) return { name: fallbackName };
  const { text, value } = readDocument(file);
  const { problems, report } = problemsFor(displayAs, text);
  const check = (obj: unknown, shape: Record<string, Shape>, at: Tokens): obj is Record<string, unknown> => {
    if (!isMapping(obj)) {
      report(at, 'expected a mapping');
      return false;
    }
    for (const [key, val] of Object.entries(obj)) {
      const want = shape[key];
      if (!want) {
        report([...at, key], `unknown field "${key}"`, `known fields: ${Object.keys(shape).join(', ')}`);
        continue;
      }
      const ok =
        typeof want === 'object'
          ? want.enum.includes(val as string)
          : want === 'array'
            ? Array.isArray(val)
            : want === 'object'
              ? isMapping(val)
              : typeof val === want && (want !== 'string' || val !== '');
      if (!ok) report([...at, key], `expected ${typeof want === 'object' ? `one of ${want.enum.join(', ')}` : want === 'string' ? 'a non-empty string' : `a ${want}`}, got ${JSON.stringify(val)}`);
    }
    return true;
  };
  if (!check(value, TOP, [])) throw new SpecError(problems);
  const config = value as unknown as ProviderConfig;
  if (typeof config.name !== 'string') report([], 'missing required field "name"', 'name: <folder name of the provider>');
  if (config.version !== undefined && !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(String(config.version))) report(['version'], `"${config.version}" is not a semver version`, 'e.g. 0.1.0');
  if (typeof config.docsUrl === 'string' && !/^https:\/\//.test(config.docsUrl)) report(['docsUrl'], 'docsUrl must be an https URL');

  if (Array.isArray(config.upstream)) {
    if (config.upstream.length === 0) report(['upstream'], 'upstream must list at least one source');
    config.upstream.forEach((u, i) => {
      if (!check(u, UPSTREAM, ['upstream', i])) return;
      if (typeof u.url !== 'string') report(['upstream', i], 'missing required field "url"');
      if (u.format === undefined) report(['upstream', i], 'missing required field "format"', 'openapi, docs-page or rendered-openapi');
      if (u.filter !== undefined && check(u.filter, FILTER, ['upstream', i, 'filter']) && u.format !== 'openapi') {
        report(['upstream', i, 'filter'], 'filter only applies to format openapi');
      }
    });
  }
  const credentialOptions = new Set<string>();
  for (const [option, c] of Object.entries(config.credentials ?? {})) {
    const at = ['credentials', option];
    credentialOptions.add(option);
    if (c?.passwordOption) credentialOptions.add(c.passwordOption);
    if (!check(c, CREDENTIAL, at)) continue;
    if (typeof c.scheme !== 'string') report(at, 'missing required field "scheme"', 'name the components.securitySchemes entry this option satisfies');
    if (typeof c.format === 'string' && !c.format.includes('{value}')) report([...at, 'format'], 'format must contain {value}', 'e.g. "Key {value}"');
    for (const key of ['env', 'passwordEnv'] as const) {
      if (typeof c[key] === 'string' && !ENV_NAME.test(c[key]!)) report([...at, key], `${key} must be an UPPER_SNAKE_CASE name`);
    }
  }
  for (const [name, v] of Object.entries(config.serverVariables ?? {})) {
    const at = ['serverVariables', name];
    if (!check(v, SERVER_VARIABLE, at)) continue;
    if (typeof v.option !== 'string') report(at, 'missing required field "option"', 'the client option that sets this variable');
    else if (credentialOptions.has(v.option)) report([...at, 'option'], `option "${v.option}" is already a credential option`);
    if (typeof v.env === 'string' && !ENV_NAME.test(v.env)) report([...at, 'env'], 'env must be an UPPER_SNAKE_CASE name');
  }
  if (Array.isArray(config.requestIdHeaders)) {
    config.requestIdHeaders.forEach((h, i) => {
      if (typeof h !== 'string' || !HEADER_NAME.test(h)) report(['requestIdHeaders', i], `"${String(h)}" is not a header name`);
    });
  }
  for (const [id, o] of Object.entries(config.operations ?? {})) {
    const at = ['operations', id];
    if (!check(o, OPERATION, at)) continue;
    if (typeof o.name === 'string' && !IDENTIFIER.test(o.name)) report([...at, 'name'], `"${o.name}" is not a camelCase identifier`);
    const p = o.pagination as unknown;
    if (p === undefined || p === false) continue;
    if (!isMapping(p)) {
      report([...at, 'pagination'], 'pagination must be a mapping or false');
      continue;
    }
    const style = PAGINATION[String(p.style)];
    if (!style) {
      report([...at, 'pagination', 'style'], `pagination style must be one of ${Object.keys(PAGINATION).join(', ')}`);
      continue;
    }
    const fields = Object.fromEntries([...style.required, ...style.optional].map((f) => [f, f === 'firstPage' ? 'number' : 'string'] as const));
    // items: '' means the body itself is the array (GitHub's lists).
    check(p.items === '' ? { ...p, items: 'body' } : p, { style: 'string', ...fields }, [...at, 'pagination']);
    for (const f of style.required) if (p[f] === undefined) report([...at, 'pagination'], `"${f}" is required for ${String(p.style)} pagination`);
    if (p.style === 'cursor') {
      if ((p.nextCursor === undefined) === (p.itemCursor === undefined)) {
        report([...at, 'pagination'], 'cursor pagination needs exactly one of "nextCursor" and "itemCursor"', 'nextCursor: the body path of the next token (next_page); itemCursor: the item field whose last value is the cursor (id)');
      }
      if (p.reverseParam !== undefined && p.itemCursor === undefined) report([...at, 'pagination', 'reverseParam'], '"reverseParam" needs "itemCursor"', 'the walk backwards continues from the first item\'s itemCursor');
    }
  }
  if (problems.length) throw new SpecError(problems);
  return config;
}

/**
 * Names in provider.yaml must exist in the spec: a stale override is an
 * error, not a silent no-op. `folder`, when given, must equal `name`.
 */
export function checkProviderAgainstSpec(
  file: string,
  config: ProviderConfig,
  doc: OpenAPIDocument,
  options: { folder?: string; displayAs?: string } = {},
): void {
  if (!existsSync(file)) return;
  const { text } = readDocument(file);
  const { problems, report } = problemsFor(options.displayAs ?? file, text);
  const folder = options.folder;
  if (folder !== undefined && config.name !== folder) report(['name'], `name "${config.name}" differs from its folder specs/${folder}`, `name: ${folder}`);

  const operations = new Map<string, string[]>();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const m of HTTP_METHODS) {
      const op = item[m];
      if (!op?.operationId) continue;
      const query = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map((p) => deref<ParameterObject>(doc, p))
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      operations.set(op.operationId, query);
    }
  }
  for (const [id, o] of Object.entries(config.operations ?? {})) {
    const query = operations.get(id);
    if (!query) {
      report(['operations', id], `operation "${id}" is not in the spec`, 'use an operationId from openapi.yaml (it may have been renamed upstream)');
      continue;
    }
    const p = o.pagination;
    if (!p) continue;
    for (const field of PAGINATION[p.style]?.params ?? []) {
      const name = (p as unknown as Record<string, unknown>)[field];
      if (typeof name === 'string' && !query.includes(name)) {
        report(['operations', id, 'pagination', field], `"${name}" is not a query parameter of ${id}`, `one of: ${query.join(', ') || '(none)'}`);
      }
    }
  }
  const schemes = doc.components?.securitySchemes ?? {};
  for (const [option, c] of Object.entries(config.credentials ?? {})) {
    const scheme = Object.hasOwn(schemes, c.scheme) ? schemes[c.scheme] : undefined;
    if (!scheme) {
      report(['credentials', option, 'scheme'], `security scheme "${c.scheme}" is not in the spec`, `one of: ${Object.keys(schemes).join(', ') || '(none)'}`);
    } else if (c.format !== undefined && deref<{ type: string }>(doc, scheme).type !== 'apiKey') {
      report(['credentials', option, 'format'], 'format only applies to apiKey schemes');
    }
  }
  const variables = doc.servers?.[0]?.variables ?? {};
  for (const name of Object.keys(config.serverVariables ?? {})) {
    if (!Object.hasOwn(variables, name)) report(['serverVariables', name], `server variable "${name}" is not in servers[0]`, `one of: ${Object.keys(variables).join(', ') || '(none)'}`);
  }
  if (problems.length) throw new SpecError(problems);
}
