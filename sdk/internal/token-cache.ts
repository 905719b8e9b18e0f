import { createHash } from "node:crypto";

/**
 * OAuth2 client-credentials tokens, one cache per (token URL, client id) in the process: every
 * client of the same credentials shares one token for its lifetime. Refreshes are single-flight
 * (concurrent callers await one request) and happen a little before expiry.
 */

export interface IssuedToken { accessToken: string; expiresInSeconds: number }
export type TokenFetcher = () => Promise<IssuedToken>;

interface Entry { token: string; expiresAt: number; lifetimeMs: number }

/** Refresh when less than this share of the lifetime (at most 60 s) remains. */
const REFRESH_SHARE = 0.2;
const MAX_REFRESH_AHEAD_MS = 60_000;

export class TokenCache {
  private entry?: Entry;
  private inflight?: Promise<Entry>;

  constructor(private readonly fetchToken: TokenFetcher, private readonly now: () => number = Date.now) {}

  /** A valid access token, fetched only when there is none or it is about to expire. */
  async token(): Promise<string> {
    const e = this.entry;
    if (e && this.now() < e.expiresAt - Math.min(e.lifetimeMs * REFRESH_SHARE, MAX_REFRESH_AHEAD_MS)) return e.token;
    return (await this.refresh()).token;
  }

  /** Drops `token` after the API refused it (401), unless a newer one has replaced it already. */
  invalidate(token: string): void {
    if (this.entry?.token === token) this.entry = undefined;
  }

  private refresh(): Promise<Entry> {
    this.inflight ??= this.fetchToken()
      .then((t) => {
        const lifetimeMs = t.expiresInSeconds * 1000;
        this.entry = { token: t.accessToken, expiresAt: this.now() + lifetimeMs, lifetimeMs };
        return this.entry;
      })
      .finally(() => { this.inflight = undefined; });
    return this.inflight;
  }
}

const caches = new Map<string, TokenCache>();

/**
 * The process-wide cache for these credentials, created with `fetcher` on first use. The key
 * holds a hash of the secret, so a client given a corrected (or rotated) secret never reuses a
 * cache that fetches with the old one.
 */
export function sharedTokenCache(tokenUrl: string, clientId: string, clientSecret: string, fetcher: TokenFetcher): TokenCache {
  const key = `${tokenUrl}\u0000${clientId}\u0000${createHash("sha256").update(clientSecret).digest("hex")}`;
  let cache = caches.get(key);
  if (!cache) {
    cache = new TokenCache(fetcher);
    caches.set(key, cache);
  }
  return cache;
}

/** Forgets every cached token (tests, and a client secret rotated in-process). */
export function clearTokenCaches(): void {
  caches.clear();
}
