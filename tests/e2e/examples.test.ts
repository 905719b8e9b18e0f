/** Every example deploys and destroys through the CLI against the emulator. */

// ledger: vcenter-uuid, health-notification
import * as path from "node:path";
import axios from "axios";
import { deployProject, emulatorConfig } from "../helpers/cli-project";
import { clientFor, useEmulator, vcenterInput } from "../helpers/emulator";
import { repoRoot } from "../helpers/engine";
import { FIXTURE_SECRETS } from "../helpers/com-stack";
import { expectNoSecrets } from "../helpers/secrets";

const msp = { id: "msp-client", secret: "msp-secret" };
const emulator = useEmulator({ clients: [{ id: "demo-client", secret: "demo-secret" }, { ...msp, workspace: "msp", tenants: ["tenant-a", "tenant-b"] }] });
const example = (name: string) => path.join(repoRoot, "examples", name);
const servicesIn = async (workspace: string) => ((await axios.get(`${emulator().url}/__emulator/services?workspace=${workspace}`)).data[workspace] ?? []) as { name: string; serviceData: Record<string, unknown> }[];

describe("the examples", () => {
  beforeEach(async () => { await axios.post(`${emulator().url}/__emulator/reset`); });

  it("servicenow: deploys with a passing post-deploy test against the ServiceNow stand-in", async () => {
    const config = emulatorConfig(emulator());
    await deployProject(example("servicenow"), {
      plain: { ...config.plain, serviceNowInstance: `${emulator().url}/servicenow`, serviceNowClientId: "sn-client" },
      secret: { ...config.secret, serviceNowClientSecret: "snow-secret-value", serviceNowRefreshToken: "snow-refresh-token" },
    }, async ({ outputs }) => {
      expect(outputs.lastTest).toMatchObject({ status: "PASSED" });
      expect((await axios.get(`${emulator().url}/__emulator/servicenow/incidents`)).data).toHaveLength(1);
      const [stored] = await servicesIn("workspace-demo-client");
      expect(stored.serviceData.incidentCreationScope).toMatchObject({ criticalEventIssues: true, healthNotification: true });
    });
    expect(await servicesIn("workspace-demo-client")).toEqual([]);
  });

  it("dscc: deploys and destroys", async () => {
    const config = emulatorConfig(emulator());
    await deployProject(example("dscc"), {
      plain: { ...config.plain, dsccClientId: "dscc-client" }, secret: { ...config.secret, dsccClientSecret: "dscc-secret-value" },
    }, async ({ outputs, run }) => {
      expect(outputs.status).toBe("ENABLED");
      expect((await servicesIn("workspace-demo-client")).map((s) => s.name)).toEqual(["Data Services Cloud Console"]);
      // Troubleshooting on the dynamic face: with verbose logging flowed to the provider, each
      // exchange in Pulumi's debug log, no secret with it.
      const refresh = await run(["refresh", "--yes", "--skip-preview", "--debug", "--logflow", "-v=1", "--logtostderr"]);
      expect(refresh.stdout).toMatch(/debug: hpecom: GET \/compute-ops-mgmt\/v1beta1\/external-services[\/\w-]* → 200 in \d+ ms \(attempt 1\)/);
      expectNoSecrets({ refresh: refresh.stdout + refresh.stderr }, [...FIXTURE_SECRETS, "dscc-secret-value"]);
    });
    expect(await servicesIn("workspace-demo-client")).toEqual([]);
  });

  it("vcenter: deploys, and destroys through the DeleteVCenter job", async () => {
    const config = emulatorConfig(emulator());
    await deployProject(example("vcenter"), {
      plain: {
        ...config.plain, vcenterUrl: "vcenter.lab.local", gatewayUri: "/compute-ops-mgmt/v1beta1/appliances/gw-1",
        vcenterFingerprint: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99",
        vcenterUsername: "administrator@vsphere.local", vcenterUuid: "4c4c4544-0042-4810-8056-b7c04f503232",
      },
      secret: { ...config.secret, vcenterPassword: "vcenter-password-value" },
    }, async ({ outputs }) => {
      expect(outputs.resourceUri).toMatch(/^\/compute-ops-mgmt\/v1beta1\/external-services\//);
    });
    expect(await servicesIn("workspace-demo-client")).toEqual([]);
    const jobs = ((await axios.get(`${emulator().url}/__emulator/requests`)).data.requests as { method: string; path: string; body: unknown }[])
      .filter((r) => r.method === "POST" && r.path === "/compute-ops-mgmt/v1/jobs");
    expect(jobs.map((j) => j.body)).toEqual([expect.objectContaining({ jobParams: expect.objectContaining({ vCenterUuid: "4c4c4544-0042-4810-8056-b7c04f503232" }) })]);
  });

  it("msp-tenants: one service in each tenant, invisible to the other", async () => {
    const config = emulatorConfig(emulator(), msp);
    await deployProject(example("msp-tenants"), {
      plain: { ...config.plain, tenants: JSON.stringify(["tenant-a", "tenant-b"]), dsccClientId: "dscc-client" },
      secret: { ...config.secret, dsccClientSecret: "dscc-secret-value" },
    }, async ({ outputs }) => {
      expect((outputs.services as unknown[]).length).toBe(2);
      expect(await servicesIn("tenant-tenant-a")).toHaveLength(1);
      expect(await servicesIn("tenant-tenant-b")).toHaveLength(1);
      expect(await servicesIn("msp")).toEqual([]);
    });
  });

  it("lookup: finds existing vCenter integrations without their secrets", async () => {
    const existing = await clientFor(emulator()).externalServices.create(vcenterInput("found-me"));
    await deployProject(example("lookup"), emulatorConfig(emulator()), async ({ outputs }) => {
      expect(outputs.vcenters).toEqual([{ id: existing.id, name: "found-me", vCenterUrl: "vcenter.lab.local" }]);
    });
  });
});
