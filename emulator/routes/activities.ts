/**
 * GET /compute-ops-mgmt/v1beta2/activities: newest first unless setting `activityOrder` says
 * otherwise (the reference gives no order), the source named as setting `activitySource` says.
 */
import type { Route } from "../context";
import { ACTIVITY_LIMITS, page } from "../paging";
import type { Settings } from "../settings";
import type { Activity } from "../store";
import { PREFIXES } from "./external-services";

/**
 * What API-NOTES lists as filterable for activities (`source/id`, `source/type`, `createdAt`),
 * and what the public clients filter on besides (`key`, `source/displayName`,
 * `source/resourceUri`; HPE's activities page lists `associatedServerId` too).
 */
const FILTERABLE = ["source/id", "source/type", "createdAt", "key", "source/displayName", "source/resourceUri", "associatedServerId"];

/** An activity as the settings shape it: the source by resource type or by category, with or without its key. */
function render(a: Activity, settings: Pick<Settings, "activitySource" | "activityKey">): Record<string, unknown> {
  const { source, key, visibleAfter: _hidden, ...rest } = a;
  const shown = settings.activitySource === "category"
    ? { id: source.id, type: "External service", displayName: source.name, resourceUri: source.resourceUri }
    : source;
  return { ...rest, ...(settings.activityKey === "included" && { key }), source: shown };
}

export function activityRoutes(): Route[] {
  return PREFIXES.map((prefix): Route => ({
    method: "GET",
    pattern: `${prefix}/v1beta2/activities`,
    kind: "com",
    handler: (ctx) => {
      const { settings } = ctx.emulator;
      // Kept in the order they happened; equal timestamps keep it too.
      const now = Date.now();
      const activities = ctx.emulator.store.workspace(ctx.workspaceId).activities
        .filter((a) => (a.visibleAfter ?? 0) <= now)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((a) => render(a, settings));
      if (settings.activityOrder === "newest-first") activities.reverse();
      const rules = { filterable: FILTERABLE, mode: settings.filterMode, limits: ACTIVITY_LIMITS, total: settings.listTotal };
      return { status: 200, body: page(activities, ctx.query, rules) };
    },
  }));
}
