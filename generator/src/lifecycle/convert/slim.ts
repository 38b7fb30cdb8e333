/**
 * `clientgen convert --slim`: drops the documentation a generated client does
 * not act on, for test fixtures cut from large real specs (Stripe's and
 * GitHub's documents are mostly prose and examples). Removed: every string
 * `description`, every `example`, and `examples` (media type and parameter
 * maps, JSON Schema arrays); then components nothing references any more
 * (e.g. `components.examples`) are pruned. Maps whose keys are names
 * (`properties`, `components.*`, `paths`, `content`, …) keep their keys, so a
 * property called `description` or `example` stays.
 */
import { isObject, type JsonObject, type OpenAPIDocument } from './common.js';
import { pruneComponents } from './openapi.js';

/** Keys whose value maps names to objects: their own keys are never documentation. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'paths',
  'webhooks',
  'components',
  'schemas',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'content',
  'encoding',
  'variables',
  'mapping',
  'scopes',
]);

const DOC_KEYS = new Set(['description', 'example', 'examples']);

/** Returns a slimmed copy of `doc`. */
export function slimDocument(doc: OpenAPIDocument): OpenAPIDocument {
  const out = structuredClone(doc) as unknown as JsonObject;
  strip(out, 'object');
  pruneComponents(out);
  return out as unknown as OpenAPIDocument;
}

/**
 * What `node` is: an object of the document (`object`; a Response Object
 * keeps its required `description`), or a map of names (`map:<key>`; its
 * entries are objects, Response Objects under `responses`, maps again under
 * `components`).
 */
type Kind = 'object' | 'response' | `map:${string}`;

function strip(node: unknown, kind: Kind): void {
  if (Array.isArray(node)) {
    for (const item of node) strip(item, 'object');
    return;
  }
  if (!isObject(node)) return;
  const map = kind.startsWith('map:') ? kind.slice(4) : undefined;
  for (const [key, value] of Object.entries(node)) {
    if (map !== undefined) {
      strip(value, map === 'components' ? `map:${key}` : map === 'responses' ? 'response' : 'object');
      continue;
    }
    const droppable = key === 'description' ? typeof value === 'string' && kind !== 'response' : DOC_KEYS.has(key);
    if (droppable) delete node[key];
    else strip(value, NAME_MAPS.has(key) ? `map:${key}` : 'object');
  }
}
