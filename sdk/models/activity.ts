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

export type TestStatus = "PASSED" | "FAILED";

/**
 * The API documents no success field on activities, so the outcome is read from the key,
 * title and message. Kept small and alone so that it is easy to replace when HPE documents it.
 * Returns undefined for an activity that is not a test result.
 */
export function classifyTestActivity(activity: Pick<Activity, "key" | "title" | "message">): TestStatus | undefined {
  const text = [activity.key, activity.title, activity.message].filter(Boolean).join(" ").toLowerCase();
  if (!/test/.test(text)) return undefined;
  if (/fail|error|unable|refused|denied|invalid/.test(text)) return "FAILED";
  if (/succe|pass|verified|\bok\b|created/.test(text)) return "PASSED";
  return undefined;
}
