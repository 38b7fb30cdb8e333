/**
 * `Core`: what a generated client class delegates to. A `BaseCore` (base URL,
 * credentials, operations from their descriptors) plus the typed openapi-fetch
 * client as `raw` and auto-pagination.
 */
import createClient, { type Client } from 'openapi-fetch';
import { BaseCore, type WithResponse } from './base-core.js';
import type { ApiDescriptor, OperationDescriptor } from './descriptor.js';
import { ClientgenError, ClientValidationError } from './error.js';
import type { ClientOptions, PaginateOptions, RequestOptions } from './options.js';
import { Paginator } from './pagination.js';
import { assertHeaders, formQuery, serializePath, splitParams } from './params.js';

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

  /**
   * Pages through `op` (which must have `pagination`), starting from the
   * page/offset/cursor in `params` if given. Parameters are checked now; pages
   * are fetched lazily while iterating.
   */
  paginate<Page, Item>(op: OperationDescriptor, params: object = {}, options: PaginateOptions = {}): Paginator<Page, Item> {
    const pagination = op.pagination;
    if (!pagination) throw new ClientValidationError(`${op.id} is not paginated.`);
    splitParams(op, params);
    const { maxItems, maxPages, ...requestOptions } = options;
    return new Paginator<Page, Item>(
      pagination,
      { ...params },
      (next) =>
        'url' in next
          ? this.#follow<Page>(op, next.url, requestOptions)
          : this.requestWithResponse<Page>(op, next.params, requestOptions),
      { maxItems, maxPages },
    );
  }

  /** GETs a next-page link of `op` (for pagination); only same-origin links are followed (credentials are attached). */
  #follow<T>(op: OperationDescriptor, link: string, options: RequestOptions): Promise<WithResponse<T>> {
    const base = new URL(`${this.baseUrl}/`, (globalThis as { location?: { href?: string } }).location?.href);
    const url = new URL(link, base);
    if (url.origin !== base.origin) {
      throw new ClientgenError(`Refusing to follow the next-page link of ${op.id} to ${url.origin}: credentials are only sent to ${base.origin}.`);
    }
    assertHeaders(options.headers);
    const path = url.pathname + url.search;
    return this.send<T>(op, 'GET', path, url.origin + path, options, { ...options.headers });
  }
}
