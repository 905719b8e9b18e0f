// @pulumi/policy's proxy module is internal (its types are stripped): the adapter test uses the real one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy: <T>(props: T) => T; UnknownValueError: new (...args: unknown[]) => Error;
};
import { resourcePolicies, stackPolicies } from "./policies";

const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
const TYPE = "pulumi-nodejs:dynamic/hpecom:ExternalService";
const byName = (name: string) => resourcePolicies.find((p) => p.name === name)!;

function run(name: string, props: Record<string, unknown>, config: object = {}, type = TYPE) {
  const violations: string[] = [];
  const args = {
    type, urn: `urn:pulumi:prod::p::${type}::r`, name: "r", props: unknownCheckingProxy(props),
    stackTags: new Map(), getConfig: () => config, opts: {}, isType: () => false, asType: () => undefined, notApplicable: () => { throw new Error(); },
  };
  (byName(name).validateResource as (a: unknown, r: (m: string) => void) => void)(args, (m) => violations.push(m));
  return violations;
}

const snow = (scope: Record<string, unknown>) => ({
  name: "sn", serviceType: "SERVICE_NOW",
  serviceData: { oauthUrl: "https://a.service-now.com/x", incidentUrl: "https://a.service-now.com/y", incidentCreationScope: scope },
});

describe("the policy adapter", () => {
  it("reports a rule's violations for ExternalService resources only", () => {
    expect(run("incident-scope-hierarchy", snow({ serviceEventIssues: false, criticalEventIssues: true }))[0]).toMatch(/criticalEventIssues requires serviceEventIssues/);
    expect(run("incident-scope-hierarchy", snow({ serviceEventIssues: false, criticalEventIssues: true }), {}, "aws:s3/bucket:Bucket")).toEqual([]);
  });
  it("turns an unknown value into the framework's 'can't run during preview' (advisory), never a false failure", () => {
    expect(() => run("incident-scope-hierarchy", snow({ serviceEventIssues: false, criticalEventIssues: UNKNOWN_BOOL }))).toThrow(UnknownValueError);
  });
  it("passes its config to the rule and reads the stack from the URN", () => {
    expect(run("allowed-service-types", snow({}), { serviceTypes: ["DSCC"] })).toEqual(["serviceType SERVICE_NOW is not allowed here (allowed: DSCC)"]);
    expect(run("minimum-incident-scope", snow({ serviceEventIssues: true }))).toEqual(["stack 'prod' must keep criticalEventIssues on (minimum incident scope)"]);
  });
  it("has the documented policies and levels", () => {
    expect(Object.fromEntries([...resourcePolicies, ...stackPolicies].map((p) => [p.name, p.enforcementLevel]))).toEqual({
      "incident-scope-hierarchy": "mandatory", "auth-type-matches-service-type": "mandatory", "vcenter-connection-complete": "mandatory",
      "servicenow-endpoints": "mandatory", "allowed-service-types": "mandatory", "minimum-incident-scope": "advisory",
      "post-deploy-test-enabled": "advisory", "unique-service-names": "mandatory", "refresh-token-expiry": "advisory",
    });
  });
});
