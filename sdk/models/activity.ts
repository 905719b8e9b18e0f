/** Activities (v1beta2) and the reading of a connection test's outcome from one. */
import { z } from "zod";

export const ActivitySchema = z.looseObject({
  id: z.string(),
  key: z.string().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  source: z.looseObject({ id: z.string().optional(), type: z.string().optional(), name: z.string().optional(), resourceUri: z.string().optional() }).optional(),
  createdAt: z.string(),
});
export type Activity = z.output<typeof ActivitySchema>;

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
 * The API documents no success field on activities, so the outcome is read from the key, then
 * the title, then the message: the first that decides wins. The service's name is the user's
 * words (a service may be called `error-prone-snow`), so it is taken out of the message before
 * it is read. Kept small and alone so that it is easy to replace when HPE documents the shape
 * (docs/api-assumptions.md, `test-outcome`). Returns undefined for an activity that is not a test result.
 */
export function classifyTestActivity(activity: Pick<Activity, "key" | "title" | "message" | "source">): TestStatus | undefined {
  const name = activity.source?.name;
  const message = name && activity.message ? activity.message.split(name).join(" ") : activity.message;
  const texts = [activity.key, activity.title, message];
  if (!texts.some((t) => t && /test/i.test(t))) return undefined;
  for (const text of texts) {
    const outcome = outcomeOf(text);
    if (outcome) return outcome;
  }
  return undefined;
}
