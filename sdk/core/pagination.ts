/** Paged list results as async iterables: `for await (const s of client.externalServices.list())`. */

export interface Page<T> { offset: number; count: number; total: number; items: T[] }

/** Iterates the items of every page; `.pages()` iterates the pages themselves. */
export class PagedIterable<T> implements AsyncIterable<T> {
  constructor(private readonly fetchPage: (offset: number, limit: number) => Promise<Page<T>>, private readonly limit: number) {}

  async *pages(): AsyncGenerator<Page<T>> {
    let offset = 0;
    for (;;) {
      const page = await this.fetchPage(offset, this.limit);
      yield page;
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) return;
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
