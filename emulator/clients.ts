/** API clients, the workspaces they act in, and the bearer tokens issued to them. */
import { randomBytes } from "node:crypto";
import { forbidden, unauthorized } from "./http-error";

export interface ClientSpec {
  id: string;
  secret: string;
  /** The workspace the client belongs to; defaults to one of its own. */
  workspace?: string;
  /** Tenant application customer ids: set for an MSP workspace's client. */
  tenants?: string[];
}

/** The client that `npm run emulator` accepts when none is given. */
export const DEMO_CLIENT: ClientSpec = { id: "demo-client", secret: "demo-secret" };

/**
 * Parses `id:secret`, `id:secret@workspace` or, for an MSP client,
 * `id:secret@workspace:tenant1,tenant2`.
 */
export function parseClientSpec(text: string): ClientSpec {
  const m = /^([^:@]+):([^@]+?)(?:@([^:]+)(?::(.+))?)?$/.exec(text);
  if (!m) throw new Error(`invalid client '${text}': expected id:secret[@workspace[:tenant,...]]`);
  return { id: m[1], secret: m[2], workspace: m[3], tenants: m[4]?.split(",").filter(Boolean) };
}

interface Token { clientId: string; expiresAt: number }

export class Clients {
  private readonly clients = new Map<string, ClientSpec>();
  private readonly tokens = new Map<string, Token>();
  tokensIssued = 0;

  constructor(specs: ClientSpec[], public tokenLifetimeSeconds: number) {
    for (const spec of specs) this.clients.set(spec.id, spec);
  }

  /** The client-credentials grant; undefined when the credentials are wrong. */
  issueToken(clientId: string, secret: string): { token: string; expiresIn: number } | undefined {
    const client = this.clients.get(clientId);
    if (!client || client.secret !== secret) return undefined;
    const token = randomBytes(24).toString("base64url");
    this.tokens.set(token, { clientId, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
    this.tokensIssued++;
    return { token, expiresIn: this.tokenLifetimeSeconds };
  }

  /** Every bearer token issued so far: tests scan outputs and state for them. */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  /** The workspace of the first client: where inspection routes put things by default. */
  defaultWorkspace(): string {
    const first = this.clients.values().next().value as ClientSpec;
    return first.workspace ?? `workspace-${first.id}`;
  }

  /**
   * Resolves the API client a request comes from and the workspace it acts in, from its bearer
   * token and Tenant-Acid header.
   */
  authorize(authorization: string | undefined, tenantAcid: string | undefined): { clientId: string; workspaceId: string } {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    const token = m && this.tokens.get(m[1]);
    if (!token || token.expiresAt <= Date.now()) throw unauthorized();
    const client = this.clients.get(token.clientId)!;
    if (tenantAcid === undefined) return { clientId: client.id, workspaceId: client.workspace ?? `workspace-${client.id}` };
    if (!client.tenants) throw forbidden("Forbidden: the Tenant-Acid header requires a token of an MSP workspace");
    if (!client.tenants.includes(tenantAcid)) throw forbidden(`Forbidden: '${tenantAcid}' is not a tenant of this MSP workspace`);
    return { clientId: client.id, workspaceId: `tenant-${tenantAcid}` };
  }
}
