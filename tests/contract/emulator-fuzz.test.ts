/** Bad input never breaks the emulator: no 500 for any body or filter, and a 4xx changes nothing. */

// ledger: paging, unknown-body-fields
import axios from "axios";
import * as fc from "fast-check";
import { bearerToken, clientFor, dsccInput, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();
const PATH = "/compute-ops-mgmt/v1beta1/external-services";

const snapshot = async () => JSON.stringify((await axios.get(`${emulator().url}/__emulator/services`)).data);

describe("the emulator under fuzzed input", () => {
  let auth: Record<string, string>;
  let id: string;
  beforeAll(async () => {
    auth = { Authorization: `Bearer ${await bearerToken(emulator())}` };
    id = (await clientFor(emulator()).externalServices.create(dsccInput("fuzz-target"))).id;
  });

  const bodyLike = fc.oneof(
    fc.jsonValue(),
    fc.record({
      name: fc.oneof(fc.string(), fc.constant("fuzz-target"), fc.jsonValue()),
      serviceType: fc.oneof(fc.constantFrom("SERVICE_NOW", "DSCC", "VMWARE_VCENTER"), fc.jsonValue()),
      authenticationType: fc.oneof(fc.constantFrom("OAUTH", "BASIC"), fc.jsonValue()),
      authentication: fc.oneof(fc.dictionary(fc.constantFrom("clientId", "clientSecret", "refreshToken", "username", "password", "x"), fc.jsonValue()), fc.jsonValue()),
      serviceData: fc.oneof(fc.dictionary(fc.constantFrom("region", "oauthUrl", "incidentUrl", "incidentCreationScope", "vCenterCertFingerprint", "refreshTokenExpiryInDays"), fc.jsonValue()), fc.jsonValue()),
    }, { requiredKeys: [] }),
  );

  it("answers every POST and PATCH body with a non-5xx status, and a 4xx leaves the state as it was", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("POST", "PATCH"), bodyLike, fc.boolean(), async (method, body, raw) => {
      const before = await snapshot();
      const res = await axios.request({
        method, url: `${emulator().url}${PATH}${method === "PATCH" ? `/${id}` : ""}`, validateStatus: () => true,
        headers: { ...auth, "Content-Type": method === "PATCH" ? "application/merge-patch+json" : "application/json" },
        data: raw ? JSON.stringify(body).slice(0, 20) : JSON.stringify(body), transformRequest: [(d: unknown) => d],
      });
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect(await snapshot()).toBe(before);
      else if (method === "POST") await axios.delete(`${emulator().url}${PATH}/${res.data.id}`, { headers: auth, validateStatus: () => true });
    }), { numRuns: 300 });
  });

  // Values a random run found once: used as object keys or printed, they throw or walk the prototype.
  it.each<[unknown]>([[{ toString: 1 }], [{ valueOf: {} }], ["__proto__"], ["constructor"], ["toString"]])(
    "answers 400 to serviceType %j and changes nothing", async (serviceType) => {
      const before = await snapshot();
      const body = { ...dsccInput("odd-type"), serviceType, authenticationType: serviceType };
      const res = await axios.post(`${emulator().url}${PATH}`, body, { headers: auth, validateStatus: () => true });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.data)).toContain("serviceType");
      expect(await snapshot()).toBe(before);
    });

  it("refuses a body over 1 MiB with 413 and changes nothing", async () => {
    const before = await snapshot();
    const res = await axios.post(`${emulator().url}${PATH}`, JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), {
      headers: { ...auth, "Content-Type": "application/json" }, validateStatus: () => true, maxBodyLength: Infinity,
    }).catch((e) => e.response ?? { status: "connection closed" });
    expect([413, "connection closed"]).toContain(res.status);
    expect(await snapshot()).toBe(before);
  });

  it("answers every filter with 200 or 400, never a 5xx", async () => {
    const token = fc.constantFrom("name", "serviceData/region", "eq", "ne", "gt", "in", "and", "or", "not", "contains", "(", ")", ",", "'a'", "'it''s'", "null", "true", "3", "2026-01-01T00:00:00Z", " ");
    const filter = fc.oneof(fc.string(), fc.array(token, { maxLength: 12 }).map((t) => t.join(" ")));
    await fc.assert(fc.asyncProperty(filter, async (f) => {
      const res = await axios.get(`${emulator().url}${PATH}`, { params: { filter: f }, headers: auth, validateStatus: () => true });
      expect([200, 400]).toContain(res.status);
    }), { numRuns: 400 });
  });
});

