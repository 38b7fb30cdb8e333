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
  // Printed one top-level declaration at a time, each dropped once printed: the whole AST and the whole
  // printer output are never held at once (Microsoft Graph: `operations` alone is ≈40% of it).
  const statements: (ReturnType<typeof transformSchema>[number] | undefined)[] = transformSchema(schema, ctx);
  const parts = [header, '\n'];
  for (let i = 0; i < statements.length; i++) {
    parts.push(flat(astToString(statements[i]!)));
    statements[i] = undefined;
  }
  return flat(parts.join('').replace(WITH_REQUIRED, WITH_REQUIRED_PER_MEMBER));
}

/**
 * TypeScript's printer appends to its output piece by piece, which V8 keeps
 * as a rope of millions of small strings (≈5× the text: 130 MB for Microsoft
 * Graph's 24 MB of types) until something reads it. Converting it to a number
 * makes V8 flatten it in place now (whatever `.replace` left as pieces), so
 * that one flat string, not a rope, stays in memory while client.ts and
 * funcs.ts are emitted and until the file is written.
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/**
 * openapi-typescript's helper for `required` next to `allOf` constrains the
 * keys to `keyof T`, which is `never` when T is a union with `null` (an
 * `allOf` of a nullable schema: plaid.com's `Cause`), and the types do not
 * compile. Ours applies to each member of the union: the same type for an
 * object, and `null` drops out, as `allOf` with an object schema means.
 */
const WITH_REQUIRED = 'type WithRequired<T, K extends keyof T> = T & {\n    [P in K]-?: T[P];\n};';
const WITH_REQUIRED_PER_MEMBER = 'type WithRequired<T, K extends PropertyKey> = T extends unknown ? T & {\n    [P in K & keyof T]-?: T[P];\n} : never;';
