/**
 * Where the reference is the judge: the emulator in its strict defaults refuses what the
 * reference does not allow, its settings offer the other plausible behaviours where the
 * reference is silent, and the sdk works against each of them (docs/api-assumptions.md).
 */

// ledger: vcenter-delete-job, vcenter-uuid, job-final-states, masked-secret-in-patch, secrets-masked, duplicate-status, name-uniqueness, unmodelled-types, filter-support, activities-filter, activity-order, test-outcome, test-disabled, scope-shape, health-notification, scope-in-write-answers, create-ambiguous, field-bounds
import axios from "axios";
import {
  BadRequestError, ComApiError, ComValidationError, ConflictError, filter, isModelled, JobFailedError, UnexpectedResponseError,
} from "../../sdk";
import { checkInputs } from "../../provider/runtime/inputs";
import { provider } from "../../provider/runtime/provider";
import { digestOf, secretDigests, waitForLogged } from "../helpers/emulator-inspection";
import { bearerToken, clientFor, dsccInput, pointProviderAt, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator({
  clients: [
    { id: "demo-client", secret: "demo-secret" },
    { id: "msp-client", secret: "msp-secret", workspace: "msp", tenants: ["tenant-a"] },
  ],
});
const url = (path: string) => `${emulator().url}${path}`;
const settings = (s: Record<string, unknown>) => axios.put(url("/__emulator/settings"), s);
beforeEach(async () => { await axios.post(url("/__emulator/reset")); });

/** A raw request with a bearer token, answered whatever its status. */
async function raw(method: string, path: string, body?: unknown, contentType = "application/json") {
  const token = await bearerToken(emulator());
  return axios.request({
    method, url: url(path), data: body, validateStatus: () => true,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { "Content-Type": contentType }) },
  });
}
const subjects = (res: { data: { errorDetails?: { issues: { subject: string }[] }[] } }) =>
  (res.data.errorDetails ?? []).flatMap((d) => d.issues.map((i) => i.subject));
const loggedBodies = async (route: string) =>
  ((await axios.get(url("/__emulator/requests"))).data.requests as { route: string; body: unknown }[]).filter((r) => r.route === route).map((r) => r.body);

describe("deleting a vCenter service: the DeleteVCenter job", () => {
  it("sends resourceType, resourceId and all four jobParams, vCenterUuid defaulting to the service id", async () => {
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const other = await com.externalServices.create(vcenterInput("vc-2"));
    await com.externalServices.delete(vc);
    await com.externalServices.delete({ ...other, vCenterUuid: "4c4c4544-0042-4810-8056-b7c04f503232" });
    const jobs = await loggedBodies("POST /compute-ops-mgmt/v1/jobs");
    expect(jobs).toEqual([
      {
        jobTemplate: "3f06fd6b-dfb1-4bad-bd04-939951797e97", resourceType: "compute-ops-mgmt/external-service", resourceId: vc.id,
        jobParams: { vCenterUrl: "vcenter.lab.local", associatedGatewayUri: vc.serviceData.associatedGatewayUri, externalServiceId: vc.id, vCenterUuid: vc.id },
      },
      expect.objectContaining({ resourceId: other.id, jobParams: expect.objectContaining({ vCenterUuid: "4c4c4544-0042-4810-8056-b7c04f503232" }) }),
    ]);
    expect(await com.externalServices.list().toArray()).toEqual([]);
  });

  it("answers 400 naming the field to the old shape and to any missing parameter", async () => {
    const vc = await clientFor(emulator()).externalServices.create(vcenterInput());
    const old = await raw("POST", "/compute-ops-mgmt/v1/jobs", {
      jobTemplate: "3f06fd6b-dfb1-4bad-bd04-939951797e97", resourceUri: vc.resourceUri,
      jobParams: { vCenterUrl: "vcenter.lab.local", associatedGatewayUri: "/gw", externalServiceId: vc.id },
    });
    expect(old.status).toBe(400);
    expect(subjects(old)).toEqual(expect.arrayContaining(["resourceType", "resourceId", "jobParams.vCenterUuid"]));
    for (const missing of ["vCenterUrl", "associatedGatewayUri", "externalServiceId", "vCenterUuid"]) {
      const jobParams: Record<string, string> = { vCenterUrl: "vcenter.lab.local", associatedGatewayUri: "/gw", externalServiceId: vc.id, vCenterUuid: vc.id };
      delete jobParams[missing];
      const res = await raw("POST", "/compute-ops-mgmt/v1/jobs", {
        jobTemplate: "3f06fd6b-dfb1-4bad-bd04-939951797e97", resourceType: "compute-ops-mgmt/external-service", resourceId: vc.id, jobParams,
      });
      expect([res.status, subjects(res)]).toEqual([400, [`jobParams.${missing}`]]);
    }
  });

  it.each(["STALLED", "ERROR"])("treats a job that ends %s as final and reports it as a failed deletion", async (outcome) => {
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    await settings({ jobOutcome: outcome, jobDurationMs: 100 });
    const err = await com.externalServices.delete(vc, { pollIntervalMs: 20, timeoutMs: 5000 }).catch((e) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.message).toContain(outcome);
    expect((await com.externalServices.list().toArray()).map((s) => s.id)).toEqual([vc.id]);
  });
});

