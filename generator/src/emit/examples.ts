/** Example call arguments for docs: from the spec's examples, defaults and enums, else typed placeholders. */
import type { OperationModel, ParameterModel } from '../model/api-model.js';
import { literal } from './text.js';

function exampleValue(p: ParameterModel): unknown {
  if (p.example !== undefined) return p.example;
  if (p.enumValues?.length) return p.enumValues.find((v) => v !== null);
  if (p.default !== undefined) return p.default;
  if (p.typeText.startsWith('integer') || p.typeText.startsWith('number')) return 1;
  if (p.typeText.startsWith('boolean')) return true;
  if (p.typeText.includes('date-time')) return '2024-01-01T00:00:00Z';
  return p.name.endsWith('id') || p.name.endsWith('Id') ? 'id_123' : 'string';
}

/** `{ model_id: "mdl_abc123def456" }`, or undefined when the call takes no arguments. */
export function exampleParams(op: OperationModel, all = false): string | undefined {
  const params = op.parameters.filter((p) => (all || p.required) && p.in !== 'header' && p.in !== 'cookie');
  const value: Record<string, unknown> = Object.fromEntries(params.map((p) => [p.name, exampleValue(p)]));
  if (op.requestBody?.required) value.body = op.requestBody.kind === 'json' ? {} : op.requestBody.kind === 'text' ? '' : undefined;
  if (Object.keys(value).length === 0) return undefined;
  return literal(value).replace(/^\{ body: undefined \}$/, '{}');
}

/** The arguments of an example call of `op`: `leading` ones (`core`) then its example params. */
export function exampleArguments(op: OperationModel, leading: string[] = []): string {
  return [...leading, exampleParams(op) ?? []].flat().join(', ');
}
