/**
 * How a failed resource operation reaches the user: one line naming the operation, the service
 * and the cause (status, errorCode, the API's message, debugId), with no stack trace. The
 * dynamic-provider host prints `${error}: ${error.stack}` for a failed read or delete, so the
 * stack is left empty rather than showing the provider's file paths.
 */
import { quoted } from "../../sdk";
import { failureMessage } from "../failure-message";
import { InitializationFailure } from "./post-deploy-test";

export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "hpecom";
    this.stack = "";
  }
}

/** Runs one operation; a failure becomes an OperationError (an initialization failure stays as it is: the engine reads it). */
export async function reported<T>(operation: string, service: { name?: string; id?: string }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof InitializationFailure || err instanceof OperationError) throw err;
    const which = `external service ${typeof service.name === "string" ? quoted(service.name) : "?"}${service.id ? ` (id ${service.id})` : ""}`;
    throw new OperationError(`${operation} of ${which} failed: ${failureMessage(err)}`);
  }
}
