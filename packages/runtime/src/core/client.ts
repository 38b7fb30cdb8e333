/**
 * `Core`: what a generated client class delegates to. A `BaseCore` (base URL,
 * credentials, operations from their descriptors) plus the typed openapi-fetch
 * client as `raw` and auto-pagination.
 */
import createClient, { type Client } from 'openapi-fetch';
import { BaseCore } from './base-core.js';
import type { ApiDescriptor, OperationDescriptor } from './descriptor.js';
import type { ClientOptions, PaginateOptions } from './options.js';
import { paginate } from './paginate.js';
import type { Paginator } from './pagination.js';
import { formQuery, serializePath } from './params.js';

/** The runtime behind every generated client class. */
export class Core<Paths extends {} = {}> extends BaseCore {
  /** Typed openapi-fetch client with the same base URL, headers, auth, retries and timeouts. */
  readonly raw: Client<Paths>;

  /** See `BaseCore`'s constructor. */
  constructor(api: ApiDescriptor, options: ClientOptions = {}) {
    super(api, options);
    this.raw = createClient<Paths>({
      baseUrl: this.baseUrl,
      headers: this.clientHeaders,
      // The body is buffered (from a clone: openapi-fetch's middleware may still read the Request) so that retries can resend it.
      fetch: async (request) => {
        const { method, url, headers, redirect, credentials, cache, mode, keepalive, integrity, referrerPolicy } = request;
        const body = request.body ? await request.clone().arrayBuffer() : undefined;
        const init = { redirect, credentials, cache, mode, keepalive, integrity, referrerPolicy };
        return this.sendParts({ method, url, headers: new Headers(headers), body, ...init }, request.signal);
      },
      querySerializer: formQuery,
      pathSerializer: serializePath,
    });
  }

  /** Pages through `op`: see `paginate`. */
  paginate<Page, Item>(op: OperationDescriptor, params: object = {}, options: PaginateOptions = {}): Paginator<Page, Item> {
    return paginate<Page, Item>(this, op, params, options);
  }
}
