// ledger: token-updated-at
/**
 * Knowing before a ServiceNow integration breaks, on both faces and the real engine. The tests
 * hold the clock in two ways, with no waiting: the program's `refreshTokenIssuedAt` (a token
 * issued 340 or 366 of 365 days ago), and the moment the provider recorded sending the token,
 * moved back in state (`stack export`/`import`) as if that many days had passed. Within the
 * window preview and up warn; expired, the post-deploy test fails in its own words and the
 * drift check sees a change; a rotation clears both.
 */
import * as hpecom from "../../provider";
import { FIXTURE_SECRETS } from "../helpers/com-stack";
import { digestOf, secretDigests } from "../helpers/emulator-inspection";
import { snowInput, useEmulator } from "../helpers/emulator";
import { TestStack, withTestStack } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const emulator = useEmulator();
const DAY_MS = 86_400_000;
const NAME = "ServiceNow expiring";
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const day = (iso: string) => iso.slice(0, 10);

interface Token { refreshToken: string; issuedAt?: string }

function program(face: "dynamic" | "plugin", token: () => Token) {
  return async () => {
    const base = snowInput(emulator(), NAME);
    const args: hpecom.ExternalServiceArgs = {
      ...base,
      authentication: { ...base.authentication, refreshToken: token().refreshToken },
      serviceData: { ...base.serviceData, refreshTokenExpiryInDays: 365 },
      ...(token().issuedAt && { refreshTokenIssuedAt: token().issuedAt }),
    };
    const service = face === "plugin" ? new hpecom.plugin.ExternalService("snow", args) : new hpecom.ExternalService("snow", args);
    return { expiresAt: service.refreshTokenExpiresAt, sentAt: service.refreshTokenSentAt, lastTest: service.lastTest };
  };
}

/**
 * The warnings about this service's token that the operations since `from` gave: each shows once
 * as it happens and once in the Diagnostics summary, whose line starts with `warning:`.
 */
const warningsSince = (t: TestStack, from: number) => t.output.slice(from).join("\n").split("\n")
  .filter((l) => l.trimStart().startsWith(`warning: hpecom: the ServiceNow refresh token of external service '${NAME}'`));

/** As if the token the provider last sent had been sent `days` ago: its record in state moves back. */
async function ageRecordedToken(t: TestStack, days: number): Promise<void> {
  const exported = await t.stack.exportStack();
  for (const r of exported.deployment.resources as { urn: string; outputs: Record<string, unknown> }[]) {
    if (!r.urn.endsWith("::snow")) continue;
    r.outputs.refreshTokenSentAt = daysAgo(days);
    r.outputs.refreshTokenExpiresAt = new Date(Date.parse(daysAgo(days)) + 365 * DAY_MS).toISOString();
  }
  await t.stack.importStack(exported);
}

const stateOf = (t: TestStack) => JSON.parse(t.stateText()).checkpoint.latest.resources.find((r: { urn: string }) => r.urn.endsWith("::snow"));

describe.each(["dynamic", "plugin"] as const)("the %s face", (face) => {
  it("warns within the window, fails the test once expired, and a rotation clears both", async () => {
    let token: Token = { refreshToken: "snow-refresh-token", issuedAt: daysAgo(340) };
    await withTestStack(program(face, () => token), async (t) => {
      // 340 of 365 days: 25 days left, inside the 30-day default window.
      let from = t.output.length;
      await t.preview();
      const expiresOn = day(new Date(Date.parse(token.issuedAt!) + 365 * DAY_MS).toISOString());
      expect(warningsSince(t, from)).toEqual([expect.stringContaining(`expires on ${expiresOn}, in 25 day(s)`)]);
      from = t.output.length;
      const created = await t.up();
      expect(warningsSince(t, from)).toHaveLength(1);
      expect(day(created.outputs.expiresAt.value)).toBe(expiresOn);
      expect(created.outputs.lastTest.value.status).toBe("PASSED");

      // The next day's preview warns again, from state, with nothing to change.
      from = t.output.length;
      await t.preview({ expectNoChanges: true });
      expect(warningsSince(t, from)).toEqual([expect.stringContaining(`expires on ${expiresOn}`)]);
      // A new issue time alone is an update that sends nothing, and warns once.
      token = { ...token, issuedAt: daysAgo(341) };
      from = t.output.length;
      await t.preview();
      expect(warningsSince(t, from)).toEqual([expect.stringContaining("in 24 day(s)")]);

      // Issued 366 days ago: expired. The post-deploy test fails in its words, not PASSED.
      token = { ...token, issuedAt: daysAgo(366) };
      await expect(t.up()).rejects.toThrow(/post-deploy test of external service 'ServiceNow expiring' failed: the ServiceNow refresh token .* expired on/);
      const failed = stateOf(t);
      expect(failed.outputs.lastTest.status).toBe("FAILED");
      // No new token was sent: the moment it was sent stays the create's.
      expect(failed.outputs.refreshTokenSentAt).toBe(created.outputs.sentAt.value);
      // Still expired: the drift check sees it too (the engine updates a service whose test failed).
      await expect(t.preview({ expectNoChanges: true })).rejects.toThrow(/no changes were expected/);

      // The rotation: a new token, issued now. Both the warning and the failure go.
      token = { refreshToken: "snow-refresh-token-rotated" };
      from = t.output.length;
      const rotated = await t.up();
      expect(warningsSince(t, from)).toEqual([]);
      expect(rotated.outputs.lastTest.value.status).toBe("PASSED");
      expect(Date.parse(rotated.outputs.sentAt.value)).toBeGreaterThan(Date.parse(created.outputs.sentAt.value));
      expect(Date.parse(rotated.outputs.expiresAt.value) - Date.parse(rotated.outputs.sentAt.value)).toBe(365 * DAY_MS);
      const id = stateOf(t).id;
      expect((await secretDigests(emulator()))[id].refreshToken).toBe(digestOf("snow-refresh-token-rotated"));
      from = t.output.length;
      await t.preview({ expectNoChanges: true });
      expect(warningsSince(t, from)).toEqual([]);

      // Without an issue time the expiry counts from when the provider sent the token. 340 days on:
      await ageRecordedToken(t, 340);
      from = t.output.length;
      await t.preview({ expectNoChanges: true });
      expect(warningsSince(t, from)).toEqual([expect.stringContaining("in 25 day(s)")]);
      // 366 days on, with nothing changed in the program: the drift check fails, and so does the test.
      await ageRecordedToken(t, 366);
      from = t.output.length;
      await expect(t.preview({ expectNoChanges: true })).rejects.toThrow(/no changes were expected/);
      expect(warningsSince(t, from)).toEqual([expect.stringContaining("expired on")]);
      await expect(t.up()).rejects.toThrow(/post-deploy test of external service 'ServiceNow expiring' failed: the ServiceNow refresh token .* expired on/);
      token = { refreshToken: "snow-refresh-token-rotated-again" };
      expect((await t.up()).outputs.lastTest.value.status).toBe("PASSED");
      await t.preview({ expectNoChanges: true });
      expectNoSecrets({ output: t.output.join("\n"), state: t.stateText(), errors: t.errors.join("\n") }, [...FIXTURE_SECRETS, "snow-refresh-token-rotated", "snow-refresh-token-rotated-again"]);
    }, {
      plugin: face === "plugin",
      config: {
        "hpecom:endpoint": { value: emulator().url }, "hpecom:tokenUrl": { value: emulator().tokenUrl },
        "hpecom:clientId": { value: "demo-client" }, "hpecom:clientSecret": { value: "demo-secret", secret: true },
      },
    });
  }, 240_000);
});
