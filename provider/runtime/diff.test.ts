import { diffInputs } from "./diff";
import type { ServiceInputs } from "./inputs";
import { UNKNOWN } from "./wire";

const stack = { endpoint: "https://a.example", clientId: "c", clientSecret: "s" };
const dscc = (over: Partial<ServiceInputs> = {}): ServiceInputs => ({
  name: "svc", serviceType: "DSCC", authenticationType: "OAUTH",
  authentication: { clientId: "dc", clientSecret: "ds" }, serviceData: { region: "us-west" }, ...over,
} as ServiceInputs);

describe("diffInputs", () => {
  it("counts a value not known yet, however deep, as a change of its top-level input", () => {
    expect(diffInputs(dscc(), dscc({ serviceData: { region: UNKNOWN } }), stack)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces, creating first, when the connection or the tenant is not known yet", () => {
    expect(diffInputs(dscc(), dscc({ connection: UNKNOWN as never }), stack)).toMatchObject({ changes: true, replaces: ["connection"], deleteBeforeReplace: false });
    expect(diffInputs(dscc(), dscc({ tenantAcid: UNKNOWN }), stack)).toMatchObject({ changes: true, replaces: ["tenantAcid"], deleteBeforeReplace: false });
    const own = { region: "us-west", clientId: "c", clientSecret: "s" };
    for (const field of ["region", "endpoint", "tenantAcid"]) {
      expect(diffInputs(dscc({ connection: own }), dscc({ connection: { ...own, [field]: UNKNOWN } }), stack)).toMatchObject({ changes: true, replaces: ["connection"] });
    }
  });

  it("updates, sending nothing new, when only a connection's credentials are not known yet", () => {
    const own = { region: "us-west", clientId: "c", clientSecret: "s" };
    expect(diffInputs(dscc({ connection: own }), dscc({ connection: { ...own, clientSecret: UNKNOWN } }), stack)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces in place, deleting first, only when the name is known to stay the same", () => {
    const vcenter = { serviceType: "VMWARE_VCENTER", authenticationType: "BASIC" } as Partial<ServiceInputs>;
    expect(diffInputs(dscc(), dscc(vcenter), stack).deleteBeforeReplace).toBe(true);
    expect(diffInputs(dscc(), dscc({ ...vcenter, name: UNKNOWN }), stack).deleteBeforeReplace).toBe(false);
    expect(diffInputs(dscc(), dscc({ ...vcenter, name: "other" }), stack).deleteBeforeReplace).toBe(false);
  });

  it("moves a service whose tenant changed, and not one whose credentials changed", () => {
    expect(diffInputs(dscc({ tenantAcid: "t1" }), dscc({ tenantAcid: "t2" }), stack)).toMatchObject({ replaces: ["tenantAcid"] });
    expect(diffInputs(dscc(), dscc(), { ...stack, clientSecret: "rotated" }, stack)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("calls authentication a change when state holds none at all", () => {
    const outcome = diffInputs(dscc({ authentication: undefined as never }), dscc(), stack);
    expect([outcome.changes, outcome.replaces]).toEqual([true, []]);
  });

  it("does not call secrets a change that state never held (an imported service), but does a changed one", () => {
    const imported = dscc({ authentication: { clientId: "dc" } as never });
    expect(diffInputs(imported, dscc(), stack).changes).toBe(false);
    expect(diffInputs(imported, dscc({ authentication: { clientId: "other", clientSecret: "ds" } as never }), stack).changes).toBe(true);
    expect(diffInputs(dscc(), dscc({ authentication: { clientId: "dc", clientSecret: "rotated" } as never }), stack).changes).toBe(true);
  });

  it("counts authentication not known yet as a change, with or without secrets in state", () => {
    expect(diffInputs(dscc(), dscc({ authentication: UNKNOWN as never }), stack).changes).toBe(true);
    expect(diffInputs(dscc({ authentication: { clientId: "dc" } as never }), dscc({ authentication: UNKNOWN as never }), stack).changes).toBe(true);
    expect(diffInputs(dscc({ authentication: { clientId: "dc" } as never }), dscc({ authentication: null as never }), stack).changes).toBe(true);
  });
});
