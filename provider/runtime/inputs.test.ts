// ledger: patch-field-groups, server-filled-fields
import * as fc from "fast-check";
import type { ExternalService } from "../../sdk";
import { diffInputs as diffWith } from "./diff";
import { changedSecretPaths, checkInputs, INPUT_FIELDS, inputsFromService, overlaps, patchView, serverView, ServiceInputs, UNKNOWN } from "./inputs";
import { fullPatch, minimalPatch } from "./patch";

const snow = () => ({
  name: "ServiceNow Integration",
  serviceType: "SERVICE_NOW",
  description: "Incidents",
  authentication: { clientId: "cid", clientSecret: "csecret", refreshToken: "rtoken" },
  serviceData: {
    oauthUrl: "https://acme.service-now.com/oauth_token.do",
    incidentUrl: "https://acme.service-now.com/api/now/import/u_inc",
    refreshTokenExpiryInDays: 150,
    incidentCreationScope: { criticalEventIssues: true },
  },
});

const vcenter = () => ({
  name: "vc", serviceType: "VMWARE_VCENTER",
  authentication: { username: "admin", password: "pw" },
  serviceData: { vCenterUrl: "vc.lab", associatedGatewayUri: "/gw/1", vCenterCertFingerprint: "ab".repeat(32) },
});

function checked(news: Record<string, unknown>): ServiceInputs {
  const outcome = checkInputs(news);
  if (!outcome.checked) throw new Error(`fixture does not check: ${JSON.stringify(outcome.failures)}`);
  return outcome.inputs;
}

describe("check", () => {
  it("normalises and fills the documented defaults", () => {
    const { inputs, failures } = checkInputs(snow());
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      authenticationType: "OAUTH", state: "ENABLED", postDeployTest: true, adopt: false,
      serviceData: { incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: false, utilizationAlerts: false, powerResetEvent: false, disconnectedEvent: 0 } },
    });
  });

  it("names the property and the rule for each failure", () => {
    const bad = snow();
    bad.serviceData.incidentCreationScope = { serviceEventIssues: false, criticalEventIssues: true } as never;
    expect(checkInputs({ ...bad, authenticationType: "BASIC", postDeployTest: { timeoutSeconds: 0 }, colour: "red" }).failures).toEqual(expect.arrayContaining([
      { property: "serviceData.incidentCreationScope", reason: "criticalEventIssues requires serviceEventIssues" },
      { property: "authenticationType", reason: "must be OAUTH for serviceType SERVICE_NOW" },
      { property: "postDeployTest.timeoutSeconds", reason: "must be a whole number of seconds from 1 to 3600" },
      { property: "colour", reason: expect.stringContaining("is not an input of ExternalService") },
    ]));
  });

  it("never names the secret authentication input itself, whose value the engine would print", () => {
    const typo = checkInputs({ ...snow(), authentication: { ...snow().authentication, clientSecrt: "x" } }).failures;
    expect(typo).toEqual([{ property: "authentication.clientSecrt", reason: "is not a known field here" }]);
    const wrongType = checkInputs({ ...snow(), authentication: "not-an-object" }).failures;
    expect(wrongType.map((f) => f.property)).toEqual(["authentication (secret)"]);
  });

  it("does not judge values that are unknown during preview", () => {
    const s = snow();
    s.serviceData.incidentCreationScope = { serviceEventIssues: UNKNOWN, criticalEventIssues: true } as never;
    expect(checkInputs(s).failures).toEqual([]);
    expect(checkInputs({ ...snow(), serviceType: UNKNOWN, authenticationType: "BASIC" }).failures).toEqual([]);
    expect(checkInputs({ ...snow(), authentication: UNKNOWN }).failures).toEqual([]);
    // …but still reports what is known to be wrong.
    expect(checkInputs({ ...snow(), authentication: UNKNOWN, name: "" }).failures).toEqual([{ property: "name", reason: "name must not be empty" }]);
  });

  it("never throws, and every failure names a property (fuzzed)", () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom("name", "serviceType", "authentication", "serviceData", "state", "description", "adopt", "postDeployTest", "tenantAcid", "x"), fc.anything()), (news) => {
      const { failures } = checkInputs(news as Record<string, unknown>);
      for (const f of failures) {
        expect(f.property.length).toBeGreaterThan(0);
        expect(f.reason.length).toBeGreaterThan(0);
      }
    }), { numRuns: 500 });
  });
});

