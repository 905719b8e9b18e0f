/**
 * The rules of a provider's configuration (the stack's `hpecom:*` config of the default
 * provider, or a `pulumi:providers:hpecom` resource's properties): what CheckConfig refuses
 * and what DiffConfig calls a move. A change of workspace (endpoint, region, tenant) moves the
 * provider's services, so it replaces them: created in the new workspace, deleted in the old
 * one by the old provider, with the old configuration. New credentials for the same workspace
 * are an update that sends nothing.
 */
import { deepEqual } from "../sdk";
import { CONNECTION_KEYS, connectionIssues, ConnectionSettings, DISABLE_DEFAULT_CONNECTION, resolveSettings, workspaceOf } from "./connection";
import { unknownPaths } from "./runtime/inputs";

/** Every configuration key, and the keys the engine itself adds to a provider's inputs. */
const DISABLE_KEY = DISABLE_DEFAULT_CONNECTION.key.replace(/^hpecom:/, "");
export const CONFIG_KEYS = [...Object.keys(CONNECTION_KEYS), DISABLE_KEY] as const;
const ENGINE_KEYS = ["version", "pluginDownloadURL"];
/** The keys that say which workspace the provider's services live in. */
export const WORKSPACE_KEYS = ["endpoint", "region", "tenantAcid"] as const;
const SWITCHES = ["allowInsecureHttp", DISABLE_KEY];

export interface ConfigFailure { property: string; reason: string }

/** Config values as the connection reads them: text, as stack config is (a typed provider property is converted). */
function settingsOf(config: Record<string, unknown>): ConnectionSettings {
  return Object.fromEntries(Object.entries(config).filter(([k, v]) => k in CONNECTION_KEYS && v !== undefined && v !== null && v !== "")
    .map(([k, v]) => [k, String(v)])) as ConnectionSettings;
}

/** What CheckConfig refuses: unknown keys and set values that break their rule. What is missing is reported by the first resource that needs it. */
export function configFailures(config: Record<string, unknown>): ConfigFailure[] {
  const failures: ConfigFailure[] = [];
  for (const key of Object.keys(config)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key) && !ENGINE_KEYS.includes(key)) {
      failures.push({ property: key, reason: `hpecom:${key} is not a configuration key of hpecom; the keys are ${CONFIG_KEYS.join(", ")}` });
    }
  }
  const unknown = new Set(unknownPaths(config));
  for (const key of SWITCHES) {
    const value = config[key];
    if (value !== undefined && !unknown.has(key) && !["true", "false"].includes(String(value))) failures.push({ property: key, reason: `hpecom:${key} must be true or false` });
  }
  for (const issue of connectionIssues(settingsOf(config), (field) => !unknown.has(field))) {
    if (issue.kind === "unknown-region") failures.push({ property: "region", reason: `hpecom:region ${issue.rule}` });
    if (issue.kind === "out-of-range") failures.push({ property: issue.field, reason: `hpecom:${issue.field} ${issue.rule}` });
  }
  return failures;
}

export interface ConfigDiff { changes: boolean; replaces: string[] }

/**
 * What DiffConfig answers for a provider whose configuration went from `olds` to `news`. Keys
 * left out fall back to the environment, as the connection itself does.
 */
export function diffConfig(olds: Record<string, unknown>, news: Record<string, unknown>): ConfigDiff {
  // A resource moving here from the dynamic face brings the dynamic provider's configuration (the
  // whole stack config: `hpecom:endpoint`, other packages' keys), not its own workspace: whether
  // it moves is its own diff's to say, from the connection it recorded.
  if (Object.keys(olds).some((k) => k.includes(":"))) return { changes: true, replaces: [] };
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !ENGINE_KEYS.includes(k));
  const unknown = new Set(unknownPaths(news));
  const changed = keys.filter((k) => unknown.has(k) || !deepEqual(olds[k], news[k]));
  const workspace = (config: Record<string, unknown>) => workspaceOf(resolveSettings((key) => settingsOf(config)[key]));
  const moved = WORKSPACE_KEYS.some((k) => unknown.has(k)) || workspace(olds) !== workspace(news);
  return { changes: changed.length > 0, replaces: moved ? WORKSPACE_KEYS.filter((k) => changed.includes(k)) : [] };
}
