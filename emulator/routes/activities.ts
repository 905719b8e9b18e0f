/**
 * GET /compute-ops-mgmt/v1beta2/activities: filterable by source/id, source/type and createdAt,
 * newest first unless setting `activityOrder` says otherwise (the reference gives no order).
 */
import type { Route } from "../context";
import { page } from "../paging";
import { PREFIXES } from "./external-services";

/** What API-NOTES lists as filterable for activities. */
const FILTERABLE = ["source/id", "source/type", "createdAt"];

export function activityRoutes(): Route[] {
  return PREFIXES.map((prefix): Route => ({
    method: "GET",
    pattern: `${prefix}/v1beta2/activities`,
    kind: "com",
    handler: (ctx) => {
      // Kept in the order they happened; equal timestamps keep it too.
      const activities = [...ctx.emulator.store.workspace(ctx.workspaceId).activities]
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (ctx.emulator.settings.activityOrder === "newest-first") activities.reverse();
      return { status: 200, body: page(activities, ctx.query, { filterable: FILTERABLE, mode: ctx.emulator.settings.filterMode }) };
    },
  }));
}
