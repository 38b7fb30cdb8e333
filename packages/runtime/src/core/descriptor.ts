/**
 * Static descriptions of an API that generated clients hand to the runtime.
 *
 * The generator turns each OpenAPI concept into one of these plain objects
 * (see `generator/src/transform/*`); the runtime reads them and never sees the
 * OpenAPI document itself. Everything here is data, except the encoders an
 * operation or security scheme names (`body.encode`, `encodeQuery`, `place`,
 * `encode`): the runtime's own functions, referenced only where needed so
 * that a bundle keeps only those.
 */
import type { CredentialPlacement } from './auth.js';
import type { BodyEncoder } from './body.js';
import type { QueryEncoder } from './params.js';

/** `servers[].variables[name]` of the spec, plus how a client option feeds it. */
export interface ServerVariableDescriptor {
  default: string;
  /** Allowed values; a value outside the list is rejected at `createClient`. */
  enum?: readonly string[];
  /** Client option that sets this variable (e.g. `site`). */
  option?: string;
  /** Environment variable read when the option is not given (e.g. `DD_SITE`). */
  env?: string;
}

/** One entry of the spec's `servers`. */
export interface ServerDescriptor {
  /** URL template, e.g. `https://{subdomain}.{site}`. */
  url: string;
  variables?: Readonly<Record<string, ServerVariableDescriptor>>;
}

/** One entry of `components.securitySchemes` that the client can satisfy. */
export type SecuritySchemeDescriptor =
  | {
      type: 'apiKey';
      in: 'header';
      /** Header name. */
      name: string;
      /** Client option holding the credential (e.g. `apiKey`). */
      option: string;
      /** Value template; `{value}` is replaced by the credential. Default `{value}`. */
      format?: string;
    }
  | {
      type: 'apiKey';
      in: 'query' | 'cookie';
      /** Query parameter or cookie name. */
      name: string;
      option: string;
      format?: string;
      /** Puts the credential in the request: `inQuery` or `inCookie`. */
      place: CredentialPlacement;
    }
  | {
      type: 'http';
      scheme: 'bearer';
      option: string;
    }
  | {
      type: 'http';
      scheme: 'basic';
      /** Option holding the username. */
      option: string;
      /** Option holding the password. */
      passwordOption: string;
      /** Encodes username and password: `basicToken`. */
      encode: (username: string, password: string) => string;
    };

/** A client option that carries a credential. */
export interface CredentialDescriptor {
  /** Environment variable read when the option is not given. */
  env?: string;
}

/**
 * A security requirement: every scheme named in one entry must be applied
 * together; the entries are alternatives (OpenAPI semantics). `[]` means the
 * operation needs no credentials.
 */
export type SecurityRequirement = readonly string[];

/**
 * How an operation pages through results. All paths are dot paths into the
 * response body (`meta.page.total`); `items: ''` means the body is the array.
 *
 * The first request carries only what the caller passed: the walk starts
 * where the server starts and then follows the server's pointers (next page
 * number, next link, next token, the last item's id). Counting up from the
 * request's own page number or offset is the fallback when a page carries no
 * pointer.
 */
export type PaginationDescriptor =
  | {
      style: 'page-number';
      /** Query parameter holding the page number. */
      pageParam: string;
      /** Query parameter holding the page size. */
      sizeParam?: string;
      /**
       * Number of the page the server answers when the request names none
       * (default 1). Only used to count pages when the response has no pointer.
       */
      firstPage?: number;
      /** Where the items are in a page body (`data`, `runs`). */
      items: string;
      /** Total number of pages (`total_pages`). */
      totalPages?: string;
      /** Total number of items (`meta.page.total`). */
      totalItems?: string;
      /** Next page number; absent or null means last page (`meta.page.next_number`). */
      nextPage?: string;
      /**
       * Link to the next page; absent or null means last page (`links.next`).
       * Without `nextPage`, the link's `pageParam` is the next page number.
       * Without either, a paging `Link` response header (`rel="next"`, `"last"`,
       * …) points the same way: its `rel="next"` URL, none on the last page.
       */
      nextLink?: string;
    }
  | {
      style: 'offset';
      offsetParam: string;
      limitParam?: string;
      items: string;
      totalItems?: string;
    }
  | {
      style: 'cursor';
      /** Query parameter that takes the cursor (`cursor`, `starting_after`, `page`, `pageToken`). */
      cursorParam: string;
      /** Where the next cursor is in the body (`next_page`, `nextPageToken`); absent, null or '' means last page. */
      nextCursor?: string;
      /** Field of the last item that is the next cursor (`id`: Stripe's `starting_after`); used when there is no `nextCursor`. */
      itemCursor?: string;
      /** Boolean in the body that is `false` on the last page (`has_more`). */
      hasMore?: string;
      /**
       * Query parameter that pages backwards (`ending_before`): when the caller
       * passes it, the walk goes on from the first item's `itemCursor` in it.
       */
      reverseParam?: string;
      items: string;
    }
  | {
      style: 'link';
      items: string;
      /** Body path of the next page's URL, or `header:link` for an RFC 8288 `Link: <…>; rel="next"` header. */
      nextLink: string;
    };

/** How the 2xx body is read. */
export type ResponseKind = 'json' | 'text' | 'blob' | 'stream' | 'none';

export interface OperationDescriptor {
  /** The spec's operationId (or the derived one when the spec has none). */
  id: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
  /** Path template as in the spec, e.g. `/models/{model_id}/model_runs`. */
  path: string;
  /** Names of the flat call parameters by location. */
  params?: {
    path?: readonly string[];
    query?: readonly string[];
    header?: readonly string[];
    cookie?: readonly string[];
  };
  /** Encodes the query when some parameter is not `form`+`explode` (the OpenAPI default): `styledQuery({...})`. */
  encodeQuery?: QueryEncoder;
  /** The request body: media type, whether the call must pass one, and its encoder (`jsonBody`, `multipartBody`, …). */
  body?: { mediaType: string; required: boolean; encode: BodyEncoder };
  response: ResponseKind;
  /** Security for this operation when it differs from the API's default. */
  security?: readonly SecurityRequirement[];
  pagination?: PaginationDescriptor;
}

export interface ApiDescriptor {
  /** npm package name, used in the User-Agent. */
  packageName: string;
  packageVersion: string;
  /** Prefix of the debug env var and of log lines, e.g. `Datadog Model Lab`. */
  displayName: string;
  servers: readonly ServerDescriptor[];
  securitySchemes: Readonly<Record<string, SecuritySchemeDescriptor>>;
  /** Options that carry credentials, keyed by option name. */
  credentials: Readonly<Record<string, CredentialDescriptor>>;
  /** Default security requirement of the API (top-level `security`). */
  security: readonly SecurityRequirement[];
  /** Response headers that carry a request id, most specific first. */
  requestIdHeaders: readonly string[];
}
