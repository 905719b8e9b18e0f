/**
 * The provider on the real engine against answers shaped as HPE's portal pages and the public
 * PowerShell client show them, all at once: lists without `total`, fields the server fills in,
 * category-style activity sources without keys, jobs that pass PENDING (or wait for approval)
 * and a server that takes the job-create page's target type, `description` required on create.
 */

// ledger: job-progress, server-filled-fields
import axios from "axios";
import * as hpecom from "../../provider";
import type { ExternalServiceArgs } from "../../provider";
import { withComStack } from "../helpers/com-stack";
import { comRequests, emulatorServices } from "../helpers/emulator-inspection";
import { bearerToken, dsccInput, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator();
const url = (path: string) => `${emulator().url}${path}`;
const COLLECTION = "/compute-ops-mgmt/v1beta1/external-services";

const SECOND_READING = {
  listTotal: "omitted", serverFilledFields: "included", activitySource: "category", activityKey: "omitted",
  jobShape: "resource", jobProgress: "pending", jobResourceType: "compute-ops/external-service",
  createDescription: "required", vcenterPatchGroup: "optional",
};
/** Fields only the server writes: no request may carry one. */
const SERVER_ONLY = /vCenterVersion|vCenterAlternateName|emulatorServerField/;

describe("the provider under the second reading of the API", () => {
  it("deploys, refreshes, sees no drift, updates, waits out an approval and destroys, sending only modelled fields", async () => {
    await axios.post(url("/__emulator/reset"));
    await axios.put(url("/__emulator/settings"), SECOND_READING);
    // A vCenter made outside Pulumi, which the program adopts.
    const token = await bearerToken(emulator());
    const handMade = await axios.post(url(COLLECTION), { ...vcenterInput("vc-adopted"), authenticationType: "BASIC", description: null },
      { headers: { Authorization: `Bearer ${token}` } });

    const desired: Record<string, ExternalServiceArgs> = {
      snow: snowInput(emulator(), "snow"),
      dscc: dsccInput("dscc"),
      vc: vcenterInput("vc-new"),
      adopted: { ...vcenterInput("vc-adopted"), adopt: true },
    };
    const program = async () => {
      const out: Record<string, unknown> = {};
      for (const [key, args] of Object.entries(desired)) {
        const s = new hpecom.ExternalService(key, args);
        out[key] = { id: s.id, lastTest: s.lastTest, serviceData: s.serviceData };
      }
      return out;
    };

    await withComStack(emulator(), program, async (t) => {
      const up = await t.up();
      expect(up.outputs.snow.value.lastTest).toMatchObject({ status: "PASSED" });
      expect(up.outputs.dscc.value.lastTest).toMatchObject({ status: "PASSED" });
      expect(up.outputs.adopted.value.id).toBe(handMade.data.id);
      expect(Object.keys(up.outputs.vc.value.serviceData).sort()).toEqual(["associatedGatewayUri", "vCenterCertFingerprint", "vCenterUrl"]);

      await t.refresh();
      await t.preview({ expectNoChanges: true });

      // A change made outside Pulumi: the next update sends the full desired state, and nothing the server filled in.
      const adoptedId = handMade.data.id as string;
      const current = (await axios.get(url(`${COLLECTION}/${adoptedId}`), { headers: { Authorization: `Bearer ${token}` } })).data;
      await axios.patch(url(`${COLLECTION}/${adoptedId}`), { name: current.name, state: "ENABLED", description: "changed in the UI" },
        { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/merge-patch+json" } });
      let since = emulator().log.lastSeq;
      desired.adopted = { ...desired.adopted, description: "lab vCenter" };
      desired.snow = { ...desired.snow, description: "prod incidents" };
      await t.up();
      const patches = (await comRequests(emulator(), since)).filter((r) => r.method === "PATCH");
      expect(patches).toHaveLength(2);
      expect((await emulatorServices(emulator())).find((s) => s.id === adoptedId)?.description).toBe("lab vCenter");
      await t.preview({ expectNoChanges: true });

      // A DeleteVCenter job held for approval: the destroy fails naming the job and the setting; the services stay.
      // (A destroy configures the provider as the last `up` recorded it, as for any Pulumi provider.)
      await t.stack.setConfig("hpecom:jobTimeoutSeconds", { value: "1" });
      await t.up();
      await axios.put(url("/__emulator/settings"), { jobProgress: "approval" });
      const held = await t.destroy().catch((e: Error) => e);
      expect(held).toBeInstanceOf(Error);
      expect(t.errors.join("\n")).toMatch(/job [0-9a-f-]+ is awaiting approval in COM \(APPROVAL_PENDING\)[^\n]*hpecom:jobTimeoutSeconds/);
      expect((await emulatorServices(emulator())).map((s) => s.name).sort()).toEqual(expect.arrayContaining(["vc-adopted", "vc-new"]));

      await axios.put(url("/__emulator/settings"), { jobProgress: "pending" });
      since = emulator().log.lastSeq;
      await t.destroy();
      const jobs = (await comRequests(emulator(), since)).filter((r) => r.path === "/compute-ops-mgmt/v1/jobs");
      // The DeleteVCenter page's type first, then, after its 400, the job-create page's.
      expect(jobs.map((r) => (r.body as { resourceType: string }).resourceType).sort()).toEqual([
        "compute-ops-mgmt/external-service", "compute-ops-mgmt/external-service", "compute-ops/external-service", "compute-ops/external-service",
      ]);
      expect(await emulatorServices(emulator())).toEqual([]);

      const bodies = (await comRequests(emulator(), 0)).map((r) => JSON.stringify(r.body ?? ""));
      expect(bodies.filter((b) => SERVER_ONLY.test(b))).toEqual([]);
    });
  });
});
