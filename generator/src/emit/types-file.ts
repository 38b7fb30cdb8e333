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
  return flat(`${header}\n${astToString(transformSchema(schema, ctx))}`);
}

/**
 * TypeScript's printer appends to its output piece by piece, which V8 keeps
 * as a rope of millions of small strings (≈5× the text: 130 MB for Microsoft
 * Graph's 24 MB of types) until something reads it. Converting it to a number
 * makes V8 flatten it in place now, instead of when the file is written after
 * client.ts and funcs.ts have been emitted next to it.
 */
function flat(text: string): string {
  Number(text);
  return text;
}
