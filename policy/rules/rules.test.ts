// ledger: health-notification
import { allowedServiceTypes } from "./allowed-service-types";
import { authTypeMatchesServiceType } from "./auth-type-matches-service-type";
import { incidentScopeHierarchy } from "./incident-scope-hierarchy";
import { minimumIncidentScope } from "./minimum-incident-scope";
import { UNKNOWN_SENTINELS } from "./outcome";
import { postDeployTestEnabled } from "./post-deploy-test-enabled";
import { refreshTokenExpiry } from "./refresh-token-expiry";
import { servicenowEndpoints } from "./servicenow-endpoints";
import { uniqueServiceNames } from "./unique-service-names";
import { vcenterConnectionComplete } from "./vcenter-connection-complete";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRETS = ["sn-client-secret-1", "sn-refresh-token-2", "vc-password-3"];

// Happy fixtures: each test below changes one field.
const snow = () => ({
  name: "ServiceNow", serviceType: "SERVICE_NOW", authenticationType: "OAUTH",
  authentication: { clientId: "cid", clientSecret: SECRETS[0], refreshToken: SECRETS[1] },
  serviceData: {
    oauthUrl: "https://acme.service-now.com/oauth_token.do",
    incidentUrl: "https://acme.service-now.com/api/now/import/u_inc",
    refreshTokenExpiryInDays: 150,
    incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true } as Record<string, unknown>,
  },
});
const vcenter = () => ({
  name: "vCenter", serviceType: "VMWARE_VCENTER",
  authentication: { username: "admin", password: SECRETS[2] } as Record<string, unknown>,
  serviceData: { vCenterUrl: "vc.lab", associatedGatewayUri: "/gw/1", vCenterCertFingerprint: "AB:".repeat(31) + "AB" } as Record<string, unknown>,
});
const dscc = () => ({ name: "DSCC", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: SECRETS[0] }, serviceData: { region: "us-west" } as Record<string, unknown> });
const ctx = (stack = "dev", tags: Record<string, string> = {}) => ({ stack, stackTags: new Map(Object.entries(tags)) });

/**
 * Every outcome the tests below read passes through here: no violation message, of any rule,
 * contains a secret value. Checked in the test that produced it, so that it holds for any subset
 * of the tests that runs (a mutation run runs a few).
 */
function record<T extends { violations: string[] }>(outcome: T): T {
  for (const m of outcome.violations) for (const s of SECRETS) expect(m).not.toContain(s);
  return outcome;
}

describe("incident-scope-hierarchy", () => {
  const REFERENCE = new Set(["0001", "1001", "1000", "1101", "1100", "1111", "1110"]);
  it("accepts exactly the reference table's seven rows of all sixteen combinations", () => {
    for (let bits = 0; bits < 16; bits++) {
      const flags = bits.toString(2).padStart(4, "0");
      const s = snow();
      s.serviceData.incidentCreationScope = {
        serviceEventIssues: flags[0] === "1", criticalEventIssues: flags[1] === "1", warningEventIssues: flags[2] === "1", utilizationAlerts: flags[3] === "1",
      };
      expect({ flags, valid: record(incidentScopeHierarchy(s)).violations.length === 0 }).toEqual({ flags, valid: REFERENCE.has(flags) });
    }
  });
  it("names the broken implication and lists what would be valid", () => {
    const s = snow();
    s.serviceData.incidentCreationScope = { serviceEventIssues: true, warningEventIssues: true };
    const [message] = record(incidentScopeHierarchy(s)).violations;
    expect(message).toMatch(/warningEventIssues requires criticalEventIssues/);
    expect(message).toMatch(/Valid combinations: utilization, service, service\+utilization, service\+critical,/);
  });
  it("reads flat scope keys too, and ignores other service types", () => {
    const s = snow();
    s.serviceData = { ...s.serviceData, incidentCreationScope: undefined as never, criticalEventIssues: true, serviceEventIssues: false } as never;
    expect(record(incidentScopeHierarchy(s)).violations).toHaveLength(1);
    expect(incidentScopeHierarchy(dscc()).violations).toEqual([]);
  });
  it("lets healthNotification be set independently of the table, as a boolean only", () => {
    const s = snow();
    s.serviceData.incidentCreationScope = { serviceEventIssues: false, utilizationAlerts: true, healthNotification: true } as never;
    expect(record(incidentScopeHierarchy(s)).violations).toEqual([]);
    s.serviceData.incidentCreationScope = { healthNotification: "yes" } as never;
    expect(record(incidentScopeHierarchy(s)).violations).toEqual(["incidentCreationScope: healthNotification must be true or false"]);
  });
  it("waits for an unknown flag instead of failing or passing", () => {
    const s = snow();
    s.serviceData.incidentCreationScope = { serviceEventIssues: false, criticalEventIssues: UNKNOWN };
    expect(incidentScopeHierarchy(s)).toEqual({ violations: [], pending: ["serviceData.incidentCreationScope.criticalEventIssues"] });
    expect(incidentScopeHierarchy({ ...snow(), serviceData: UNKNOWN })).toEqual({ violations: [], pending: ["serviceData"] });
  });
});

