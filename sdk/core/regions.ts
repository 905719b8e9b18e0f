/** COM regions and their API endpoints. */
export const REGIONS = ["us-west", "eu-central", "ap-northeast"] as const;
export type Region = (typeof REGIONS)[number];

export const regionEndpoint = (region: Region) => `https://${region}.api.greenlake.hpe.com`;

/** GreenLake's token endpoint for API client credentials. */
export const DEFAULT_TOKEN_URL = "https://sso.common.cloud.hpe.com/as/token.oauth2";

/** Hosts on this machine: the only ones plain http may reach without an explicit opt-in. */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127(\.\d+){3}|\[::1\])$/i.test(hostname);
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
