// ledger: fingerprint-format, scope-shape
import { z } from "zod";
import { formatIssue, issuesOf } from "../core/validation-issues";
import { AnyExternalServiceSchema, ExternalServiceCreateSchema, ExternalServiceSchema, MODELLED_FIELDS } from "../schemas/external-service";
import { AUTHENTICATION_PAIRING, AUTHENTICATION_TYPE_FOR, foldScope, isModelled, modelledFields, visibleAuthentication } from "./external-service";
import { DEFAULT_INCIDENT_SCOPE, SCOPE_FLAGS } from "./scope-rules";

const vcenter = {
  name: "vc", serviceType: "VMWARE_VCENTER" as const,
  authentication: { username: "administrator@vsphere.local", password: "pw" },
  serviceData: { vCenterUrl: "vc.example.com", associatedGatewayUri: "/api/gw/1", vCenterCertFingerprint: "AB:".repeat(31) + "AB" },
};
const snow = {
  name: "sn", serviceType: "SERVICE_NOW" as const,
  authentication: { clientId: "c", clientSecret: "s", refreshToken: "r" },
  serviceData: { oauthUrl: "https://i.service-now.com/oauth_token.do", incidentUrl: "https://i.service-now.com/api/now/import/x" },
};
const dscc = { name: "ds", serviceType: "DSCC" as const, authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" } };

function issues(input: unknown): string[] {
  const r = ExternalServiceCreateSchema.safeParse(input);
  return r.success ? [] : issuesOf(r.error).map(formatIssue);
}

/** `base` with one field of one group replaced (undefined: left out). */
function withField<T extends { authentication: object; serviceData: object }>(base: T, group: "authentication" | "serviceData", key: string, value: unknown): T {
  const fields: Record<string, unknown> = { ...base[group], [key]: value };
  if (value === undefined) delete fields[key];
  return { ...base, [group]: fields };
}

describe("create schemas", () => {
  it("derives authenticationType and normalises the fingerprint to lowercase hex without colons", () => {
    const out = ExternalServiceCreateSchema.parse(vcenter);
    expect(out.authenticationType).toBe("BASIC");
    expect(out.serviceData).toMatchObject({ vCenterCertFingerprint: "ab".repeat(32) });
  });
  it("pairs each service type with its authentication type, and says so in words", () => {
    expect(AUTHENTICATION_TYPE_FOR).toEqual({ SERVICE_NOW: "OAUTH", DSCC: "OAUTH", VMWARE_VCENTER: "BASIC" });
    expect(AUTHENTICATION_PAIRING).toBe("OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER");
    expect([snow, dscc, vcenter].map((body) => ExternalServiceCreateSchema.parse(body).authenticationType)).toEqual(["OAUTH", "OAUTH", "BASIC"]);
    expect(issues({ ...snow, authenticationType: "BASIC" })).toEqual(["authenticationType: must be OAUTH for serviceType SERVICE_NOW"]);
    expect(issues({ ...dscc, authenticationType: "BASIC" })).toEqual(["authenticationType: must be OAUTH for serviceType DSCC"]);
    expect(issues({ ...vcenter, authenticationType: "OAUTH" })).toEqual(["authenticationType: must be BASIC for serviceType VMWARE_VCENTER"]);
  });
  it("names the property and the rule for a bad fingerprint, a typo, an unknown service type", () => {
    expect(issues(withField(vcenter, "serviceData", "vCenterCertFingerprint", "abc")))
      .toEqual(["serviceData.vCenterCertFingerprint: must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed"]);
    expect(issues(withField(vcenter, "serviceData", "vCenterCertFingerprint", "0" + "ab".repeat(32))))
      .toEqual(["serviceData.vCenterCertFingerprint: must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed"]);
    expect(issues(withField(vcenter, "serviceData", "vcenterUrl", "x"))).toEqual(["serviceData.vcenterUrl: is not a known field here"]);
    expect(issues({ ...vcenter, serviceType: "JIRA" })).toEqual(["serviceType: serviceType must be one of SERVICE_NOW, DSCC, VMWARE_VCENTER"]);
  });

  // Each required string of each type: left out, of the wrong type, empty.
  const bodies = { SERVICE_NOW: snow, DSCC: dscc, VMWARE_VCENTER: vcenter };
  const requiredStrings: [keyof typeof bodies, "authentication" | "serviceData", string][] = [
    ["SERVICE_NOW", "authentication", "clientId"], ["SERVICE_NOW", "authentication", "clientSecret"], ["SERVICE_NOW", "authentication", "refreshToken"],
    ["DSCC", "authentication", "clientId"], ["DSCC", "authentication", "clientSecret"], ["DSCC", "serviceData", "region"],
    ["VMWARE_VCENTER", "authentication", "username"], ["VMWARE_VCENTER", "authentication", "password"],
    ["VMWARE_VCENTER", "serviceData", "vCenterUrl"], ["VMWARE_VCENTER", "serviceData", "associatedGatewayUri"],
  ];
  it.each(requiredStrings)("%s: %s.%s is required, a string and not empty", (type, group, key) => {
    const base = bodies[type];
    expect(issues(withField(base, group, key, undefined))).toEqual([`${group}.${key}: ${key} is required`]);
    expect(issues(withField(base, group, key, 5))).toEqual([`${group}.${key}: ${key} must be a string`]);
    expect(issues(withField(base, group, key, ""))).toEqual([`${group}.${key}: ${key} must not be empty`]);
  });
  it("requires the vCenter fingerprint", () => {
    expect(issues(withField(vcenter, "serviceData", "vCenterCertFingerprint", undefined))).toEqual(["serviceData.vCenterCertFingerprint: vCenterCertFingerprint is required"]);
  });

  it("bounds the name and the description, and knows the two states", () => {
    expect(issues({ ...dscc, name: undefined })).toEqual(["name: name is required"]);
    expect(issues({ ...dscc, name: "n".repeat(255) })).toEqual([]);
    expect(issues({ ...dscc, name: "n".repeat(256) })).toEqual(["name: must be at most 255 characters"]);
    expect(issues({ ...dscc, name: "two\nlines" })).toEqual(["name: must not contain control characters (line breaks, tabs, terminal escapes)"]);
    expect(issues({ ...dscc, description: "d".repeat(255) })).toEqual([]);
    expect(issues({ ...dscc, description: "d".repeat(256) })).toEqual(["description: must be shorter than 256 characters"]);
    expect(ExternalServiceCreateSchema.parse(dscc).description).toBeNull();
    expect(issues({ ...dscc, state: "DISABLED" })).toEqual([]);
    expect(issues({ ...dscc, state: "ON" })).toEqual(["state: must be ENABLED or DISABLED"]);
  });

  it("takes only http(s) URLs for ServiceNow, and refresh-token lifetimes from 100 to 365 days", () => {
    for (const url of ["ftp://i.service-now.com/x", "xhttps://i.service-now.com/x", "httpsx://i.service-now.com/x", "not a url"]) {
      expect(issues(withField(snow, "serviceData", "oauthUrl", url))).toEqual(["serviceData.oauthUrl: must be an http(s) URL"]);
    }
    expect(issues(withField(snow, "serviceData", "incidentUrl", "http://i.example.com/x"))).toEqual([]);
    for (const days of [100, 365]) expect(issues(withField(snow, "serviceData", "refreshTokenExpiryInDays", days))).toEqual([]);
    for (const days of [99, 366]) {
      expect(issues(withField(snow, "serviceData", "refreshTokenExpiryInDays", days))).toEqual(["serviceData.refreshTokenExpiryInDays: must be from 100 to 365"]);
    }
  });

  it("reads the scope flat or nested, fills its defaults, and reports the hierarchy with its reason", () => {
    expect(ExternalServiceCreateSchema.parse(snow).serviceData).toEqual({ ...snow.serviceData, incidentCreationScope: DEFAULT_INCIDENT_SCOPE });
    const flat = ExternalServiceCreateSchema.parse(withField(snow, "serviceData", "criticalEventIssues", true));
    expect(flat.serviceData).toMatchObject({ incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true } });
    const scoped = (scope: object) => issues(withField(snow, "serviceData", "incidentCreationScope", scope));
    expect(scoped({ serviceEventIssues: false, criticalEventIssues: true })).toEqual([
      "serviceData.incidentCreationScope: criticalEventIssues requires serviceEventIssues",
      "serviceData.incidentCreationScope: at least one of serviceEventIssues or utilizationAlerts must be selected",
    ]);
    for (const hours of [0, 3]) expect(scoped({ disconnectedEvent: hours })).toEqual([]);
    for (const hours of [-1, 4]) expect(scoped({ disconnectedEvent: hours })).toEqual(["serviceData.incidentCreationScope.disconnectedEvent: must be 0, 1, 2 or 3"]);
    expect(scoped({ healthNotification: "yes" })).toEqual(["serviceData.incidentCreationScope.healthNotification: must be true or false"]);
  });
});

