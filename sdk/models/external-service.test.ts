// ledger: fingerprint-format, scope-shape
import { formatIssue, issuesOf } from "../core/validation-issues";
import { ExternalServiceCreateSchema, ExternalServiceSchema } from "./external-service";

const vcenter = {
  name: "vc", serviceType: "VMWARE_VCENTER" as const,
  authentication: { username: "administrator@vsphere.local", password: "pw" },
  serviceData: { vCenterUrl: "vc.example.com", associatedGatewayUri: "/api/gw/1", vCenterCertFingerprint: "AB:".repeat(31) + "AB" },
};

function issues(input: unknown): string[] {
  const r = ExternalServiceCreateSchema.safeParse(input);
  return r.success ? [] : issuesOf(r.error).map(formatIssue);
}

describe("create schemas", () => {
  it("derives authenticationType and normalises the fingerprint to lowercase hex without colons", () => {
    const out = ExternalServiceCreateSchema.parse(vcenter);
    expect(out.authenticationType).toBe("BASIC");
    expect(out.serviceData).toMatchObject({ vCenterCertFingerprint: "ab".repeat(32) });
  });
  it("names the property and the rule for a wrong pairing, a bad fingerprint, a typo", () => {
    expect(issues({ ...vcenter, authenticationType: "OAUTH" })).toEqual(["authenticationType: must be BASIC for serviceType VMWARE_VCENTER"]);
    expect(issues({ ...vcenter, serviceData: { ...vcenter.serviceData, vCenterCertFingerprint: "abc" } }))
      .toEqual(["serviceData.vCenterCertFingerprint: must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed"]);
    expect(issues({ ...vcenter, serviceData: { ...vcenter.serviceData, vcenterUrl: "x" } })).toEqual(["serviceData.vcenterUrl: is not a known field here"]);
    expect(issues({ ...vcenter, serviceType: "JIRA" })).toEqual(["serviceType: serviceType must be one of SERVICE_NOW, DSCC, VMWARE_VCENTER"]);
  });
  it("reads the scope flat or nested, and reports the hierarchy with its reason", () => {
    const snow = {
      name: "sn", serviceType: "SERVICE_NOW",
      authentication: { clientId: "c", clientSecret: "s", refreshToken: "r" },
      serviceData: { oauthUrl: "https://i.service-now.com/oauth_token.do", incidentUrl: "https://i.service-now.com/api/now/import/x", criticalEventIssues: true },
    };
    const out = ExternalServiceCreateSchema.parse(snow);
    expect(out.serviceData).toMatchObject({ incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true } });
    expect(issues({ ...snow, serviceData: { ...snow.serviceData, incidentCreationScope: { serviceEventIssues: false, criticalEventIssues: true } } }))
      .toContain("serviceData.incidentCreationScope: criticalEventIssues requires serviceEventIssues");
    expect(issues({ ...snow, serviceData: { ...snow.serviceData, refreshTokenExpiryInDays: 50 } }))
      .toEqual(["serviceData.refreshTokenExpiryInDays: must be from 100 to 365"]);
  });
});

describe("response schema", () => {
  it("tolerates unknown fields and flat scope keys", () => {
    const parsed = ExternalServiceSchema.parse({
      id: "1", name: "sn", serviceType: "SERVICE_NOW", authenticationType: "OAUTH", resourceUri: "/x/1", generation: 2,
      createdAt: "t", updatedAt: "t", somethingNew: 1, authentication: { clientId: "c", clientSecret: "**********" },
      serviceData: { oauthUrl: "u", incidentUrl: "v", warningEventIssues: true, criticalEventIssues: true },
    });
    expect(parsed.serviceData).toMatchObject({ incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: true } });
  });
});
