/** OpenAPI Object → ApiModel: the one intermediate model the emitters read. */
import type { ApiModel, OperationModel, Warning } from '../model/api-model.js';
import { HTTP_METHODS, type OpenAPIDocument, type PathItemObject } from '../model/openapi.js';
import type { ProviderConfig } from '../provider/provider-config.js';
import { pointerOf } from '../load/spec-error.js';
import { dedupe, typeBaseName } from './names.js';
import { transformOperationObject } from './operation-object.js';
import { ownEntry } from './own.js';
import { deref } from './ref.js';
import { transformSecurityRequirements, transformSecuritySchemes, usedSchemes } from './security-scheme-object.js';
import { transformServerObjects } from './server-object.js';
import { assignOptionNames } from './client-options.js';

export interface TransformOptions {
  /** Prefix of default credential env vars, e.g. `MANGROVE`. */
  envPrefix: string;
}

export function transformOpenAPIDocument(doc: OpenAPIDocument, provider: ProviderConfig, options: TransformOptions): ApiModel {
  const warnings: Warning[] = [];
  const operations: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    // `$ref`'d Path Items (`#/components/pathItems/…`, or left by the bundler) carry operations too.
    const pathItem = deref<PathItemObject>(doc, rawItem);
    if (rawItem.$ref && pathItem === rawItem) {
      warnings.push({ pointer: pointerOf('paths', path), message: `cannot resolve path item ${rawItem.$ref}; its operations are skipped` });
      continue;
    }
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation || typeof operation !== 'object') continue;
      const config = operation.operationId ? ownEntry(provider.operations, operation.operationId) : undefined;
      operations.push(transformOperationObject(doc, path, method, pathItem, operation, config, warnings));
    }
  }
  // Names that differ only in the case of the first letter would share type names (`FooParams`).
  const { names, renamed } = dedupe(
    operations.map((o) => o.name),
    typeBaseName,
  );
  for (const r of renamed) {
    const op = operations[r.index]!;
    const first = operations[r.takenBy]!;
    warnings.push({
      pointer: op.pointer,
      message: `method name ${r.from} is taken by ${first.method.toUpperCase()} ${first.path} (operation ${first.operationId}); this one is named ${r.to}`,
    });
  }
  operations.forEach((o, i) => (o.name = names[i]!));

  const security = transformSecurityRequirements(doc.security);
  const { securitySchemes, credentials } = transformSecuritySchemes(
    doc,
    usedSchemes(doc, operations.map((o) => o.security ?? [])),
    provider,
    options.envPrefix,
    warnings,
  );
  const servers = transformServerObjects(doc, provider);
  assignOptionNames(servers, securitySchemes, credentials, warnings);
  const model: ApiModel = {
    title: doc.info?.title ?? provider.displayName ?? provider.name,
    specVersion: String(doc.info?.version ?? ''),
    openapi: doc.openapi,
    servers,
    securitySchemes,
    credentials,
    security,
    operations,
    warnings,
  };
  if (doc.info?.description) model.description = doc.info.description;
  return model;
}
