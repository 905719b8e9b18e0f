/** Through the provider, one tenant's stack can neither see nor touch another tenant's services. */
import axios from "axios";
import * as hpecom from "../../provider";
import { clientFor, dsccInput, useEmulator } from "../helpers/emulator";
import { withComStack } from "../helpers/com-stack";

const msp = { id: "msp-client", secret: "msp-secret" };
const emulator = useEmulator({ clients: [{ ...msp, workspace: "msp", tenants: ["tenant-a", "tenant-b"] }] });

it("keeps each tenant's services to its own stack", async () => {
  const other = await clientFor(emulator(), { tenantAcid: "tenant-b" }, msp).externalServices.create(dsccInput("Shared name"));
  const program = async () => {
    // adopt: true would take over a service of this name — but only within its own tenant.
    const mine = new hpecom.ExternalService("mine", { ...dsccInput("Shared name"), tenantAcid: "tenant-a", adopt: true });
    // Listed once `mine` exists, so that the list the assertion reads is not empty anyway.
    const seen = mine.id.apply(async () => (await hpecom.getExternalServices({ tenantAcid: "tenant-a" })).items.map((s) => s.id));
    return { id: mine.id, seen };
  };
  await withComStack(emulator(), program, async (t) => {
    const up = await t.up();
    expect(up.outputs.id.value).not.toBe(other.id);
    expect(up.outputs.seen.value).toEqual([up.outputs.id.value]);
    await t.destroy();
    const services = (await axios.get(`${emulator().url}/__emulator/services`)).data;
    expect(services["tenant-tenant-a"]).toEqual([]);
    expect(services["tenant-tenant-b"].map((s: { id: string; generation: number }) => [s.id, s.generation])).toEqual([[other.id, 1]]);
  }, msp);
});
