/**
 * `specs/<provider>/provider.yaml`: what the OpenAPI document does not say
 * about a provider's client. Every field is optional except `name`.
 *
 * ```yaml
 * name: datafold                      # folder name; package `${scope}/${name}`
 * displayName: Datafold
 * version: 0.1.0                      # version of the generated package
 * docsUrl: https://docs.datafold.com/api-reference
 * license: MIT                        # license of the generated package (default MIT)
 * notice: |                           # shipped as NOTICE (e.g. the spec's Apache-2.0 attribution)
 *   …
 * strict: true                         # every spec warning is an error (see load/tolerated.ts)
 * upstream:
 *   - url: https://docs.datafold.com/api-reference/monitors/list-monitor-runs.md
 *     format: rendered-openapi        # openapi | docs-page | rendered-openapi
 *     filter: { pathPrefix: /api/v2/model-lab-api, tag: Model Lab API }   # optional, for `openapi`
 * credentials:                         # option name → where it goes
 *   apiKey:
 *     scheme: ApiKeyAuth              # components.securitySchemes key
 *     env: DATAFOLD_API_KEY
 *     format: "Key {value}"           # value template (apiKey schemes)
 *     description: Datafold API key.
 * serverVariables:                     # servers[0].variables key → client option
 *   site: { option: site, env: DD_SITE }
 * requestIdHeaders: [x-datadog-request-id]
 * operations:                          # keyed by the spec's operationId
 *   list_monitor_runs_api_v1_monitors__id__runs_get:
 *     name: listMonitorRuns           # method name override
 *     pagination:                     # see PaginationDescriptor in @clientgen/runtime
 *       style: page-number              # page-number | offset | cursor | link
 *       pageParam: page
 *       sizeParam: page_size
 *       items: runs
 *       totalPages: total_pages
 *   GetCustomers:                       # Stripe: the next page starts after the last item's id
 *     pagination: { style: cursor, cursorParam: starting_after, itemCursor: id, hasMore: has_more, items: data }
 *   GetCustomersSearch:                 # Stripe search: an opaque next-page token
 *     pagination: { style: cursor, cursorParam: page, nextCursor: next_page, hasMore: has_more, items: data }
 *   issues/list-for-repo:               # GitHub: Link header, the body is the array
 *     pagination: { style: link, nextLink: "header:link", items: "" }
 *   getThing: { pagination: false }     # not paginated, whatever detection says
 * ```
 */
import type { PaginationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';

export type UpstreamFormat = 'openapi' | 'docs-page' | 'rendered-openapi';

export interface UpstreamSource {
  url: string;
  format: UpstreamFormat;
  /** Keep only part of a large upstream document. */
  filter?: { pathPrefix?: string; tag?: string };
}

export interface CredentialConfig {
  /** Key of `components.securitySchemes` this option satisfies. */
  scheme: string;
  env?: string;
  /** Value template for apiKey schemes; `{value}` is the credential. */
  format?: string;
  /** For http basic: this option is the username, `passwordOption` the password. */
  passwordOption?: string;
  passwordEnv?: string;
  description?: string;
}

export interface ServerVariableConfig {
  option: string;
  env?: string;
}

export interface OperationConfig {
  /** Method name; default: camelCase of the cleaned operationId. */
  name?: string;
  pagination?: PaginationDescriptor | false;
}

export interface ProviderConfig {
  name: string;
  displayName?: string;
  /** Full npm name; default `${scope}/${name}` with the scope from the root package.json. */
  packageName?: string;
  version?: string;
  description?: string;
  docsUrl?: string;
  license?: string;
  /** Text of a NOTICE file shipped with the package (attribution the spec's license requires). */
  notice?: string;
  /** Every spec warning is an error (tolerated deviations, lossy constructs): for specs we own. */
  strict?: boolean;
  upstream?: UpstreamSource[];
  credentials?: Record<string, CredentialConfig>;
  serverVariables?: Record<string, ServerVariableConfig>;
  requestIdHeaders?: string[];
  operations?: Record<string, OperationConfig>;
}
