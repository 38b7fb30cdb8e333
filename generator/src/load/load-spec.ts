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
import { readDocument } from './read-document.js';
import { locatePointer } from './source-position.js';
import { SpecError, pointerOf, pointerTokens, type SpecProblem } from './spec-error.js';
import { makeTypeable, refLoops } from './typeable.js';
import { HTTP_METHODS, type OpenAPIDocument } from '../model/openapi.js';

export interface LoadedSpec {
  file: string;
  text: string;
  document: OpenAPIDocument;
  /** Problems that do not stop generation (lint warnings, lossy constructs). */
  warnings: SpecProblem[];
}

/**
 * Rules that make a document unusable for generation. (`security-defined` is
 * replaced by `checkSecurityRequirements`: Redocly's rule also demands that
 * every operation declares security, which public APIs rightly do not.)
 */
const RULES = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'operation-operationId-unique': 'error',
  'operation-parameters-unique': 'error',
  'path-params-defined': 'error',
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
  'path-params-defined': 'declare every {param} of the path as an `in: path` parameter, and only those',
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

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const { text, value } = readDocument(file);
  checkVersion(file, text, value);
  const at = (pointer: string) => ({ file, pointer, ...locatePointer(text, pointer) });
  const loops = refLoops(value);
  if (loops.length) throw new SpecError(loops.map((l) => ({ ...at(l.pointer), message: l.message, hint: l.hint })));

  const absoluteRef = resolvePath(file);
  const document: Document = { source: new Source(absoluteRef, text, 'application/yaml'), parsed: value };
  const config = await redoclyConfig();
  const resolver = new BaseResolver(config.resolve);
  const problems = await redocly(file, () => lintDocument({ document, config: config.styleguide, externalRefResolver: resolver }));
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity !== 'error').map((p) => toProblem(file, absoluteRef, text, value, p));
  if (errors.length > 0) throw new SpecError(unique(errors.map((p) => toProblem(file, absoluteRef, text, value, p))));
  const security = checkSecurityRequirements(value as OpenAPIDocument);
  if (security.length) throw new SpecError(security.map((s) => ({ ...at(s.pointer), message: s.message, hint: s.hint })));

  let parsed = value as OpenAPIDocument;
  if (hasExternalRefs(text)) {
    const bundled = await redocly(file, () => bundle({ doc: document, config, dereference: false }));
    const bundleErrors = bundled.problems.filter((p) => p.severity === 'error');
    if (bundleErrors.length > 0) throw new SpecError(unique(bundleErrors.map((p) => toProblem(file, absoluteRef, text, value, p))));
    parsed = bundled.bundle.parsed as OpenAPIDocument;
  }

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
      `cannot resolve the document's references: ${(error as Error).message}`,
      'check the $refs of the document and of the files it refers to',
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
      'convert it to OpenAPI 3 first: `npx swagger2openapi --yaml --outfile openapi.yaml ' + file + '`',
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
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    for (const m of HTTP_METHODS) if (item[m]) check(item[m]!.security, ['paths', path, m, 'security']);
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
  const pointer = (loc?.pointer ?? '#').replace(/^#/, '');
  const sameFile = !loc || loc.source.absoluteRef === absoluteRef;
  const where = sameFile ? file : loc.source.absoluteRef;
  const position = locatePointer(sameFile ? text : loc.source.body, pointer);
  let message = p.message;
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
  };
}
