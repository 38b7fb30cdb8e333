/**
 * load: spec file → validated, bundled OpenAPI 3.x document (one object).
 *
 * Parse once (read-document.ts), resolve external `$ref`s next to the spec,
 * validate with Redocly's rules, and report every problem with file, JSON
 * pointer, line and column.
 */
import { resolve as resolvePath } from 'node:path';
import { BaseResolver, Source, bundle, createConfig, lintDocument, type Document, type NormalizedProblem } from '@redocly/openapi-core';
import { readDocument } from './read-document.js';
import { locatePointer } from './source-position.js';
import { SpecError, type SpecProblem } from './spec-error.js';
import type { OpenAPIDocument } from '../model/openapi.js';

export interface LoadedSpec {
  file: string;
  text: string;
  document: OpenAPIDocument;
  /** Problems that do not stop generation (lint warnings). */
  warnings: SpecProblem[];
}

/** Rules that make a document unusable for generation. */
const RULES = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'operation-operationId-unique': 'error',
  'operation-parameters-unique': 'error',
  'path-params-defined': 'error',
  'no-identical-paths': 'error',
  'no-undefined-server-variable': 'error',
  'no-server-variables-empty-enum': 'error',
  'security-defined': 'error',
  'spec-components-invalid-map-name': 'warn',
} as const;

let configPromise: ReturnType<typeof createConfig> | undefined;
function redoclyConfig() {
  configPromise ??= createConfig({ rules: RULES } as never);
  return configPromise;
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const { text, value } = readDocument(file);
  checkVersion(file, text, value);
  const absoluteRef = resolvePath(file);
  const document: Document = { source: new Source(absoluteRef, text, 'application/yaml'), parsed: value };
  const config = await redoclyConfig();
  const resolver = new BaseResolver(config.resolve);
  const problems = await lintDocument({ document, config: config.styleguide, externalRefResolver: resolver });
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity !== 'error').map((p) => toProblem(file, absoluteRef, text, p));
  if (errors.length > 0) throw new SpecError(errors.map((p) => toProblem(file, absoluteRef, text, p)));

  let parsed = value as OpenAPIDocument;
  if (hasExternalRefs(text)) {
    const bundled = await bundle({ doc: document, config, dereference: false });
    const bundleErrors = bundled.problems.filter((p) => p.severity === 'error');
    if (bundleErrors.length > 0) throw new SpecError(bundleErrors.map((p) => toProblem(file, absoluteRef, text, p)));
    parsed = bundled.bundle.parsed as OpenAPIDocument;
  }
  return { file, text, document: parsed, warnings };
}

function checkVersion(file: string, text: string, value: unknown): void {
  const doc = (value ?? {}) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw SpecError.at({ file, pointer: '', line: 1, column: 1 }, 'not an OpenAPI document (expected a mapping at the top level)');
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

function hasExternalRefs(text: string): boolean {
  return /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"']/.test(text);
}

function toProblem(file: string, absoluteRef: string, text: string, p: NormalizedProblem): SpecProblem {
  const loc = p.location[0];
  const pointer = (loc?.pointer ?? '#').replace(/^#/, '');
  const sameFile = !loc || loc.source.absoluteRef === absoluteRef;
  const where = sameFile ? file : loc.source.absoluteRef;
  const position = locatePointer(sameFile ? text : loc.source.body, pointer);
  return {
    file: where,
    pointer,
    ...position,
    message: `${p.message} [${p.ruleId}]`,
    ...(p.suggest.length ? { hint: `did you mean ${p.suggest.map((s) => `\`${s}\``).join(' or ')}?` } : {}),
  };
}
