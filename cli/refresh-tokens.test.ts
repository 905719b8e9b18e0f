import { markdownReport, tokenRows, windowOf } from "./refresh-tokens";

const NOW = Date.parse("2027-03-01T00:00:00Z");
const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const snow = (name: string, extra: Record<string, unknown>) => ({
  urn: `urn:pulumi:prod::gitops::hpecom:index:ExternalService::${name}`, type: "hpecom:index:ExternalService",
  outputs: { name: `ServiceNow ${name}`, serviceType: "SERVICE_NOW", serviceData: { refreshTokenExpiryInDays: 365 }, updatedAt: ago(1), ...extra },
});

describe("the refresh-token report", () => {
  const resources = [
    snow("soon", { refreshTokenExpiresAt: ago(-10) }),
    snow("gone", { refreshTokenExpiresAt: ago(2) }),
    snow("fine", { refreshTokenExpiresAt: ago(-200) }),
    // A dynamic resource of another type is not an ExternalService: left out.
    { ...snow("imported", {}), type: "pulumi-nodejs:dynamic:Resource" },
    { urn: "urn:pulumi:prod::gitops::hpecom:index:ExternalService::dscc", type: "hpecom:index:ExternalService", outputs: { name: "DSCC", serviceType: "DSCC" } },
  ];

  it("lists every ServiceNow service of both faces with its expiry and what it means today", () => {
    expect(tokenRows(resources, 30, NOW)).toEqual([
      { resource: "soon", name: "ServiceNow soon", expires: "2027-03-11", status: "within the window" },
      { resource: "gone", name: "ServiceNow gone", expires: "2027-02-27", status: "expired" },
      { resource: "fine", name: "ServiceNow fine", expires: "2027-09-17", status: "ok" },
    ]);
  });

  it("says a token set outside Pulumi has only a latest date, or none", () => {
    const dynamic = { ...snow("imported", {}), type: "pulumi-nodejs:dynamic/hpecom:ExternalService" };
    expect(tokenRows([dynamic], 30, NOW)).toEqual([{ resource: "imported", name: "ServiceNow imported", expires: "on or before 2028-02-28", status: "ok" }]);
    const noUpdate = { ...dynamic, outputs: { ...dynamic.outputs, updatedAt: undefined } };
    expect(tokenRows([noUpdate], 30, NOW)[0]).toMatchObject({ status: "unknown", expires: expect.stringContaining("set outside Pulumi") });
  });

  it("renders a summary table, and says when there is nothing to list", () => {
    const report = markdownReport("tenant-a", tokenRows(resources, 30, NOW), 30);
    expect(report).toContain("| soon | ServiceNow soon | 2027-03-11 | **within the window** |");
    expect(report).toContain("| fine | ServiceNow fine | 2027-09-17 | ok |");
    expect(markdownReport("tenant-b", [], 30)).toContain("No ServiceNow external service");
  });

  it("takes the window from --days, else the environment, and refuses a bad one", () => {
    expect(windowOf("45", {})).toBe(45);
    expect(windowOf(undefined, { HPECOM_REFRESH_TOKEN_WARNING_DAYS: "60" })).toBe(60);
    expect(windowOf(undefined, {})).toBe(30);
    expect(() => windowOf("soon", {})).toThrow("whole number of days from 0 to 365, not 'soon'");
  });
});
