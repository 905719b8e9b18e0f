/**
 * A small ServiceNow stand-in: the OAuth refresh-token grant (`/servicenow/oauth_token.do`)
 * and an import-set endpoint (`/servicenow/api/now/import/{table}`) that records incidents.
 * It is what a SERVICE_NOW connection test talks to in the demo and the tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Reply, Route } from "./context";

export interface Incident { table: string; receivedAt: string; body: unknown }

export class ServiceNowStandIn {
  /** When set, the token endpoint refuses every grant: a test then fails. */
  refuse = false;
  incidents: Incident[] = [];
  private readonly tokens = new Set<string>();

  routes(): Route[] {
    return [
      { method: "POST", pattern: "/servicenow/oauth_token.do", kind: "servicenow", handler: (ctx) => this.token(ctx.body) },
      {
        method: "POST", pattern: "/servicenow/api/now/import/{table}", kind: "servicenow",
        handler: (ctx) => this.importIncident(ctx.params.table, ctx.headers.authorization, ctx.body),
      },
    ];
  }

  reset(): void {
    this.refuse = false;
    this.incidents = [];
    this.tokens.clear();
  }

  private token(body: unknown): Reply {
    const form = (body ?? {}) as Record<string, string>;
    if (this.refuse || form.grant_type !== "refresh_token" || !form.client_id || !form.client_secret || !form.refresh_token) {
      return { status: 401, body: { error: "invalid_grant", error_description: "the refresh token or client credentials were refused" } };
    }
    const token = randomBytes(16).toString("hex");
    this.tokens.add(token);
    return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 1800, scope: "useraccount" } };
  }

  private importIncident(table: string, authorization: string | undefined, body: unknown): Reply {
    const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (!token || !this.tokens.has(token)) return { status: 401, body: { error: { message: "User Not Authenticated" } } };
    this.incidents.push({ table, receivedAt: new Date().toISOString(), body });
    return { status: 201, body: { import_set: randomUUID(), result: [{ status: "inserted", table, sys_id: randomUUID() }] } };
  }
}
