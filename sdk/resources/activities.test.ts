// ledger: activity-source, activity-order, activities-filter
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { ComClient } from "../client";
import { clearTokenCaches } from "../internal/token-cache";

/** Five activities, a minute apart unless `minutes` says when, served in `order` with paging (`total` or not): the request log is kept. */
function activityServer(order: "newest-first" | "oldest-first", withTotal = true, minutes = [1, 2, 3, 4, 5]) {
  const happened = minutes.map((m, i) => ({ id: `a${i + 1}`, key: "K", createdAt: `2026-11-30T10:0${m}:00Z` }));
  const listed = order === "newest-first" ? [...happened].reverse() : happened;
  const pages: { offset: number; limit: number }[] = [];
  const filters: (string | null)[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const reply = (data: unknown) => ({ status: 200, statusText: "", headers: {}, config, data }) as AxiosResponse;
    if (String(config.url).endsWith("/token")) return reply({ access_token: "token-abcdef-123456", expires_in: 900 });
    const query = new URL(String(config.url)).searchParams;
    const offset = Number(query.get("offset")), limit = Number(query.get("limit"));
    pages.push({ offset, limit });
    filters.push(query.get("filter"));
    const items = listed.slice(offset, offset + limit);
    return reply({ offset, count: items.length, ...(withTotal && { total: listed.length }), items });
  };
  const com = new ComClient({ endpoint: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token", clientId: `c-${order}-${withTotal}`, clientSecret: "s-123456789", adapter });
  return { com, pages, filters };
}

afterEach(() => clearTokenCaches());

describe("Activities.newest", () => {
  it("finds the newest in one request when the API lists newest first", async () => {
    const { com, pages } = activityServer("newest-first");
    expect((await com.activities.newest())?.id).toBe("a5");
    expect(pages).toEqual([{ offset: 0, limit: 2 }]);
  });

  it("reads the far end of the list when the API lists oldest first", async () => {
    const { com, pages } = activityServer("oldest-first");
    expect((await com.activities.newest())?.id).toBe("a5");
    expect(pages).toEqual([{ offset: 0, limit: 2 }, { offset: 4, limit: 1 }]);
  });

  it("reads the list to its end when the API lists oldest first without total", async () => {
    const { com, pages } = activityServer("oldest-first", false);
    expect((await com.activities.newest())?.id).toBe("a5");
    expect(pages).toEqual([{ offset: 0, limit: 2 }, { offset: 0, limit: 100 }]);
  });

  it("sends its filter with every request, the whole list's too", async () => {
    const { com, filters } = activityServer("oldest-first", false);
    await com.activities.newest("key eq 'K'");
    expect(filters).toEqual(["key eq 'K'", "key eq 'K'"]);
  });

  it("cannot tell the order from two first items of the same time, and reads the far end", async () => {
    const { com, pages } = activityServer("oldest-first", true, [1, 1, 2, 3, 4]);
    expect((await com.activities.newest())?.id).toBe("a5");
    expect(pages).toEqual([{ offset: 0, limit: 2 }, { offset: 4, limit: 1 }]);
  });
});

describe("ExternalServices.test against a server that ignores the activity filter", () => {
  it("takes only this service's result, never another service's newer one", async () => {
    const ours = "svc-ours";
    const activity = (id: string, source: string, key: string, minute: number) =>
      ({ id, key, title: "External service test", source: { id: source }, createdAt: `2026-11-30T10:0${minute}:00Z` });
    let tested = false;
    const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
      const reply = (status: number, data?: unknown) => ({ status, statusText: "", headers: {}, config, data }) as AxiosResponse;
      if (String(config.url).endsWith("/token")) return reply(200, { access_token: "token-abcdef-123456", expires_in: 900 });
      if (config.method?.toUpperCase() === "POST") { tested = true; return reply(202); }
      // Whatever the filter, every activity of the workspace, newest first.
      const items = tested
        ? [activity("theirs", "svc-theirs", "EXTERNAL_SERVICE_TEST_SUCCEEDED", 3), activity("mine", ours, "EXTERNAL_SERVICE_TEST_FAILED", 2), activity("old", ours, "OLD", 1)]
        : [activity("old", ours, "OLD", 1)];
      return reply(200, { items });
    };
    const com = new ComClient({ endpoint: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token", clientId: "c-ignore", clientSecret: "s-123456789", adapter });
    expect(await com.externalServices.test(ours, { pollIntervalMs: 1, timeoutMs: 1000 })).toMatchObject({ status: "FAILED", activityId: "mine" });
  });
});

describe("ExternalServices.test against a server that ignores createdAt ge", () => {
  it("takes no result recorded before the baseline, and one recorded in the same second as it", async () => {
    const ours = "svc-ours";
    const activity = (id: string, key: string, at: string) => ({ id, key, title: "External service test", source: { id: ours }, createdAt: at });
    const earlierTest = activity("earlier", "EXTERNAL_SERVICE_TEST_FAILED", "2026-11-30T10:01:00Z");
    const baseline = activity("baseline", "SERVICE_UPDATED", "2026-11-30T10:02:00Z");
    // Recorded in the same second as the baseline: `createdAt ge` keeps it, so must the sdk.
    const result = activity("result", "EXTERNAL_SERVICE_TEST_SUCCEEDED", "2026-11-30T10:02:00Z");
    let pollsAfterTest = 0;
    const polls: URLSearchParams[] = [];
    const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
      const reply = (status: number, data?: unknown) => ({ status, statusText: "", headers: {}, config, data }) as AxiosResponse;
      if (String(config.url).endsWith("/token")) return reply(200, { access_token: "token-abcdef-123456", expires_in: 900 });
      if (config.method?.toUpperCase() === "POST") { pollsAfterTest = 1; return reply(202); }
      if (pollsAfterTest > 0) polls.push(new URL(String(config.url)).searchParams);
      // The result arrives from the second poll on; until then only what was there before.
      const items = pollsAfterTest++ >= 2 ? [result, baseline, earlierTest] : [baseline, earlierTest];
      return reply(200, { items });
    };
    const com = new ComClient({ endpoint: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token", clientId: "c-ignore-ge", clientSecret: "s-123456789", adapter });
    expect(await com.externalServices.test(ours, { pollIntervalMs: 1, timeoutMs: 1000 })).toMatchObject({ status: "PASSED", activityId: "result" });
    expect(pollsAfterTest).toBeGreaterThan(2);
    // What each poll asks, for a server that does filter: this service's activities since the baseline, 20 at a time.
    expect(polls.map((q) => [q.get("filter"), q.get("limit")])).toEqual(polls.map(() => ["(source/id eq 'svc-ours') and (createdAt ge 2026-11-30T10:02:00.000Z)", "20"]));
  });
});
