/** The ExternalService inputs a policy sees, as plain data (secrets arrive as plain text: never echo them). */
export interface ServiceProps {
  name?: unknown;
  serviceType?: unknown;
  authenticationType?: unknown;
  authentication?: Record<string, unknown> | unknown;
  serviceData?: Record<string, unknown> | unknown;
  tenantAcid?: unknown;
  postDeployTest?: unknown;
  /** The resource's `hpecom.Connection` settings (absent: the stack's default connection). */
  connection?: Record<string, unknown> | unknown;
}

/** Where a rule runs: the stack and its tags. */
export interface RuleContext {
  stack: string;
  stackTags: ReadonlyMap<string, string>;
}

/** `*` and `?` glob matching over a whole string. */
export function globMatch(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return regex.test(text);
}
