/**
 * Where a document holds literal data rather than OpenAPI objects: the walks of load/ skip it. A `$ref` inside an
 * example (`examples: {response: {value: {$ref: '#/components/schemas/AuthorizeResponse/example'}}}`:
 * shutterstock.com), a default, an enum, a const or an extension is a value like any other, never a reference to
 * follow or a schema to read. These keys are keywords only where they stand as such: in a map of names
 * (`properties: {default: {$ref: …}}`: codat.io) they are names like any other.
 */

/** Keys that hold values rather than OpenAPI objects where they are keywords. */
const isLiteralKey = (key: string) => key === 'example' || key === 'examples' || key === 'default' || key === 'const' || key === 'enum' || key.startsWith('x-');

/** Keys whose value maps names (chosen by the spec's author) to objects. */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'paths', 'webhooks', 'schemas', 'responses', 'parameters',
  'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems', 'content', 'encoding', 'variables', 'mapping',
]);

/** Whether the entry `key` of an object found under `parentKey` (an array index, or undefined at the root) holds literal data. */
export const holdsLiteral = (parentKey: string | undefined, key: string): boolean => isLiteralKey(key) && !(parentKey !== undefined && NAME_MAPS.has(parentKey));
