/**
 * Secrets on the plugin's wire. The provider server accepts secrets, so inputs arrive with each
 * secret wrapped in Pulumi's secret signature; the runtime core works on plain values, and the
 * fields that hold credentials go back wrapped, so that the engine keeps them encrypted.
 */
import { SECRET_SIG, SIG_KEY } from "../provider/runtime/wire";

/** The resource fields whose whole value is a secret. */
export const SECRET_PROPERTIES = ["authentication"] as const;

const isWrappedSecret = (v: unknown): v is { value: unknown } =>
  v !== null && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/** The value with every secret unwrapped, deeply. */
export function revealed<T>(value: T): T {
  if (isWrappedSecret(value)) return revealed(value.value) as T;
  if (Array.isArray(value)) return value.map(revealed) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealed(v)])) as T;
}

/** The properties with the credential fields wrapped as secrets. */
export function withSecrets<T extends object>(props: T): T {
  const out: Record<string, unknown> = { ...(props as Record<string, unknown>) };
  for (const key of SECRET_PROPERTIES) {
    if (out[key] !== undefined) out[key] = { [SIG_KEY]: SECRET_SIG, value: out[key] };
  }
  return out as T;
}