describe("PATCH field groups", () => {
  it("answers 400 naming each field of the vCenter group that a PATCH lacks", async () => {
    const vc = await clientFor(emulator()).externalServices.create(vcenterInput());
    const res = await raw("PATCH", `/compute-ops-mgmt/v1beta1/external-services/${vc.id}`, { description: "lab" }, "application/merge-patch+json");
    expect(res.status).toBe(400);
    expect(subjects(res)).toEqual(["name", "serviceData.vCenterUrl", "serviceData.associatedGatewayUri", "serviceData.vCenterCertFingerprint",
      "authentication.username", "authentication.password"]);
  });

  it("takes a vCenter PATCH with the whole group, a masked password meaning unchanged", async () => {
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const updated = await com.externalServices.update(vc.id, {
      name: vc.name, description: "lab",
      serviceData: { vCenterUrl: "vc2.lab.local", associatedGatewayUri: vc.serviceData.associatedGatewayUri, vCenterCertFingerprint: vc.serviceData.vCenterCertFingerprint },
      authentication: { username: "administrator@vsphere.local", password: "**********" },
    });
    expect(updated).toMatchObject({ generation: 2, description: "lab", serviceData: { vCenterUrl: "vc2.lab.local" } });
    // ledger: masked-secret-in-patch. The mask kept the stored password; a real value replaces it.
    expect((await secretDigests(emulator()))[vc.id]).toEqual({ password: digestOf("vcenter-password-value") });
    await com.externalServices.update(vc.id, {
      name: vc.name, serviceData: updated.serviceData, authentication: { username: "administrator@vsphere.local", password: "rotated-password" },
    });
    expect((await secretDigests(emulator()))[vc.id]).toEqual({ password: digestOf("rotated-password") });
  });

  it("keeps each masked secret of a ServiceNow group and takes each real one (ledger: masked-secret-in-patch)", async () => {
    const com = clientFor(emulator());
    const snow = await com.externalServices.create(snowInput(emulator()));
    await com.externalServices.update(snow.id, { authentication: { clientId: "snow-client", clientSecret: "**********", refreshToken: "new-refresh-token" } });
    expect((await secretDigests(emulator()))[snow.id]).toEqual({ clientSecret: digestOf("snow-secret-value"), refreshToken: digestOf("new-refresh-token") });
  });

  it("answers 400 to a refreshToken without clientId and clientSecret", async () => {
    const snow = await clientFor(emulator()).externalServices.create(snowInput(emulator()));
    const res = await raw("PATCH", `/compute-ops-mgmt/v1beta1/external-services/${snow.id}`,
      { authentication: { refreshToken: "rotated" } }, "application/merge-patch+json");
    expect([res.status, subjects(res)]).toEqual([400, ["authentication.clientId", "authentication.clientSecret"]]);
  });
});

