/**
 * The hpecom-policies pack on the real engine: bad configurations stop before they reach the API.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import axios from "axios";
import * as hpecom from "../../provider";
import type { ExternalServiceArgs } from "../../provider";
import { withComStack } from "../helpers/com-stack";
import { comRequests } from "../helpers/emulator-inspection";
import { dsccInput, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";
import { repoRoot, scratchDir } from "../helpers/engine";

const emulator = useEmulator();
const policyPack = path.join(repoRoot, "policy");
beforeEach(async () => { await axios.post(`${emulator().url}/__emulator/reset`); });

const program = (services: Record<string, ExternalServiceArgs>) => async () => {
  for (const [key, args] of Object.entries(services)) new hpecom.ExternalService(key, args);
};

const configDir = scratchDir("policy-config");
afterAll(() => fs.rmSync(configDir, { recursive: true, force: true }));
let configs = 0;

/** A --policy-pack-config file; the emulator's ServiceNow stand-in is on loopback http. */
function packConfig(config: Record<string, unknown> = {}): string {
  const file = path.join(configDir, `config-${++configs}.json`);
  fs.writeFileSync(file, JSON.stringify({ "servicenow-endpoints": { allowLoopbackHttp: true }, ...config }));
  return file;
}

const failureOf = (p: Promise<unknown>) => p.then(() => { throw new Error("expected the operation to fail"); }, (e: Error) => e.message);

describe("the policy pack on the real engine", () => {
  it("stops an invalid incident scope in preview and in up, before any COM request", async () => {
    const bad = snowInput(emulator());
    bad.serviceData.incidentCreationScope = { serviceEventIssues: false, criticalEventIssues: true };
    await withComStack(emulator(), program({ snow: bad }), async (t) => {
      const since = emulator().log.lastSeq;
      const preview = await failureOf(t.preview({ policyPacks: [policyPack], policyPackConfigs: [packConfig()] }));
      expect(preview).toMatch(/exit code 1/);
      expect(preview).toMatch(/incident-scope-hierarchy/);
      expect(preview).toMatch(/criticalEventIssues requires serviceEventIssues/);
      const up = await failureOf(t.up({ policyPacks: [policyPack], policyPackConfigs: [packConfig()] }));
      expect(up).toMatch(/incident-scope-hierarchy/);
      expect(await comRequests(emulator(), since)).toEqual([]);
    });
  });

  it("passes a valid stack, and a policy set to advisory turns its failure into a warning", async () => {
    await withComStack(emulator(), program({ snow: snowInput(emulator()), dscc: dsccInput(), vc: vcenterInput() }), async (t) => {
      const onlyServiceNow = { "allowed-service-types": { serviceTypes: ["SERVICE_NOW"] } };
      const blocked = await failureOf(t.preview({ policyPacks: [policyPack], policyPackConfigs: [packConfig(onlyServiceNow)] }));
      expect(blocked).toMatch(/allowed-service-types/);
      expect(blocked).toMatch(/serviceType DSCC is not allowed here/);

      const advisory = { "allowed-service-types": { enforcementLevel: "advisory", serviceTypes: ["SERVICE_NOW"] } };
      const up = await t.up({ policyPacks: [policyPack], policyPackConfigs: [packConfig(advisory)] });
      expect(up.summary.result).toBe("succeeded");
      expect(up.stdout).toMatch(/advisory.*allowed-service-types|allowed-service-types.*advisory/is);
      expect((await axios.get(`${emulator().url}/__emulator/services`)).data["workspace-demo-client"]).toHaveLength(3);
    });
  });

  it("catches a duplicate name with the stack policy before the API does", async () => {
    await withComStack(emulator(), program({ first: dsccInput("Same name"), second: dsccInput("Same name") }), async (t) => {
      const since = emulator().log.lastSeq;
      const preview = await failureOf(t.preview({ policyPacks: [policyPack], policyPackConfigs: [packConfig()] }));
      expect(preview).toMatch(/unique-service-names/);
      expect(preview).toMatch(/external service name 'Same name' is used by 2 resources \(first, second\)/);
      expect(await comRequests(emulator(), since)).toEqual([]);
    });
  });
});
