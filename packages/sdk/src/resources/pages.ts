import type { Transport, RequestOptions } from '../http.ts';

/** A page of a paginated list (api.md §3). */
export interface Page<T> {
  data: T[];
  links: { self: string; next?: string };
}

/**
 * Every item of a paginated list, page after page: the first page from `path` and `query`, then
 * each `links.next` exactly as the API gave it (it carries the filter, limit and cursor).
 */
export async function* iteratePages<T>(
  transport: Transport,
  path: string,
  query: Record<string, string | number | undefined>,
  options?: RequestOptions,
): AsyncGenerator<T, void, undefined> {
  let page = await transport.request<Page<T>>({ method: 'GET', path, query, options });
  for (;;) {
    yield* page.data;
    const next = page.links.next;
    if (next === undefined) return;
    page = await transport.request<Page<T>>({ method: 'GET', path: next, options });
  }
}
