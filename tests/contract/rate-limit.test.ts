/**
 * The request budget: the emulator counts requests per API client (or per client and tenant)
 * in fixed windows and says so on every answer; the sdk paces itself to it under either reading.
 */

// ledger: rate-limit-budget, rate-limit-tenants
import axios from "axios";
import type { RateLimitSetting, RunningEmulator } from "../../emulator";
import { bearerToken, clientFor, dsccInput, useEmulator } from "../helpers/emulator";

const LIST = "/compute-ops-mgmt/v1beta1/external-services";
const MSP = { id: "msp-client", secret: "msp-secret", workspace: "msp", tenants: ["tenant-a", "tenant-b"] };
const clients = [{ id: "demo-client", secret: "demo-secret" }, MSP,
  ...["paced", "unpaced", "msp-paced"].map((id) => ({ id, secret: `${id}-secret`, workspace: id === "msp-paced" ? "msp2" : undefined, tenants: id === "msp-paced" ? ["t1", "t2"] : undefined }))];
const emulator = useEmulator({ clients });

const setLimit = (rateLimit: RateLimitSetting | null) => axios.put(`${emulator().url}/__emulator/settings`, { rateLimit });
const get = (token: string, tenant?: string) => axios.get(`${emulator().url}${LIST}`, {
  headers: { Authorization: `Bearer ${token}`, ...(tenant ? { "Tenant-Acid": tenant } : {}) }, validateStatus: () => true,
});
const statuses = (e: RunningEmulator, since: number) => e.log.since(since).filter((r) => r.path.startsWith("/compute-ops")).map((r) => r.status);

describe("the emulator's rate limit", () => {
  afterEach(() => setLimit(null));

  it("is off by default: answers carry no ratelimit headers", async () => {
    const res = await get(await bearerToken(emulator()));
    expect(res.status).toBe(200);
    expect(res.headers["ratelimit-limit"]).toBeUndefined();
  });

  it("announces the budget on every answer, refuses with 429 once spent, and does not count the token endpoint", async () => {
    await setLimit({ limit: 3, windowSeconds: 30 });
    const token = await bearerToken(emulator());
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push(await get(token));
      await bearerToken(emulator()); // tokens are not counted
    }
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers["ratelimit-remaining"])).toEqual(["2", "1", "0", "0"]);
    for (const r of answers) {
      expect(r.headers["ratelimit-limit"]).toBe("3");
      expect(Number(r.headers["ratelimit-reset"])).toBeGreaterThan(0);
      expect(Number(r.headers["ratelimit-reset"])).toBeLessThanOrEqual(30);
    }
    expect(answers[3].data.errorCode).toBe("HPE-GL-COMPUTE_OPS-0429001");
    // Each API client has its own budget.
    expect((await get(await bearerToken(emulator(), MSP))).status).toBe(200);
  });

  it("opens a new window when the old one ends", async () => {
    // A window long enough that the second GET surely falls in it; the wait for the next one is the server's own reset.
    await setLimit({ limit: 1, windowSeconds: 2 });
    const token = await bearerToken(emulator());
    expect((await get(token)).status).toBe(200);
    const spent = await get(token);
    expect(spent.status).toBe(429);
    const resetSeconds = Number(spent.headers["ratelimit-reset"]);
    expect(resetSeconds).toBeGreaterThan(0);
    expect(resetSeconds).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, resetSeconds * 1000));
    expect((await get(token)).status).toBe(200);
  });

  it.each([["client", [200, 429]], ["tenant", [200, 200]]] as const)(
    "per %s: an MSP's second tenant gets %j after the first spent the budget", async (per, expected) => {
      await setLimit({ limit: 1, windowSeconds: 30, per });
      const token = await bearerToken(emulator(), MSP);
      expect([(await get(token, "tenant-a")).status, (await get(token, "tenant-b")).status]).toEqual(expected);
    });
});

describe("the sdk under the rate limit", () => {
  afterEach(() => setLimit(null));

  const createMany = (client: ReturnType<typeof clientFor>, prefix: string, n: number) =>
    Promise.all(Array.from({ length: n }, (_, i) => client.externalServices.create({ ...dsccInput(`${prefix}-${i}`) })));

  it("paces concurrent creates to the budget instead of meeting 429s, where an unpaced client meets many", async () => {
    await setLimit({ limit: 10, windowSeconds: 1 });
    const paced = { id: "paced", secret: "paced-secret" };
    const unpaced = { id: "unpaced", secret: "unpaced-secret" };
    let since = emulator().log.lastSeq;
    await createMany(clientFor(emulator(), { maxRetries: 20 }, paced), "paced", 30);
    const pacedStatuses = statuses(emulator(), since);
    since = emulator().log.lastSeq;
    await createMany(clientFor(emulator(), { maxRetries: 20, paceRequests: false }, unpaced), "unpaced", 30);
    const unpacedStatuses = statuses(emulator(), since);

    expect(pacedStatuses.filter((s) => s === 201).length).toBe(30);
    expect(pacedStatuses.filter((s) => s === 429).length).toBeLessThanOrEqual(1);
    expect(unpacedStatuses.filter((s) => s === 429).length).toBeGreaterThan(10);
  });

  it.each(["client", "tenant"] as const)("keeps an MSP client's two tenants out of 429s when the budget is per %s", async (per) => {
    await setLimit({ limit: 10, windowSeconds: 1, per });
    const spec = { id: "msp-paced", secret: "msp-paced-secret" };
    const since = emulator().log.lastSeq;
    await Promise.all(["t1", "t2"].map((tenant) => createMany(clientFor(emulator(), { maxRetries: 20, tenantAcid: tenant }, spec), `${per}-${tenant}`, 15)));
    const all = statuses(emulator(), since);
    expect(all.filter((s) => s === 201).length).toBe(30);
    expect(all.filter((s) => s === 429).length).toBeLessThanOrEqual(1);
  });
});
