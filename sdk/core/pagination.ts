/** Paged list results as async iterables: `for await (const s of client.externalServices.list())`. */
import { z } from "zod";

export interface Page<T> { offset: number; count: number; total: number; items: T[] }

/** The schema of one COM list page of `item`. */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({
  offset: z.number(),
  count: z.number(),
  total: z.number(),
  items: z.array(item),
});

/**
 * Iterates the items of every page; `.pages()` iterates the pages themselves. `keep`, when
 * given, drops items the client filters out itself; paging still advances by what the server sent.
 */
export class PagedIterable<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
    private readonly limit: number,
    private readonly keep?: (item: T) => boolean,
  ) {}

  async *pages(): AsyncGenerator<Page<T>> {
    let offset = 0;
    for (;;) {
      const page = await this.fetchPage(offset, this.limit);
      const items = this.keep ? page.items.filter(this.keep) : page.items;
      yield { ...page, count: items.length, items };
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
