/**
 * load: spec file → validated, bundled OpenAPI 3.x document (one object),
 * ready for generation.
 *
 * Parse once (read-document.ts), resolve external `$ref`s next to the spec,
 * validate with Redocly's rules, make recursive schemas typeable
 * (typeable.ts), and report every problem with file, JSON pointer, line and
 * column, and a hint.
 */
import { resolve as resolvePath } from 'node:path';
import { BaseResolver, Source, bundle, createConfig, lintDocument, type Document, type NormalizedProblem } from '@redocly/openapi-core';
import { readDocument, type LoadedText } from './read-document.js';
import { isSwagger2, loadSwagger2 } from './swagger2.js';
import { hoistDeepSchemaRefs, inlinePathParameterRefs, untypeParameterRefsInSchemas } from './deep-refs.js';
import { dropQueryStringsFromPaths } from './query-in-path.js';
import { locatePointer } from './source-position.js';
import { SpecError, pointerOf, pointerTokens, type SpecProblem } from './spec-error.js';
import { makeTypeable, refLoops, resolveLocal, undecodableNames } from './typeable.js';
import { hasPrototypeKeys, protect, unmark, unprotect } from './redocly-safe.js';
import { toleranceFor } from './tolerated.js';
import { HTTP_METHODS, type OpenAPIDocument } from '../model/openapi.js';

export interface LoadedSpec {
  file: string;
  text: string;
  document: OpenAPIDocument;
  /** Problems that do not stop generation (lint warnings, tolerated findings, lossy constructs). */
  warnings: SpecProblem[];
}

export interface LoadOptions {
  /** Findings of `tolerated.ts` stay errors (`--strict`, `strict: true` in provider.yaml, `pnpm sync`'s lint gate). */
  strict?: boolean;
}

/**
 * Rules that make a document unusable for generation. Two are replaced by
 * checks of our own: `security-defined` by `checkSecurityRequirements`
 * (Redocly's also demands that every operation declares security, which
 * public APIs rightly do not), `path-params-defined` by `checkPathParameters`
 * (Redocly's only sees `{[A-Za-z0-9_.-]+}`; OpenAPI allows any name without
 * braces, and the runtime fills any).
 */
const RULES = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'operation-operationId-unique': 'error',
  'operation-parameters-unique': 'error',
  'no-identical-paths': 'error',
  'no-undefined-server-variable': 'error',
  'no-server-variables-empty-enum': 'error',
  'spec-components-invalid-map-name': 'warn',
} as const;

/** What to do about each rule's problems. */
const HINTS: Record<string, string> = {
  struct: 'make this field match the OpenAPI 3.x schema (see https://spec.openapis.org/oas/v3.1.0)',
  'no-unresolved-refs': 'point the $ref at an existing definition (external files are resolved relative to the file that refers to them)',
  'operation-operationId-unique': 'give each operation its own operationId',
  'operation-parameters-unique': 'remove the duplicate parameter (name + in must be unique per operation)',
  'no-identical-paths': 'merge the two paths: they differ only in parameter names',
  'no-undefined-server-variable': 'declare the {variable} under the server\'s `variables`',
  'no-server-variables-empty-enum': 'list the allowed values in the enum, or remove it',
  'spec-components-invalid-map-name': 'rename the component to letters, digits, `.`, `-` and `_` (it still works: names are quoted)',
};

let configPromise: ReturnType<typeof createConfig> | undefined;
function redoclyConfig() {
  configPromise ??= createConfig({ rules: RULES } as never);
  return configPromise;
}

export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const read = readDocument(file);
  const load = (doc: LoadedText) => loadDocument(doc, options);
  return isSwagger2(read.value) ? loadSwagger2(read, load) : load(read);
}

