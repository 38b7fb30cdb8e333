/**
 * Read and validate `specs/<provider>/provider.yaml` against the schema in
 * provider-config.ts, and cross-check it with the OpenAPI document.
 */
import { existsSync } from 'node:fs';
import { readDocument } from '../load/read-document.js';
import { locatePointer } from '../load/source-position.js';
import { SpecError, pointerOf, type SpecProblem } from '../load/spec-error.js';
import type { OpenAPIDocument } from '../model/openapi.js';
import { HTTP_METHODS } from '../model/openapi.js';
import type { ProviderConfig } from './provider-config.js';

type Shape = 'string' | 'boolean' | 'number' | 'object' | 'array' | { enum: string[] };

const TOP: Record<string, Shape> = {
  name: 'string',
  displayName: 'string',
  packageName: 'string',
  version: 'string',
  description: 'string',
  docsUrl: 'string',
  license: 'string',
  notice: 'string',
  upstream: 'array',
  credentials: 'object',
  serverVariables: 'object',
  requestIdHeaders: 'array',
  operations: 'object',
};
const UPSTREAM: Record<string, Shape> = { url: 'string', format: { enum: ['openapi', 'docs-page', 'rendered-openapi'] }, filter: 'object' };
const CREDENTIAL: Record<string, Shape> = { scheme: 'string', env: 'string', format: 'string', passwordOption: 'string', passwordEnv: 'string', description: 'string' };
const SERVER_VARIABLE: Record<string, Shape> = { option: 'string', env: 'string' };
const OPERATION: Record<string, Shape> = { name: 'string', pagination: 'object' };
const PAGINATION_STYLES = ['page-number', 'offset', 'cursor', 'link'];

export function loadProviderConfig(file: string, fallbackName: string): ProviderConfig {
  if (!existsSync(file)) return { name: fallbackName };
  const { text, value } = readDocument(file);
  const problems: SpecProblem[] = [];
  const report = (tokens: (string | number)[], message: string, hint?: string) => {
    const pointer = pointerOf(...tokens);
    problems.push({ file, pointer, ...locatePointer(text, pointer), message, ...(hint ? { hint } : {}) });
  };
  const check = (obj: unknown, shape: Record<string, Shape>, at: (string | number)[]) => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return report(at, 'expected a mapping');
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
              ? typeof val === 'object' && val !== null && !Array.isArray(val)
              : typeof val === want;
      if (!ok) report([...at, key], `expected ${typeof want === 'object' ? `one of ${want.enum.join(', ')}` : `a ${want}`}, got ${JSON.stringify(val)}`);
    }
  };
  check(value, TOP, []);
  const config = (value ?? {}) as ProviderConfig;
  if (typeof config.name !== 'string') report([], 'missing required field "name"', 'name: <folder name of the provider>');
  if (config.version !== undefined && !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(String(config.version))) report(['version'], `"${config.version}" is not a semver version`);
  (Array.isArray(config.upstream) ? config.upstream : []).forEach((u, i) => check(u, UPSTREAM, ['upstream', i]));
  for (const [k, c] of Object.entries(config.credentials ?? {})) {
    check(c, CREDENTIAL, ['credentials', k]);
    if (typeof c?.scheme !== 'string') report(['credentials', k], 'missing required field "scheme"', 'name the components.securitySchemes entry this option satisfies');
  }
  for (const [k, v] of Object.entries(config.serverVariables ?? {})) check(v, SERVER_VARIABLE, ['serverVariables', k]);
  for (const [k, o] of Object.entries(config.operations ?? {})) {
    check(o, OPERATION, ['operations', k]);
    const p = o?.pagination as { style?: string } | undefined;
    if (p && !PAGINATION_STYLES.includes(String(p.style))) report(['operations', k, 'pagination', 'style'], `pagination style must be one of ${PAGINATION_STYLES.join(', ')}`);
  }
  if (problems.length) throw new SpecError(problems);
  return config;
}

/** Names in provider.yaml must exist in the spec: a stale override is an error, not a silent no-op. */
export function checkProviderAgainstSpec(file: string, config: ProviderConfig, doc: OpenAPIDocument): void {
  if (!existsSync(file)) return;
  const { text } = readDocument(file);
  const problems: SpecProblem[] = [];
  const report = (tokens: string[], message: string, hint: string) => {
    const pointer = pointerOf(...tokens);
    problems.push({ file, pointer, ...locatePointer(text, pointer), message, hint });
  };
  const ids = new Set<string>();
  for (const item of Object.values(doc.paths ?? {})) for (const m of HTTP_METHODS) if (item[m]?.operationId) ids.add(item[m]!.operationId!);
  for (const id of Object.keys(config.operations ?? {})) {
    if (!ids.has(id)) report(['operations', id], `operation "${id}" is not in the spec`, 'use an operationId from openapi.yaml (it may have been renamed upstream)');
  }
  const schemes = doc.components?.securitySchemes ?? {};
  for (const [option, c] of Object.entries(config.credentials ?? {})) {
    if (!(c.scheme in schemes)) report(['credentials', option, 'scheme'], `security scheme "${c.scheme}" is not in the spec`, `one of: ${Object.keys(schemes).join(', ') || '(none)'}`);
  }
  const variables = doc.servers?.[0]?.variables ?? {};
  for (const name of Object.keys(config.serverVariables ?? {})) {
    if (!(name in variables)) report(['serverVariables', name], `server variable "${name}" is not in servers[0]`, `one of: ${Object.keys(variables).join(', ') || '(none)'}`);
  }
  if (problems.length) throw new SpecError(problems);
}
