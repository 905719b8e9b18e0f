/**
 * The post-deploy check: after a create, or an update that touched what the connection depends
 * on, run the API's test endpoint and wait for the activity. A failure is reported as an
 * initialization failure, so the service stays in state (nothing orphaned) and the next `up`
 * tries again.
 */
import type { ComClient, TestResult } from "../../sdk";
import type { ServiceInputs } from "./inputs";

export type LastTest = TestResult;

const DEFAULT_TIMEOUT_SECONDS = 120;

/** Whether this service gets a post-deploy test at all. */
export function testsEnabled(inputs: ServiceInputs): boolean {
  return inputs.postDeployTest !== false && inputs.serviceType !== "VMWARE_VCENTER";
}

export async function runPostDeployTest(client: ComClient, id: string, inputs: ServiceInputs): Promise<LastTest> {
  const option = inputs.postDeployTest;
  const seconds = typeof option === "object" ? option.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS;
  return client.externalServices.test(id, { timeoutMs: seconds * 1000 });
}

/**
 * An error the engine reads as "created, but failed to initialise": it keeps the resource, with
 * these properties, in state and fails the deployment with the reasons.
 */
export class InitializationFailure extends Error {
  constructor(readonly id: string, readonly properties: Record<string, unknown>, readonly reasons: string[]) {
    super(reasons.join("; "));
    this.name = "InitializationFailure";
  }
}

export function failureReasons(name: string, test: LastTest): string[] {
  return [`post-deploy test of external service '${name}' ${test.status === "TIMED_OUT" ? "timed out" : "failed"}: ${test.message}. ` +
    "The service exists and is kept in state; fix the cause and run `pulumi up` again, or set postDeployTest: false."];
}
