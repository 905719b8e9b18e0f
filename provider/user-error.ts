/** How an error reaches the user of a Pulumi program: one line, no stack trace, no file paths. */
import * as pulumi from "@pulumi/pulumi";
import { failureMessage } from "./failure-message";

/** A RunError makes the Node runtime print only its message, not the program text and stack. */
export function userError(operation: string, err: unknown): Error {
  if (err instanceof pulumi.RunError) return err;
  return new pulumi.RunError(`hpecom: ${operation} failed: ${failureMessage(err)}`);
}
