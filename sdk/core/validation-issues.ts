/** Validation failures as structured data: the property path and the rule it broke. */
import type { z } from "zod";

/** One validation failure: `path` is dotted (`serviceData.incidentCreationScope`), empty for the whole body. */
export interface ValidationIssue { path: string; message: string }

/**
 * The issues of a zod error. An unrecognized key is reported at its own path
 * (`authentication.clientSecrt`), never at the enclosing object: the engine prints the value of
 * a failing top-level property, and the value of `authentication` is secret.
 */
export function issuesOf(error: z.ZodError, prefix: string[] = []): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key].join("."), message: "is not a known field here" }));
    return [{ path: path.join("."), message: issue.message }];
  });
}

/** `path: message`, the one-line form of an issue. */
export const formatIssue = (i: ValidationIssue) => (i.path ? `${i.path}: ${i.message}` : i.message);
