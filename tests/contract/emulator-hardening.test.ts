/**
 * A hostile or careless request never stops the emulator or gets a 5xx (issue 21): malformed
 * percent-encoding, ids that are built-in property names, filters nested thousands deep, and a
 * seeded fuzz of paths, query strings and headers. Its request log masks secrets wherever they
 * arrive, and its inspection routes take no cross-site request.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import axios from "axios";
import * as fc from "fast-check";
import { startEmulator, startEmulatorProcess } from "../../emulator";
import { bearerToken, clientFor, dsccInput, useEmulator, vcenterInput } from "../helpers/emulator";

const emulator = useEmulator();
const COLLECTION = "/compute-ops-mgmt/v1beta1/external-services";
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
afterAll(() => agent.destroy());

/** A request sent as written (no client-side normalisation of the path), answered whatever its status. */
function send(base: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => { text += c; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

let auth: Record<string, string>;
beforeAll(async () => { auth = { Authorization: `Bearer ${await bearerToken(emulator())}` }; });

describe("requests that once broke the emulator", () => {
  it("answers malformed percent-encoding in a path with 400, and a separate emulator process lives on", async () => {
    for (const [method, target] of [["GET", `${COLLECTION}/%E0%A4%A`], ["DELETE", `${COLLECTION}/%`], ["POST", `${COLLECTION}/%zz/test`], ["GET", "/compute-ops-mgmt/v1/jobs/%C0"]]) {
      const res = await send(emulator().url, method, target, auth);
      expect([target, res.status]).toEqual([target, 400]);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hpecom-emulator-"));
    const proc = await startEmulatorProcess({ dataFile: path.join(dir, "state.json") });
    try {
      expect((await send(proc.url, "GET", `${COLLECTION}/%E0%A4%A`)).status).toBe(400);
      expect((await axios.get(`${proc.url}/__emulator/counts`)).status).toBe(200);
    } finally {
      await proc.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("answers 404 for the id %s on every route", async (id) => {
    for (const [method, target] of [
      ["GET", `${COLLECTION}/${id}`], ["PATCH", `${COLLECTION}/${id}`], ["DELETE", `${COLLECTION}/${id}`], ["POST", `${COLLECTION}/${id}/test`],
      ["GET", `/compute-ops-mgmt/v1/jobs/${id}`],
    ]) {
      const type = method === "PATCH" ? "application/merge-patch+json" : "application/json";
      const res = await send(emulator().url, method, target, { ...auth, "Content-Type": type }, method === "GET" || method === "DELETE" ? undefined : "{}");
      expect([method, target, res.status]).toEqual([method, target, 404]);
    }
  });

  it("answers a filter nested thousands of parentheses deep with 400 naming the depth", async () => {
    const filter = `${"(".repeat(2600)}serviceType eq 'DSCC'${")".repeat(2600)}`;
    const res = await axios.get(`${emulator().url}${COLLECTION}`, { params: { filter }, headers: auth, validateStatus: () => true });
    expect(res.status).toBe(400);
    expect(res.data.message).toMatch(/nested more than 100 levels/);
    const nots = `${"not ".repeat(3000)}serviceType eq 'DSCC'`;
    expect((await axios.get(`${emulator().url}${COLLECTION}`, { params: { filter: nots }, headers: auth, validateStatus: () => true })).status).toBe(400);
  });
});

describe("a fuzz of paths, query strings and headers", () => {
  it("never gets a 5xx, and the emulator answers after thousands of cases", async () => {
    const com = clientFor(emulator());
    const dscc = await com.externalServices.create(dsccInput("fuzz-dscc"));
    const vc = await com.externalServices.create(vcenterInput("fuzz-vc"));
    const hex = fc.constantFrom(..."0123456789abcdefABCDEFgz".split(""));
    const segment = fc.oneof(
      fc.constantFrom(dscc.id, vc.id, "constructor", "__proto__", "toString", ".", "..", "", "test", "%", "%2e%2e", "%2F", "%00", "%E0%A4%A", "%C0%AF", "%FF", "a;b", "~"),
      fc.tuple(hex, hex).map(([a, b]) => `%${a}${b}`),
      fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,12}$/),
    );
    const base = fc.constantFrom(
      COLLECTION, "/compute-ops/v1beta1/external-services", "/compute-ops-mgmt/v1beta2/activities", "/compute-ops-mgmt/v1/jobs",
      "/as/token.oauth2", "/servicenow/oauth_token.do", "/__emulator/requests", "/__emulator/counts", "/compute-ops-mgmt", "",
    );
    const queryPart = fc.oneof(
      fc.constantFrom("filter=%28%28%28", "filter=serviceType%20eq%20%27DSCC%27", "limit=0", "limit=-1", "limit=1e9", "offset=99999999999999999999", "limit=%", "filter=%E0%A4%A", "=", "&&", "filter"),
      fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9%'()=-]{0,16}$/)).map(([k, v]) => `${k}=${v}`),
    );
    const target = fc.tuple(base, fc.array(segment, { maxLength: 3 }), fc.array(queryPart, { maxLength: 3 }))
      .map(([b, segs, query]) => `${b}${segs.map((s) => `/${s}`).join("")}${query.length ? `?${query.join("&")}` : ""}` || "/");
    const headerValue = fc.stringMatching(/^[ -~]{0,40}$/);
    const headers = fc.record({
      Authorization: fc.oneof(fc.constant(auth.Authorization), fc.constant("Bearer nope"), headerValue),
      "Content-Type": fc.oneof(fc.constantFrom("application/json", "application/merge-patch+json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8"), headerValue),
      Accept: fc.oneof(fc.constantFrom("application/json", "*/*", "text/html"), headerValue),
      "Tenant-Acid": headerValue,
    }, { requiredKeys: ["Authorization"] });
    const body = fc.oneof(fc.constant(undefined), fc.constantFrom("{}", "{", "null", "[]", '{"name":1}', "a=b&c=%"), fc.jsonValue().map((v) => JSON.stringify(v)));
    // GET only on the inspection routes: a fuzzed PUT /__emulator/faults would inject 5xx on purpose.
    const method = fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS", "HEAD");

    const serverErrors: string[] = [];
    await fc.assert(fc.asyncProperty(method, target, headers, body, async (m, t, h, b) => {
      const verb = t.startsWith("/__emulator") ? "GET" : m;
      const res = await send(emulator().url, verb, t, h, verb === "GET" || verb === "HEAD" ? undefined : b);
      if (res.status >= 500) serverErrors.push(`${verb} ${t} → ${res.status}`);
      expect(res.status).toBeLessThan(500);
    }), { numRuns: 3000 });

    expect(serverErrors).toEqual([]);
    const counts = (await axios.get(`${emulator().url}/__emulator/counts`)).data.statuses as Record<string, number>;
    expect(Object.keys(counts).filter((s) => Number(s) >= 500)).toEqual([]);
  }, 180_000);
});

describe("the request log", () => {
  it("masks secrets in query strings and in bodies of any type, by their names", async () => {
    await axios.post(`${emulator().url}/__emulator/reset`);
    const since = (await axios.get(`${emulator().url}/__emulator/counts`)).data.lastSeq;
    await send(emulator().url, "GET", `${COLLECTION}?access_token=tok-in-query-1&filter=x`, auth);
    await send(emulator().url, "POST", "/as/token.oauth2", { "Content-Type": "text/plain" }, "client_id=a&client_secret=text-body-secret-2");
    await send(emulator().url, "POST", COLLECTION, { ...auth, "Content-Type": "application/json" },
      JSON.stringify({ name: "n", authentication: { apiToken: "json-body-secret-3", xPassword: "json-body-secret-4" } }));
    const log = JSON.stringify((await axios.get(`${emulator().url}/__emulator/requests?since=${since}`)).data);
    expect(log).not.toMatch(/tok-in-query-1|text-body-secret-2|json-body-secret-3|json-body-secret-4/);
    expect(log).toContain("client_id=a");
  });
});

describe("the inspection routes", () => {
  it("refuse a cross-site request and a body that is not JSON, and take the tests' own requests", async () => {
    const settings = `${emulator().url}/__emulator/settings`;
    const crossSite = await send(emulator().url, "POST", "/__emulator/reset", { Origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    const fetchSite = await send(emulator().url, "POST", "/__emulator/reset", { "Sec-Fetch-Site": "cross-site" });
    expect(fetchSite.status).toBe(403);
    const form = await send(emulator().url, "PUT", "/__emulator/settings", { "Content-Type": "text/plain" }, '{"dsccTestFails":true}');
    expect(form.status).toBe(415);
    expect((await axios.get(settings)).data.dsccTestFails).toBe(false);
    expect((await axios.put(settings, { dsccTestFails: false })).status).toBe(204);
  });

  it("take a token when the emulator listens beyond loopback", async () => {
    const open = await startEmulator({ host: "0.0.0.0" });
    try {
      const local = `http://127.0.0.1:${open.port}`;
      expect((await send(local, "GET", "/__emulator/settings")).status).toBe(401);
      const token = await bearerToken({ ...open, tokenUrl: `${local}/as/token.oauth2` });
      expect((await send(local, "GET", "/__emulator/settings", { Authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
