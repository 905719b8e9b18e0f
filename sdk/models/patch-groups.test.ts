/** The field groups a PATCH carries, and the vCenter group that goes with every vCenter PATCH. */
// ledger: patch-field-groups, vcenter-patch-group
import { withPatchGroups } from "./patch-groups";

const vcenter = {
  name: "vc",
  authentication: { username: "admin", password: "pw" },
  serviceData: { vCenterUrl: "vc.example.com", associatedGatewayUri: "/gw/1", vCenterCertFingerprint: "ab".repeat(32) },
};
const dscc = { name: "ds", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "eu" } };

describe("withPatchGroups", () => {
  it("sends nothing for a no-op", () => {
    expect(withPatchGroups(undefined, "DSCC", dscc)).toBeUndefined();
  });
  it("completes a touched group with every field of it, and leaves an untouched one out", () => {
    expect(withPatchGroups({ authentication: { clientSecret: "new" } }, "DSCC", { ...dscc, authentication: { clientId: "c", clientSecret: "new" } }))
      .toStrictEqual({ authentication: { clientId: "c", clientSecret: "new" } });
    expect(withPatchGroups({ description: "d" }, "DSCC", dscc)).toStrictEqual({ description: "d" });
  });
  it("always carries a vCenter's name and connection fields, without the ones it does not know", () => {
    expect(withPatchGroups({ description: "d" }, "VMWARE_VCENTER", vcenter)).toStrictEqual({ description: "d", ...vcenter });
    const withoutPassword = { ...vcenter, authentication: { username: "admin" } };
    expect(withPatchGroups({ description: "d" }, "VMWARE_VCENTER", withoutPassword)).toStrictEqual({ description: "d", ...withoutPassword });
  });
  it("keeps a vCenter PATCH's removals (nulls) beside its groups", () => {
    expect(withPatchGroups({ serviceData: { legacy: null }, authentication: { token: null } }, "VMWARE_VCENTER", vcenter)).toStrictEqual({
      name: "vc",
      serviceData: { legacy: null, ...vcenter.serviceData },
      authentication: { token: null, ...vcenter.authentication },
    });
  });
});
