/** An emulator plus a stack configured to use it: the setup of the ExternalService e2e tests. */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { TestStack, withCleanup, withTestStack } from "./engine";
import { expectNoSecrets } from "./secrets";

/** Secret values the e2e fixtures use; none may ever show in plaintext. */
export const FIXTURE_SECRETS = ["demo-secret", "snow-secret-value", "snow-refresh-token", "dscc-secret-value", "vcenter-password-value"];

/**
 * Runs `body` on a stack whose provider reaches `emulator` through stack config, then checks
 * that no secret leaked into the state file, the engine's output (the provider's log included)
 * or the message of a failed operation.
 */
export async function withComStack<T>(
  emulator: RunningEmulator, program: PulumiFn, body: (t: TestStack) => Promise<T>, client = { id: "demo-client", secret: "demo-secret" },
): Promise<T> {
  return withTestStack(program, (t) => withCleanup(() => body(t), () => expectNoSecrets(
    { state: t.stateText(), output: t.output.join("\n"), errors: t.errors.join("\n") },
    [...FIXTURE_SECRETS, client.secret, ...emulator.clients.issuedTokens()],
  )), {
    config: {
      "hpecom:endpoint": { value: emulator.url },
      "hpecom:tokenUrl": { value: emulator.tokenUrl },
      "hpecom:clientId": { value: client.id },
      "hpecom:clientSecret": { value: client.secret, secret: true },
    },
  });
}
