/**
 * Issue 21 where a user meets it, on the real engine: secrets with quotes, backslashes and
 * newlines, and short ones, never show in state, output or errors; names of the wrong type or
 * with control characters fail at preview naming the property; a plain-http token URL on
 * another host fails before the client secret is sent anywhere.
 */

// ledger: name-characters
import * as hpecom from "../../provider";
import type { ExternalServiceArgs } from "../../provider";
import { withComStack } from "../helpers/com-stack";
import { comRequests } from "../helpers/emulator-inspection";
import { dsccInput, useEmulator, vcenterInput } from "../helpers/emulator";
import { expectNoSecrets } from "../helpers/secrets";

const emulator = useEmulator();

/** Secrets a careless or hostile user might choose: JSON-special characters, and short ones. */
const ODD_SECRETS = ['q"u\\o\nte-9', "Pw#7", 'r"2\\\n-x', "Pw#8"];

describe("hostile and careless input on the real engine", () => {
  it("keeps odd and short secrets out of state, output and errors through create, rotation and destroy", async () => {
    const dscc = dsccInput("odd-secrets");
    const vc = vcenterInput("odd-password");
    let secrets = { dscc: ODD_SECRETS[0], vc: ODD_SECRETS[1] };
    const program = async () => {
      new hpecom.ExternalService("dscc", { ...dscc, authentication: { ...dscc.authentication, clientSecret: secrets.dscc }, postDeployTest: false });
      new hpecom.ExternalService("vc", { ...vc, authentication: { ...vc.authentication, password: secrets.vc } });
      return {};
    };
    await withComStack(emulator(), program, async (t) => {
      await t.up();
      await t.refresh();
      await t.preview({ expectNoChanges: true });
      secrets = { dscc: ODD_SECRETS[2], vc: ODD_SECRETS[3] };
      await t.up();
      await t.destroy();
      expectNoSecrets({ state: t.stateText(), output: t.output.join("\n"), errors: t.errors.join("\n") }, ODD_SECRETS);
    });
  });

  it("fails a name of the wrong type, or with control characters, at preview, naming it, with no request sent", async () => {
    let args: ExternalServiceArgs = dsccInput("fine");
    const program = async () => {
      new hpecom.ExternalService("svc", args);
      return {};
    };
    await withComStack(emulator(), program, async (t) => {
      const since = emulator().log.lastSeq;
      for (const [name, message] of [
        [12345, /property name value \{12345\} has a problem: name must be a string/],
        ["two\nlines", /name \(not printed: it holds control characters\)[^\n]*must not contain control characters/],
        ["red\u001b[31m", /name \(not printed: it holds control characters\)[^\n]*must not contain control characters/],
      ] as const) {
        args = { ...dsccInput(), name: name as string };
        const failed = await t.preview().catch((e: Error) => e);
        expect(failed).toBeInstanceOf(Error);
        expect(t.errors.at(-1)).toMatch(message);
      }
      // The terminal escape never reaches the output raw.
      expect(t.output.join("\n")).not.toContain("\u001b[31m");
      expect(await comRequests(emulator(), since)).toEqual([]);
    });
  });

  it("refuses a plain-http token URL on another host before sending the client secret", async () => {
    const program = async () => {
      new hpecom.ExternalService("svc", { ...dsccInput("never-created"), postDeployTest: false });
      return {};
    };
    await withComStack(emulator(), program, async (t) => {
      await t.stack.setConfig("hpecom:tokenUrl", { value: "http://sso.example.com/as/token.oauth2", secret: false });
      const since = emulator().log.lastSeq;
      const failed = await t.up().catch((e: Error) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(t.errors.at(-1)).toMatch(/refusing plain http to sso\.example\.com for the token URL: use https, or allow insecure http explicitly/);
      expect(await comRequests(emulator(), since)).toEqual([]);
    });
  });
});
