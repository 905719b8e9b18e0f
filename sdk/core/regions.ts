import { isIPv4, isIPv6 } from "node:net";
/** COM regions and their API endpoints. */
export const REGIONS = ["us-west", "eu-central", "ap-northeast"] as const;
export type Region = (typeof REGIONS)[number];

export const regionEndpoint = (region: Region) => `https://${region}.api.greenlake.hpe.com`;

/** GreenLake's token endpoint for API client credentials. */
export const DEFAULT_TOKEN_URL = "https://sso.common.cloud.hpe.com/as/token.oauth2";

/**
 * Hosts on this machine: the only ones plain http may reach without an explicit opt-in.
 * `localhost`, 127.0.0.0/8, `::1`, and an IPv4-mapped IPv6 address judged by the address it
 * maps to (`[::ffff:127.0.0.2]`, which a URL writes as `[::ffff:7f00:2]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost") return true;
  if (isIPv4(host)) return host.startsWith("127.");
  if (!isIPv6(host)) return false;
  // The URL parser's own normal form: `::1`, or `::ffff:` and the IPv4 address as two hex groups.
  const normal = new URL(`http://[${host}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(normal);
  return normal === "::1" || (mapped !== null && parseInt(mapped[1], 16) >> 8 === 127);
}

/**
 * Which workspace a connection addresses: its API base (an endpoint, or a region's) and its
 * tenant. Two connections with the same key reach the same services, whatever their credentials.
 */
export function workspaceKey(target: { endpoint?: string; region?: string; tenantAcid?: string }): string {
  const base = target.endpoint ?? (target.region && isRegion(target.region) ? regionEndpoint(target.region) : target.region ?? "");
  return `${base.replace(/\/+$/, "")} ${target.tenantAcid ?? ""}`;
}

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}
