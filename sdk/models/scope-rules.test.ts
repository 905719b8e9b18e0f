import { checkIncidentScope, describeScope, INCIDENT_SCOPE_KEYS, SCOPE_FIELDS, SCOPE_FLAGS, SCOPE_HIERARCHY_RULE, scopeRuleOf, VALID_SCOPE_COMBINATIONS } from "./scope-rules";

// The API reference's table, columns service, critical, warning, utilization.
const REFERENCE_TABLE = [
  [false, false, false, true], [true, false, false, true], [true, false, false, false],
  [true, true, false, true], [true, true, false, false], [true, true, true, true], [true, true, true, false],
];

describe("the incident-scope hierarchy", () => {
  it("allows exactly the seven combinations of the reference table", () => {
    const derived = VALID_SCOPE_COMBINATIONS.map((c) => [c.serviceEventIssues, c.criticalEventIssues, c.warningEventIssues, c.utilizationAlerts]);
    expect(new Set(derived.map(String))).toEqual(new Set(REFERENCE_TABLE.map(String)));
    expect(derived).toHaveLength(7);
  });
  it("names each broken implication", () => {
    expect(checkIncidentScope({ serviceEventIssues: false, criticalEventIssues: true, utilizationAlerts: true }).reasons)
      .toEqual(["criticalEventIssues requires serviceEventIssues"]);
    expect(checkIncidentScope({ warningEventIssues: true }).reasons).toEqual(["warningEventIssues requires criticalEventIssues"]);
    expect(checkIncidentScope({ serviceEventIssues: false }).reasons)
      .toEqual(["at least one of serviceEventIssues or utilizationAlerts must be selected"]);
  });
  it("fills the documented defaults: only serviceEventIssues on", () => {
    expect(checkIncidentScope({})).toEqual({
      valid: true, reasons: [],
      scope: { serviceEventIssues: true, criticalEventIssues: false, warningEventIssues: false, utilizationAlerts: false, powerResetEvent: false, disconnectedEvent: 0 },
    });
  });
  it("describes a combination briefly", () => {
    expect(describeScope({ serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: false, utilizationAlerts: true })).toBe("service+critical+utilization");
    expect(describeScope({ serviceEventIssues: false, criticalEventIssues: false, warningEventIssues: false, utilizationAlerts: false })).toBe("none");
  });
});

describe("the rule's parts that the schemas and the docs use", () => {
  it("states the whole rule in one sentence, and each key's own part", () => {
    expect(SCOPE_HIERARCHY_RULE).toBe("criticalEventIssues requires serviceEventIssues; warningEventIssues requires criticalEventIssues; at least one of serviceEventIssues or utilizationAlerts must be selected.");
    expect(INCIDENT_SCOPE_KEYS.map((key) => [key, scopeRuleOf(key)])).toEqual([
      ["serviceEventIssues", ""], ["criticalEventIssues", " It requires serviceEventIssues."], ["warningEventIssues", " It requires criticalEventIssues."],
      ["utilizationAlerts", ""], ["powerResetEvent", ""], ["disconnectedEvent", ""],
    ]);
  });
  it("tells the on/off flags from the level, and lists every field of the scope object", () => {
    expect(SCOPE_FLAGS).toEqual(["serviceEventIssues", "criticalEventIssues", "warningEventIssues", "utilizationAlerts", "powerResetEvent"]);
    expect(SCOPE_FIELDS).toEqual([...INCIDENT_SCOPE_KEYS, "healthNotification"]);
  });
  it("judges a combination invalid exactly when it has a reason, and keeps healthNotification when set", () => {
    expect(checkIncidentScope({ serviceEventIssues: false })).toMatchObject({ valid: false });
    expect(checkIncidentScope({ healthNotification: false }).scope).toMatchObject({ healthNotification: false });
    expect(describeScope({ serviceEventIssues: true, criticalEventIssues: true, warningEventIssues: true, utilizationAlerts: false })).toBe("service+critical+warning");
  });
});
