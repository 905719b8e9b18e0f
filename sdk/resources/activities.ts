/** GET /compute-ops-mgmt/v1beta2/activities. */
import type { ComClient } from "../client";
import { API_PREFIX } from "../core/paths";
import type { Filter } from "../core/filter";
import { PagedIterable, pageSchema } from "../core/pagination";

import { Activity, ActivitySchema } from "../models/activity";

const ActivityPage = pageSchema(ActivitySchema);

export class Activities {
  constructor(private readonly client: ComClient) {}

  /** Activities, newest first, optionally filtered (e.g. by `source/id` and `createdAt`). */
  list(options: { filter?: Filter | string; limit?: number } = {}): PagedIterable<Activity> {
    const limit = options.limit ?? 100;
    return new PagedIterable(async (offset, pageLimit) => (await this.client.request({
      method: "GET",
      path: `${API_PREFIX}/v1beta2/activities`,
      query: { filter: options.filter?.toString(), offset, limit: pageLimit },
      schema: ActivityPage,
    })).data, limit);
  }
}