describe("duplicate names", () => {
  it.each([[400, BadRequestError], [409, ConflictError]] as const)(
    "are recognised by the errorCode when the emulator answers %i", async (status, ErrorClass) => {
      await settings({ duplicateStatus: status });
      const com = clientFor(emulator());
      await com.externalServices.create(dsccInput("taken"));
      const err = await com.externalServices.create(dsccInput("taken")).catch((e) => e);
      expect(err).toBeInstanceOf(ErrorClass);
      expect(err).toMatchObject({ httpStatusCode: status, isDuplicate: true });
    });

  it.each([400, 409])("after a create whose answer was lost, takes over its service (duplicates answered %i)", async (status) => {
    await settings({ duplicateStatus: status });
    await axios.put(url("/__emulator/faults"), { seed: 1, match: "^POST .*/external-services$", commitThenDropRate: 1 });
    const com = clientFor(emulator());
    const pending = com.externalServices.create(dsccInput("lost-answer"));
    // Once the log shows the first POST committed and its answer dropped, answer the rest normally.
    const dropped = await waitForLogged(emulator(), (r) => r.fault === "commit-then-drop" && r.method === "POST");
    expect(dropped.status).toBe(201);
    await axios.delete(url("/__emulator/faults"));
    const created = await pending;
    const all = await com.externalServices.list().toArray();
    expect(all.map((s) => [s.id, s.name])).toEqual([[created.id, "lost-answer"]]);
  });

  it.each(["workspace", "service-type"])("held by another service type: never adopted, created where the API allows it (names unique per %s)", async (nameScope) => {
    await settings({ nameScope });
    const existing = await clientFor(emulator()).externalServices.create(vcenterInput("shared-name"));
    pointProviderAt(emulator());
    const outcome = checkInputs({ ...dsccInput("shared-name"), adopt: true });
    if (!outcome.checked) throw new Error("fixture does not check");
    const result = await provider.create(outcome.inputs).catch((e: Error) => e);
    const byName = (await clientFor(emulator()).externalServices.list().toArray()).filter((s) => s.name === "shared-name");
    if (nameScope === "workspace") {
      expect(String(result)).toMatch(`taken in this workspace by a VMWARE_VCENTER external service (id ${existing.id})`);
      expect(byName.map((s) => s.serviceType)).toEqual(["VMWARE_VCENTER"]);
    } else {
      expect(result).toMatchObject({ id: expect.not.stringMatching(existing.id) });
      expect(byName.map((s) => s.serviceType).sort()).toEqual(["DSCC", "VMWARE_VCENTER"]);
    }
  });

  it("a 4xx without the duplicate errorCode is not a duplicate", () => {
    const err = ComApiError.from(400, { errorCode: "HPE-GL-COMPUTE_OPS-0400001" }, { method: "POST", url: "/x" });
    expect(err.isDuplicate).toBe(false);
    expect(ComApiError.from(500, { errorCode: "HPE-GL-COMPUTE_OPS-1700004" }, { method: "POST", url: "/x" }).isDuplicate).toBe(false);
  });
});

describe("services this project does not model", () => {
  // ARUBA_CENTRAL as the client library manages it (API-NOTES: OAUTH, clientId/clientSecret/refreshToken, serviceData.nbUrl).
  const aruba = { name: "Aruba Central", serviceType: "ARUBA_CENTRAL", authenticationType: "OAUTH",
    authentication: { clientId: "aruba", clientSecret: "**********", refreshToken: "**********" },
    serviceData: { nbUrl: "https://us-west.central.example/api", extra: [1, 2] } };

  it("are stored as given with the server fields filled in, and never fail a page", async () => {
    const stored = (await axios.post(url("/__emulator/raw-services"), aruba)).data;
    expect(stored).toMatchObject({ ...aruba, generation: 1, status: "ENABLED", resourceUri: `/compute-ops-mgmt/v1beta1/external-services/${stored.id}` });
    const com = clientFor(emulator());
    const dscc = await com.externalServices.create(dsccInput());
    const all = await com.externalServices.list({ limit: 1 }).toArray();
    expect(all.map((s) => [s.name, isModelled(s)])).toEqual([["Aruba Central", false], ["DSCC", true]]);
    const item = all[0];
    expect(isModelled(item) ? undefined : item).toMatchObject({ modelled: false, id: stored.id, serviceType: "ARUBA_CENTRAL", raw: { serviceData: aruba.serviceData } });
    expect(isModelled(await com.externalServices.get(stored.id))).toBe(false);
    const unmodelled = await com.externalServices.getModelled(stored.id).catch((e) => e);
    expect(unmodelled).toBeInstanceOf(UnexpectedResponseError);
    expect([unmodelled.message, unmodelled.request]).toEqual([
      `external service ${stored.id} ('Aruba Central') is a 'ARUBA_CENTRAL' service, which this client does not model`,
      { method: "GET", url: `${emulator().url}/compute-ops-mgmt/v1beta1/external-services/${stored.id}` },
    ]);
    expect((await com.externalServices.findByName("DSCC", { serviceType: "DSCC" }))?.id).toBe(dscc.id);
  });

  it("go to the tenant named by ?tenant=", async () => {
    await axios.post(url("/__emulator/raw-services?tenant=tenant-a"), aruba);
    const tenantClient = clientFor(emulator(), { tenantAcid: "tenant-a" }, { id: "msp-client", secret: "msp-secret" });
    expect((await tenantClient.externalServices.list().toArray()).map((s) => s.serviceType)).toEqual(["ARUBA_CENTRAL"]);
    expect(await clientFor(emulator()).externalServices.list().toArray()).toEqual([]);
  });
});

