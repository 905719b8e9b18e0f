/** Paged list results as async iterables: `for await (const s of client.externalServices.list())`. */
/**
 * One page as the client hands it on. `total` is there only when the API sent it: HPE's list
 * page marks it optional (docs/api-assumptions.md, `paging`).
 */
export interface Page<T> { offset: number; count: number; total?: number; items: T[] }

/** A page as the API sent it. */
export type RawPage<T> = { offset?: number; count?: number; total?: number; items: T[] };

/** Whether the list ends with this page: it is empty, it reaches `total`, or (without `total`) it is shorter than asked. */
export function isLastPage(page: RawPage<unknown>, offset: number, limit: number): boolean {
  if (page.items.length === 0) return true;
  const next = offset + page.items.length;
  return page.total !== undefined ? next >= page.total : page.items.length < limit;
}

/**
 * Iterates the items of every page; `.pages()` iterates the pages themselves. `keep`, when
 * given, drops items the client filters out itself; paging still advances by what the server sent.
 */
export class PagedIterable<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: (offset: number, limit: number) => Promise<RawPage<T>>,
    private readonly limit: number,
    private readonly keep?: (item: T) => boolean,
  ) {}

  async *pages(): AsyncGenerator<Page<T>> {
    for (let offset = 0; ;) {
      const page = await this.fetchPage(offset, this.limit);
      const items = this.keep ? page.items.filter(this.keep) : page.items;
      const out: Page<T> = { offset, count: items.length, items };
      if (page.total !== undefined) out.total = page.total;
      yield out;
      if (isLastPage(page, offset, this.limit)) return;
      offset += page.items.length;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item of every page, in one array. */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
