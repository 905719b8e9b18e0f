/**
 * The incident-creation scope table of the API reference, row by row, kept literally and on
 * purpose independent of sdk/: a test holds the two encodings together.
 * Columns: serviceEventIssues, criticalEventIssues, warningEventIssues, utilizationAlerts.
 * powerResetEvent (true/false) and disconnectedEvent (0-3) are free in every row.
 */
const VALID_ROWS: ReadonlyArray<readonly [boolean, boolean, boolean, boolean]> = [
  [false, false, false, true],
  [true, false, false, true],
  [true, false, false, false],
  [true, true, false, true],
  [true, true, false, false],
  [true, true, true, true],
  [true, true, true, false],
];

export interface Scope {
  serviceEventIssues: boolean;
  criticalEventIssues: boolean;
  warningEventIssues: boolean;
  utilizationAlerts: boolean;
  powerResetEvent: boolean;
  disconnectedEvent: number;
}

/** "All values are initially false except serviceEventIssues." */
export const DEFAULT_SCOPE: Scope = {
  serviceEventIssues: true,
  criticalEventIssues: false,
  warningEventIssues: false,
  utilizationAlerts: false,
  powerResetEvent: false,
  disconnectedEvent: 0,
};

export const SCOPE_KEYS = Object.keys(DEFAULT_SCOPE) as (keyof Scope)[];

/** True when the four hierarchical flags form one of the table's seven rows. */
export function isValidScopeRow(s: Scope): boolean {
  return VALID_ROWS.some(([svc, crit, warn, util]) =>
    s.serviceEventIssues === svc && s.criticalEventIssues === crit &&
    s.warningEventIssues === warn && s.utilizationAlerts === util);
}
