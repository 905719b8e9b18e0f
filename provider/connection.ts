/**
 * Where the provider finds its COM connection: stack config (`hpecom:endpoint`, …) first, then
 * environment variables (`HPECOM_ENDPOINT`, …). Read at run time in whichever process needs it
 * (the provider plugin, or the program for the data source); never captured in state.
 */
import * as fs from "node:fs";
import { ComClient, ComConfigurationError, DEFAULT_TOKEN_URL, isRegion, Region, REGIONS, workspaceKey } from "../sdk";
import { logExchange } from "./exchange-log";
import { REFRESH_TOKEN_WARNING_DAYS, warningDays } from "./runtime/refresh-token";

/** The config keys (namespace `hpecom`) and the environment variables that can set them. */
export const CONNECTION_KEYS = {
  endpoint: "HPECOM_ENDPOINT",
  region: "HPECOM_REGION",
  clientId: "HPECOM_CLIENT_ID",
  clientSecret: "HPECOM_CLIENT_SECRET",
  tokenUrl: "HPECOM_TOKEN_URL",
  tenantAcid: "HPECOM_TENANT_ACID",
  caBundleFile: "HPECOM_CA_BUNDLE_FILE",
  allowInsecureHttp: "HPECOM_ALLOW_INSECURE_HTTP",
  jobTimeoutSeconds: "HPECOM_JOB_TIMEOUT_SECONDS",
  refreshTokenWarningDays: "HPECOM_REFRESH_TOKEN_WARNING_DAYS",
} as const;

/** How long a DeleteVCenter job is waited for by default: the sdk's wait, unless `jobTimeoutSeconds` says otherwise. */
export const JOB_TIMEOUT_SECONDS = { min: 1, max: 86_400 } as const;

export type ConnectionSettings = Partial<Record<keyof typeof CONNECTION_KEYS, string>>;

/** Reads a config value by its bare key (e.g. "endpoint"); undefined when unset. */
export type ConfigReader = (key: keyof typeof CONNECTION_KEYS) => string | undefined;

export function resolveSettings(config: ConfigReader, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const settings: ConnectionSettings = {};
  for (const [key, variable] of Object.entries(CONNECTION_KEYS) as [keyof typeof CONNECTION_KEYS, string][]) {
    const value = config(key) ?? env[variable];
    if (value !== undefined && value !== "") settings[key] = value;
  }
  return settings;
}

const howToSet = (key: keyof typeof CONNECTION_KEYS, secret = false) =>
  `set it with \`pulumi config set${secret ? " --secret" : ""} hpecom:${key} <value>\` or the environment variable ${CONNECTION_KEYS[key]}`;

export interface ConnectionIssue {
  field: "region" | "clientId" | "clientSecret" | "jobTimeoutSeconds" | "refreshTokenWarningDays";
  kind: "no-endpoint" | "unknown-region" | "missing" | "out-of-range";
  /** The rule, worded for an explicit `hpecom.Connection` (`connection.<field> <rule>`). */
  rule: string;
}

/** The one rule set of a connection: what it lacks, by field. Values not known yet are not judged. */
export function connectionIssues(s: ConnectionSettings, isKnown: (field: string) => boolean = () => true): ConnectionIssue[] {
  const issues: ConnectionIssue[] = [];
  const known = (...fields: string[]) => fields.every(isKnown);
  if (!s.endpoint && !s.region && known("endpoint", "region")) issues.push({ field: "region", kind: "no-endpoint", rule: `give a region (${REGIONS.join(", ")}) or an endpoint` });
  if (s.region && !s.endpoint && known("endpoint", "region") && !isRegion(s.region)) issues.push({ field: "region", kind: "unknown-region", rule: `must be one of ${REGIONS.join(", ")}` });
  if (!s.clientId && known("clientId")) issues.push({ field: "clientId", kind: "missing", rule: "is required" });
  if (!s.clientSecret && known("clientSecret")) issues.push({ field: "clientSecret", kind: "missing", rule: "is required" });
  if (s.jobTimeoutSeconds !== undefined && known("jobTimeoutSeconds") && jobTimeoutMs(s) === undefined) {
    issues.push({ field: "jobTimeoutSeconds", kind: "out-of-range", rule: `must be a whole number of seconds from ${JOB_TIMEOUT_SECONDS.min} to ${JOB_TIMEOUT_SECONDS.max}` });
  }
  if (s.refreshTokenWarningDays !== undefined && known("refreshTokenWarningDays") && warningDays(s.refreshTokenWarningDays) === undefined) {
    issues.push({ field: "refreshTokenWarningDays", kind: "out-of-range", rule: `must be a whole number of days from ${REFRESH_TOKEN_WARNING_DAYS.min} to ${REFRESH_TOKEN_WARNING_DAYS.max}` });
  }
  return issues;
}

