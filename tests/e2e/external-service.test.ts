/**
 * ExternalService on the real engine (Automation API), against the emulator on a real port.
 */

// ledger: duplicate-status, test-outcome, generation
import axios from "axios";
import * as hpecom from "../../provider";
import type { ExternalServiceArgs } from "../../provider";
import { withComStack } from "../helpers/com-stack";
import { comRequests, digestOf, emulatorServices, secretDigests } from "../helpers/emulator-inspection";
import { bearerToken, dsccInput, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator();
beforeEach(async () => { await axios.post(`${emulator().url}/__emulator/reset`); });

const servicesInEmulator = () => emulatorServices(emulator());

/** A program whose desired services the test changes between operations. */
function mutableProgram(initial: Record<string, ExternalServiceArgs>) {
  const desired = { ...initial };
  const program = async () => {
    const out: Record<string, unknown> = {};
    for (const [key, args] of Object.entries(desired)) {
      const s = new hpecom.ExternalService(key, args);
      out[key] = { id: s.id, generation: s.generation, lastTest: s.lastTest };
    }
    return out;
  };
  return { desired, program };
}

describe("ExternalService on the real engine", () => {
  it("creates, previews and updates without needless requests, shows drift, replaces, and destroys", async () => {
    const { desired, program } = mutableProgram({
      snow: snowInput(emulator()), dscc: dsccInput(), vcenter: vcenterInput(),
    });
    await withComStack(emulator(), program, async (t) => {
      // 1. up creates three services; the emulator holds exactly them.
      const up = await t.up();
      expect(up.summary.resourceChanges?.create).toBe(4);
      const created = await servicesInEmulator();
      expect(created.map((s) => s.name).sort()).toEqual(["DSCC", "ServiceNow Integration", "vCenter"]);
      const ids = Object.fromEntries(["snow", "dscc", "vcenter"].map((k) => [k, (up.outputs[k].value as { id: string }).id]));
      expect(new Set(created.map((s) => s.id))).toEqual(new Set(Object.values(ids)));
      expect(up.outputs.snow.value.lastTest).toMatchObject({ status: "PASSED" });
      expect(up.outputs.vcenter.value.lastTest).toBeUndefined();

      // 2. no change: preview and up send zero requests to the COM API.
      let since = emulator().log.lastSeq;
      await t.preview({ expectNoChanges: true });
      const noop = await t.up();
      expect(noop.summary.resourceChanges).toEqual({ same: 4 });
      expect(await comRequests(emulator(), since)).toEqual([]);

      // 3. a description change is one PATCH carrying the minimal merge patch; generation +1.
      since = emulator().log.lastSeq;
      desired.dscc = { ...desired.dscc, description: "storage integration" };
      const update = await t.up();
      expect(update.summary.resourceChanges).toMatchObject({ update: 1, same: 3 });
      const writes = (await comRequests(emulator(), since)).filter((r) => r.method !== "GET" && r.path !== "/as/token.oauth2");
      expect(writes).toEqual([expect.objectContaining({ method: "PATCH", path: `/compute-ops-mgmt/v1beta1/external-services/${ids.dscc}`, body: { description: "storage integration" } })]);
      expect(update.outputs.dscc.value.generation).toBe(2);
      // What the API stored is the program's secret (its digest: the log and the answers only ever show a mask).
      expect((await secretDigests(emulator()))[ids.dscc]).toEqual({ clientSecret: digestOf("dscc-secret-value") });

      // 3b. a new secret alone: the preview names the changed field (never its value); one PATCH sends it.
      desired.dscc = { ...desired.dscc, authentication: { clientId: "dscc-client", clientSecret: "dscc-secret-value-2" } };
      const rotation = await t.preview({ diff: true });
      expect(rotation.changeSummary.update).toBe(1);
      expect(rotation.stdout).toMatch(/\+ changedSecrets\s*: \[\s*\+\s*\[0\]: "authentication\.clientSecret"/);
      expect(rotation.stdout).not.toContain("dscc-secret-value-2");
      since = emulator().log.lastSeq;
      await t.up();
      const rotated = (await comRequests(emulator(), since)).filter((r) => r.method === "PATCH");
      expect(rotated).toEqual([expect.objectContaining({ body: { authentication: { clientId: "dscc-client", clientSecret: "**********" } } })]);
      expect((await secretDigests(emulator()))[ids.dscc]).toEqual({ clientSecret: digestOf("dscc-secret-value-2") });
      await t.preview({ expectNoChanges: true });

      // 4. a change made outside Pulumi shows after refresh; the next up restores the desired state.
      const com = axios.create({ baseURL: emulator().url, headers: { Authorization: `Bearer ${await bearerToken(emulator())}` } });
      await com.patch(`/compute-ops-mgmt/v1beta1/external-services/${ids.dscc}`, { description: "changed by hand", state: "DISABLED" }, { headers: { "Content-Type": "application/merge-patch+json" } });
      await t.refresh();
      const drift = await t.preview();
      expect(drift.changeSummary.update).toBe(1);
      const restore = await t.up();
      expect(restore.summary.resourceChanges).toMatchObject({ update: 1 });
      expect((await servicesInEmulator()).find((s) => s.id === ids.dscc)).toMatchObject({ description: "storage integration", state: "ENABLED", generation: 5 });

      // 4b. without a refresh, the generation check sees the change: full desired state, and a warning.
      await com.patch(`/compute-ops-mgmt/v1beta1/external-services/${ids.dscc}`, { serviceData: { region: "eu-central" } }, { headers: { "Content-Type": "application/merge-patch+json" } });
      since = emulator().log.lastSeq;
      desired.dscc = { ...desired.dscc, description: "storage integration v2" };
      await t.up();
      expect(t.output.join("\n")).toMatch(/was changed outside Pulumi \(generation 6, last deployed 5\); sending the full desired state/);
      const [full] = (await comRequests(emulator(), since)).filter((r) => r.method === "PATCH");
      expect(full.body).toMatchObject({ name: "DSCC", description: "storage integration v2", state: "ENABLED", serviceData: { region: "us-west" }, authentication: { clientId: "dscc-client", clientSecret: "**********" } });
      expect((await servicesInEmulator()).find((s) => s.id === ids.dscc)).toMatchObject({ generation: 7 });

      // 5. changing serviceType replaces the service: the old one is gone.
      desired.vcenter = { ...dsccInput("vCenter") };
      const replace = await t.up();
      expect(replace.summary.resourceChanges).toMatchObject({ replace: 1 });
      const after = await servicesInEmulator();
      expect(after.map((s) => s.id)).not.toContain(ids.vcenter);
      expect(after.find((s) => s.name === "vCenter")?.serviceType).toBe("DSCC");

      // 8. destroy leaves the emulator empty.
      await t.destroy();
      expect(await servicesInEmulator()).toEqual([]);
    });
  });

  it("fails up on a failing post-deploy test, keeps the service in state once, and passes after the fix", async () => {
    // Named so that reading the outcome from words would get it wrong: the name says "passing".
    const { program } = mutableProgram({ snow: snowInput(emulator(), "passing-snow") });
    await axios.put(`${emulator().url}/__emulator/servicenow`, { refuse: true });
    await withComStack(emulator(), program, async (t) => {
      const failed = await t.up().catch((e) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(String(failed.message)).toMatch(/post-deploy test of external service 'passing-snow' failed/);
      expect(await servicesInEmulator()).toHaveLength(1);
      const state = JSON.parse(t.stateText());
      const inState = state.checkpoint.latest.resources.filter((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/hpecom:ExternalService");
      expect(inState).toHaveLength(1);
      expect(inState[0].initErrors?.[0]).toMatch(/post-deploy test/);

      await axios.put(`${emulator().url}/__emulator/servicenow`, { refuse: false });
      const fixed = await t.up();
      expect(fixed.summary.result).toBe("succeeded");
      expect(fixed.outputs.snow.value.lastTest).toMatchObject({ status: "PASSED" });
      expect(await servicesInEmulator()).toHaveLength(1);
    });
  });

  it.each([400, 409])("takes over a service created outside Pulumi with adopt: true, and explains adoption without it (duplicates answered %i)", async (duplicateStatus) => {
    await axios.put(`${emulator().url}/__emulator/settings`, { duplicateStatus });
    const token = await bearerToken(emulator());
    const existing = await axios.post(`${emulator().url}/compute-ops-mgmt/v1beta1/external-services`,
      { ...dsccInput("Pre-existing"), authenticationType: "OAUTH", description: "made by hand" },
      { headers: { Authorization: `Bearer ${token}` } });

    const { desired, program } = mutableProgram({ dscc: { ...dsccInput("Pre-existing"), description: "now managed" } });
    await withComStack(emulator(), program, async (t) => {
      const refused = await t.up().catch((e) => e);
      expect(String(refused.message)).toMatch(/already exists in this workspace.*adopt: true/s);

      desired.dscc = { ...desired.dscc, adopt: true };
      const adopted = await t.up();
      expect(adopted.outputs.dscc.value.id).toBe(existing.data.id);
      const [service] = await servicesInEmulator();
      expect(service).toMatchObject({ id: existing.data.id, description: "now managed" });
      expect(await servicesInEmulator()).toHaveLength(1);
    });
  });

  it("fails check with the property and the rule, before any request", async () => {
    const bad = snowInput(emulator());
    bad.serviceData.incidentCreationScope = { serviceEventIssues: false, criticalEventIssues: true };
    // A typo inside authentication, next to real secrets: the error must name it without showing them.
    const authentication = { ...bad.authentication, clientSecrt: "snow-secret-value" };
    const { program } = mutableProgram({ snow: { ...bad, authentication, authenticationType: "BASIC" } });
    await withComStack(emulator(), program, async (t) => {
      const since = emulator().log.lastSeq;
      const err = await t.preview().catch((e) => e);
      const text = String(err.message);
      expect(text).toMatch(/serviceData\.incidentCreationScope.*criticalEventIssues requires serviceEventIssues/);
      expect(text).toMatch(/authenticationType.*must be OAUTH for serviceType SERVICE_NOW/);
      expect(text).toMatch(/property authentication\.clientSecrt value \{<nil>\} has a problem: is not a known field here/);
      expect(await comRequests(emulator(), since)).toEqual([]);
    });
  });
});