async function loadDocument({ file, text, value }: LoadedText, options: LoadOptions): Promise<LoadedSpec> {
  checkVersion(file, text, value);
  const at = (pointer: string) => ({ file, pointer, ...locatePointer(text, pointer) });
  const loops = refLoops(value);
  if (loops.length) throw new SpecError(loops.map((l) => ({ ...at(l.pointer), message: l.message, hint: l.hint })));

  const absoluteRef = resolvePath(file);
  // Redocly crashes on keys like `constructor`; it sees a copy where they are marked (redocly-safe.ts).
  const marked = hasPrototypeKeys(value);
  const document: Document = { source: new Source(absoluteRef, text, 'application/yaml'), parsed: marked ? protect(value) : value };
  const config = await redoclyConfig();
  const resolver = new BaseResolver(config.resolve);
  const problems = await redocly(file, () => lintDocument({ document, config: config.styleguide, externalRefResolver: resolver }));
  const warnings: SpecProblem[] = [];
  const errors: NormalizedProblem[] = [];
  for (const p of problems) {
    const tolerance = p.severity === 'error' && !options.strict ? toleranceFor(p.ruleId, unmark(p.message), unmark(p.location[0]?.pointer ?? '')) : undefined;
    if (p.severity !== 'error') warnings.push(toProblem(file, absoluteRef, text, value, p));
    else if (tolerance) warnings.push({ ...toProblem(file, absoluteRef, text, value, p), code: tolerance.code, hint: `assumed: ${tolerance.assumed}` });
    else errors.push(p);
  }
  const strictHint = (p: NormalizedProblem, problem: SpecProblem): SpecProblem => {
    const tolerance = options.strict ? toleranceFor(p.ruleId, unmark(p.message), unmark(p.location[0]?.pointer ?? '')) : undefined;
    return tolerance ? { ...problem, hint: `${problem.hint ?? ''}; without --strict this is read as: ${tolerance.assumed}` } : problem;
  };
  if (errors.length > 0) throw new SpecError(unique(errors.map((p) => strictHint(p, toProblem(file, absoluteRef, text, value, p)))));
  let parsed = value as OpenAPIDocument;
  if (hasExternalRefs(text)) {
    const bundled = await redocly(file, () => bundle({ doc: document, config, dereference: false }));
    const bundleErrors = bundled.problems.filter((p) => p.severity === 'error');
    if (bundleErrors.length > 0) throw new SpecError(unique(bundleErrors.map((p) => toProblem(file, absoluteRef, text, value, p))));
    parsed = (marked ? unprotect(bundled.bundle.parsed) : bundled.bundle.parsed) as OpenAPIDocument;
  }
  warnings.push(...dropQueryStringsFromPaths(parsed).map((w) => ({ ...at(w.pointer), message: w.message, code: 'query-in-path' })));
  const checks = [...checkSecurityRequirements(parsed), ...checkPathParameters(parsed), ...checkHeaderNames(parsed)];
  if (checks.length) throw new SpecError(checks.map((s) => ({ ...at(s.pointer), message: s.message, hint: s.hint })));

  warnings.push(...untypeParameterRefsInSchemas(parsed).map((w) => ({ ...at(w.pointer), message: w.message, code: 'parameter-as-schema' })));
  hoistDeepSchemaRefs(parsed);
  inlinePathParameterRefs(parsed);
  const names = undecodableNames(parsed);
  if (names.length) throw new SpecError(names.map((s) => ({ ...at(s.pointer), message: s.message, hint: s.hint })));
  const typeable = makeTypeable(parsed);
  if (typeable.errors.length) throw new SpecError(typeable.errors.map((e) => ({ ...at(e.pointer), message: e.message, hint: e.hint })));
  warnings.push(...typeable.warnings.map((w) => ({ ...at(w.pointer), message: w.message })));
  return { file, text, document: parsed, warnings: unique(warnings) };
}

/** Runs a Redocly step; its exceptions (e.g. unreadable external files) become SpecErrors. */
async function redocly<T>(file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw SpecError.at(
      { file, pointer: '', line: 1, column: 1 },
      `the OpenAPI validator (Redocly) failed on this document: ${(error as Error).message}`,
      'check the $refs of the document and of the files it refers to; if they are right, report this with the spec',
    );
  }
}