describe("filters", () => {
  it("the strict emulator refuses a filter on anything but serviceType, naming the property", async () => {
    const res = await raw("GET", `/compute-ops-mgmt/v1beta1/external-services?filter=${encodeURIComponent("name eq 'x'")}`);
    expect(res.status).toBe(400);
    expect(res.data.message).toContain("name");
    const activities = await raw("GET", `/compute-ops-mgmt/v2beta2/activities?filter=${encodeURIComponent("title eq 'x'")}`.replace("v2beta2", "v1beta2"));
    expect([activities.status, activities.data.message]).toEqual([400, expect.stringContaining("title")]);
  });

  it("the ignoring emulator answers a filter on anything but serviceType as if none had been given", async () => {
    await settings({ filterMode: "ignore" });
    const com = clientFor(emulator());
    for (const name of ["a", "b"]) await com.externalServices.create(dsccInput(name));
    const byName = await raw("GET", `/compute-ops-mgmt/v1beta1/external-services?filter=${encodeURIComponent("name eq 'a'")}`);
    expect([byName.status, byName.data.total]).toEqual([200, 2]);
    const byType = await raw("GET", `/compute-ops-mgmt/v1beta1/external-services?filter=${encodeURIComponent("serviceType eq 'VMWARE_VCENTER'")}`);
    expect([byType.status, byType.data.total]).toEqual([200, 0]);
  });

  it("a string filter outside the builder's grammar is sent as it is, for the server to judge", async () => {
    const text = "serviceType eq 'DSCC' and";
    const refused = await clientFor(emulator()).externalServices.list({ filter: text }).toArray().catch((e) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    const sent = ((await axios.get(url("/__emulator/requests"))).data.requests as { method: string; query: { filter?: string } }[])
      .filter((r) => r.method === "GET").map((r) => r.query.filter);
    expect(sent).toEqual([text]);
  });

  it.each(["strict", "ignore", "lenient"])("the sdk applies what the server cannot filter on itself (%s emulator)", async (mode) => {
    await settings({ filterMode: mode });
    const com = clientFor(emulator());
    for (const name of ["prod-a", "prod-b", "lab-a"]) await com.externalServices.create(dsccInput(name));
    await com.externalServices.create(vcenterInput("prod-vc"));
    const prodDscc = filter.and(filter.eq("serviceType", "DSCC"), filter.contains("name", "prod"));
    expect((await com.externalServices.list({ filter: prodDscc, limit: 2 }).toArray()).map((s) => s.name)).toEqual(["prod-a", "prod-b"]);
    expect((await com.externalServices.list({ filter: filter.or(filter.eq("name", "lab-a"), filter.eq("name", "prod-vc")) }).toArray()).map((s) => s.name))
      .toEqual(["lab-a", "prod-vc"]);
    expect((await com.externalServices.findByName("prod-vc"))?.serviceType).toBe("VMWARE_VCENTER");
    // A string in the builder's grammar is split as the built filter is: the strict server would refuse `name`.
    expect((await com.externalServices.list({ filter: prodDscc.toString() }).toArray()).map((s) => s.name)).toEqual(["prod-a", "prod-b"]);
    const sent = ((await axios.get(url("/__emulator/requests"))).data.requests as { method: string; query: { filter?: string } }[])
      .filter((r) => r.method === "GET").map((r) => r.query.filter).filter(Boolean);
    expect(new Set(sent)).toEqual(new Set(["serviceType eq 'DSCC'"]));
  });
});

describe("field bounds", () => {
  it("the sdk refuses before any request only what every reading refuses", async () => {
    const com = clientFor(emulator());
    const snow = snowInput(emulator());
    const since = emulator().log.lastSeq;
    const refusals = await Promise.all([
      com.externalServices.create(dsccInput("n".repeat(256))),
      com.externalServices.create({ ...dsccInput(), description: "d".repeat(256) }),
      com.externalServices.create({ ...snow, serviceData: { ...snow.serviceData, refreshTokenExpiryInDays: 366 } }),
    ].map((p) => p.catch((e) => e)));
    expect(refusals.map((e) => e instanceof ComValidationError && e.issues.map((i) => i.path).join())).toEqual(["name", "description", "serviceData.refreshTokenExpiryInDays"]);
    expect(emulator().log.lastSeq).toBe(since);
  });

  it.each([[100, 400], [255, 201]])("a name of 101 characters is the server's to judge (emulator takes up to %i: %i)", async (nameMaxLength, status) => {
    await settings({ nameMaxLength });
    const result = await clientFor(emulator()).externalServices.create(dsccInput("n".repeat(101))).catch((e) => e);
    if (status === 201) expect(result).toMatchObject({ name: "n".repeat(101) });
    else expect([result.httpStatusCode, result.message]).toEqual([400, expect.stringMatching(/name must be at most 100 characters/)]);
  });
});

describe("the emulator's settings", () => {
  it("refuse an unknown setting or value, naming it, and keep the ones in force", async () => {
    const res = await axios.put(url("/__emulator/settings"), { filterMode: "loose", duplicateStatus: 409, dupicateStatus: 409 }, { validateStatus: () => true });
    expect(res.status).toBe(400);
    expect(res.data.message).toMatch(/filterMode: must be strict, ignore, lenient; dupicateStatus: not a setting/);
    expect((await axios.get(url("/__emulator/settings"))).data).toMatchObject({ filterMode: "strict", duplicateStatus: 400 });
  });
});

describe("the connection test", () => {
  it("is refused for a DISABLED ServiceNow service, and runs for a DISABLED DSCC service", async () => {
    const com = clientFor(emulator());
    const snow = await com.externalServices.create({ ...snowInput(emulator()), state: "DISABLED" });
    const refused = await com.externalServices.test(snow.id).catch((e) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(JSON.stringify(refused.errorDetails)).toContain('"subject":"state"');
    const dscc = await com.externalServices.create({ ...dsccInput(), state: "DISABLED" });
    expect((await com.externalServices.test(dscc.id, { pollIntervalMs: 20 })).status).toBe("PASSED");
  });

  it("takes JSON only (415 otherwise)", async () => {
    const dscc = await clientFor(emulator()).externalServices.create(dsccInput());
    expect((await raw("POST", `/compute-ops-mgmt/v1beta1/external-services/${dscc.id}/test`)).status).toBe(415);
  });

  it("reads the outcome without reading the words of the service's name", async () => {
    const com = clientFor(emulator());
    const errorProne = await com.externalServices.create(snowInput(emulator(), "error-prone-snow"));
    expect((await com.externalServices.test(errorProne.id, { pollIntervalMs: 20 })).status).toBe("PASSED");
    const passing = await com.externalServices.create(snowInput(emulator(), "passing-snow"));
    await axios.put(url("/__emulator/servicenow"), { refuse: true });
    expect((await com.externalServices.test(passing.id, { pollIntervalMs: 20 })).status).toBe("FAILED");
  });
});

describe("the order of activities", () => {
  it.each(["newest-first", "oldest-first"])("does not matter: each test reads its own result, not an earlier one (%s emulator)", async (activityOrder) => {
    await settings({ activityOrder });
    const com = clientFor(emulator());
    const dscc = await com.externalServices.create(dsccInput("tested-often"));
    const outcomes: string[] = [];
    for (const fails of [false, true, true, false, true]) {
      await settings({ dsccTestFails: fails });
      outcomes.push((await com.externalServices.test(dscc.id, { pollIntervalMs: 20 })).status);
    }
    expect(outcomes).toEqual(["PASSED", "FAILED", "FAILED", "PASSED", "FAILED"]);
    const listed = (await raw("GET", "/compute-ops-mgmt/v1beta2/activities")).data.items.map((a: { key: string }) => a.key.replace("EXTERNAL_SERVICE_TEST_", ""));
    const happened = ["SUCCEEDED", "FAILED", "FAILED", "SUCCEEDED", "FAILED"];
    expect(listed).toEqual(activityOrder === "newest-first" ? [...happened].reverse() : happened);
  });
});

describe("the shape of answers", () => {
  it("secrets masked or left out, the scope nested or flat: the sdk reads the same service", async () => {
    const com = clientFor(emulator());
    const input = snowInput(emulator(), "scoped");
    const scope = { serviceEventIssues: true, criticalEventIssues: true, healthNotification: true };
    const created = await com.externalServices.create({ ...input, serviceData: { ...input.serviceData, incidentCreationScope: scope } });
    const read: Record<string, unknown>[] = [];
    for (const shape of [{ scopeShape: "nested", secretsInAnswers: "masked" }, { scopeShape: "flat", secretsInAnswers: "omitted" }]) {
      await settings(shape);
      const answered = (await raw("GET", `/compute-ops-mgmt/v1beta1/external-services/${created.id}`)).data;
      expect("incidentCreationScope" in answered.serviceData).toBe(shape.scopeShape === "nested");
      expect(Object.keys(answered.authentication).sort()).toEqual(shape.secretsInAnswers === "masked" ? ["clientId", "clientSecret", "refreshToken"] : ["clientId"]);
      const service = await com.externalServices.get(created.id);
      read.push(isModelled(service) ? { serviceData: service.serviceData, clientId: service.authentication.clientId } : {});
    }
    expect(read[1]).toEqual(read[0]);
    expect(read[0]).toMatchObject({ clientId: "snow-client", serviceData: { incidentCreationScope: { ...scope, warningEventIssues: false, disconnectedEvent: 0 } } });
  });

  it("a create's or a PATCH's answer may leave the scope out, as the seed's examples do; reads still carry it", async () => {
    await settings({ writeAnswerScope: "omitted" });
    const input = snowInput(emulator(), "scope-after-write");
    const body = { ...input, authenticationType: "OAUTH", serviceData: { ...input.serviceData, incidentCreationScope: { serviceEventIssues: true, utilizationAlerts: true } } };
    const created = await raw("POST", "/compute-ops-mgmt/v1beta1/external-services", body);
    const patched = await raw("PATCH", `/compute-ops-mgmt/v1beta1/external-services/${created.data.id}`, { description: "x" }, "application/merge-patch+json");
    const read = await raw("GET", `/compute-ops-mgmt/v1beta1/external-services/${created.data.id}`);
    expect([created.status, patched.status]).toEqual([201, 200]);
    expect(["incidentCreationScope" in created.data.serviceData, "incidentCreationScope" in patched.data.serviceData]).toEqual([false, false]);
    expect(read.data.serviceData.incidentCreationScope).toMatchObject({ utilizationAlerts: true });
  });
});

describe("healthNotification", () => {
  it("is an optional boolean outside the scope rule, stored when sent", async () => {
    const com = clientFor(emulator());
    const input = snowInput(emulator());
    const on = await com.externalServices.create({
      ...input, serviceData: { ...input.serviceData, incidentCreationScope: { serviceEventIssues: false, utilizationAlerts: true, healthNotification: true } },
    });
    expect(on.serviceData.incidentCreationScope).toMatchObject({ healthNotification: true, utilizationAlerts: true });
    const plain = await com.externalServices.create(snowInput(emulator(), "plain"));
    expect(plain.serviceData.incidentCreationScope).not.toHaveProperty("healthNotification");
  });

  it("of another type is refused with the property named, by the sdk and by the emulator", async () => {
    const input = snowInput(emulator());
    const body = { ...input, serviceData: { ...input.serviceData, incidentCreationScope: { healthNotification: "yes" } } };
    const sdkError = await clientFor(emulator()).externalServices.create(body as never).catch((e) => e);
    expect(sdkError.issues).toEqual([{ path: "serviceData.incidentCreationScope.healthNotification", message: "must be true or false" }]);
    const res = await raw("POST", "/compute-ops-mgmt/v1beta1/external-services", { ...body, authenticationType: "OAUTH" });
    expect([res.status, subjects(res)]).toEqual([400, ["serviceData.incidentCreationScope.healthNotification"]]);
  });
});
