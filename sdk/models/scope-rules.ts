/**
 * The incident-creation scope hierarchy: the one encoding of the rule inside the product,
 * used by the schemas, the provider's check and the policy pack.
 *
 * Each selection widens the previous one (service → critical → warning), and either the
 * event hierarchy or utilization alerts must be on. Those three implications produce exactly
 * the seven valid rows of the API reference's table; a test holds them to the emulator's copy.
 */

export interface IncidentScope {
  serviceEventIssues: boolean;
  criticalEventIssues: boolean;
  warningEventIssues: boolean;
  utilizationAlerts: boolean;
  powerResetEvent: boolean;
  /** Hours of disconnection before an event: 0 (off), 1, 2 or 3. */
  disconnectedEvent: number;
  /** "Not part of the event notification set and may be set independently": outside the rule, sent only when set. */
  healthNotification?: boolean;
}

/** "All values are initially false except serviceEventIssues." */
export const DEFAULT_INCIDENT_SCOPE: Readonly<IncidentScope> = Object.freeze({
  serviceEventIssues: true,
  criticalEventIssues: false,
  warningEventIssues: false,
  utilizationAlerts: false,
  powerResetEvent: false,
  disconnectedEvent: 0,
});

/** The event-notification keys, each with a documented default. */
export const INCIDENT_SCOPE_KEYS = Object.keys(DEFAULT_INCIDENT_SCOPE) as (keyof IncidentScope)[];
/** The on/off event-notification keys (all but `disconnectedEvent`, which is a level). */
export type ScopeFlag = { [K in keyof IncidentScope]-?: IncidentScope[K] extends boolean ? K : never }[keyof IncidentScope];
export const SCOPE_FLAGS = INCIDENT_SCOPE_KEYS.filter((k): k is ScopeFlag => typeof DEFAULT_INCIDENT_SCOPE[k] === "boolean");
/** Every key of the scope object: the event-notification keys and `healthNotification`. */
export const SCOPE_FIELDS = [...INCIDENT_SCOPE_KEYS, "healthNotification"] as const;

/** The four flags the hierarchy constrains, in table order. */
export const HIERARCHY_KEYS = ["serviceEventIssues", "criticalEventIssues", "warningEventIssues", "utilizationAlerts"] as const;
type HierarchyFlags = Pick<IncidentScope, (typeof HIERARCHY_KEYS)[number]>;

/** Each selection widens the previous one: the flag requires the one before it. */
const REQUIRES = { criticalEventIssues: "serviceEventIssues", warningEventIssues: "criticalEventIssues" } as const;
const AT_LEAST_ONE = "at least one of serviceEventIssues or utilizationAlerts must be selected";

/** The whole rule in words, as the schema and the docs state it. */
export const SCOPE_HIERARCHY_RULE = `${Object.entries(REQUIRES).map(([flag, needed]) => `${flag} requires ${needed}`).join("; ")}; ${AT_LEAST_ONE}.`;

/** The part of the rule that constrains one key, as a sentence to append to its description ("" when none). */
export function scopeRuleOf(key: keyof IncidentScope): string {
  return key in REQUIRES ? ` It requires ${REQUIRES[key as keyof typeof REQUIRES]}.` : "";
}

/** Why a combination is invalid: one sentence per broken implication. */
export function scopeViolations(flags: HierarchyFlags): string[] {
  const reasons: string[] = [];
  for (const [flag, needed] of Object.entries(REQUIRES) as [keyof typeof REQUIRES, (typeof REQUIRES)[keyof typeof REQUIRES]][]) {
    if (flags[flag] && !flags[needed]) reasons.push(`${flag} requires ${needed}`);
  }
  if (!flags.serviceEventIssues && !flags.utilizationAlerts) reasons.push(AT_LEAST_ONE);
  return reasons;
}

export interface ScopeCheck {
  valid: boolean;
  /** The scope with the documented defaults filled in. */
  scope: IncidentScope;
  reasons: string[];
}

/** Fills the defaults into a partial scope and checks it against the hierarchy. */
export function checkIncidentScope(partial: Partial<IncidentScope> = {}): ScopeCheck {
  const scope: IncidentScope = { ...DEFAULT_INCIDENT_SCOPE };
  for (const key of SCOPE_FIELDS) {
    if (partial[key] !== undefined) (scope as unknown as Record<string, unknown>)[key] = partial[key];
  }
  const reasons = scopeViolations(scope);
  return { valid: reasons.length === 0, scope, reasons };
}

/** Every valid combination of the four hierarchical flags, derived from the rule. */
export const VALID_SCOPE_COMBINATIONS: readonly HierarchyFlags[] = Array.from({ length: 16 }, (_, bits) => ({
  serviceEventIssues: (bits & 8) !== 0,
  criticalEventIssues: (bits & 4) !== 0,
  warningEventIssues: (bits & 2) !== 0,
  utilizationAlerts: (bits & 1) !== 0,
})).filter((flags) => scopeViolations(flags).length === 0);

/** A one-line description of a combination, e.g. "service+critical+utilization". */
export function describeScope(flags: HierarchyFlags): string {
  const names = { serviceEventIssues: "service", criticalEventIssues: "critical", warningEventIssues: "warning", utilizationAlerts: "utilization" };
  const on = HIERARCHY_KEYS.filter((k) => flags[k]).map((k) => names[k]);
  return on.length ? on.join("+") : "none";
}
