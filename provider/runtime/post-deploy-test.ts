/**
 * The post-deploy check: after a create, or an update that touched what the connection depends
 * on, run the API's test endpoint and wait for the activity. A failure is reported as an
 * initialization failure, so the service stays in state (nothing orphaned) and the next `up`
 * tries again.
 */
import { DEFAULT_WAIT_TIMEOUT_MS, quoted, type ComClient, type TestResult } from "../../sdk";
import type { ServiceInputs } from "./inputs";

/** The outcome of the last post-deploy test; SKIPPED when the API cannot test the service as it is. */
export type LastTest = TestResult | { status: "SKIPPED"; message: string; at: string };

/** Whether this service gets a post-deploy test at all. */
export function testsEnabled(inputs: ServiceInputs): boolean {
  return inputs.postDeployTest !== false && inputs.serviceType !== "VMWARE_VCENTER";
}

/**
 * Why the API cannot test this service now, if it cannot: the reference makes the DSCC test
 * "available even if the … integration is disabled", and by implication a SERVICE_NOW test of a
 * DISABLED service is not (docs/api-assumptions.md, `test-disabled`).
 */
export function whyUntestable(inputs: ServiceInputs): string | undefined {
  if (inputs.serviceType === "SERVICE_NOW" && inputs.state === "DISABLED") {
    return "not tested: the service is DISABLED, and the API tests a ServiceNow integration only while it is ENABLED";
  }
  return undefined;
}

export async function runPostDeployTest(client: ComClient, id: string, inputs: ServiceInputs): Promise<LastTest> {
  const skipped = whyUntestable(inputs);
  if (skipped) return { status: "SKIPPED", message: skipped, at: new Date().toISOString() };
  return client.externalServices.test(id, { timeoutMs: testTimeoutMs(inputs.postDeployTest) });
}

/** How long to wait for a test's outcome: postDeployTest.timeoutSeconds, else the sdk's default. */
export function testTimeoutMs(option: ServiceInputs["postDeployTest"]): number {
  return typeof option === "object" && option.timeoutSeconds !== undefined ? option.timeoutSeconds * 1000 : DEFAULT_WAIT_TIMEOUT_MS;
}

/** Whether a test outcome lets the deployment succeed. */
export const testAccepted = (test: LastTest) => test.status === "PASSED" || test.status === "SKIPPED";

/**
 * An error the engine reads as "created, but failed to initialise": it keeps the resource, with
 * these properties, in state and fails the deployment with the reasons.
 */
export class InitializationFailure extends Error {
  constructor(readonly id: string, readonly properties: object, readonly reasons: string[]) {
    super(reasons.join("; "));
    this.name = "InitializationFailure";
  }
}

export function failureReasons(name: string, test: LastTest): string[] {
  return [`post-deploy test of external service ${quoted(name)} ${test.status === "TIMED_OUT" ? "timed out" : "failed"}: ${test.message}. ` +
    "The service exists and is kept in state; fix the cause and run `pulumi up` again, or set postDeployTest: false."];
}
