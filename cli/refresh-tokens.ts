/**
 * `pulumi-hpecom refresh-tokens`: the ServiceNow refresh tokens of the selected stack and when
 * they expire, from its state (`pulumi stack export`: no API call, no secret needed). For the
 * nightly drift job: it lists the tokens within the warning window (and appends the list to the
 * job summary), and exits non-zero when one has expired.
 */
import { expiryOf, REFRESH_TOKEN_WARNING_DAYS, tokenNotice, warningDays } from "../provider/runtime/refresh-token";
import { EXTERNAL_SERVICE_TYPES } from "../provider/type-token";
import type { StateResource } from "./pulumi-cli";

export interface TokenRow { resource: string; name: string; expires: string; status: "expired" | "within the window" | "ok" | "unknown" }

/** One row per ServiceNow service in state: when its token expires, and what that means today. */
export function tokenRows(resources: Pick<StateResource, "urn" | "type" | "outputs">[], windowDays: number, now = Date.now()): TokenRow[] {
  return resources.filter((r) => EXTERNAL_SERVICE_TYPES.includes(r.type) && r.outputs?.serviceType === "SERVICE_NOW").map((r) => {
    const outs = r.outputs as Parameters<typeof expiryOf>[0] & { name: string };
    const expiry = expiryOf(outs);
    const notice = tokenNotice(outs.name, expiry, windowDays, now);
    const expires = !expiry ? "unknown: set outside Pulumi (give refreshTokenIssuedAt)" : `${expiry.exact ? "" : "on or before "}${expiry.at.slice(0, 10)}`;
    const status = !expiry ? "unknown" : notice?.expired ? "expired" : notice ? "within the window" : "ok";
    return { resource: r.urn.split("::").pop()!, name: outs.name, expires, status };
  });
}

export function markdownReport(stack: string, rows: TokenRow[], windowDays: number): string {
  const lines = [`### ServiceNow refresh tokens of stack ${stack} (warning window ${windowDays} days)`, ""];
  if (rows.length === 0) return [...lines, "No ServiceNow external service in this stack."].join("\n");
  lines.push("| resource | service | expires | status |", "|---|---|---|---|");
  for (const r of rows) lines.push(`| ${r.resource} | ${r.name} | ${r.expires} | ${r.status === "ok" ? "ok" : `**${r.status}**`} |`);
  return lines.join("\n");
}

/** The warning window: --days, else HPECOM_REFRESH_TOKEN_WARNING_DAYS, else the default. */
export function windowOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const setting = flag ?? env.HPECOM_REFRESH_TOKEN_WARNING_DAYS;
  const days = warningDays(setting);
  if (days === undefined) throw new Error(`the warning window must be a whole number of days from ${REFRESH_TOKEN_WARNING_DAYS.min} to ${REFRESH_TOKEN_WARNING_DAYS.max}, not '${setting}'`);
  return days;
}
