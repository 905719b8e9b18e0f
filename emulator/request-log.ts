/** What the emulator was asked, with secrets masked, for tests and benchmarks to inspect. */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  /** The route pattern, e.g. `GET /compute-ops-mgmt/v1beta1/external-services/{id}`. */
  route: string;
  query: Record<string, string>;
  status: number;
  body?: unknown;
  fault?: string;
  /** The API client whose token the request carried, and the tenant it acted for: never the token itself. */
  client?: string;
  tenant?: string;
  at: string;
}

export const MASK = "**********";
/** A key whose text value is a credential, in any body or query: `clientSecret`, `refresh_token`, `X-Password`… */
const SECRET_KEY = /secret|password|token|authorization/i;
/** The same in text that was not parsed (a body of another type): `key=value` and `"key": "value"`. */
const SECRET_IN_TEXT = /((?:^|[?&\s{,])"?[\w.-]*(?:secret|password|token|authorization)[\w.-]*"?\s*[=:]\s*"?)([^&\s",}]*)/gi;

/** A deep copy with the text value of every secret-named key masked, in objects and in unparsed text. */
export function maskSecrets(value: unknown): unknown {
  if (typeof value === "string") return value.replace(SECRET_IN_TEXT, `$1${MASK}`);
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) =>
    [k, SECRET_KEY.test(k) && typeof v === "string" ? MASK : maskSecrets(v)]));
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  private readonly listeners = new Set<(entry: LoggedRequest) => void>();

  add(entry: Omit<LoggedRequest, "seq" | "at" | "body"> & { body?: unknown }): void {
    const logged = {
      ...entry, query: maskSecrets(entry.query) as Record<string, string>, body: maskSecrets(entry.body), seq: ++this.seq, at: new Date().toISOString(),
    };
    this.entries.push(logged);
    for (const listener of this.listeners) listener(logged);
  }

  /**
   * Calls `listener` with each request once it has been acted on, before it is answered (an
   * in-process test can act at that exact point: kill its client, say); returns the unsubscribe.
   */
  onRequest(listener: (entry: LoggedRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  since(seq = 0): LoggedRequest[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  /** Requests per route pattern. */
  counts(since = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.since(since)) counts[e.route] = (counts[e.route] ?? 0) + 1;
    return counts;
  }

  /** Answers per HTTP status (0: the connection was dropped). */
  statuses(since = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.since(since)) counts[e.status] = (counts[e.status] ?? 0) + 1;
    return counts;
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}