describe("auth-type-matches-service-type", () => {
  it("passes the right pair or none, fails the wrong pair", () => {
    expect(authTypeMatchesServiceType(snow()).violations).toEqual([]);
    expect(authTypeMatchesServiceType({ ...vcenter() }).violations).toEqual([]);
    expect(record(authTypeMatchesServiceType({ ...snow(), authenticationType: "BASIC" })).violations).toEqual(["authenticationType must be OAUTH for serviceType SERVICE_NOW"]);
    expect(authTypeMatchesServiceType({ ...snow(), serviceType: UNKNOWN }).pending).toEqual(["serviceType"]);
  });
  it.each(["ARUBA_CENTRAL", "constructor", "toString"])("fails serviceType %s with the list of types", (serviceType) => {
    expect(record(authTypeMatchesServiceType({ ...snow(), serviceType })).violations)
      .toEqual(["serviceType must be one of SERVICE_NOW, DSCC, VMWARE_VCENTER"]);
  });
});

describe("vcenter-connection-complete", () => {
  it("passes a complete integration", () => expect(vcenterConnectionComplete(vcenter()).violations).toEqual([]));
  it("names a missing password without showing any credential", () => {
    const v = vcenter();
    delete v.authentication.password;
    expect(record(vcenterConnectionComplete(v)).violations).toEqual(["authentication.password is required for a vCenter integration"]);
  });
  it("rejects a fingerprint that is not SHA-256", () => {
    const v = vcenter();
    v.serviceData.vCenterCertFingerprint = "AB:CD";
    expect(record(vcenterConnectionComplete(v)).violations[0]).toMatch(/SHA-256/);
  });
  it("waits for an unknown gateway", () => {
    const v = vcenter();
    v.serviceData.associatedGatewayUri = UNKNOWN;
    expect(vcenterConnectionComplete(v).pending).toEqual(["serviceData.associatedGatewayUri"]);
  });
});

describe("servicenow-endpoints", () => {
  it("passes https on one host within allowedHosts", () => {
    expect(servicenowEndpoints(snow(), { allowedHosts: ["*.service-now.com"] }).violations).toEqual([]);
  });
  it("fails http, two hosts, a host outside allowedHosts, and a refresh-token lifetime out of range", () => {
    const http = snow();
    http.serviceData.oauthUrl = "http://acme.service-now.com/oauth_token.do";
    expect(record(servicenowEndpoints(http)).violations).toEqual(["serviceData.oauthUrl must use https"]);
    const split = snow();
    split.serviceData.incidentUrl = "https://other.service-now.com/api/now/import/x";
    expect(record(servicenowEndpoints(split)).violations[0]).toMatch(/same ServiceNow instance/);
    expect(record(servicenowEndpoints(snow(), { allowedHosts: ["*.corp.example"] })).violations).toHaveLength(2);
    const days = snow();
    days.serviceData.refreshTokenExpiryInDays = 400;
    expect(record(servicenowEndpoints(days)).violations).toEqual(["serviceData.refreshTokenExpiryInDays must be a whole number from 100 to 365"]);
  });
  it("accepts http on loopback only when allowed", () => {
    const local = snow();
    local.serviceData.oauthUrl = "http://127.0.0.1:4010/servicenow/oauth_token.do";
    local.serviceData.incidentUrl = "http://127.0.0.1:4010/servicenow/api/now/import/x";
    expect(servicenowEndpoints(local).violations).toHaveLength(2);
    expect(servicenowEndpoints(local, { allowLoopbackHttp: true }).violations).toEqual([]);
  });
});

describe("allowed-service-types", () => {
  it("allows everything until configured", () => expect(allowedServiceTypes(dscc()).violations).toEqual([]));
  it("fails a type or DSCC region outside the configured lists", () => {
    expect(record(allowedServiceTypes(dscc(), { serviceTypes: ["SERVICE_NOW"] })).violations).toEqual(["serviceType DSCC is not allowed here (allowed: SERVICE_NOW)"]);
    expect(record(allowedServiceTypes(dscc(), { dsccRegions: ["eu-central"] })).violations).toEqual(["DSCC region us-west is not allowed here (allowed: eu-central)"]);
    expect(allowedServiceTypes(snow(), { dsccRegions: ["eu-central"] }).violations).toEqual([]);
  });
});

describe("minimum-incident-scope", () => {
  const serviceOnly = () => { const s = snow(); s.serviceData.incidentCreationScope = { serviceEventIssues: true }; return s; };
  it("applies to production stacks by default", () => {
    expect(record(minimumIncidentScope(serviceOnly(), {}, ctx("prod"))).violations).toEqual(["stack 'prod' must keep criticalEventIssues on (minimum incident scope)"]);
    expect(minimumIncidentScope(serviceOnly(), {}, ctx("dev")).violations).toEqual([]);
    expect(minimumIncidentScope(snow(), {}, ctx("prod")).violations).toEqual([]);
  });
  it("selects stacks by tag and takes the configured minimum", () => {
    const config = { stackTags: { environment: "production" }, minimumScope: { utilizationAlerts: true } };
    expect(record(minimumIncidentScope(snow(), config, ctx("eu-1", { environment: "production" }))).violations).toEqual(["stack 'eu-1' must keep utilizationAlerts on (minimum incident scope)"]);
    expect(minimumIncidentScope(snow(), config, ctx("eu-1", { environment: "staging" })).violations).toEqual([]);
  });
});

