/** GET /compute-ops-mgmt/v1beta2/activities: newest first, filterable (e.g. by source/id and createdAt). */
import type { Route } from "../context";
import { page } from "../paging";
import { PREFIXES } from "./external-services";

export function activityRoutes(): Route[] {
  return PREFIXES.map((prefix): Route => ({
    method: "GET",
    pattern: `${prefix}/v1beta2/activities`,
    kind: "com",
    handler: (ctx) => {
      const activities = [...ctx.emulator.store.workspace(ctx.workspaceId).activities]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { status: 200, body: page(activities, ctx.query) };
    },
  }));
}
