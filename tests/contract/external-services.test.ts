/** Contract tests: the sdk against the emulator on a real loopback port. */

// ledger: vcenter-direct-delete, secrets-masked, paging, status-after-create
import axios from "axios";
import {
  AuthenticationError, BadRequestError, filter, NotFoundError, PermissionDeniedError, UnsupportedMediaTypeError,
} from "../../sdk";
import { bearerToken, clientFor, dsccInput, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator({
  clients: [
    { id: "demo-client", secret: "demo-secret" },
    { id: "msp-client", secret: "msp-secret", workspace: "msp", tenants: ["tenant-a", "tenant-b"] },
  ],
});
beforeEach(async () => { await axios.post(`${emulator().url}/__emulator/reset`); });

describe("external services through the sdk", () => {
  it("creates each service type with generation 1, secrets masked, and the scope nested", async () => {
    const com = clientFor(emulator());
    const snow = await com.externalServices.create(snowInput(emulator()));
    const dscc = await com.externalServices.create(dsccInput());
    const vc = await com.externalServices.create(vcenterInput());
    expect(snow).toMatchObject({ generation: 1, status: "ENABLED", state: "ENABLED", authenticationType: "OAUTH" });
    expect(snow.authentication).toEqual({ clientId: "snow-client", clientSecret: "**********", refreshToken: "**********" });
    expect(snow.serviceData).toMatchObject({ incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: false } });
    expect(dscc.authentication.clientSecret).toBe("**********");
    expect(vc.authentication.password).toBe("**********");
    expect(vc.serviceData.vCenterCertFingerprint).toBe("aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899");
    expect((await com.externalServices.get(snow.id)).name).toBe("ServiceNow Integration");
  });

  it("waits for status ENABLED after create", async () => {
    await axios.put(`${emulator().url}/__emulator/settings`, { activationDelayMs: 300 });
    try {
      const created = await clientFor(emulator()).externalServices.create(dsccInput("slow"), { wait: { pollIntervalMs: 50 } });
      expect(created.status).toBe("ENABLED");
      const counts = (await axios.get(`${emulator().url}/__emulator/counts`)).data.routes;
      expect(counts["GET /compute-ops-mgmt/v1beta1/external-services/{id}"]).toBeGreaterThanOrEqual(1);
    } finally {
      await axios.put(`${emulator().url}/__emulator/settings`, { activationDelayMs: 0 });
    }
  });

  it("updates with a merge patch: generation +1, a masked secret means unchanged, null removes", async () => {
    const com = clientFor(emulator());
    const s = await com.externalServices.create(snowInput(emulator()));
    const updated = await com.externalServices.update(s.id, {
      description: null,
      authentication: { clientSecret: "**********" },
      serviceData: { refreshTokenExpiryInDays: 200 },
    });
    expect(updated.generation).toBe(2);
    expect(updated.description).toBeNull();
    expect(updated.serviceData.refreshTokenExpiryInDays).toBe(200);
    // The secret is unchanged: the ServiceNow test still authenticates with it.
    expect((await com.externalServices.test(s.id, { timeoutMs: 5000 })).status).toBe("PASSED");
  });

  it("rejects a change of serviceType, a duplicate name, and an invalid scope with the field named", async () => {
    const com = clientFor(emulator());
    const s = await com.externalServices.create(snowInput(emulator()));
    await com.externalServices.create(dsccInput("taken"));
    const immutable = await com.request({ method: "PATCH", path: `/compute-ops-mgmt/v1beta1/external-services/${s.id}`, contentType: "application/merge-patch+json", body: { serviceType: "DSCC" } }).catch((e) => e);
    expect(immutable).toBeInstanceOf(BadRequestError);
    expect(JSON.stringify(immutable.errorDetails)).toContain('"subject":"serviceType"');

    // The create documents no 409: a duplicate is a 400 recognised by its errorCode.
    const dup = await com.externalServices.create(dsccInput("taken")).catch((e) => e);
    expect(dup).toBeInstanceOf(BadRequestError);
    expect(dup.isDuplicate).toBe(true);

    const scope = await com.request({
      method: "PATCH", path: `/compute-ops-mgmt/v1beta1/external-services/${s.id}`, contentType: "application/merge-patch+json",
      body: { serviceData: { incidentCreationScope: { serviceEventIssues: false, criticalEventIssues: true } } },
    }).catch((e) => e);
    expect(scope).toBeInstanceOf(BadRequestError);
    expect(scope.errorDetails[0].issues[0].subject).toBe("serviceData.incidentCreationScope");
    expect((await com.externalServices.getModelled(s.id)).generation).toBe(1); // a 4xx changed nothing
  });

  it("answers 415 for a wrong content type, 401 for a bad token, 404 for a missing id, 406 for a wrong Accept", async () => {
    const com = clientFor(emulator());
    await expect(com.request({ method: "POST", path: "/compute-ops-mgmt/v1beta1/external-services", contentType: "text/plain", body: "x" }))
      .rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    await expect(clientFor(emulator(), { bearerToken: "not-a-token" }).externalServices.get("x")).rejects.toBeInstanceOf(AuthenticationError);
    await expect(com.externalServices.get("00000000-0000-0000-0000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    const token = await bearerToken(emulator());
    const res = await axios.get(`${emulator().url}/compute-ops-mgmt/v1beta1/external-services`, { headers: { Authorization: `Bearer ${token}`, Accept: "text/html" }, validateStatus: () => true });
    expect(res.status).toBe(406);
  });

  it("deletes: 204, then 404 counts as gone; vCenter through the DeleteVCenter job", async () => {
    const com = clientFor(emulator());
    const dscc = await com.externalServices.create(dsccInput());
    await com.externalServices.delete(dscc);
    await com.externalServices.delete(dscc); // already gone: still fine
    const vc = await com.externalServices.create(vcenterInput());
    const direct = await com.request({ method: "DELETE", path: `/compute-ops-mgmt/v1beta1/external-services/${vc.id}` }).catch((e) => e);
    expect(direct).toBeInstanceOf(BadRequestError);
    await axios.put(`${emulator().url}/__emulator/settings`, { jobDurationMs: 200 });
    try {
      await com.externalServices.delete(vc.id, { pollIntervalMs: 50 });
    } finally {
      await axios.put(`${emulator().url}/__emulator/settings`, { jobDurationMs: 0 });
    }
    await expect(com.externalServices.get(vc.id)).rejects.toBeInstanceOf(NotFoundError);
    const counts = (await axios.get(`${emulator().url}/__emulator/counts`)).data.routes;
    expect(counts["POST /compute-ops-mgmt/v1/jobs"]).toBe(1);
    expect(counts["GET /compute-ops-mgmt/v1/jobs/{id}"]).toBeGreaterThanOrEqual(1);
  });

  it("tests ServiceNow for real against the stand-in, and reports a refusal", async () => {
    const com = clientFor(emulator());
    const s = await com.externalServices.create(snowInput(emulator()));
    const passed = await com.externalServices.test(s.id, { timeoutMs: 5000 });
    expect(passed).toMatchObject({ status: "PASSED" });
    expect(passed.activityId).toBeDefined();
    const incidents = (await axios.get(`${emulator().url}/__emulator/servicenow/incidents`)).data;
    expect(incidents).toHaveLength(1);

    await axios.put(`${emulator().url}/__emulator/servicenow`, { refuse: true });
    const failed = await com.externalServices.test(s.id, { timeoutMs: 5000 });
    expect(failed.status).toBe("FAILED");
    expect(failed.message).toMatch(/refused/);
  });

  it("tests DSCC (failing when configured to), and has no test for vCenter", async () => {
    const com = clientFor(emulator());
    const dscc = await com.externalServices.create(dsccInput());
    expect((await com.externalServices.test(dscc.id, { timeoutMs: 5000 })).status).toBe("PASSED");
    await axios.put(`${emulator().url}/__emulator/settings`, { dsccTestFails: true });
    try {
      expect((await com.externalServices.test(dscc.id, { timeoutMs: 5000 })).status).toBe("FAILED");
    } finally {
      await axios.put(`${emulator().url}/__emulator/settings`, { dsccTestFails: false });
    }
    const vc = await com.externalServices.create(vcenterInput());
    await expect(com.externalServices.test(vc.id)).rejects.toBeInstanceOf(BadRequestError);
  });

  it("pages through a list with offset and limit, and reports total", async () => {
    const com = clientFor(emulator());
    for (let i = 0; i < 7; i++) await com.externalServices.create(dsccInput(`dscc-${i}`), { wait: false });
    const pages = [];
    for await (const page of com.externalServices.list({ limit: 3 }).pages()) pages.push(page);
    expect(pages.map((p) => p.count)).toEqual([3, 3, 1]);
    expect(pages.every((p) => p.total === 7)).toBe(true);
    expect(new Set((await com.externalServices.list({ limit: 3 }).toArray()).map((s) => s.name)).size).toBe(7);
  });

  it("filters with every operator", async () => {
    const com = clientFor(emulator());
    const snow = await com.externalServices.create(snowInput(emulator(), "it's snow"));
    await com.externalServices.create(dsccInput("dscc-eu"));
    await com.externalServices.create(vcenterInput("vc"));
    await com.externalServices.update(snow.id, { description: "changed" });
    const names = async (f: filter.Filter) => (await com.externalServices.list({ filter: f }).toArray()).map((s) => s.name).sort();
    expect(await names(filter.eq("serviceType", "VMWARE_VCENTER"))).toEqual(["vc"]);
    expect(await names(filter.ne("serviceType", "VMWARE_VCENTER"))).toEqual(["dscc-eu", "it's snow"]);
    expect(await names(filter.gt("generation", 1))).toEqual(["it's snow"]);
    expect(await names(filter.ge("generation", 1))).toHaveLength(3);
    expect(await names(filter.lt("generation", 2))).toEqual(["dscc-eu", "vc"]);
    expect(await names(filter.le("generation", 1))).toEqual(["dscc-eu", "vc"]);
    expect(await names(filter.in("serviceType", ["DSCC", "SERVICE_NOW"]))).toEqual(["dscc-eu", "it's snow"]);
    expect(await names(filter.contains("name", "'s"))).toEqual(["it's snow"]);
    expect(await names(filter.eq("serviceData/region", "us-west"))).toEqual(["dscc-eu"]);
    expect(await names(filter.and(filter.not(filter.isNull("description")), filter.contains("description", "chang")))).toEqual(["it's snow"]);
    expect(await names(filter.or(filter.eq("name", "vc"), filter.eq("name", "dscc-eu")))).toEqual(["dscc-eu", "vc"]);
    expect(await names(filter.gt("createdAt", new Date(Date.now() - 60_000)))).toHaveLength(3);
    const malformed = await com.request({ method: "GET", path: "/compute-ops-mgmt/v1beta1/external-services", query: { filter: "name eq" } }).catch((e) => e);
    expect(malformed).toBeInstanceOf(BadRequestError);
  });

  it("isolates MSP tenants; Tenant-Acid needs an MSP token", async () => {
    const msp = { id: "msp-client", secret: "msp-secret" };
    const a = clientFor(emulator(), { tenantAcid: "tenant-a" }, msp);
    const b = clientFor(emulator(), { tenantAcid: "tenant-b" }, msp);
    const inA = await a.externalServices.create(dsccInput("shared-name"));
    await b.externalServices.create(dsccInput("shared-name")); // names are unique per tenant only
    expect((await a.externalServices.list().toArray()).map((s) => s.id)).toEqual([inA.id]);
    await expect(b.externalServices.get(inA.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(clientFor(emulator(), { tenantAcid: "tenant-a" }).externalServices.list().toArray()).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(clientFor(emulator(), { tenantAcid: "tenant-z" }, msp).externalServices.list().toArray()).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("serves the deprecated /compute-ops prefix with links under it", async () => {
    const com = clientFor(emulator());
    const s = await com.externalServices.create(dsccInput());
    const token = await bearerToken(emulator());
    const res = await axios.get(`${emulator().url}/compute-ops/v1beta1/external-services/${s.id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.data).toMatchObject({ type: "compute-ops/external-service", resourceUri: `/compute-ops/v1beta1/external-services/${s.id}` });
  });

  it("logs requests with secrets masked", async () => {
    await clientFor(emulator()).externalServices.create(snowInput(emulator()));
    const log = JSON.stringify((await axios.get(`${emulator().url}/__emulator/requests`)).data);
    expect(log).not.toMatch(/snow-secret-value|snow-refresh-token|demo-secret/);
    expect(log).toContain("POST /compute-ops-mgmt/v1beta1/external-services");
  });
});
