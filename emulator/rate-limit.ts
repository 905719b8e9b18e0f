/**
 * GreenLake's request budget: a fixed window of `limit` requests per `windowSeconds` for each
 * API client, announced on every answer with `ratelimit-limit`, `ratelimit-remaining` and
 * `ratelimit-reset` (whole seconds until the window ends, rounded up), and answered 429 once
 * spent. The rate-limiting guide shows the headers and an example figure; the real figures per
 * API are not published, so the limit is off unless set. Whether an MSP's tenants share their
 * API client's budget is not documented either: `per` offers both readings.
 */
export interface RateLimitSetting {
  limit: number;
  windowSeconds: number;
  /** `client` (default): one budget per API client; `tenant`: one per client and Tenant-Acid. */
  per?: "client" | "tenant";
}

export interface RateLimitDecision { allowed: boolean; headers: Record<string, string> }

interface Window { endsAt: number; used: number }

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  /** Counts one request of `clientId` (acting for `tenant`), unless the budget is spent. */
  take(setting: RateLimitSetting, clientId: string, tenant: string | undefined, now = Date.now()): RateLimitDecision {
    const key = setting.per === "tenant" ? `${clientId}\u0000${tenant ?? ""}` : clientId;
    let window = this.windows.get(key);
    if (!window || now >= window.endsAt) {
      window = { endsAt: now + setting.windowSeconds * 1000, used: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.used < setting.limit;
    if (allowed) window.used++;
    return {
      allowed,
      headers: {
        "ratelimit-limit": String(setting.limit),
        "ratelimit-remaining": String(setting.limit - window.used),
        "ratelimit-reset": String(Math.ceil((window.endsAt - now) / 1000)),
      },
    };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** Parses the command line's `<requests>/<seconds>`, e.g. `100/10`. */
export function parseRateLimit(text: string): RateLimitSetting {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new Error(`invalid rate limit '${text}': expected <requests>/<seconds>, e.g. 100/10`);
  return { limit: Number(m[1]), windowSeconds: Number(m[2]) };
}
