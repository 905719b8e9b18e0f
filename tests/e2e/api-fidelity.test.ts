/**
 * The provider on the real engine against the emulator's strict defaults: vCenter deletes
 * through the whole DeleteVCenter job, PATCH field groups, a service of a type it does not
 * model in the workspace (beside it: a create, an adoption, a refresh, an update), the data
 * source's filters, the post-deploy test's readings, and healthNotification.
 */

// ledger: vcenter-delete-job, vcenter-uuid, secrets-masked, unmodelled-types, test-outcome, test-disabled, scope-shape, health-notification, scope-in-write-answers
import * as pulumi from "@pulumi/pulumi";
import axios from "axios";
import * as hpecom from "../../provider";
import type { ExternalServiceArgs } from "../../provider";
import { withComStack } from "../helpers/com-stack";
import { comRequests, emulatorServices } from "../helpers/emulator-inspection";
import { bearerToken, dsccInput, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator();
const url = (path: string) => `${emulator().url}${path}`;
const VCENTER_UUID = "4c4c4544-0042-4810-8056-b7c04f503232";

const servicesInEmulator = () => emulatorServices(emulator());

describe("the provider holds to the reference", () => {
  it("deploys, refreshes, patches by groups and destroys beside a service type it does not model", async () => {
    await axios.post(url("/__emulator/reset"));
    await axios.post(url("/__emulator/raw-services"), {
      name: "Aruba Central", serviceType: "ARUBA_CENTRAL", authenticationType: "OAUTH",
      authentication: { clientId: "aruba", clientSecret: "**********", refreshToken: "**********" }, serviceData: { nbUrl: "https://us-west.central.example/api" },
    });
    // A DSCC service made outside Pulumi, taken over (adopt) and disabled: DSCC is tested even so.
    const token = await bearerToken(emulator());
    const handMade = await axios.post(url("/compute-ops-mgmt/v1beta1/external-services"), { ...dsccInput("dscc-off"), authenticationType: "OAUTH" },
      { headers: { Authorization: `Bearer ${token}` } });
    const disabled = snowInput(emulator(), "disabled-snow");
    const desired: Record<string, ExternalServiceArgs> = {
      vc: { ...vcenterInput("vc"), vCenterUuid: VCENTER_UUID },
      disabled: {
        ...disabled, state: "DISABLED",
        serviceData: { ...disabled.serviceData, incidentCreationScope: { serviceEventIssues: true, healthNotification: true } },
      },
      errorProne: snowInput(emulator(), "error-prone-snow"),
      dsccOff: { ...dsccInput("dscc-off"), state: "DISABLED", adopt: true },
    };
    const program = async () => {
      const out: Record<string, unknown> = {};
      const ids: pulumi.Output<string>[] = [];
      for (const [key, args] of Object.entries(desired)) {
        const s = new hpecom.ExternalService(key, args);
        out[key] = { id: s.id, lastTest: s.lastTest };
        ids.push(s.id);
      }
      // A filter on name: the strict emulator refuses it, so the client applies it itself.
      const byName = await hpecom.getExternalServices({ filter: hpecom.filter.eq("name", "Aruba Central") });
      out.aruba = byName.unmodelled.map((s) => [s.name, s.serviceType]);
      // The Output form, its filter passed through pulumi.output() once the services exist.
      const afterCreate = pulumi.all(ids).apply(() => ({ filter: hpecom.filter.eq("serviceType", "SERVICE_NOW") }));
      out.snowCount = hpecom.getExternalServicesOutput(afterCreate).apply((r) => r.items.length);
      return out;
    };

    await withComStack(emulator(), program, async (t) => {
      const up = await t.up();
      expect(up.outputs.disabled.value.lastTest).toMatchObject({ status: "SKIPPED", message: expect.stringContaining("DISABLED") });
      expect(up.outputs.errorProne.value.lastTest).toMatchObject({ status: "PASSED" });
      expect(up.outputs.dsccOff.value).toMatchObject({ id: handMade.data.id, lastTest: { status: "PASSED" } });
      expect(up.outputs.aruba.value).toEqual([["Aruba Central", "ARUBA_CENTRAL"]]);
      expect(up.outputs.snowCount.value).toBe(2);
      const stored = (await servicesInEmulator()).find((s) => s.name === "disabled-snow");
      expect(stored?.serviceData.incidentCreationScope).toMatchObject({ healthNotification: true });
      const testsRun = (await comRequests(emulator(), 0)).filter((r) => /\/test$/.test(r.path));
      // error-prone-snow and the DISABLED DSCC service; a DISABLED ServiceNow service is not tested.
      expect(testsRun.map((r) => r.path.split("/").at(-2))).toEqual(expect.arrayContaining([handMade.data.id]));
      expect(testsRun).toHaveLength(2);

      await t.refresh();
      await t.preview({ expectNoChanges: true });

      // A vCenter PATCH carries the seed's group, whatever changed.
      let since = emulator().log.lastSeq;
      desired.vc = { ...desired.vc, description: "lab vCenter" };
      await t.up();
      const [patch] = (await comRequests(emulator(), since)).filter((r) => r.method === "PATCH");
      expect(patch.body).toEqual({
        description: "lab vCenter", name: "vc",
        serviceData: { vCenterUrl: "vcenter.lab.local", associatedGatewayUri: "/compute-ops-mgmt/v1beta1/appliances/gw-1", vCenterCertFingerprint: "aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899" },
        authentication: { username: "administrator@vsphere.local", password: "**********" },
      });

      // A DeleteVCenter job that ends in ERROR fails the destroy with one line naming the service, no stack.
      await axios.put(url("/__emulator/settings"), { jobOutcome: "ERROR" });
      const failed = await t.destroy().catch((e: Error) => e);
      await axios.put(url("/__emulator/settings"), { jobOutcome: "COMPLETE" });
      expect(failed).toBeInstanceOf(Error);
      const shown = [t.output.join("\n"), t.errors.join("\n")].join("\n");
      expect(shown).toMatch(/hpecom: delete of external service 'vc' \(id [0-9a-f-]+\) failed: [^\n]*ERROR/);
      expect(shown).not.toMatch(/\.js:\d+|\.ts:\d+|^\s+at \S.*:\d+:\d+\)?$/m); // no stack frame

      // Destroy: the vCenter goes through the job with the user's vCenterUuid; the unmodelled service stays.
      since = emulator().log.lastSeq;
      await t.destroy();
      const [job] = (await comRequests(emulator(), since)).filter((r) => r.path === "/compute-ops-mgmt/v1/jobs");
      expect(job.body).toMatchObject({ resourceType: "compute-ops-mgmt/external-service", jobParams: { vCenterUuid: VCENTER_UUID } });
      expect((await servicesInEmulator()).map((s) => s.name)).toEqual(["Aruba Central"]);
    });
  });

  it("sees no drift and patches only what changed when answers carry the scope flat, or none after a write, and no secrets", async () => {
    await axios.post(url("/__emulator/reset"));
    await axios.put(url("/__emulator/settings"), { scopeShape: "flat", secretsInAnswers: "omitted", writeAnswerScope: "omitted" });
    const input = snowInput(emulator(), "flat-scope");
    let description = "first";
    const program = async () => {
      const s = new hpecom.ExternalService("snow", {
        ...input, description, postDeployTest: false,
        serviceData: { ...input.serviceData, incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, healthNotification: false } },
      });
      return { scope: s.serviceData.apply((d) => (d as { incidentCreationScope?: unknown }).incidentCreationScope) };
    };
    await withComStack(emulator(), program, async (t) => {
      const up = await t.up();
      expect(up.outputs.scope.value).toMatchObject({ criticalEventIssues: true, healthNotification: false });
      await t.refresh();
      await t.preview({ expectNoChanges: true });
      const since = emulator().log.lastSeq;
      description = "second";
      await t.up();
      expect((await comRequests(emulator(), since)).filter((r) => r.method === "PATCH").map((r) => r.body)).toEqual([{ description: "second" }]);
      await t.destroy();
    });
  });
});