describe("what the emulator refuses by name (ledger: unknown-body-fields, paging)", () => {
  let auth: Record<string, string>;
  beforeAll(async () => { auth = { Authorization: `Bearer ${await bearerToken(emulator())}` }; });
  const subjects = (data: { errorDetails?: { issues: { subject: string }[] }[] }) => (data.errorDetails ?? []).flatMap((d) => d.issues.map((i) => i.subject));

  it.each([
    ["at the top", { conformanceProbe: true }, "conformanceProbe"],
    ["in authentication", { authentication: { clientId: "c", clientSecret: "s", apiKey: "k" } }, "authentication.apiKey"],
    ["in serviceData", { serviceData: { region: "us-west", zone: "a" } }, "serviceData.zone"],
  ])("a create with an unknown field %s is a 400 naming it, and stores nothing", async (_where, extra, subject) => {
    const before = await snapshot();
    const res = await axios.post(`${emulator().url}${PATH}`, { ...dsccInput("unknown-field"), authenticationType: "OAUTH", ...extra }, { headers: auth, validateStatus: () => true });
    expect([res.status, subjects(res.data)]).toEqual([400, [subject]]);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ["at the top", { conformanceProbe: true }],
    ["in authentication", { authentication: { clientId: "c", clientSecret: "s", apiKey: "k" } }, "authentication.apiKey"],
    ["in serviceData", { serviceData: { region: "us-west", zone: "a" } }, "serviceData.zone"],
    // A null removes a key in a merge patch: refused all the same, as a field the type does not have.
    ["as a null in authentication", { authentication: { apiKey: null } }, "authentication.apiKey"],
    ["as a null in serviceData", { serviceData: { zone: null } }, "serviceData.zone"],
  ])("a PATCH with an unknown field %s is a 400 naming it, and changes nothing", async (_where, patch, subject = Object.keys(patch)[0]) => {
    const service = await clientFor(emulator()).externalServices.create(dsccInput(`unknown-patch-${_where.replace(/ /g, "-")}`), { wait: false });
    const before = await snapshot();
    const res = await axios.patch(`${emulator().url}${PATH}/${service.id}`, patch,
      { headers: { ...auth, "content-type": "application/merge-patch+json" }, validateStatus: () => true });
    expect([res.status, subjects(res.data)]).toEqual([400, [subject]]);
    expect(await snapshot()).toBe(before);
  });

  it("lists 50 by default and takes a limit up to 10000", async () => {
    await axios.post(`${emulator().url}/__emulator/reset`);
    auth = { Authorization: `Bearer ${await bearerToken(emulator())}` };
    const com = clientFor(emulator());
    await Promise.all(Array.from({ length: 51 }, (_, i) => com.externalServices.create(dsccInput(`page-${i}`), { wait: false })));
    const get = (params: Record<string, unknown>) => axios.get(`${emulator().url}${PATH}`, { params, headers: auth, validateStatus: () => true });
    expect((await get({})).data).toMatchObject({ offset: 0, count: 50, total: 51 });
    expect((await get({ limit: 10000 })).data.count).toBe(51);
    expect((await get({ limit: 10001 })).status).toBe(400);
    expect((await get({ limit: 0 })).status).toBe(400);
    expect((await get({ offset: 51 })).data).toMatchObject({ count: 0, items: [] });
  });
});