/** The wait for a job these settings ask for, in ms; undefined when unset or not a whole number in range. */
export function jobTimeoutMs(s: ConnectionSettings): number | undefined {
  const seconds = Number(s.jobTimeoutSeconds);
  const valid = /^\d+$/.test(s.jobTimeoutSeconds ?? "") && seconds >= JOB_TIMEOUT_SECONDS.min && seconds <= JOB_TIMEOUT_SECONDS.max;
  return valid ? seconds * 1000 : undefined;
}

/** The default connection's issues, in one line each, with how to set the stack config or variable. */
export function connectionProblems(s: ConnectionSettings): string[] {
  return connectionIssues(s).map((issue) => {
    if (issue.kind === "no-endpoint") return `hpecom: no COM endpoint: ${howToSet("region")} (${REGIONS.join(", ")}), or hpecom:endpoint / HPECOM_ENDPOINT with a URL`;
    if (issue.kind === "unknown-region") return `hpecom: unknown region '${s.region}': use ${REGIONS.join(", ")}`;
    if (issue.kind === "out-of-range") return `hpecom:${issue.field} (${CONNECTION_KEYS[issue.field as "jobTimeoutSeconds" | "refreshTokenWarningDays"]}) ${issue.rule}`;
    const secret = issue.field === "clientSecret";
    return `hpecom: missing COM API client ${secret ? "secret" : "id"}: ${howToSet(issue.field, secret)}`;
  });
}

/** The stack setting (like `pulumi:disable-default-providers`) that makes every resource and call name its connection. */
export const DISABLE_DEFAULT_CONNECTION = { key: "hpecom:disableDefaultConnection", variable: "HPECOM_DISABLE_DEFAULT_CONNECTION" };

export function defaultConnectionDisabled(config: (key: string) => string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return (config(DISABLE_DEFAULT_CONNECTION.key) ?? env[DISABLE_DEFAULT_CONNECTION.variable]) === "true";
}

/**
 * Which workspace the settings (and a resource's own tenant) address: the API base and the
 * tenant. A change of it moves a service to another workspace; a change of credentials does not.
 */
export function workspaceOf(settings: ConnectionSettings, tenantAcid?: string): string {
  return workspaceKey({ ...settings, tenantAcid: tenantAcid ?? settings.tenantAcid });
}

const clients = new Map<string, ComClient>();

/**
 * Retries of one request in the provider: more than the sdk's default of 4, since a deployment
 * that stops half-way costs more than one that waits. With one request in three faulted, 4
 * retries give up on about one request in 250; 8 on one in 20 000.
 */
const PROVIDER_MAX_RETRIES = 8;

/**
 * A client for these settings and tenant, built once per process and reused, so that all
 * resources of a deployment share its token and its keep-alive connections.
 */
export function clientFor(settings: ConnectionSettings, tenantAcid?: string): ComClient {
  const problems = connectionProblems(settings);
  if (problems.length) throw new ComConfigurationError(problems.join("\n"));
  const tenant = tenantAcid ?? settings.tenantAcid;
  const key = JSON.stringify([settings, tenant]);
  let client = clients.get(key);
  if (!client) {
    client = new ComClient({
      endpoint: settings.endpoint,
      region: settings.region as Region | undefined,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      tokenUrl: settings.tokenUrl ?? DEFAULT_TOKEN_URL,
      tenantAcid: tenant,
      caBundle: settings.caBundleFile ? fs.readFileSync(settings.caBundleFile) : undefined,
      allowInsecureHttp: settings.allowInsecureHttp === "true",
      maxRetries: PROVIDER_MAX_RETRIES,
      onExchange: logExchange,
    });
    clients.set(key, client);
  }
  return client;
}