function checkVersion(file: string, text: string, value: unknown): void {
  const doc = (value ?? {}) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw SpecError.at({ file, pointer: '', line: 1, column: 1 }, 'not an OpenAPI document (expected a mapping at the top level)', 'pass an OpenAPI 3.0 or 3.1 document (YAML or JSON)');
  }
  if (doc.swagger !== undefined) {
    throw SpecError.at(
      { file, pointer: '/swagger', ...locatePointer(text, '/swagger') },
      `Swagger ${String(doc.swagger)} is not supported`,
      'clientgen reads Swagger 2.0 and OpenAPI 3.0/3.1; convert it first: `npx api-spec-converter --from=swagger_1 --to=openapi_3 --syntax=yaml ' + file + '`',
    );
  }
  const version = typeof doc.openapi === 'string' ? doc.openapi : '';
  if (!/^3\.[01]\.\d+$/.test(version)) {
    throw SpecError.at(
      { file, pointer: '/openapi', ...locatePointer(text, doc.openapi === undefined ? '' : '/openapi') },
      doc.openapi === undefined ? 'missing `openapi` version field' : `unsupported OpenAPI version ${JSON.stringify(doc.openapi)}`,
      'clientgen reads OpenAPI 3.0.x and 3.1.x documents',
    );
  }
}

/** Every scheme named in a security requirement must be defined. */
function checkSecurityRequirements(doc: OpenAPIDocument): { pointer: string; message: string; hint: string }[] {
  const schemes = doc.components?.securitySchemes ?? {};
  const defined = Object.keys(schemes);
  const out: { pointer: string; message: string; hint: string }[] = [];
  const check = (reqs: unknown, base: (string | number)[]) => {
    if (!Array.isArray(reqs)) return;
    reqs.forEach((req, i) => {
      if (!req || typeof req !== 'object') return;
      for (const name of Object.keys(req)) {
        if (!Object.prototype.hasOwnProperty.call(schemes, name)) {
          out.push({
            pointer: pointerOf(...base, i, name),
            message: `security scheme "${name}" is not defined in components.securitySchemes`,
            hint: defined.length ? `use one of: ${defined.join(', ')}` : 'define it under components.securitySchemes',
          });
        }
      }
    });
  };
  check(doc.security, ['security']);
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolveLocal(doc, rawItem) as Record<string, { security?: unknown } | undefined> | undefined;
    if (!item || typeof item !== 'object') continue;
    for (const m of HTTP_METHODS) if (item[m] && typeof item[m] === 'object') check(item[m]!.security, ['paths', path, m, 'security']);
  }
  return out;
}

/**
 * Every `{name}` of a path template is declared as an `in: path` parameter
 * of each of its operations (path- or operation-level), and every declared
 * path parameter appears in the template. Template names are anything
 * between braces, as in OpenAPI and the runtime.
 */
function checkPathParameters(doc: OpenAPIDocument): { pointer: string; message: string; hint: string }[] {
  const out: { pointer: string; message: string; hint: string }[] = [];
  type Param = { name?: unknown; in?: unknown };
  const params = (list: unknown, base: (string | number)[]) =>
    (Array.isArray(list) ? list : []).map((p, i) => ({ param: resolveLocal(doc, p) as Param | undefined, pointer: pointerOf(...base, i), isRef: typeof (p as { $ref?: unknown })?.$ref === 'string' }));
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolveLocal(doc, rawItem) as Record<string, unknown> | undefined;
    if (!item || typeof item !== 'object') continue;
    const template = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
    const pathLevel = params(item.parameters, ['paths', path, 'parameters']);
    const unused = (list: typeof pathLevel) => {
      for (const { param, pointer, isRef } of list) {
        if (param?.in === 'path' && typeof param.name === 'string' && !template.includes(param.name)) {
          out.push({
            pointer: isRef ? pointer : `${pointer}/name`,
            message: `path parameter \`${param.name}\` is not in the path \`${path}\``,
            hint: `add {${param.name}} to the path, or remove the parameter`,
          });
        }
      }
    };
    unused(pathLevel);
    for (const m of HTTP_METHODS) {
      const op = item[m] as { parameters?: unknown } | undefined;
      if (!op || typeof op !== 'object') continue;
      const opLevel = params(op.parameters, ['paths', path, m, 'parameters']);
      unused(opLevel);
      const declared = new Set([...pathLevel, ...opLevel].filter((p) => p.param?.in === 'path').map((p) => p.param!.name));
      for (const name of template) {
        if (!declared.has(name)) {
          out.push({
            pointer: pointerOf('paths', path, m),
            message: `the operation does not declare the path parameter {${name}} of \`${path}\``,
            hint: `add \`{ name: ${JSON.stringify(name)}, in: path, required: true, schema: { type: string } }\` to its parameters (or the path's)`,
          });
        }
      }
    }
  }
  return out;
}

