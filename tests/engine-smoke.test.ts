/**
 * The engine smoke tests: the real Pulumi engine (built by `make engine`) runs a dynamic
 * resource whose serialized provider is the lazy shim. Later end-to-end tests follow this
 * pattern through tests/helpers/engine.ts.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../provider/lazy-provider";
import { deployProject, emulatorConfig } from "./helpers/cli-project";
import { useEmulator } from "./helpers/emulator";
import { repoRoot, withTestStack } from "./helpers/engine";

const echoImplementation = path.join(__dirname, "fixtures", "echo-provider.js");

class Echo extends pulumi.dynamic.Resource {
  declare readonly message: pulumi.Output<string>;
  declare readonly pid: pulumi.Output<number>;
  constructor(name: string, args: { message: pulumi.Input<string> }) {
    super(lazyProvider([echoImplementation]), name, { ...args, pid: undefined }, {}, "hpecom-test", "Echo");
  }
}

describe("the real engine through the Automation API", () => {
  it("creates, previews without changes, refreshes and destroys a lazily loaded dynamic resource", async () => {
    const program = async () => {
      const echo = new Echo("hello", { message: "hello from the engine" });
      return { message: echo.message, pid: echo.pid };
    };
    await withTestStack(program, async (t) => {
      const up = await t.up();
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges?.create).toBe(2); // the stack and the Echo
      expect(up.outputs.message.value).toBe("hello from the engine");
      // The provider ran in the engine's plugin process, not in this test process.
      expect(up.outputs.pid.value).not.toBe(process.pid);

      // The serialized provider names the implementation; it does not carry its code.
      const state = t.stateText();
      expect(state).toContain("echo-provider.js");
      expect(state).not.toContain("counter += 1");

      const preview = await t.preview({ expectNoChanges: true });
      expect(preview.changeSummary.same).toBe(2);

      const refresh = await t.refresh();
      expect(refresh.summary.result).toBe("succeeded");

      const destroy = await t.destroy();
      expect(destroy.summary.resourceChanges?.delete).toBe(2);
    });
  });
});

describe("the real engine through the CLI", () => {
  const emulator = useEmulator();

  it("runs the root Pulumi.yaml (the demo) as a directory program through the Node language host", async () => {
    const config = emulatorConfig(emulator());
    config.plain = { ...config.plain, serviceNowInstance: `${emulator().url}/servicenow` };
    config.secret = {
      ...config.secret, serviceNowClientSecret: "demo-sn-secret", serviceNowRefreshToken: "demo-sn-refresh",
      dsccClientSecret: "demo-dscc-secret", vcenterPassword: "demo-vc-password",
    };
    await deployProject(repoRoot, config, async ({ up, outputs }) => {
      expect(up.stdout).toMatch(/pulumi-nodejs:dynamic\/hpecom:ExternalService/);
      const services = outputs.services as { name: string; type: string; lastTest: string }[];
      expect(services.map((s) => s.type)).toEqual(["SERVICE_NOW", "DSCC", "VMWARE_VCENTER"]);
      expect(services[0].lastTest).toMatch(/^PASSED/);
    });
  });
});
