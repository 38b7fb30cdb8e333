/**
 * `paginate(core, op, params)`: auto-pagination on any core, for the standalone functions of `/ops/<method>`
 * (`paginateListRuns(core, …)`) as for a client's `client.paginate.<method>` (`Core.paginate` calls it). A module of
 * its own, so that a bundle that does not page leaves it out along with `Paginator`.
 */
import type { BaseCore, WithResponse } from './base-core.js';
import type { OperationDescriptor } from './descriptor.js';
import { ClientgenError, ClientValidationError } from './error.js';
import type { PaginateOptions, RequestOptions } from './options.js';
import { Paginator } from './pagination.js';
import { assertHeaders, splitParams } from './params.js';

/**
 * Pages through `op` (which must have `pagination`), starting from the page/offset/cursor in `params` if given.
 * Parameters are checked now; pages are fetched lazily while iterating.
 */
export function paginate<Page, Item>(core: BaseCore, op: OperationDescriptor, params: object = {}, options: PaginateOptions = {}): Paginator<Page, Item> {
  const pagination = op.pagination;
  if (!pagination) throw new ClientValidationError(`${op.id} is not paginated.`);
  splitParams(op, params);
  const { maxItems, maxPages, ...requestOptions } = options;
  return new Paginator<Page, Item>(
    pagination,
    { ...params },
    (next) => ('url' in next ? follow<Page>(core, op, next.url, requestOptions) : core.requestWithResponse<Page>(op, next.params, requestOptions)),
    { maxItems, maxPages },
  );
}

/** GETs a next-page link of `op`; only same-origin links are followed (credentials are attached). */
function follow<T>(core: BaseCore, op: OperationDescriptor, link: string, options: RequestOptions): Promise<WithResponse<T>> {
  const base = new URL(`${core.baseUrl}/`, (globalThis as { location?: { href?: string } }).location?.href);
  const url = new URL(link, base);
  if (url.origin !== base.origin) {
    throw new ClientgenError(`Refusing to follow the next-page link of ${op.id} to ${url.origin}: credentials are only sent to ${base.origin}.`);
  }
  assertHeaders(options.headers);
  const path = url.pathname + url.search;
  return core.send<T>(op, 'GET', path, url.origin + path, options, { ...options.headers });
}
