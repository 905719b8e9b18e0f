/** POST /as/token.oauth2: the OAuth2 client-credentials grant, form-encoded. */
import type { Route } from "../context";

export function tokenRoutes(): Route[] {
  return [{
    method: "POST",
    pattern: "/as/token.oauth2",
    kind: "token",
    handler: (ctx) => {
      const type = (ctx.headers["content-type"] ?? "").split(";")[0].trim();
      if (type !== "application/x-www-form-urlencoded") {
        return { status: 400, body: { error: "invalid_request", error_description: "the body must be application/x-www-form-urlencoded" } };
      }
      const form = ctx.body as Record<string, string>;
      let { client_id: id, client_secret: secret } = form;
      const basic = /^Basic\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
      if (basic) [id, secret] = Buffer.from(basic[1], "base64").toString().split(":");
      if (form.grant_type !== "client_credentials") {
        return { status: 400, body: { error: "unsupported_grant_type", error_description: "only client_credentials is supported" } };
      }
      const issued = ctx.emulator.clients.issueToken(id ?? "", secret ?? "");
      if (!issued) return { status: 401, body: { error: "invalid_client", error_description: "client authentication failed" } };
      return { status: 200, body: { access_token: issued.token, token_type: "Bearer", expires_in: issued.expiresIn } };
    },
  }];
}
