/**
 * A provider pointed at another workspace moves its services there, on both faces: two
 * emulators stand for two workspaces. An explicit provider on the plugin (a TypeScript program
 * and a YAML one) and the stack's default connection on the dynamic face: the move replaces
 * each service (created in the new workspace, deleted in the old one with the old settings);
 * refresh and `preview --expect-no-changes` are clean after it; destroy empties both; new
 * credentials for the same workspace send nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { RunningEmulator } from "../../emulator";
import { ExternalService } from "../../provider";
import { stateFilesText } from "../helpers/cli-project";
import { emulatorServices } from "../helpers/emulator-inspection";
import { useEmulator } from "../helpers/emulator";
import { pulumiCli, repoRoot, scratchDir, stackCli, withTestStack } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const CLIENT = { id: "demo-client", secret: "demo-secret", workspace: "ws" };
const ROTATED = { id: "rotated-client", secret: "rotated-secret", workspace: "ws" };
const from = useEmulator({ clients: [CLIENT, ROTATED] });
const to = useEmulator({ clients: [CLIENT, ROTATED] });
const SECRETS = [CLIENT.secret, ROTATED.secret, "dscc-secret-value"];
const NAMES = ["DSCC one", "DSCC two"];

const names = async (emulator: RunningEmulator) => (await emulatorServices(emulator)).map((s) => s.name).sort();
const writesSince = (emulator: RunningEmulator, seq: number) => emulator.log.since(seq).filter((r) => r.path.startsWith("/compute-ops") && r.method !== "GET");
const dscc = (name: string) => ({ name, serviceType: "DSCC", authentication: { clientId: "dscc-client", clientSecret: "dscc-secret-value" }, serviceData: { region: "us-west" } });

/** The connection settings of a workspace, as stack config of `namespace`. */
const settingsOf = (emulator: RunningEmulator, namespace: string, client = CLIENT) => ({
  [`${namespace}:endpoint`]: { value: emulator.url },
  [`${namespace}:tokenUrl`]: { value: emulator.tokenUrl },
  [`${namespace}:clientId`]: { value: client.id },
  [`${namespace}:clientSecret`]: { value: client.secret, secret: true },
});

beforeEach(async () => {
  for (const emulator of [from(), to()]) await fetch(`${emulator.url}/__emulator/reset`, { method: "POST" });
});

it("dynamic face: a change of the stack's workspace replaces the services into the new one", async () => {
  await withTestStack(async () => {
    for (const name of NAMES) new ExternalService(name, dscc(name) as never);
  }, async (t) => {
    await t.up();
    expect([await names(from()), await names(to())]).toEqual([NAMES, []]);

    await t.stack.setAllConfig(settingsOf(to(), "hpecom"));
    const preview = await t.preview();
    expect(preview.changeSummary).toMatchObject({ replace: 2 });
    await t.up();
    expect([await names(from()), await names(to())]).toEqual([[], NAMES]);

    await t.refresh();
    expect((await t.preview({ expectNoChanges: true })).changeSummary).not.toHaveProperty("update");
    expectNoSecrets({ output: t.output.join("\n"), state: t.stateText() }, SECRETS);
    await t.destroy();
    expect([await names(from()), await names(to())]).toEqual([[], []]);
  }, { config: settingsOf(from(), "hpecom") });
}, 180_000);

/** What the generated SDK's classes are, without generating it: the plugin's provider and resource by their tokens. */
class HpecomProvider extends pulumi.ProviderResource {
  constructor(name: string, props: pulumi.Inputs) { super("hpecom", name, props); }
}
class PluginService extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) { super("hpecom:index:ExternalService", name, props, opts); }
}

