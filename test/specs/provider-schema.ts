/**
 * Hand-written validator for `specs/<provider>/provider.yaml` against the
 * schema documented in generator/src/provider/provider-config.ts, plus
 * cross-checks against the provider's OpenAPI document.
 */
import type { ProviderConfig } from '../../generator/src/provider/provider-config.js';

type Obj = Record<string, unknown>;

const TOP = ['name', 'displayName', 'packageName', 'version', 'description', 'docsUrl', 'license', 'notice', 'upstream', 'credentials', 'serverVariables', 'requestIdHeaders', 'operations'];
const UPSTREAM = ['url', 'format', 'filter'];
const FORMATS = ['openapi', 'docs-page', 'rendered-openapi'];
const CREDENTIAL = ['scheme', 'env', 'format', 'passwordOption', 'passwordEnv', 'description'];
const OPERATION = ['name', 'pagination'];
const PAGINATION: Record<string, { required: string[]; optional: string[]; params: string[] }> = {
  'page-number': { required: ['pageParam', 'items'], optional: ['sizeParam', 'firstPage', 'totalPages', 'totalItems', 'nextPage', 'nextLink'], params: ['pageParam', 'sizeParam'] },
  offset: { required: ['offsetParam', 'items'], optional: ['limitParam', 'totalItems'], params: ['offsetParam', 'limitParam'] },
  cursor: { required: ['cursorParam', 'nextCursor', 'items'], optional: [], params: ['cursorParam'] },
  link: { required: ['items', 'nextLink'], optional: [], params: [] },
};

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns a list of problems (empty when valid). `openapi` is the parsed spec of the same provider. */
export function validateProviderConfig(raw: unknown, folder: string, openapi: Obj): string[] {
  const errors: string[] = [];
  const err = (where: string, msg: string) => errors.push(`${folder}/provider.yaml ${where}: ${msg}`);
  const str = (o: Obj, k: string, where: string, required = false) => {
    if (o[k] === undefined) {
      if (required) err(where, `\`${k}\` is required`);
    } else if (typeof o[k] !== 'string' || o[k] === '') err(where, `\`${k}\` must be a non-empty string`);
  };
  const known = (o: Obj, keys: string[], where: string) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) err(where, `unknown field \`${k}\``);
  };
  if (!isObj(raw)) return [`${folder}/provider.yaml: not a mapping`];
  known(raw, TOP, '(top)');
  str(raw, 'name', '(top)', true);
  if (raw.name !== folder) err('name', `must equal the folder name ${folder}`);
  for (const k of ['displayName', 'packageName', 'version', 'description', 'docsUrl', 'license']) str(raw, k, '(top)');
  if (typeof raw.version === 'string' && !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(raw.version)) err('version', 'not semver');
  if (typeof raw.docsUrl === 'string' && !/^https:\/\//.test(raw.docsUrl)) err('docsUrl', 'must be an https URL');

  const components = isObj(openapi.components) ? openapi.components : {};
  const schemes = isObj(components.securitySchemes) ? components.securitySchemes : {};
  const servers = Array.isArray(openapi.servers) ? openapi.servers : [];
  const vars = isObj(servers[0]) && isObj(servers[0].variables) ? servers[0].variables : {};

  if (raw.upstream !== undefined) {
    if (!Array.isArray(raw.upstream) || raw.upstream.length === 0) err('upstream', 'must be a non-empty list');
    else
      raw.upstream.forEach((u, i) => {
        const w = `upstream[${i}]`;
        if (!isObj(u)) return err(w, 'must be a mapping');
        known(u, UPSTREAM, w);
        str(u, 'url', w, true);
        if (!FORMATS.includes(u.format as string)) err(w, `format must be one of ${FORMATS.join(', ')}`);
        if (u.filter !== undefined) {
          if (!isObj(u.filter)) err(w, 'filter must be a mapping');
          else {
            known(u.filter, ['pathPrefix', 'tag'], `${w}.filter`);
            if (u.format !== 'openapi') err(w, 'filter only applies to format openapi');
          }
        }
      });
  }

  const options = new Set<string>();
  if (raw.credentials !== undefined) {
    if (!isObj(raw.credentials)) err('credentials', 'must be a mapping');
    else
      for (const [opt, c] of Object.entries(raw.credentials)) {
        const w = `credentials.${opt}`;
        options.add(opt);
        if (!isObj(c)) {
          err(w, 'must be a mapping');
          continue;
        }
        known(c, CREDENTIAL, w);
        str(c, 'scheme', w, true);
        for (const k of ['env', 'format', 'passwordOption', 'passwordEnv', 'description']) str(c, k, w);
        const scheme = schemes[c.scheme as string];
        if (!isObj(scheme)) err(w, `scheme ${String(c.scheme)} is not in components.securitySchemes`);
        else if (c.format !== undefined && scheme.type !== 'apiKey') err(w, 'format only applies to apiKey schemes');
        if (typeof c.format === 'string' && !c.format.includes('{value}')) err(w, 'format must contain {value}');
        if (typeof c.env === 'string' && !/^[A-Z][A-Z0-9_]*$/.test(c.env)) err(w, 'env must be an UPPER_SNAKE name');
      }
  }
  // Every scheme used by a security requirement needs a credential option.
  const used = new Set<string>();
  const collect = (sec: unknown) => {
    if (Array.isArray(sec)) for (const req of sec) if (isObj(req)) for (const k of Object.keys(req)) used.add(k);
  };
  collect(openapi.security);
  const paths = isObj(openapi.paths) ? openapi.paths : {};
  const ops = new Map<string, Obj>();
  for (const item of Object.values(paths)) {
    if (!isObj(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method) || !isObj(op)) continue;
      collect(op.security);
      if (typeof op.operationId === 'string') ops.set(op.operationId, { ...op, 'x-path-parameters': item.parameters ?? [] });
    }
  }
  if (isObj(raw.credentials)) {
    const covered = new Set(Object.values(raw.credentials).map((c) => (isObj(c) ? c.scheme : undefined)));
    for (const s of used) if (!covered.has(s)) err('credentials', `no option for security scheme ${s}`);
  }

  if (raw.serverVariables !== undefined) {
    if (!isObj(raw.serverVariables)) err('serverVariables', 'must be a mapping');
    else
      for (const [name, v] of Object.entries(raw.serverVariables)) {
        const w = `serverVariables.${name}`;
        if (!isObj(v)) {
          err(w, 'must be a mapping');
          continue;
        }
        known(v, ['option', 'env'], w);
        str(v, 'option', w, true);
        str(v, 'env', w);
        if (!(name in vars)) err(w, 'not a variable of servers[0]');
        if (options.has(v.option as string)) err(w, `option ${String(v.option)} clashes with a credential option`);
      }
  }

  if (raw.requestIdHeaders !== undefined) {
    if (!Array.isArray(raw.requestIdHeaders) || !raw.requestIdHeaders.every((h) => typeof h === 'string' && /^[A-Za-z0-9-]+$/.test(h))) {
      err('requestIdHeaders', 'must be a list of header names');
    }
  }

  if (raw.operations !== undefined) {
    if (!isObj(raw.operations)) err('operations', 'must be a mapping');
    else
      for (const [id, o] of Object.entries(raw.operations)) {
        const w = `operations.${id}`;
        const op = ops.get(id);
        if (!op) err(w, 'no operation with this operationId');
        if (!isObj(o)) {
          err(w, 'must be a mapping');
          continue;
        }
        known(o, OPERATION, w);
        if (o.name !== undefined && (typeof o.name !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(o.name))) err(w, 'name must be a camelCase identifier');
        const p = o.pagination;
        if (p === undefined || p === false) continue;
        if (!isObj(p)) {
          err(w, 'pagination must be a mapping or false');
          continue;
        }
        const style = PAGINATION[p.style as string];
        if (!style) {
          err(w, `unknown pagination style ${String(p.style)}`);
          continue;
        }
        known(p, ['style', ...style.required, ...style.optional], `${w}.pagination`);
        for (const k of style.required) if (p[k] === undefined) err(`${w}.pagination`, `\`${k}\` is required for ${String(p.style)}`);
        if (p.firstPage !== undefined && typeof p.firstPage !== 'number') err(`${w}.pagination`, 'firstPage must be a number');
        if (op) {
          const params = [...(Array.isArray(op.parameters) ? op.parameters : []), ...(op['x-path-parameters'] as unknown[])];
          const query = new Set(
            params
              .map((prm) => resolveParam(prm, components))
              .filter((prm): prm is Obj => isObj(prm) && prm.in === 'query')
              .map((prm) => prm.name as string),
          );
          for (const k of style.params) {
            if (p[k] !== undefined && !query.has(p[k] as string)) err(`${w}.pagination`, `${k} ${String(p[k])} is not a query parameter of ${id}`);
          }
        }
      }
  }
  return errors;
}

function resolveParam(p: unknown, components: Obj): unknown {
  if (isObj(p) && typeof p.$ref === 'string') {
    const m = /^#\/components\/parameters\/(.+)$/.exec(p.$ref);
    const params = isObj(components.parameters) ? components.parameters : {};
    return m ? params[m[1]!] : undefined;
  }
  return p;
}

/** Compile-time check that the fields above track ProviderConfig. */
export const providerFields: readonly (keyof ProviderConfig)[] = TOP as (keyof ProviderConfig)[];