describe("the create schemas' descriptions, which the plugin's schema and docs are made of", () => {
  const json = z.toJSONSchema(ExternalServiceCreateSchema, { io: "input", unrepresentable: "any" }) as {
    oneOf: { properties: Record<string, { description?: string; properties?: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> }> }[];
  };
  const [snowJson, dsccJson, vcenterJson] = json.oneOf;
  const described = (p: { description?: string } | undefined) => p?.description ?? "";

  it("state each field's rule in the words its validation error uses", () => {
    const rules: [string, string, string][] = [
      [described(snowJson.properties.name), "must be at most 255 characters", "must not contain control characters (line breaks, tabs, terminal escapes)"],
      [described(snowJson.properties.description), "must be shorter than 256 characters", ""],
      [described(snowJson.properties.serviceData.properties!.oauthUrl), "must be an http(s) URL", "OAuth token URL"],
      [described(snowJson.properties.serviceData.properties!.incidentUrl), "must be an http(s) URL", "receives incidents"],
      [described(snowJson.properties.serviceData.properties!.refreshTokenExpiryInDays), "must be from 100 to 365", "lifetime in days"],
      [described(snowJson.properties.serviceData.properties!.incidentCreationScope), "criticalEventIssues requires serviceEventIssues; warningEventIssues requires criticalEventIssues; at least one of serviceEventIssues or utilizationAlerts must be selected.", "Which events"],
      [described(vcenterJson.properties.serviceData.properties!.vCenterCertFingerprint), "must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed", "lower-case hex"],
      [described(snowJson.properties.authenticationType), "OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER", "may be left out"],
      [described(snowJson.properties.state), "ENABLED (the default) or DISABLED", ""],
    ];
    for (const [description, rule, also] of rules) {
      expect(description).toContain(rule);
      expect(description).toContain(also);
    }
  });
  it("describe every field of every type, secrets as secrets, scope flags with their defaults", () => {
    for (const variant of [snowJson, dsccJson, vcenterJson]) {
      for (const [key, property] of Object.entries(variant.properties)) {
        // The discriminator and the two groups are described by the plugin's schema (its enum and named types).
        if (!["serviceType", "authentication", "serviceData"].includes(key)) expect([key, described(property).length > 20]).toEqual([key, true]);
        for (const [inner, innerProperty] of Object.entries(property.properties ?? {})) expect([inner, described(innerProperty).length > 20]).toEqual([inner, true]);
      }
    }
    expect(described(vcenterJson.properties.authentication.properties!.password)).toBe("VMWARE_VCENTER: the vCenter user's password. A secret: sent to the API, never read back.");
    expect(described(dsccJson.properties.serviceData.properties!.region)).toContain("DSCC: the Data Services Cloud Console region");
    const scope = snowJson.properties.serviceData.properties!.incidentCreationScope.properties!;
    for (const flag of SCOPE_FLAGS) expect(scope[flag].description).toContain(`Default ${DEFAULT_INCIDENT_SCOPE[flag]}.`);
    expect(scope.criticalEventIssues.description).toContain("It requires serviceEventIssues.");
    expect(scope.serviceEventIssues.description).not.toContain("It requires");
    expect(scope.disconnectedEvent.description).toContain("It must be 0, 1, 2 or 3. Default 0.");
    expect(scope.healthNotification.description).toContain("independent of the event hierarchy");
  });
});

