/** OpenAPI Object → ApiModel: the one intermediate model the emitters read. */
import type { ApiModel, OperationModel, Warning } from '../model/api-model.js';
import { HTTP_METHODS, type OpenAPIDocument } from '../model/openapi.js';
import type { ProviderConfig } from '../provider/provider-config.js';
import { dedupe } from './names.js';
import { transformOperationObject } from './operation-object.js';
import { transformSecurityRequirements, transformSecuritySchemes, usedSchemes } from './security-scheme-object.js';
import { transformServerObjects } from './server-object.js';

export interface TransformOptions {
  /** Prefix of default credential env vars, e.g. `MANGROVE`. */
  envPrefix: string;
}

export function transformOpenAPIDocument(doc: OpenAPIDocument, provider: ProviderConfig, options: TransformOptions): ApiModel {
  const warnings: Warning[] = [];
  const operations: OperationModel[] = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const config = operation.operationId ? provider.operations?.[operation.operationId] : undefined;
      operations.push(transformOperationObject(doc, path, method, pathItem, operation, config, warnings));
    }
  }
  const { names, renamed } = dedupe(operations.map((o) => o.name));
  for (const r of renamed) {
    const op = operations[r.index]!;
    warnings.push({ pointer: op.pointer, message: `method name ${r.from} is taken by an earlier operation; this one is named ${r.to}` });
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
  const model: ApiModel = {
    title: doc.info?.title ?? provider.displayName ?? provider.name,
    specVersion: String(doc.info?.version ?? ''),
    openapi: doc.openapi,
    servers: transformServerObjects(doc, provider),
    securitySchemes,
    credentials,
    security,
    operations,
    warnings,
  };
  if (doc.info?.description) model.description = doc.info.description;
  return model;
}
