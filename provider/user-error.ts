/** How an error reaches the user of a Pulumi program: one line, no stack trace, no file paths. */
import * as pulumi from "@pulumi/pulumi";
import { ComApiError } from "../sdk";

/**
 * One line: the operation, then the cause with the API's errorCode and debugId. A RunError
 * makes the Node runtime print only its message, not the program text and stack.
 */
export function userError(operation: string, err: unknown): Error {
  if (err instanceof pulumi.RunError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const detail = err instanceof ComApiError && err.debugId && !message.includes(err.debugId) ? ` (debugId ${err.debugId})` : "";
  return new pulumi.RunError(`hpecom: ${operation} failed: ${message.split("\n").join("; ")}${detail}`);
}