describe("post-deploy-test-enabled", () => {
  it("flags SERVICE_NOW or DSCC with the test off, not vCenter", () => {
    expect(postDeployTestEnabled(snow()).violations).toEqual([]);
    expect(record(postDeployTestEnabled({ ...dscc(), postDeployTest: false })).violations).toHaveLength(1);
    expect(postDeployTestEnabled({ ...vcenter(), postDeployTest: false }).violations).toEqual([]);
  });
});

describe("unique-service-names", () => {
  const urn = (n: string) => `urn:pulumi:dev::p::pulumi-nodejs:dynamic/hpecom:ExternalService::${n}`;
  it("flags a name used twice in one tenant, not across tenants", () => {
    expect(record(uniqueServiceNames([{ urn: urn("b"), props: snow() }, { urn: urn("a"), props: snow() }])).violations)
      .toEqual(["external service name 'ServiceNow' is used by 2 resources (a, b): names must be unique in a workspace"]);
    expect(uniqueServiceNames([{ urn: urn("a"), props: { ...dscc(), tenantAcid: "t1" } }, { urn: urn("b"), props: { ...dscc(), tenantAcid: "t2" } }]).violations).toEqual([]);
  });
  it("tells workspaces apart by their connection, whatever the credentials", () => {
    const at = (region: string, clientId: string, tenantAcid?: string) => ({ ...dscc(), connection: { region, clientId, clientSecret: "s", tenantAcid } });
    expect(uniqueServiceNames([{ urn: urn("a"), props: at("us-west", "x") }, { urn: urn("b"), props: at("eu-central", "x") }]).violations).toEqual([]);
    expect(uniqueServiceNames([{ urn: urn("a"), props: at("eu-central", "x", "t1") }, { urn: urn("b"), props: at("eu-central", "x", "t2") }]).violations).toEqual([]);
    expect(uniqueServiceNames([{ urn: urn("a"), props: at("eu-central", "x") }, { urn: urn("b"), props: at("eu-central", "y") }]).violations).toHaveLength(1);
  });
  it("waits for an unknown name", () => {
    expect(uniqueServiceNames([{ urn: urn("a"), props: { ...dscc(), name: UNKNOWN } }]).pending).toEqual([urn("a")]);
  });
});

describe("refresh-token-expiry", () => {
  const NOW = Date.parse("2027-03-01T00:00:00Z");
  const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
  const withDays = (extra: Record<string, unknown>) => ({ ...snow(), serviceData: { ...snow().serviceData, refreshTokenExpiryInDays: 365 }, ...extra });
  const judge = (props: Record<string, unknown>, days?: number) =>
    record(refreshTokenExpiry([{ urn: "urn:pulumi:dev::p::hpecom:index:ExternalService::snow", props }], { days }, NOW)).violations;

  it("reports a token within the window from what state recorded, naming the resource, the service and the date", () => {
    expect(judge(withDays({ refreshTokenExpiresAt: ago(-20) }))).toEqual([expect.stringMatching(/^snow: the ServiceNow refresh token of external service 'ServiceNow' expires on 2027-03-21, in 20 day\(s\)/)]);
    expect(judge(withDays({ refreshTokenExpiresAt: ago(-40) }))).toEqual([]);
    expect(judge(withDays({ refreshTokenExpiresAt: ago(-40) }), 45)).toHaveLength(1);
  });
  it("counts from the program's refreshTokenIssuedAt before anything is recorded", () => {
    expect(judge(withDays({ refreshTokenIssuedAt: ago(340) }))).toEqual([expect.stringContaining("in 25 day(s)")]);
    expect(judge(withDays({ refreshTokenIssuedAt: ago(366) }))).toEqual([expect.stringContaining("expired on 2027-02-28")]);
    expect(judge(withDays({ refreshTokenIssuedAt: ago(100) }))).toEqual([]);
  });
  it("does not guess: no record, no issue time, an unknown value, or another type", () => {
    expect(judge(withDays({}))).toEqual([]);
    expect(judge(withDays({ refreshTokenExpiresAt: UNKNOWN }))).toEqual([]);
    expect(judge({ ...dscc(), refreshTokenExpiresAt: ago(1) })).toEqual([]);
  });
});

it("reads the engine's unknown sentinels from @pulumi/policy", () => {
  expect(UNKNOWN_SENTINELS.size).toBe(7);
  expect(UNKNOWN_SENTINELS.has(UNKNOWN)).toBe(true);
});