it("plugin face, TypeScript: an explicit provider moved to another workspace replaces its services; new credentials send nothing", async () => {
  await withTestStack(async () => {
    const config = new pulumi.Config("ws");
    const provider = new HpecomProvider("workspace", {
      endpoint: config.require("endpoint"), tokenUrl: config.require("tokenUrl"), clientId: config.require("clientId"), clientSecret: config.requireSecret("clientSecret"),
    });
    for (const name of NAMES) {
      new PluginService(name, { ...dscc(name), authentication: pulumi.secret(dscc(name).authentication) }, { provider });
    }
  }, async (t) => {
    await t.up();
    expect([await names(from()), await names(to())]).toEqual([NAMES, []]);

    await t.stack.setAllConfig(settingsOf(to(), "ws"));
    await t.up();
    expect([await names(from()), await names(to())]).toEqual([[], NAMES]);
    await t.refresh();
    await t.preview({ expectNoChanges: true });

    // Another API client of the same workspace: the provider is updated, the services are not touched.
    const seq = to().log.since().at(-1)?.seq ?? 0;
    await t.stack.setAllConfig(settingsOf(to(), "ws", ROTATED));
    const rotated = await t.up();
    expect(rotated.summary.resourceChanges).not.toHaveProperty("replace");
    expect(writesSince(to(), seq)).toEqual([]);
    expect(await names(to())).toEqual(NAMES);

    expectNoSecrets({ output: t.output.join("\n"), state: t.stateText() }, SECRETS);
    await t.destroy();
    expect([await names(from()), await names(to())]).toEqual([[], []]);
  }, { config: settingsOf(from(), "ws"), plugin: true });
}, 180_000);

const YAML = `name: move-yaml
runtime: yaml
plugins:
  providers:
    - name: hpecom
      path: ${path.join(repoRoot, "bin")}
config:
  endpoint: { type: string }
  tokenUrl: { type: string }
  clientSecret: { type: string, secret: true }
resources:
  workspace:
    type: pulumi:providers:hpecom
    properties:
      endpoint: \${endpoint}
      tokenUrl: \${tokenUrl}
      clientId: demo-client
      clientSecret: \${clientSecret}
${NAMES.map((name, i) => `  service${i}:
    type: hpecom:index:ExternalService
    options:
      provider: \${workspace}
    properties:
      name: ${name}
      serviceType: DSCC
      authentication:
        clientId: dscc-client
        clientSecret:
          fn::secret: dscc-secret-value
      serviceData:
        region: us-west
`).join("")}`;

it("plugin face, YAML: an explicit provider moved to another workspace replaces its services", async () => {
  const scratch = scratchDir("move-yaml");
  const opts = { cwd: path.join(scratch, "project"), home: path.join(scratch, "home"), backendDir: path.join(scratch, "state"), env: { PULUMI_CONFIG_PASSPHRASE: "move" } };
  fs.mkdirSync(opts.cwd, { recursive: true });
  fs.writeFileSync(path.join(opts.cwd, "Pulumi.yaml"), YAML);
  const { run, printed } = stackCli(opts);
  const pointAt = (emulator: RunningEmulator) => run("config", "set-all", "--plaintext", `endpoint=${emulator.url}`, "--plaintext", `tokenUrl=${emulator.tokenUrl}`, "--secret", `clientSecret=${CLIENT.secret}`);
  try {
    expect((await pulumiCli(["stack", "init", "dev"], opts)).code).toBe(0);
    await pointAt(from());
    await run("up", "--yes", "--skip-preview");
    expect([await names(from()), await names(to())]).toEqual([NAMES, []]);

    await pointAt(to());
    const preview = await run("preview", "--diff");
    expect(preview.stdout).toMatch(/\+-\s*hpecom:index:ExternalService: \(replace\)/);
    await run("up", "--yes", "--skip-preview");
    expect([await names(from()), await names(to())]).toEqual([[], NAMES]);
    await run("refresh", "--yes", "--skip-preview");
    await run("preview", "--expect-no-changes");
    expectNoSecrets({ output: printed.join("\n"), state: stateFilesText(opts.backendDir) }, SECRETS);
    await run("destroy", "--yes", "--skip-preview");
    expect([await names(from()), await names(to())]).toEqual([[], []]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}, 180_000);
