/** The shared secret check can fail: a program that leaks a secret on purpose is caught, in every form. */
import { withTestStack } from "../helpers/engine";
import { findLeaks } from "../helpers/secrets";

it("finds a secret that a program exports in plaintext (negative control of the shared check)", async () => {
  const leaked = "deliberately-leaked-secret-42";
  await withTestStack(async () => ({ oops: leaked }), async (t) => {
    await t.up();
    const leaks = findLeaks({ state: t.stateText(), output: t.output.join("\n") }, [leaked]);
    expect(leaks).toEqual(['state contains "del"…', 'output contains "del"…']);
  });
});

it.each([
  ["a short secret", "Pw#7", (s: string) => `password ${s}`],
  ["a secret with a quote, JSON-escaped", 'q"x-9', (s: string) => JSON.stringify({ v: s })],
  ["a secret with a backslash and a newline, escaped twice", "b\\s\nl-9", (s: string) => JSON.stringify({ m: JSON.stringify({ v: s }) })],
  ["a secret percent-encoded", "p@ss word", (s: string) => `?x=${encodeURIComponent(s)}`],
])("finds %s", (_what, secret, leak) => {
  expect(findLeaks({ text: leak(secret) }, [secret])).toHaveLength(1);
  expect(findLeaks({ text: "nothing here" }, [secret])).toEqual([]);
});
