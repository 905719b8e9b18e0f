/** The shared secret check can fail: a program that leaks a secret on purpose is caught. */
import { withTestStack } from "../helpers/engine";
import { findLeaks } from "../helpers/secrets";

it("finds a secret that a program exports in plaintext (negative control of the shared check)", async () => {
  const leaked = "deliberately-leaked-secret-42";
  await withTestStack(async () => ({ oops: leaked }), async (t) => {
    await t.up();
    const leaks = findLeaks({ state: t.stateText(), output: t.output.join("\n") }, [leaked]);
    expect(leaks).toEqual(["state contains del…", "output contains del…"]);
  });
});
