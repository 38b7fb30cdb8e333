/**
 * The rules of the breaking-change report (`clientgen diff`, `clientgen sync`).
 *
 * Every change the diff reports carries one of these rule ids; a rule always
 * has the same level. The levels follow what a user of the generated
 * TypeScript client feels:
 *
 * - major: code that compiled and worked against the old client may stop
 *   compiling or start failing (something removed or renamed, a parameter
 *   that must now be passed, a narrower type, different auth or servers);
 * - minor: new surface that old code does not have to use (an operation, an
 *   optional parameter, a response property, an enum value);
 * - patch: documentation only (descriptions, summaries, examples, metadata).
 *
 * Where the direction of data matters, "request" means what the client sends
 * (parameters, request bodies) and "response" what it receives.
 */
export type ChangeLevel = 'major' | 'minor' | 'patch';
export type BumpLevel = ChangeLevel | 'none';

export interface RuleInfo {
  level: ChangeLevel;
  /** One line, for docs and `--help`. */
  summary: string;
}

export const RULES = {
  // Operations
  'operation-removed': { level: 'major', summary: 'an operation (method + path) is gone' },
  'operation-added': { level: 'minor', summary: 'a new operation' },
  'operation-id-changed': { level: 'major', summary: 'operationId changed (the client method is named after it)' },
  'deprecation-changed': { level: 'minor', summary: 'an operation, parameter or property was (un)deprecated' },

  // Parameters
  'parameter-removed': { level: 'major', summary: 'a parameter is gone' },
  'parameter-renamed': { level: 'major', summary: 'a parameter has a new name (same place, same schema)' },
  'required-parameter-added': { level: 'major', summary: 'a new parameter that callers must pass' },
  'optional-parameter-added': { level: 'minor', summary: 'a new optional parameter' },
  'parameter-became-required': { level: 'major', summary: 'an optional parameter is now required' },
  'parameter-became-optional': { level: 'minor', summary: 'a required parameter is now optional' },
  'parameter-style-changed': { level: 'major', summary: 'style, explode or allowReserved changed (values are serialised differently)' },

  // Request bodies
  'request-body-removed': { level: 'major', summary: 'the operation no longer takes a request body' },
  'required-request-body-added': { level: 'major', summary: 'the operation now needs a request body' },
  'request-body-added': { level: 'minor', summary: 'the operation takes a new optional request body' },
  'request-body-became-required': { level: 'major', summary: 'the request body is now required' },
  'request-body-became-optional': { level: 'minor', summary: 'the request body is now optional' },
  'media-type-removed': { level: 'major', summary: 'a request or response media type is gone' },
  'media-type-added': { level: 'minor', summary: 'a new request or response media type' },

  // Responses
  'response-removed': { level: 'major', summary: 'a success (2xx/3xx) or default response is gone' },
  'error-response-removed': { level: 'minor', summary: 'a documented error (4xx/5xx) response is gone' },
  'response-added': { level: 'minor', summary: 'a new documented response status' },
  'response-header-removed': { level: 'major', summary: 'a response header is gone' },
  'response-header-added': { level: 'minor', summary: 'a new response header' },

  // Schemas (parameters, bodies, responses)
  'type-changed': { level: 'major', summary: 'a type changed (or narrowed; any change on the response side)' },
  'type-widened': { level: 'minor', summary: 'a request value accepts more types (e.g. integer → number, null added)' },
  'format-changed': { level: 'minor', summary: 'format changed (a hint the generated types do not encode)' },
  'enum-value-removed': { level: 'major', summary: 'an enum value is gone' },
  'enum-value-added': { level: 'minor', summary: 'a new enum value' },
  'enum-added': { level: 'major', summary: 'a free value is now restricted to an enum' },
  'enum-removed': { level: 'minor', summary: 'an enum restriction was lifted' },
  'constraint-narrowed': { level: 'major', summary: 'a request value is constrained more (min/max/length/pattern…)' },
  'constraint-changed': { level: 'minor', summary: 'a constraint was relaxed, or changed on the response side' },
  'variant-removed': { level: 'major', summary: 'a oneOf/anyOf alternative is gone' },
  'variant-added': { level: 'minor', summary: 'a new oneOf/anyOf alternative' },
  'request-property-removed': { level: 'major', summary: 'a request body property is gone' },
  'request-property-added': { level: 'minor', summary: 'a new optional request body property' },
  'required-request-property-added': { level: 'major', summary: 'a new request body property that callers must send' },
  'request-property-became-required': { level: 'major', summary: 'an optional request body property is now required' },
  'request-property-became-optional': { level: 'minor', summary: 'a required request body property is now optional' },
  'response-property-removed': { level: 'major', summary: 'a response property is gone' },
  'response-property-added': { level: 'minor', summary: 'a new response property' },
  'response-property-became-optional': { level: 'major', summary: 'a response property is no longer always present' },
  'response-property-became-required': { level: 'minor', summary: 'a response property is now always present' },
  'default-changed': { level: 'minor', summary: 'a default value changed (behaviour when the value is omitted)' },
  'schema-component-removed': { level: 'major', summary: 'a named schema is gone (its exported type `components["schemas"][…]` too)' },
  'schema-component-added': { level: 'minor', summary: 'a new named schema' },

  // Auth
  'security-changed': { level: 'major', summary: 'the security requirements of the API or an operation changed' },
  'security-scheme-removed': { level: 'major', summary: 'a security scheme is gone' },
  'security-scheme-changed': { level: 'major', summary: 'a security scheme works differently (type, header name, scheme, flows)' },
  'security-scheme-added': { level: 'minor', summary: 'a new security scheme' },

  // Servers
  'server-removed': { level: 'major', summary: 'a server URL is gone' },
  'server-url-changed': { level: 'major', summary: 'a server URL template changed' },
  'server-default-changed': { level: 'major', summary: 'the first (default) server is a different one' },
  'server-added': { level: 'minor', summary: 'a new server' },
  'server-variable-removed': { level: 'major', summary: 'a server variable is gone' },
  'server-variable-added': { level: 'minor', summary: 'a new server variable' },
  'server-variable-default-changed': { level: 'major', summary: 'a server variable has a different default (requests go elsewhere)' },
  'server-enum-value-removed': { level: 'major', summary: 'a server variable value is gone' },
  'server-enum-value-added': { level: 'minor', summary: 'a new server variable value' },

  // Documentation
  'description-changed': { level: 'patch', summary: 'a description, summary or title changed' },
  'example-changed': { level: 'patch', summary: 'an example changed' },
  'metadata-changed': { level: 'patch', summary: 'info, tags, externalDocs, x- extensions or the OpenAPI version changed' },

  // Anything else: reported rather than ignored.
  'other-changed': { level: 'minor', summary: 'a change no other rule classifies (reported as minor to be safe)' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const LEVELS: readonly BumpLevel[] = ['none', 'patch', 'minor', 'major'];

/** The larger of two levels. */
export function maxLevel(a: BumpLevel, b: BumpLevel): BumpLevel {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}
