import { OperationError, reported } from "./operation-error";
import { InitializationFailure } from "./post-deploy-test";

const failing = (err: unknown) => () => Promise.reject(err);

describe("a failed operation", () => {
  it("is one line naming the operation, the service and the cause, with no stack", async () => {
    const err = await reported("update", { name: "prod", id: "svc-1" }, failing(new Error("the API said no\n  twice"))).catch((e) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toBe("update of external service 'prod' (id svc-1) failed: the API said no; twice");
    expect([err.name, err.stack]).toEqual(["hpecom", ""]);
  });

  it("names a service it knows only by id, or not at all", async () => {
    await expect(reported("delete", { id: "svc-2" }, failing(new Error("gone")))).rejects.toThrow("delete of external service ? (id svc-2) failed: gone");
    await expect(reported("create", { name: "new" }, failing("text thrown"))).rejects.toThrow("create of external service 'new' failed: text thrown");
  });

  it("passes an initialization failure or an already reported failure through as it is", async () => {
    const init = new InitializationFailure("svc-3", { name: "n" }, ["test failed"]);
    await expect(reported("create", { name: "n" }, failing(init))).rejects.toBe(init);
    const done = new OperationError("read of external service \"n\" failed: x");
    await expect(reported("read", { name: "n" }, failing(done))).rejects.toBe(done);
  });

  it("gives back what the operation returned", async () => {
    await expect(reported("read", {}, async () => 42)).resolves.toBe(42);
  });
});
