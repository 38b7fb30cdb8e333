/**
 * src/types.ts: the API's TypeScript types, from openapi-typescript's Node API.
 *
 * `openapiTS()` would lint and bundle the document again with Redocly
 * (~0.6 s on a 1.6 MB spec, and it tries to fetch `externalValue` example
 * files); load/ has already done both, so we call its `transformSchema` with
 * the same context `openapiTS()` builds, defaults included.
 */
import { astToString, resolveRef, scanDiscriminators, transformSchema, type GlobalContext, type OpenAPI3 } from 'openapi-typescript';
import type { OpenAPIDocument } from '../model/openapi.js';

export function emitTypesFile(doc: OpenAPIDocument, header: string): string {
  const schema = doc as unknown as OpenAPI3;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, {}),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: true }),
  };
  return `${header}\n${astToString(transformSchema(schema, ctx))}`;
}
