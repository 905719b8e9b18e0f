import { SECRET_SIG, SIG_KEY } from "../provider/runtime/wire";
import { revealed, withSecrets } from "./secrets";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("secrets on the plugin's wire", () => {
  it("reveals every secret, however deep, in objects and lists, and leaves the rest as it is", () => {
    expect(revealed({
      a: secret({ b: secret("x"), c: [secret(1), 2, null] }), d: null, e: "text", f: [secret({ g: true })],
      h: { [SIG_KEY]: "another signature", value: "kept" },
    })).toEqual({
      a: { b: "x", c: [1, 2, null] }, d: null, e: "text", f: [{ g: true }], h: { [SIG_KEY]: "another signature", value: "kept" },
    });
    expect(revealed(null)).toBeNull();
    expect(revealed(undefined)).toBeUndefined();
    expect(revealed({ a: undefined, b: 0 })).toEqual({ a: undefined, b: 0 });
    expect(revealed([secret("s")])).toEqual(["s"]);
    expect(revealed("plain")).toBe("plain");
  });

  it("wraps the credentials, and only when there are some", () => {
    expect(withSecrets({ name: "n", authentication: { clientId: "c" } })).toEqual({ name: "n", authentication: secret({ clientId: "c" }) });
    expect(withSecrets({ name: "n" })).toEqual({ name: "n" });
    expect(withSecrets({ name: "n" })).not.toHaveProperty("authentication");
  });
});
