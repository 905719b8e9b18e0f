/**
 * From one face to the other without replacement: a TypeScript program whose services were
 * deployed with the dynamic `ExternalService` switches to `hpecom.plugin.ExternalService` (served
 * by the plugin, aliased to the dynamic type). The preview shows no create, delete or replace,
 * and the `up` sends no write request; the plugin then manages the services to the end.
 */
import * as hpecom from "../../provider";
import { emulatorServices } from "../helpers/emulator-inspection";
import { useEmulator } from "../helpers/emulator";
import { withTestStack } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const emulator = useEmulator();
const NAMES = ["DSCC one", "DSCC two"];
const args = (name: string): hpecom.ExternalServiceArgs => ({
  name, serviceType: "DSCC", description: "bridged", authentication: { clientId: "dscc-client", clientSecret: "dscc-secret-value" }, serviceData: { region: "us-west" },
});
const writesSince = (seq: number) => emulator().log.since(seq).filter((r) => r.path.startsWith("/compute-ops") && r.method !== "GET");

it("moves a program's services from the dynamic class to the plugin's with no replacement and no request", async () => {
  await withTestStack(async () => {
    for (const name of NAMES) new hpecom.ExternalService(name, args(name));
  }, async (t) => {
    await t.up();
    const created = (await emulatorServices(emulator())).map((s) => s.id).sort();
    expect(created).toHaveLength(2);

    t.stack.workspace.program = async () => {
      for (const name of NAMES) new hpecom.plugin.ExternalService(name, args(name));
    };
    const preview = await t.preview({ diff: true });
    expect(Object.keys(preview.changeSummary).filter((op) => /create|delete|replace/.test(op))).toEqual([]);
    const seq = emulator().log.since().at(-1)?.seq ?? 0;
    await t.up();
    expect(writesSince(seq)).toEqual([]);
    expect((await emulatorServices(emulator())).map((s) => s.id).sort()).toEqual(created);
    expect(JSON.parse(t.stateText()).checkpoint.latest.resources.filter((r: { type: string }) => r.type === "hpecom:index:ExternalService")).toHaveLength(2);

    // The plugin manages them from now on: a refresh is clean, a change is an update in place.
    await t.refresh();
    await t.preview({ expectNoChanges: true });
    t.stack.workspace.program = async () => {
      for (const name of NAMES) new hpecom.plugin.ExternalService(name, { ...args(name), description: "on the plugin" });
    };
    await t.up();
    expect((await emulatorServices(emulator())).map((s) => [s.id, s.description]).sort()).toEqual(created.map((id) => [id, "on the plugin"]));
    expectNoSecrets({ output: t.output.join("\n"), state: t.stateText() }, ["demo-secret", "dscc-secret-value"]);
    await t.destroy();
    expect(await emulatorServices(emulator())).toEqual([]);
  }, {
    plugin: true,
    config: {
      "hpecom:endpoint": { value: emulator().url }, "hpecom:tokenUrl": { value: emulator().tokenUrl },
      "hpecom:clientId": { value: "demo-client" }, "hpecom:clientSecret": { value: "demo-secret", secret: true },
    },
  });
}, 180_000);
