/** GET /compute-ops-mgmt/v1beta2/activities. */
import type { ComClient } from "../client";
import { API_PREFIX } from "../core/paths";
import type { Filter } from "../core/filter";
import { isLastPage, PagedIterable } from "../core/pagination";
import { schemas } from "../internal/schemas";
import { Activity, newestOf } from "../models/activity";

export class Activities {
  constructor(private readonly client: ComClient) {}

  /**
   * Activities, optionally filtered (e.g. by `source/id` and `createdAt`), in the order the API
   * lists them: undocumented (docs/api-assumptions.md, `activity-order`), so never rely on it.
   */
  list(options: { filter?: Filter | string; limit?: number } = {}): PagedIterable<Activity> {
    const filter = options.filter?.toString();
    return new PagedIterable((offset, limit) => this.page(filter, offset, limit), options.limit ?? 100);
  }

  /**
   * The newest activity that matches `filter`, whichever end of the list the API puts it at:
   * one request when the first two items are newest first; otherwise a second for the list's
   * far end when the answer gives `total`, or the rest of the list when it does not.
   */
  async newest(filter?: Filter | string): Promise<Activity | undefined> {
    const query = filter?.toString();
    const head = await this.page(query, 0, 2);
    const [first, second] = head.items;
    if (!second || Date.parse(first.createdAt) > Date.parse(second.createdAt) || isLastPage(head, 0, 2)) return newestOf(head.items);
    if (head.total === undefined) return newestOf(await this.list({ filter: query }).toArray());
    const tail = await this.page(query, head.total - 1, 1);
    return newestOf([...head.items, ...tail.items]);
  }

  private async page(filter: string | undefined, offset: number, limit: number) {
    return (await this.client.request({
      method: "GET",
      path: `${API_PREFIX}/v1beta2/activities`,
      query: { filter, offset, limit },
      schema: schemas().ActivityPageSchema,
    })).data;
  }
}
