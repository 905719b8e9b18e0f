/** The cause of a failure as one line a user reads: the API's own words for an API error. */
import { ComApiError } from "../sdk";

export function failureMessage(err: unknown): string {
  const text = err instanceof ComApiError ? err.summary : err instanceof Error ? err.message : String(err);
  return text.split("\n").map((line) => line.trim()).filter(Boolean).join("; ");
}
