/**
 * The second reading of the API (HPE's portal pages and the public PowerShell client): the
 * emulator offers each of its readings, and the sdk and the provider's core work under every one
 * (docs/api-assumptions.md: paging, server-filled-fields, activity-source, test-content-type,
 * job-shape, job-progress, job-resource-type, create-description, vcenter-patch-group).
 */

// ledger: job-shape, job-progress, job-resource-type, vcenter-patch-group, server-filled-fields, create-description, activities-filter, activity-source, test-outcome, test-content-type, paging
import axios from "axios";
import { BadRequestError, isModelled, JobAwaitingApprovalError } from "../../sdk";
import { fullPatch } from "../../provider/runtime/patch";
import { checkInputs, inputsFromService, ServiceInputs } from "../../provider/runtime/inputs";
import { InitializationFailure } from "../../provider/runtime/post-deploy-test";
import { provider } from "../../provider/runtime/provider";
import { bearerToken, clientFor, dsccInput, pointProviderAt, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator();
const url = (path: string) => `${emulator().url}${path}`;
const settings = (s: Record<string, unknown>) => axios.put(url("/__emulator/settings"), s);
beforeEach(async () => { await axios.post(url("/__emulator/reset")); });

const COLLECTION = "/compute-ops-mgmt/v1beta1/external-services";
const ACTIVITIES = "/compute-ops-mgmt/v1beta2/activities";

/** A raw request with a bearer token, answered whatever its status. */
async function raw(method: string, path: string, options: { body?: unknown; contentType?: string; query?: Record<string, string | number> } = {}) {
  const token = await bearerToken(emulator());
  return axios.request({
    method, url: url(path), data: options.body, params: options.query, validateStatus: () => true,
    headers: { Authorization: `Bearer ${token}`, ...(options.contentType && { "Content-Type": options.contentType }) },
  });
}
const subjects = (res: { data: { errorDetails?: { issues: { subject: string }[] }[] } }) =>
  (res.data.errorDetails ?? []).flatMap((d) => d.issues.map((i) => i.subject));
const logged = async (since = 0) =>
  ((await axios.get(url(`/__emulator/requests?since=${since}`))).data.requests as { route: string; method: string; query: Record<string, string>; body: unknown }[]);
const checked = (args: Record<string, unknown>): ServiceInputs => {
  const outcome = checkInputs(args);
  if (!outcome.checked) throw new Error(JSON.stringify(outcome.failures));
  return outcome.inputs;
};

describe("list answers without total (HPE's list page marks it optional)", () => {
  it("the sdk pages until a page shorter than the limit, or an empty one, and never asks past the end", async () => {
    await settings({ listTotal: "omitted" });
    const com = clientFor(emulator());
    for (let i = 0; i < 5; i++) await com.externalServices.create(dsccInput(`dscc-${i}`));
    const since = (await logged()).length;
    const pages = [];
    for await (const page of com.externalServices.list({ limit: 2 }).pages()) pages.push(page);
    expect(pages.map((p) => [p.offset, p.count, p.total])).toEqual([[0, 2, undefined], [2, 2, undefined], [4, 1, undefined]]);
    const lists = (await logged(since)).filter((r) => r.route === `GET ${COLLECTION}`);
    expect(lists.map((r) => r.query.offset)).toEqual(["0", "2", "4"]);

    // Exactly a limit's worth: one more request finds the empty page.
    for (let i = 5; i < 6; i++) await com.externalServices.create(dsccInput(`dscc-${i}`));
    expect(await com.externalServices.list({ limit: 3 }).toArray()).toHaveLength(6);
  });

  it("with total, stops at total without asking for an empty page", async () => {
    const com = clientFor(emulator());
    for (let i = 0; i < 4; i++) await com.externalServices.create(dsccInput(`dscc-${i}`));
    const since = (await logged()).length;
    expect(await com.externalServices.list({ limit: 2 }).toArray()).toHaveLength(4);
    expect((await logged(since)).filter((r) => r.route === `GET ${COLLECTION}`)).toHaveLength(2);
  });

  it.each(["newest-first", "oldest-first"])("finds a test's result among activities listed %s without total", async (activityOrder) => {
    await settings({ listTotal: "omitted", activityOrder });
    const com = clientFor(emulator());
    const s = await com.externalServices.create(dsccInput());
    const outcomes = [];
    for (const fails of [false, true, false]) {
      await settings({ dsccTestFails: fails });
      outcomes.push((await com.externalServices.test(s.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status);
    }
    expect(outcomes).toEqual(["PASSED", "FAILED", "PASSED"]);
  });
});

describe("fields the server fills in (vCenterVersion, vCenterAlternateName, and any other)", () => {
  it("are read by the sdk, but never become inputs and never go back in a patch", async () => {
    await settings({ serverFilledFields: "included" });
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const read = await com.externalServices.getModelled(vc.id);
    expect(read.serviceData).toMatchObject({ vCenterVersion: "8.0.2", vCenterAlternateName: "vCenter.alt" });

    const desired = checked({ ...vcenterInput(), description: "changed outside" });
    const inputs = inputsFromService(read, desired);
    expect(Object.keys(inputs.serviceData).sort()).toEqual(["associatedGatewayUri", "vCenterCertFingerprint", "vCenterUrl"]);
    expect(inputs).not.toHaveProperty("emulatorServerField");

    const patch = fullPatch(read, desired);
    expect(Object.keys(patch.serviceData as object).sort()).toEqual(["associatedGatewayUri", "vCenterCertFingerprint", "vCenterUrl"]);
    await com.externalServices.update(vc.id, patch);
    expect((await com.externalServices.getModelled(vc.id)).serviceData).toMatchObject({ vCenterVersion: "8.0.2" });
  });

  it.each([
    ["a vCenter's version, as null", { vCenterVersion: null }, "serviceData.vCenterVersion"],
    ["a vCenter's alternate name", { vCenterAlternateName: "x" }, "serviceData.vCenterAlternateName"],
    ["a field no type has, as null", { notAField: null }, "serviceData.notAField"],
  ])("the emulator refuses a PATCH naming %s", async (_what, extra, subject) => {
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const group = {
      name: vc.name, serviceData: { ...vc.serviceData, ...extra },
      authentication: { username: "administrator@vsphere.local", password: "**********" },
    };
    const res = await raw("PATCH", `${COLLECTION}/${vc.id}`, { body: group, contentType: "application/merge-patch+json" });
    expect([res.status, subjects(res)]).toEqual([400, [subject]]);
  });

  it("of every type are left out of inputs, for any unknown field", async () => {
    await settings({ serverFilledFields: "included" });
    const com = clientFor(emulator());
    for (const input of [snowInput(emulator()), dsccInput()]) {
      const s = await com.externalServices.getModelled((await com.externalServices.create(input)).id);
      expect(s.serviceData).toHaveProperty("emulatorServerField");
      const inputs = inputsFromService(s, checked(input));
      expect(inputs.serviceData).not.toHaveProperty("emulatorServerField");
      expect(inputs).toEqual(expect.objectContaining({ serviceData: checked(input).serviceData }));
    }
  });
});

describe("activities as the public client reads them", () => {
  it("finds a test's result and reads it without the service's name under a category-style source with displayName", async () => {
    await settings({ activitySource: "category" });
    const com = clientFor(emulator());
    const s = await com.externalServices.create(dsccInput("error-prone-dscc"));
    const result = await com.externalServices.test(s.id, { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(result.status).toBe("PASSED");
    const { data } = await raw("GET", ACTIVITIES);
    expect(data.items[0].source).toEqual({ id: s.id, type: "External service", displayName: "error-prone-dscc", resourceUri: `${COLLECTION}/${s.id}` });
  });

  it("never takes another service's activity when the server ignores the filter", async () => {
    await settings({ filterMode: "ignore" });
    const com = clientFor(emulator());
    const failing = await com.externalServices.create(dsccInput("failing"));
    const passing = await com.externalServices.create(dsccInput("passing"));
    await settings({ dsccTestFails: true });
    expect((await com.externalServices.test(failing.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status).toBe("FAILED");
    await settings({ dsccTestFails: false });
    expect((await com.externalServices.test(passing.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status).toBe("PASSED");
    expect((await com.externalServices.test(failing.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status).toBe("PASSED");
  });

  it("accepts the filters the public clients send, and limit 0 to 1000 (default 100)", async () => {
    await settings({ activitySource: "category" });
    const com = clientFor(emulator());
    const s = await com.externalServices.create(dsccInput());
    await com.externalServices.test(s.id, { pollIntervalMs: 10, timeoutMs: 5000 });
    for (const filter of [
      "contains(key, 'EXTERNAL_SERVICE_TEST')", "source/displayName eq 'DSCC'", `source/resourceUri eq '${COLLECTION}/${s.id}'`,
      "contains(source/type, 'External service')", `source/id eq '${s.id}'`,
    ]) {
      const res = await raw("GET", ACTIVITIES, { query: { filter } });
      expect([filter, res.status, res.data.count]).toEqual([filter, 200, 1]);
    }
    expect((await raw("GET", ACTIVITIES, { query: { limit: 0 } })).data).toMatchObject({ count: 0, total: 1 });
    expect((await raw("GET", ACTIVITIES, { query: { limit: 1000 } })).status).toBe(200);
    const over = await raw("GET", ACTIVITIES, { query: { limit: 1001 } });
    expect([over.status, subjects(over)]).toEqual([400, ["limit"]]);
  });

  it("reads a test's result from an activity without a key", async () => {
    await settings({ activityKey: "omitted" });
    const com = clientFor(emulator());
    const s = await com.externalServices.create(dsccInput());
    expect((await com.externalServices.test(s.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status).toBe("PASSED");
    await settings({ dsccTestFails: true });
    expect((await com.externalServices.test(s.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status).toBe("FAILED");
    expect((await raw("GET", ACTIVITIES)).data.items[0]).not.toHaveProperty("key");
  });
});

describe("the seed's own test request", () => {
  it("is answered 202 with no body and no Content-Type, as is {} as JSON; another type is 415, a body with fields 400", async () => {
    const s = await clientFor(emulator()).externalServices.create(dsccInput());
    const path = `${COLLECTION}/${s.id}/test`;
    // As the seed's curl sends it: the bearer token and nothing else (fetch adds no Content-Type to a bodiless POST).
    const seed = await fetch(url(path), { method: "POST", headers: { Authorization: `Bearer ${await bearerToken(emulator())}` } });
    expect(seed.status).toBe(202);
    expect((await raw("POST", path, { body: {}, contentType: "application/json" })).status).toBe(202);
    expect((await raw("POST", path, { body: "go", contentType: "text/plain" })).status).toBe(415);
    const withFields = await raw("POST", path, { body: { dryRun: true }, contentType: "application/json" });
    expect([withFields.status, subjects(withFields)]).toEqual([400, ["body"]]);
  });
});

describe("jobs as HPE's jobs pages show them", () => {
  it.each([
    ["resource", "pending"], ["resource", "running"], ["flat", "pending"], ["flat", "running"],
  ])("deletes a vCenter through a job answered in the %s shape, %s first", async (jobShape, jobProgress) => {
    await settings({ jobShape, jobProgress });
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const since = (await logged()).length;
    await com.externalServices.delete(vc, { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(await com.externalServices.list().toArray()).toEqual([]);
    const polls = (await logged(since)).filter((r) => r.route === "GET /compute-ops-mgmt/v1/jobs/{id}");
    expect(polls.length).toBe(jobProgress === "pending" ? 2 : 0);
  });

  it("answers with resource {type, id}, a name and statusDetails as an object, passing PENDING then RUNNING", async () => {
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const job = await com.jobs.create({
      jobTemplate: "3f06fd6b-dfb1-4bad-bd04-939951797e97", resourceType: "compute-ops-mgmt/external-service", resourceId: vc.id,
      jobParams: { vCenterUrl: "vcenter.lab.local", associatedGatewayUri: "/gw", externalServiceId: vc.id, vCenterUuid: vc.id },
    });
    expect(job).toMatchObject({ name: "DeleteVCenter", state: "PENDING", resource: { type: "compute-ops-mgmt/external-service", id: vc.id }, statusDetails: {} });
    expect((await com.jobs.get(job.id)).state).toBe("RUNNING");
    expect(await com.jobs.get(job.id)).toMatchObject({ state: "COMPLETE", resultCode: "SUCCESS", statusDetails: { message: expect.any(String) } });
  });

  it("reports a job held for approval by its id, and deletes once it is approved", async () => {
    await settings({ jobProgress: "approval" });
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const err = await com.externalServices.delete(vc, { pollIntervalMs: 10, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(JobAwaitingApprovalError);
    expect(err.message).toMatch(new RegExp(`job ${err.jobId} is awaiting approval in COM \\(APPROVAL_PENDING\\)`));
    expect((await com.externalServices.list().toArray()).map((s) => s.id)).toEqual([vc.id]);
    await axios.post(url(`/__emulator/jobs/${err.jobId}/approve`));
    const done = await com.jobs.waitFor({ id: err.jobId, state: "APPROVAL_PENDING" }, { pollIntervalMs: 10, timeoutMs: 5000 });
    expect(done).toMatchObject({ state: "COMPLETE", resultCode: "SUCCESS" });
    expect(await com.externalServices.list().toArray()).toEqual([]);
  });

  it.each([
    ["compute-ops-mgmt/external-service", ["compute-ops-mgmt/external-service"]],
    ["compute-ops/external-service", ["compute-ops-mgmt/external-service", "compute-ops/external-service"]],
  ])("a server taking %s gets it, after at most one 400 naming resourceType", async (jobResourceType, sent) => {
    await settings({ jobResourceType });
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const since = (await logged()).length;
    await com.externalServices.delete(vc, { pollIntervalMs: 10, timeoutMs: 5000 });
    const posts = (await logged(since)).filter((r) => r.route === "POST /compute-ops-mgmt/v1/jobs");
    expect(posts.map((r) => (r.body as { resourceType: string }).resourceType)).toEqual(sent);
    expect(await com.externalServices.list().toArray()).toEqual([]);
  });

  it("a 400 that does not name resourceType is not retried", async () => {
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const err = await com.externalServices.delete({ ...vc, serviceData: { ...vc.serviceData, vCenterUrl: "" } }).catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((await logged()).filter((r) => r.route === "POST /compute-ops-mgmt/v1/jobs")).toHaveLength(1);
  });
});

describe("create bodies and vCenter updates", () => {
  it("the sdk sends description, null when not given, which a server requiring it takes; one that is left out is refused", async () => {
    await settings({ createDescription: "required" });
    const com = clientFor(emulator());
    await com.externalServices.create(dsccInput());
    await com.externalServices.create({ ...dsccInput("described"), description: "with one" });
    const creates = (await logged()).filter((r) => r.route === `POST ${COLLECTION}`).map((r) => (r.body as { description: unknown }).description);
    expect(creates).toEqual([null, "with one"]);
    const left = await raw("POST", COLLECTION, { body: { ...dsccInput("bare"), authenticationType: "OAUTH" }, contentType: "application/json" });
    expect([left.status, subjects(left)]).toEqual([400, ["description"]]);
  });

  it.each(["required", "optional"])("the client's whole-group vCenter PATCH is taken when the group is %s; a bare one only when optional", async (vcenterPatchGroup) => {
    await settings({ vcenterPatchGroup });
    const com = clientFor(emulator());
    const vc = await com.externalServices.create(vcenterInput());
    const bare = await raw("PATCH", `${COLLECTION}/${vc.id}`, { body: { name: vc.name, state: "ENABLED", description: "bare" }, contentType: "application/merge-patch+json" });
    expect(bare.status).toBe(vcenterPatchGroup === "optional" ? 200 : 400);
    const desired = checked({ ...vcenterInput(), description: "whole" });
    const updated = await com.externalServices.update(vc.id, fullPatch(vc, desired));
    expect(updated.description).toBe("whole");
  });
});

describe("every combination of the second reading's answer settings", () => {
  const combos = [];
  for (const listTotal of ["included", "omitted"]) {
    for (const serverFilledFields of ["none", "included"]) {
      for (const activitySource of ["resource", "category"]) {
        for (const jobs of [{ jobShape: "flat", jobProgress: "running" }, { jobShape: "resource", jobProgress: "pending" }]) {
          combos.push({ listTotal, serverFilledFields, activitySource, ...jobs });
        }
      }
    }
  }

  it.each(combos)("creates, tests, reads, fully patches and deletes under %o, sending only modelled fields", async (combo) => {
    await settings(combo);
    const com = clientFor(emulator());
    const inputs = [snowInput(emulator()), dsccInput(), vcenterInput()];
    for (const input of inputs) {
      const created = await com.externalServices.create(input);
      if (input.serviceType !== "VMWARE_VCENTER") {
        expect((await com.externalServices.test(created.id, { pollIntervalMs: 10, timeoutMs: 5000 })).status).toBe("PASSED");
      }
    }
    const listed = await com.externalServices.list({ limit: 2 }).toArray();
    expect(listed.filter(isModelled).map((s) => s.name).sort()).toEqual(["DSCC", "ServiceNow Integration", "vCenter"]);
    for (const [i, s] of listed.filter(isModelled).entries()) {
      const desired = checked({ ...inputs.find((x) => x.name === s.name)!, description: `pass ${i}` });
      expect(inputsFromService(s, desired).serviceData).toEqual(desired.serviceData);
      await com.externalServices.update(s.id, fullPatch(s, desired));
      await com.externalServices.delete(s, { pollIntervalMs: 10, timeoutMs: 5000 });
    }
    expect(await com.externalServices.list().toArray()).toEqual([]);
    const sent = JSON.stringify((await logged()).map((r) => r.body));
    expect(sent).not.toMatch(/vCenterVersion|vCenterAlternateName|emulatorServerField/);
  });
});

describe("a test whose result never comes in time (ledger: test-outcome)", () => {
  it("is TIMED_OUT in the sdk, and fails the provider's create as an initialization failure that keeps the service", async () => {
    await settings({ testResultDelayMs: 600_000 });
    const com = clientFor(emulator());
    const s = await com.externalServices.create(dsccInput("slow"));
    const result = await com.externalServices.test(s.id, { pollIntervalMs: 10, timeoutMs: 200 });
    expect(result).toMatchObject({ status: "TIMED_OUT", message: "no test result within 200 ms" });

    pointProviderAt(emulator());
    const err = await provider.create(checked({ ...dsccInput("slow-provider"), postDeployTest: { timeoutSeconds: 1 } })).catch((e) => e);
    expect(err).toBeInstanceOf(InitializationFailure);
    expect(err.reasons).toEqual([expect.stringMatching(/^post-deploy test of external service 'slow-provider' timed out: no test result within 1000 ms\./)]);
    expect(err.properties).toMatchObject({ lastTest: { status: "TIMED_OUT" } });
    expect((await com.externalServices.list().toArray()).map((x) => x.name).sort()).toEqual(["slow", "slow-provider"]);
  });
});
