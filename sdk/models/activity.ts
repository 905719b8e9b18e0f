/** Activities (v1beta2) and the reading of a connection test's outcome from one. */
import type { Activity } from "../schemas/activity";
export type { Activity } from "../schemas/activity";

/** The activity created last (the first of equals), or undefined for none. */
export function newestOf<A extends Pick<Activity, "createdAt">>(activities: readonly A[]): A | undefined {
  return activities.reduce<A | undefined>((newest, a) => (!newest || Date.parse(a.createdAt) > Date.parse(newest.createdAt) ? a : newest), undefined);
}

export type TestStatus = "PASSED" | "FAILED";

const FAILED = /fail|error|unable|refused|denied|invalid|timed? ?out/;
const PASSED = /succe|pass|verified|\bok\b|created/;

function outcomeOf(text: string | undefined): TestStatus | undefined {
  if (!text) return undefined;
  const t = text.toLowerCase();
  return FAILED.test(t) ? "FAILED" : PASSED.test(t) ? "PASSED" : undefined;
}

/**
 * Whether an activity is about the service `id`: its source names it by `id` or by
 * `resourceUri`. A source that names nothing is taken on the server filter's word; one that
 * names another service is not this one's (a server that ignores the filter lists them all).
 */
export function isAboutService(activity: Pick<Activity, "source">, id: string): boolean {
  const { id: sourceId, resourceUri } = activity.source ?? {};
  if (sourceId === undefined && resourceUri === undefined) return true;
  return sourceId === id || (resourceUri?.split("/").at(-1) === id);
}

/** The text with every name the source goes by (`name`, `displayName`) taken out. */
function withoutSourceNames(text: string | undefined, source: Activity["source"]): string | undefined {
  const names = [source?.name, source?.displayName].filter((n): n is string => typeof n === "string" && n.length > 0);
  return text === undefined ? undefined : names.reduce((t, name) => t.split(name).join(" "), text);
}

/**
 * The API documents no success field on activities, so the outcome is read from the key, then
 * the title, then the message: the first that decides wins. The service's name is the user's
 * words (a service may be called `error-prone-snow`), so it is taken out of the title and the
 * message, under whichever field the source carries it, before they are read. Kept small and
 * alone so that it is easy to replace when HPE documents the shape
 * (docs/api-assumptions.md, `test-outcome`). Returns undefined for an activity that is not a test result.
 */
export function classifyTestActivity(activity: Pick<Activity, "key" | "title" | "message" | "source">): TestStatus | undefined {
  const texts = [activity.key, withoutSourceNames(activity.title, activity.source), withoutSourceNames(activity.message, activity.source)];
  if (!texts.some((t) => t && /test/i.test(t))) return undefined;
  for (const text of texts) {
    const outcome = outcomeOf(text);
    if (outcome) return outcome;
  }
  return undefined;
}