describe("what the client models", () => {
  it("per type, the authentication and serviceData fields it writes, compares and keeps", () => {
    expect(MODELLED_FIELDS).toEqual({
      SERVICE_NOW: { authentication: ["clientId", "clientSecret", "refreshToken"], serviceData: ["oauthUrl", "incidentUrl", "refreshTokenExpiryInDays", "incidentCreationScope"] },
      DSCC: { authentication: ["clientId", "clientSecret"], serviceData: ["region"] },
      VMWARE_VCENTER: { authentication: ["username", "password"], serviceData: ["vCenterUrl", "associatedGatewayUri", "vCenterCertFingerprint"] },
    });
    expect(modelledFields("VMWARE_VCENTER", "serviceData", { vCenterUrl: "vc", vCenterVersion: "8.0", associatedGatewayUri: undefined }))
      .toStrictEqual({ vCenterUrl: "vc" });
  });
  it("shows no secret field and no masked value of an authentication", () => {
    expect(visibleAuthentication({ clientId: "c", clientSecret: "s", refreshToken: "r", password: "p", username: "**********", other: 5 }))
      .toStrictEqual({ clientId: "c" });
  });
  it("folds flat scope keys into incidentCreationScope, and leaves anything else as it is", () => {
    const plain = { oauthUrl: "u" };
    expect(foldScope(plain)).toBe(plain);
    expect(foldScope("x")).toBe("x");
    expect(foldScope({ oauthUrl: "u", incidentCreationScope: "bad", utilizationAlerts: true }))
      .toStrictEqual({ oauthUrl: "u", incidentCreationScope: { utilizationAlerts: true } });
    expect(foldScope({ incidentCreationScope: { serviceEventIssues: false }, utilizationAlerts: true }))
      .toStrictEqual({ incidentCreationScope: { serviceEventIssues: false, utilizationAlerts: true } });
  });
});