describe("diff", () => {
  const DEFAULTS = { endpoint: "https://us-west.api.greenlake.hpe.com", clientId: "c", clientSecret: "s" };
  const diffInputs = (olds: ServiceInputs, news: ServiceInputs) => diffWith(olds, news, DEFAULTS);
  const olds = () => ({ ...checked(snow()), resourceUri: "/x", generation: 1 });
  it("sees no change when equal after normalisation", () => {
    const again = snow();
    again.serviceData.incidentCreationScope = { serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: false } as never;
    expect(diffInputs(olds(), checked(again))).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
  it("updates in place for a description change", () => {
    expect(diffInputs(olds(), checked({ ...snow(), description: "new" }))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });
  it("replaces on serviceType, deleting first when the name stays", () => {
    const dscc = { name: "ServiceNow Integration", serviceType: "DSCC", authentication: { clientId: "a", clientSecret: "b" }, serviceData: { region: "us-west" } };
    expect(diffInputs(olds(), checked(dscc))).toMatchObject({ changes: true, replaces: ["serviceType"], deleteBeforeReplace: true });
    expect(diffInputs(olds(), checked({ ...dscc, name: "other" }))).toMatchObject({ replaces: ["serviceType"], deleteBeforeReplace: false });
    expect(diffInputs(olds(), { ...checked(snow()), tenantAcid: UNKNOWN })).toMatchObject({ replaces: ["tenantAcid"] });
  });
  it("moves a service to another workspace by replacement (create first), and takes new credentials as an update", () => {
    const eu = { region: "eu-central", clientId: "eu", clientSecret: "eu-secret" };
    expect(diffInputs(olds(), { ...checked(snow()), connection: eu })).toEqual({ changes: true, replaces: ["connection"], deleteBeforeReplace: false });
    // The default connection, named explicitly: the same workspace, so nothing moves.
    expect(diffInputs(olds(), { ...checked(snow()), connection: { region: "us-west", clientId: "c", clientSecret: "s" } }))
      .toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const before = { ...olds(), connection: eu };
    expect(diffInputs(before, { ...checked(snow()), connection: { ...eu, clientId: "eu-2", clientSecret: "rotated" } }))
      .toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(diffInputs(before, { ...checked(snow()), connection: { ...eu, tenantAcid: "t-1" } })).toMatchObject({ replaces: ["connection"] });
  });
});

describe("diff after an import", () => {
  it("does not count the secrets the imported state never had", () => {
    const imported = { ...checked(snow()), authentication: { clientId: "cid" } };
    expect(diffWith(imported, checked(snow()), {})).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(diffWith(imported, { ...checked(snow()), authentication: { ...snow().authentication, clientId: "other" } }, {}).changes).toBe(true);
  });
});

describe("each rule of check, by its exact words", () => {
  const dscc = () => ({ name: "d", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" } });
  it.each([
    ["an unknown input", { ...snow(), colour: "red" }, { property: "colour", reason: `is not an input of ExternalService (inputs: ${INPUT_FIELDS.join(", ")})` }],
    ["a connection that is text", { ...snow(), connection: "us-west" }, { property: "connection (secret)", reason: "must be an hpecom.Connection" }],
    ["a connection holding a number", { ...snow(), connection: { region: "us-west", clientId: 5 } }, { property: "connection (secret)", reason: "must be an hpecom.Connection" }],
    ["an empty tenantAcid", { ...snow(), tenantAcid: "" }, { property: "tenantAcid", reason: "must be a non-empty string" }],
    ["a tenantAcid that is no text", { ...snow(), tenantAcid: 7 }, { property: "tenantAcid", reason: "must be a non-empty string" }],
    ["an empty vCenterUuid", { ...snow(), vCenterUuid: "" }, { property: "vCenterUuid", reason: "must be a non-empty string" }],
    ["a vCenterUuid that is no text", { ...vcenter(), vCenterUuid: 7 }, { property: "vCenterUuid", reason: "must be a non-empty string" }],
    ["a vCenterUuid on another type", { ...snow(), vCenterUuid: "u-1" }, { property: "vCenterUuid", reason: "applies to serviceType VMWARE_VCENTER only" }],
    ["adopt as text", { ...snow(), adopt: "yes" }, { property: "adopt", reason: "must be true or false" }],
    ["an issue time on another type", { ...dscc(), refreshTokenIssuedAt: "2026-06-01T09:00:00Z" }, { property: "refreshTokenIssuedAt", reason: "applies to serviceType SERVICE_NOW only" }],
  ])("names %s", (_case, news, failure) => {
    expect(checkInputs(news as Record<string, unknown>).failures).toEqual([failure]);
  });

  it("takes postDeployTest as a switch or { timeoutSeconds } from 1 to 3600, and names which rule it breaks", () => {
    const failuresFor = (postDeployTest: unknown) => checkInputs({ ...snow(), postDeployTest }).failures;
    for (const ok of [true, false, {}, { timeoutSeconds: 1 }, { timeoutSeconds: 3600 }]) expect(failuresFor(ok)).toEqual([]);
    for (const shape of [null, "yes", 5, { timeoutSeconds: 5, retries: 1 }]) {
      expect(failuresFor(shape)).toEqual([{ property: "postDeployTest", reason: "must be true, false or { timeoutSeconds }" }]);
    }
    for (const seconds of [0, 3601, 1.5, "60"]) {
      expect(failuresFor({ timeoutSeconds: seconds })).toEqual([{ property: "postDeployTest.timeoutSeconds", reason: "must be a whole number of seconds from 1 to 3600" }]);
    }
  });

  it("fills in the authenticationType a known serviceType implies, even when other inputs fail", () => {
    expect(checkInputs({ ...snow(), name: "" })).toMatchObject({ checked: false, inputs: { authenticationType: "OAUTH" } });
    expect(checkInputs({ ...snow(), serviceType: "VMWARE_VCENTER", name: "" }).inputs).toMatchObject({ authenticationType: "BASIC" });
    expect(checkInputs({ ...snow(), serviceType: "FAX", name: "" }).inputs).not.toHaveProperty("authenticationType");
    expect(checkInputs({ ...snow(), authenticationType: "BASIC", name: "" }).inputs).toMatchObject({ authenticationType: "BASIC" });
  });

  it("requires a connection, saying why, when the stack disables the default one", () => {
    expect(checkInputs(snow(), { requireConnection: true }).failures).toEqual([
      { property: "connection", reason: "is required: the stack sets hpecom:disableDefaultConnection, so give this resource { connection } in its options" }]);
    expect(checkInputs({ ...snow(), connection: null }, { requireConnection: true }).failures.map((f) => f.property)).toEqual(["connection (secret)"]);
  });

  it("does not print a value that holds control characters, and names the property all the same", () => {
    expect(checkInputs({ ...snow(), colour: "\u001b[2J" }).failures.map((f) => f.property)).toEqual(["colour (not printed: it holds control characters)"]);
    expect(checkInputs({ ...snow(), tenantAcid: 7, adopt: "\u001b[31mred" }).failures.map((f) => f.property)).toEqual(["tenantAcid", "adopt (not printed: it holds control characters)"]);
    expect(checkInputs({ ...snow(), colours: ["red", "\u001b[2J"] }).failures.map((f) => f.property)).toEqual(["colours (not printed: it holds control characters)"]);
  });

  it("judges a connection whose fields are not known yet only by the fields that are", () => {
    expect(checkInputs({ ...snow(), connection: { region: UNKNOWN, clientId: "c", clientSecret: "s" } }).failures).toEqual([]);
    // A region is judged only without an endpoint: with the endpoint unknown, not yet.
    expect(checkInputs({ ...snow(), connection: { region: "mars", endpoint: UNKNOWN, clientId: "c", clientSecret: "s" } }).failures).toEqual([]);
    expect(checkInputs({ ...snow(), connection: { region: "mars", clientId: UNKNOWN, clientSecret: "s" } }).failures).toEqual([
      { property: "connection.region", reason: "must be one of us-west, eu-central, ap-northeast" }]);
  });
});

describe("check of a connection", () => {
  it("names each problem of an explicit connection by its field", () => {
    expect(checkInputs({ ...snow(), connection: { region: "mars", clientId: "" } }).failures).toEqual([
      { property: "connection.region", reason: "must be one of us-west, eu-central, ap-northeast" },
      { property: "connection.clientId", reason: "is required" },
      { property: "connection.clientSecret", reason: "is required" },
    ]);
  });
  it("requires one when the stack disables the default connection", () => {
    expect(checkInputs(snow(), { requireConnection: true }).failures).toEqual([expect.objectContaining({ property: "connection", reason: expect.stringContaining("hpecom:disableDefaultConnection") })]);
    expect(checkInputs({ ...snow(), connection: { region: "eu-central", clientId: "c", clientSecret: "s" } }, { requireConnection: true }).checked).toBe(true);
  });
});

describe("merge patches of an update", () => {
  it("sends only the groups that changed, each whole, null for a removed description, nothing for a no-op", () => {
    const before = checked(snow());
    const after = checked({ ...snow(), description: undefined, serviceData: { ...snow().serviceData, refreshTokenExpiryInDays: 200 } });
    expect(minimalPatch(before, after)).toEqual({ description: null, serviceData: after.serviceData });
    const rotated = checked({ ...snow(), authentication: { ...snow().authentication, clientSecret: "new-secret" } });
    // A refreshToken never travels without clientId and clientSecret: the whole group goes.
    expect(minimalPatch(before, rotated)).toEqual({ authentication: rotated.authentication });
    expect(minimalPatch(before, checked({ ...snow(), description: "other" }))).toEqual({ description: "other" });
    expect(minimalPatch(before, checked(snow()))).toBeUndefined();
  });

  it("always sends a vCenter's seed group: name, the three connection fields, username and password", () => {
    const vc = vcenter();
    const before = checked(vc);
    const after = checked({ ...vc, description: "lab" });
    expect(minimalPatch(before, after)).toEqual({
      description: "lab", name: "vc", serviceData: vc.serviceData, authentication: vc.authentication,
    });
    expect(minimalPatch(before, checked({ ...vc, vCenterUuid: "4c4c4544-0042" }))).toBeUndefined();
  });

  it("after a change outside Pulumi sends every managed field, secrets included, and nulls what is not desired", () => {
    const desired = checked(snow());
    const server = {
      ...desired, id: "1", description: "changed in the UI", state: "DISABLED",
      authentication: { clientId: "cid", clientSecret: "**********", refreshToken: "**********", issuedBy: "server" },
      serviceData: { ...desired.serviceData, refreshTokenExpiryInDays: undefined, extra: "x" }, generation: 3, resourceUri: "/x", createdAt: "", updatedAt: "",
    } as unknown as ExternalService;
    const patch = fullPatch(server, desired) as Record<string, Record<string, unknown>>;
    expect(patch).toMatchObject({ name: desired.name, description: "Incidents", state: "ENABLED" });
    // A field the client does not model is the server's: never nulled, never sent (ledger: server-filled-fields).
    expect(patch.authentication).toEqual(desired.authentication);
    expect(patch.serviceData).toEqual(desired.serviceData);
  });

  it("nulls a modelled field the server has and the desired state does not", () => {
    const desired = checked(snow());
    delete desired.serviceData.refreshTokenExpiryInDays;
    const server = {
      ...checked(snow()), id: "1", generation: 3, resourceUri: "/x", createdAt: "", updatedAt: "",
      authentication: { clientId: "snow-client", clientSecret: "**********", refreshToken: "**********" },
    } as unknown as ExternalService;
    expect((fullPatch(server, desired) as Record<string, Record<string, unknown>>).serviceData).toMatchObject({ refreshTokenExpiryInDays: null });
  });
});

describe("read", () => {
  it("maps the API's view back to inputs that diff as unchanged, keeping secrets from state", () => {
    const inputs = checked({ ...snow(), tenantAcid: "t1", postDeployTest: false });
    const server = {
      id: "1", name: inputs.name, serviceType: "SERVICE_NOW", authenticationType: "OAUTH", description: inputs.description, state: "ENABLED",
      authentication: { clientId: "cid", clientSecret: "**********", refreshToken: "**********" },
      serviceData: inputs.serviceData, generation: 1, resourceUri: "/x", createdAt: "", updatedAt: "", status: "ENABLED",
    } as unknown as ExternalService;
    const read = inputsFromService(server, inputs);
    expect(read.authentication).toEqual(inputs.authentication);
    expect(diffWith(read, inputs, {}).changes).toBe(false);
    // A server that leaves state out means ENABLED (the documented default): no change, no patch.
    const stateless = { ...server, state: undefined } as unknown as ExternalService;
    expect(inputsFromService(stateless, inputs).state).toBe("ENABLED");
  });
});

describe("the exact shape of inputs", () => {
  const dsccService = (over: Record<string, unknown> = {}) => ({
    id: "1", name: "d", serviceType: "DSCC", authenticationType: "OAUTH", state: "ENABLED",
    authentication: { clientId: "c", clientSecret: "**********" }, serviceData: { region: "us-west" },
    generation: 1, resourceUri: "/x", createdAt: "", updatedAt: "", ...over,
  }) as unknown as ExternalService;

  it("holds no key for an option not given, after check and after a read", () => {
    const minimal = { name: "d", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" } };
    const base = { name: "d", serviceType: "DSCC", authenticationType: "OAUTH", state: "ENABLED", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" }, postDeployTest: true, adopt: false };
    expect(checkInputs(minimal).inputs).toStrictEqual(base);
    expect(checkInputs({ ...minimal, description: null, connection: null }).inputs).toStrictEqual(base);
    expect(inputsFromService(dsccService(), checked(minimal))).toStrictEqual(base);
    expect(inputsFromService(dsccService({ description: null }), checked(minimal))).toStrictEqual(base);
    // An imported service has no options in state: the defaults.
    expect(inputsFromService(dsccService(), { authentication: { clientId: "c", clientSecret: "s" } })).toStrictEqual(base);
    const view = { name: "d", state: "ENABLED", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" } };
    expect(patchView(checked(minimal))).toStrictEqual(view);
    const masked = { ...view, authentication: { clientId: "c", clientSecret: "**********" } };
    expect(serverView(dsccService())).toStrictEqual(masked);
    expect(serverView(dsccService({ description: null }))).toStrictEqual(masked);
    expect(serverView(dsccService({ description: "words" }))).toStrictEqual({ ...masked, description: "words" });
  });

  it("keeps every option a program gives, through check", () => {
    const own = { tenantAcid: "t1", vCenterUuid: "u1", connection: { region: "us-west", clientId: "c", clientSecret: "s" }, postDeployTest: { timeoutSeconds: 5 }, adopt: true };
    expect(checked({ ...vcenter(), ...own })).toMatchObject(own);
    expect(checked({ ...snow(), refreshTokenIssuedAt: "2026-06-01T09:00:00Z" })).toMatchObject({ refreshTokenIssuedAt: "2026-06-01T09:00:00Z" });
  });

  it("takes the key under which the engine passes a dynamic provider as no input of the program's", () => {
    expect(checkInputs({ ...snow(), __provider: "serialized provider" }).failures).toEqual([]);
  });

  it("keeps the provider's own options from state through a read, whatever they are", () => {
    const own = { postDeployTest: { timeoutSeconds: 5 }, adopt: true, tenantAcid: "t1", vCenterUuid: "u1", refreshTokenIssuedAt: "2026-06-01T09:00:00Z", connection: { region: "us-west", clientId: "c", clientSecret: "s" } };
    const read = inputsFromService(dsccService({ description: "words" }), { authentication: { clientId: "c", clientSecret: "s" }, ...own } as never);
    expect(read).toStrictEqual({
      name: "d", serviceType: "DSCC", authenticationType: "OAUTH", state: "ENABLED", description: "words",
      authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" }, ...own,
    });
    expect(inputsFromService(dsccService(), { postDeployTest: false, adopt: false } as never)).toMatchObject({ postDeployTest: false, adopt: false });
  });
});

describe("changedSecretPaths", () => {
  it("names the secret fields whose value changes, never a value, and nothing on create", () => {
    const before = checked(snow());
    const after = checked({ ...snow(), authentication: { ...snow().authentication, refreshToken: "rotated-refresh" } });
    expect(changedSecretPaths(before, after)).toEqual(["authentication.refreshToken"]);
    expect(changedSecretPaths(before, before)).toEqual([]);
    expect(changedSecretPaths({}, after)).toEqual([]);
  });

  it("names no secret a program stopped giving", () => {
    const before = checked(snow());
    const { refreshToken: _dropped, ...rest } = snow().authentication;
    expect(changedSecretPaths(before, { ...before, authentication: rest } as ServiceInputs)).toEqual([]);
  });

  it("is not an input a program may set", () => {
    expect(checkInputs({ ...snow(), changedSecrets: ["x"] }).failures).toEqual([expect.objectContaining({ property: "changedSecrets" })]);
  });
});

describe("which failures an unknown value keeps from being judged", () => {
  it.each([
    ["the same path", "serviceData.region", "serviceData.region", true],
    ["a path inside the failing one", "serviceData.incidentCreationScope.serviceEventIssues", "serviceData.incidentCreationScope", true],
    ["the enclosing object", "serviceData", "serviceData.region", true],
    ["the whole input", "", "name", true],
    ["a failure of the whole input", "name", "", true],
    ["a sibling", "serviceData.oauthUrl", "serviceData.incidentUrl", false],
    ["a name that only begins the same", "serviceData", "serviceDataExtra", false],
    ["a path that only ends the same", "x.serviceData", "serviceData", false],
  ])("%s", (_case, unknownPath, property, expected) => {
    expect(overlaps(unknownPath, property)).toBe(expected);
  });
});
