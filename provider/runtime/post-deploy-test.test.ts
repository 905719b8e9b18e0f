import { DEFAULT_WAIT_TIMEOUT_MS } from "../../sdk";
import { failureReasons, InitializationFailure, testAccepted, testTimeoutMs } from "./post-deploy-test";

describe("the post-deploy test", () => {
  it("waits postDeployTest.timeoutSeconds for the outcome, else the sdk's default", () => {
    expect([testTimeoutMs(true), testTimeoutMs({}), testTimeoutMs(false), testTimeoutMs({ timeoutSeconds: 5 })]).toEqual(
      [DEFAULT_WAIT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS, 5000]);
  });

  it("lets a deployment succeed when the test passed or could not apply, not when it failed or timed out", () => {
    const at = "2026-12-01T00:00:00Z";
    expect(["PASSED", "SKIPPED", "FAILED", "TIMED_OUT"].map((status) => testAccepted({ status, message: "", at } as never))).toEqual([true, true, false, false]);
  });

  it("fails with every reason, and keeps the service's id and properties for the engine", () => {
    const failure = new InitializationFailure("svc-1", { name: "n" }, ["the test failed", "see the activity"]);
    expect([failure.message, failure.name, failure.id, failure.properties]).toEqual(["the test failed; see the activity", "InitializationFailure", "svc-1", { name: "n" }]);
    expect(failureReasons("n", { status: "TIMED_OUT", message: "no test result within 5000 ms", at: "" })).toEqual([
      "post-deploy test of external service 'n' timed out: no test result within 5000 ms. " +
      "The service exists and is kept in state; fix the cause and run `pulumi up` again, or set postDeployTest: false."]);
    expect(failureReasons("n", { status: "FAILED", message: "bad credentials", at: "" })[0]).toMatch(/^post-deploy test of external service 'n' failed: bad credentials\. /);
  });
});