describe("response schema", () => {
  const answer = { id: "1", name: "sn", resourceUri: "/x/1", generation: 2, createdAt: "t", updatedAt: "t" };

  it("tolerates unknown fields and flat scope keys, and fills the scope's defaults", () => {
    const parsed = ExternalServiceSchema.parse({
      ...answer, serviceType: "SERVICE_NOW", authenticationType: "OAUTH", somethingNew: 1, authentication: { clientId: "c", clientSecret: "**********" },
      serviceData: { oauthUrl: "u", incidentUrl: "v", warningEventIssues: true, criticalEventIssues: true },
    });
    expect(parsed.serviceData).toMatchObject({ incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: true, disconnectedEvent: 0 } });
    const noScope = ExternalServiceSchema.parse({ ...answer, serviceType: "SERVICE_NOW", authenticationType: "OAUTH", serviceData: { oauthUrl: "u", incidentUrl: "v" } });
    expect(noScope.serviceData).toMatchObject({ incidentCreationScope: DEFAULT_INCIDENT_SCOPE });
  });
  it("normalises a vCenter fingerprint as the create schema does", () => {
    const parsed = ExternalServiceSchema.parse({ ...answer, serviceType: "VMWARE_VCENTER", authenticationType: "BASIC", serviceData: vcenter.serviceData });
    expect(parsed.serviceData).toMatchObject({ vCenterCertFingerprint: "ab".repeat(32) });
  });
  it("yields a service without its type's documented fields as unmodelled, with its id, name and type as text", () => {
    const dsccWithoutRegion = AnyExternalServiceSchema.parse({ ...answer, serviceType: "DSCC", authenticationType: "OAUTH", serviceData: {} });
    expect(isModelled(dsccWithoutRegion)).toBe(false);
    expect(isModelled(AnyExternalServiceSchema.parse({ ...answer, serviceType: "DSCC", authenticationType: "OAUTH", serviceData: { region: "eu" } }))).toBe(true);
    expect(AnyExternalServiceSchema.parse({ id: 7, name: "aruba", serviceType: "ARUBA_CENTRAL" }))
      .toMatchObject({ modelled: false, id: "", name: "aruba", serviceType: "ARUBA_CENTRAL" });
  });
});
