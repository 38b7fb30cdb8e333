/** src/index.ts: the package's public surface. */
import type { ApiModel } from '../model/api-model.js';
import type { PackageIdentity } from './api-file.js';
import { typeBaseName } from '../transform/names.js';

const ERROR_CLASSES = [
  'AbortedError',
  'ApiError',
  'AuthenticationError',
  'BadRequestError',
  'ClientValidationError',
  'ClientgenError',
  'ConflictError',
  'ConnectionError',
  'InternalServerError',
  'MissingCredentialsError',
  'NotFoundError',
  'PermissionDeniedError',
  'RateLimitError',
  'ResponseParseError',
  'TimeoutError',
  'UnprocessableEntityError',
];

export function emitIndexFile(model: ApiModel, id: PackageIdentity, clientName: string, header: string): string {
  const typeNames = new Set<string>();
  for (const op of model.operations) {
    const base = typeBaseName(op.name);
    if (op.parameters.length || op.requestBody) typeNames.add(`${base}Params`);
    typeNames.add(`${base}Response`);
    if (op.errors.length) typeNames.add(`${base}ErrorBody`);
    if (op.pagination) typeNames.add(`${base}Item`);
  }
  if (model.operations.some((o) => o.pagination)) typeNames.add(`${clientName}Paginate`);
  const lines = [
    header,
    `export { ${clientName}, createClient } from "./client.js";`,
    `export type {\n${[`${clientName}Options`, ...[...typeNames].sort()].map((t) => `  ${t},`).join('\n')}\n} from "./client.js";`,
    `export type { components, operations, paths } from "./types.js";`,
    `export {\n${ERROR_CLASSES.map((c) => `  ${c},`).join('\n')}\n} from ${JSON.stringify(id.runtimePackage)};`,
    `export type { ClientOptions, Credential, Logger, PaginateOptions, Paginator, RequestOptions } from ${JSON.stringify(id.runtimePackage)};`,
    '',
  ];
  return lines.join('\n');
}