/** RFC 9110 token: what `Headers` accepts as a name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header and cookie parameters and apiKey header/cookie schemes must have names `fetch` can send (RFC 9110/6265 tokens). */
function checkHeaderNames(doc: OpenAPIDocument): { pointer: string; message: string; hint: string }[] {
  const out: { pointer: string; message: string; hint: string }[] = [];
  const hint = 'header and cookie names are letters, digits and !#$%&\'*+.^_`|~- only (no spaces, colons or quotes); fix the name';
  for (const [name, raw] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const scheme = resolveLocal(doc, raw) as { type?: unknown; in?: unknown; name?: unknown } | undefined;
    if (scheme?.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'cookie') && typeof scheme.name === 'string' && !HEADER_NAME.test(scheme.name)) {
      out.push({ pointer: pointerOf('components', 'securitySchemes', name, 'name'), message: `${JSON.stringify(scheme.name)} is not a valid ${scheme.in} name`, hint });
    }
  }
  const check = (list: unknown, base: (string | number)[]) => {
    (Array.isArray(list) ? list : []).forEach((p, i) => {
      const param = resolveLocal(doc, p) as { in?: unknown; name?: unknown } | undefined;
      if ((param?.in === 'header' || param?.in === 'cookie') && typeof param.name === 'string' && !HEADER_NAME.test(param.name)) {
        const isRef = typeof (p as { $ref?: unknown })?.$ref === 'string';
        out.push({ pointer: pointerOf(...base, i, ...(isRef ? [] : ['name'])), message: `${param.in} parameter ${JSON.stringify(param.name)} is not a valid ${param.in} name`, hint });
      }
    });
  };
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolveLocal(doc, rawItem) as Record<string, unknown> | undefined;
    if (!item || typeof item !== 'object') continue;
    check(item.parameters, ['paths', path, 'parameters']);
    for (const m of HTTP_METHODS) {
      const op = item[m] as { parameters?: unknown } | undefined;
      if (op && typeof op === 'object') check(op.parameters, ['paths', path, m, 'parameters']);
    }
  }
  return out;
}

function hasExternalRefs(text: string): boolean {
  return /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"']/.test(text);
}

function unique(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\n${p.pointer}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toProblem(file: string, absoluteRef: string, text: string, value: unknown, p: NormalizedProblem): SpecProblem {
  const loc = p.location[0];
  const pointer = unmark(loc?.pointer ?? '#').replace(/^#/, '');
  const sameFile = !loc || loc.source.absoluteRef === absoluteRef;
  const where = sameFile ? file : loc.source.absoluteRef;
  const position = locatePointer(sameFile ? text : loc.source.body, pointer);
  let message = unmark(p.message);
  if (p.ruleId === 'no-unresolved-refs' && sameFile) {
    let node: unknown = value;
    for (const t of pointerTokens(`#${pointer}`)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[t] : undefined;
    const ref = node && typeof node === 'object' ? (node as { $ref?: unknown }).$ref : typeof node === 'string' ? node : undefined;
    if (typeof ref === 'string' && !message.includes(ref)) message = `${message} ${JSON.stringify(ref)}`;
  }
  const hint = p.suggest.length ? `did you mean ${p.suggest.map((s) => `\`${s}\``).join(' or ')}?` : HINTS[p.ruleId];
  return {
    file: where,
    pointer,
    ...position,
    message: `${message} [${p.ruleId}]`,
    ...(hint ? { hint } : {}),
    code: p.ruleId,
  };
}
