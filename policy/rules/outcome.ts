/** What a rule decides about one resource (or stack), as plain data. */
export interface RuleOutcome {
  /** One message per broken rule. Never contains the value of a secret field. */
  violations: string[];
  /** Property paths whose values are unknown (preview): the rule will decide when they are known. */
  pending: string[];
}

export const pass = (): RuleOutcome => ({ violations: [], pending: [] });
export const fail = (...violations: string[]): RuleOutcome => ({ violations, pending: [] });
export const waitFor = (...pending: string[]): RuleOutcome => ({ violations: [], pending });

// The engine's unknown-value sentinels, one per type. @pulumi/policy marks them internal (and
// its proxy.d.ts does not type-check), so they are read at run time: one source of truth.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
export const UNKNOWN_SENTINELS = new Set(Object.entries(proxy)
  .filter(([name, value]) => /^unknown\w+Value$/.test(name) && typeof value === "string")
  .map(([, value]) => value as string));

/** The key under which @pulumi/policy's unknown-checking proxy hands out its target. */
export const PROXY_TARGET_KEY = proxy.getSpecialProxyTarget as string;

export const isUnknown = (value: unknown): boolean => typeof value === "string" && UNKNOWN_SENTINELS.has(value);

/** The value at a dotted path, or undefined. */
export function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The first of `paths` whose value (or an enclosing object) is unknown; undefined when all are known. */
export function firstUnknown(props: unknown, paths: string[]): string | undefined {
  for (const path of paths) {
    const parts = path.split(".");
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join(".");
      if (isUnknown(at(props, prefix))) return prefix;
    }
  }
  return undefined;
}
