/** Reading a connection test's outcome from an activity, whatever fields it carries (ledger: test-outcome, activity-source). */

// ledger: activity-source, test-outcome
import { Activity, classifyTestActivity, isAboutService, newestOf } from "./activity";

type Shape = Pick<Activity, "key" | "title" | "message" | "source">;

describe("classifyTestActivity", () => {
  it.each<[string, Shape, "PASSED" | "FAILED" | undefined]>([
    ["a success key", { key: "EXTERNAL_SERVICE_TEST_SUCCEEDED" }, "PASSED"],
    ["a failure key", { key: "EXTERNAL_SERVICE_TEST_FAILED" }, "FAILED"],
    ["no key, a success title", { title: "External service test succeeded" }, "PASSED"],
    ["no key, a failure title", { title: "External service test failed" }, "FAILED"],
    ["the message alone", { message: "Test incident created in ServiceNow" }, "PASSED"],
    ["the message alone, failing", { message: "Test failed: ServiceNow refused the grant" }, "FAILED"],
    ["a key that decides nothing, then the title", { key: "EXTERNAL_SERVICE_TEST", title: "Test passed" }, "PASSED"],
    ["the key before the title", { key: "EXTERNAL_SERVICE_TEST_FAILED", title: "Test succeeded" }, "FAILED"],
    ["the title before the message", { title: "Test succeeded", message: "error in the log" }, "PASSED"],
    ["a name holding 'error', under name", { message: "error-prone-snow: Test incident created", source: { name: "error-prone-snow" } }, "PASSED"],
    ["a name holding 'error', under displayName", { message: "error-prone-snow: Test incident created", source: { displayName: "error-prone-snow" } }, "PASSED"],
    ["a name holding 'error' in the title", { title: "Test of error-prone-snow succeeded", source: { displayName: "error-prone-snow" } }, "PASSED"],
    ["a name holding 'pass', failing", { message: "passing-snow: Test failed: refused", source: { name: "passing-snow" } }, "FAILED"],
    ["a name holding 'failover', passing", { message: "failover-dscc: Connection test verified", source: { name: "failover-dscc" } }, "PASSED"],
    ["a name that is the only test word", { message: "test-dscc: connection verified", source: { name: "test-dscc" } }, undefined],
    ["a non-test activity", { key: "SERVER_POWER_ON", title: "Server powered on", message: "ok" }, undefined],
    ["a test that decides nothing yet", { title: "External service test started" }, undefined],
    ["nothing at all", {}, undefined],
    ["an empty name beside a real one", { message: "Test failed", source: { name: "", displayName: "my-snow" } }, "FAILED"],
    // A name is replaced by a space: the words around it must not join into another word ("ok" + "ay").
    ["a name glued between two words", { message: "Test result: okmy-snoway", source: { name: "my-snow" } }, "PASSED"],
  ])("%s", (_what, activity, expected) => {
    expect(classifyTestActivity(activity)).toBe(expected);
  });

  it("reads failure words before success words in one text", () => {
    expect(classifyTestActivity({ message: "Test succeeded with errors" })).toBe("FAILED");
    for (const late of ["Test timed out", "Test timeout", "Test time out", "Test timedout"]) expect(classifyTestActivity({ message: late })).toBe("FAILED");
    expect(classifyTestActivity({ message: "Test result: ok" })).toBe("PASSED");
  });
});

describe("isAboutService", () => {
  it.each<[string, Activity["source"], boolean]>([
    ["its id", { id: "s-1" }, true],
    ["another id", { id: "s-2" }, false],
    ["its resourceUri alone", { resourceUri: "/compute-ops-mgmt/v1beta1/external-services/s-1" }, true],
    ["another resourceUri", { resourceUri: "/compute-ops-mgmt/v1beta1/external-services/s-10" }, false],
    ["another id with its resourceUri", { id: "s-2", resourceUri: "/x/s-1" }, true],
    ["no source", undefined, true],
    ["a source naming nothing", { displayName: "dscc" }, true],
  ])("by %s: %s", (_what, source, about) => {
    expect(isAboutService({ source }, "s-1")).toBe(about);
  });
});

describe("newestOf", () => {
  it("takes the latest createdAt, the first of equals, and nothing from nothing", () => {
    const a = { id: "a", createdAt: "2026-01-01T00:00:01Z" };
    const b = { id: "b", createdAt: "2026-01-01T00:00:02Z" };
    const c = { id: "c", createdAt: "2026-01-01T00:00:02Z" };
    expect(newestOf([a, b, c])?.id).toBe("b");
    expect(newestOf([c, a])?.id).toBe("c");
    expect(newestOf([])).toBeUndefined();
  });
});
