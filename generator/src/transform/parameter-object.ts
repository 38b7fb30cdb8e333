/** Parameter Object → ParameterModel. Operation-level parameters override path-level ones by (name, in). */
import type { OpenAPIDocument, ParameterObject, Referenced, SchemaObject } from '../model/openapi.js';
import type { ParameterModel } from '../model/api-model.js';
import { deref } from './ref.js';
import { enumValues, typeText } from './schema-object.js';

export function mergeParameters(
  doc: OpenAPIDocument,
  pathLevel: Referenced<ParameterObject>[] | undefined,
  operationLevel: Referenced<ParameterObject>[] | undefined,
): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const p of [...(pathLevel ?? []), ...(operationLevel ?? [])]) {
    const param = deref<ParameterObject>(doc, p);
    byKey.set(`${param.in}:${param.name}`, param);
  }
  return [...byKey.values()];
}

export function transformParameterObject(doc: OpenAPIDocument, param: ParameterObject): ParameterModel {
  const schema: Referenced<SchemaObject> | undefined = param.schema ?? Object.values(param.content ?? {})[0]?.schema;
  const resolved = schema ? deref<SchemaObject>(doc, schema) : undefined;
  const values = enumValues(doc, schema);
  const model: ParameterModel = {
    name: param.name,
    in: param.in,
    required: param.in === 'path' ? true : param.required === true,
    deprecated: param.deprecated === true || resolved?.deprecated === true,
    typeText: typeText(doc, schema),
  };
  const description = param.description ?? resolved?.description;
  if (description) model.description = description;
  if (values) model.enumValues = values;
  if (resolved?.default !== undefined) model.default = resolved.default;
  const example = param.example ?? resolved?.example;
  if (example !== undefined) model.example = example;
  if (param.style) model.style = param.style;
  if (param.explode !== undefined) model.explode = param.explode;
  return model;
}
