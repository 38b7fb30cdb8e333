/**
 * Deviations from the OpenAPI schema that real specs have and that still
 * have one sensible reading. By default each becomes a warning that says what
 * was assumed; `clientgen generate --strict` (or `strict: true` in
 * provider.yaml, as for every provider in `specs/`) keeps them errors.
 *
 * A finding is listed here only when the generated client is correct under
 * the stated assumption. Everything else stays an error: an unresolvable
 * `$ref`, a path parameter defined nowhere, duplicate operationIds, …
 */

/** One kind of tolerated finding. */
export interface Tolerance {
  /** Redocly rule id. */
  rule: string;
  /** Which of the rule's messages this entry covers (all when absent). */
  message?: RegExp;
  /** Where in the document (JSON pointer, `#/…`) the finding must be for this entry to cover it (anywhere when absent). */
  pointer?: RegExp;
  /** Stable name of the kind, for grouping warnings. */
  code: string;
  /** What the generator assumes instead (shown with the warning). */
  assumed: string;
}

export const TOLERATED: readonly Tolerance[] = [
  {
    // `nullable: true` next to `$ref`/`allOf`/`anyOf`/`oneOf` and no `type`: Stripe, GitHub, Twilio, … (OpenAPI 3.0).
    rule: 'struct',
    message: /The `type` field must be defined when the `nullable` field is used/,
    code: 'nullable-without-type',
    assumed: 'the schema as written, or null',
  },
  {
    // `/users/{username}/x/{id}` next to `/users/{username}/x/{digest}` (GitHub's attestations).
    rule: 'no-identical-paths',
    code: 'identical-paths',
    assumed: 'both operations are kept; each sends its own path template',
  },
  {
    // Redocly checks the content of some extensions (`x-logo`, `x-webhooks`, `x-tagGroups`, `x-codeSamples`):
    // `info.x-logo: https://…` instead of `{ url: … }` (1password.com), `x-webhooks: { x-sdk-exclude: true }`
    // (apideck.com). clientgen reads none of them.
    rule: 'struct',
    pointer: /\/x-[^/]*(\/|$)/,
    code: 'extension-content',
    assumed: 'the extension is documentation or tooling that clientgen does not read; it is ignored',
  },
  {
    // A field OpenAPI does not define where it stands, without the `x-` of an extension (googleapis.com/cloudbuild's
    // top-level `source`): every reader ignores it, as for an extension.
    rule: 'struct',
    message: /^Property `[^`]*` is not expected here/,
    code: 'unknown-field',
    assumed: 'the field is not part of OpenAPI where it stands and is ignored there (content a $ref points into is still read)',
  },
  {
    // A validation keyword of the wrong type (api.video: `pattern: 2`): clientgen types values, it does not validate them.
    rule: 'struct',
    pointer: /\/(pattern|minimum|maximum|exclusiveMinimum|exclusiveMaximum|multipleOf|minLength|maxLength|minItems|maxItems|uniqueItems|minProperties|maxProperties)$/,
    code: 'validation-keyword',
    assumed: 'the keyword only validates values, which clientgen does not do; it is ignored',
  },
  {
    // Examples of the wrong shape (codat.io/assess: a schema's `examples` as a map): documentation only.
    rule: 'struct',
    pointer: /\/(example|examples)$/,
    code: 'example-shape',
    assumed: 'examples are documentation and do not change the types; they are ignored',
  },
  {
    // A server variable whose default is not in its enum (vtex.local: `default: "{environment}"` as a placeholder).
    rule: 'no-server-variables-empty-enum',
    message: /must include default value/,
    code: 'server-default-outside-enum',
    assumed: 'the default is allowed as well as the enum values (it is used when the option is not set)',
  },
];

/** The tolerance that covers a finding, if any. */
export function toleranceFor(rule: string, message: string, pointer = ''): Tolerance | undefined {
  return TOLERATED.find((t) => t.rule === rule && (!t.message || t.message.test(message)) && (!t.pointer || t.pointer.test(pointer)));
}
