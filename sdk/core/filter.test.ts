import * as fc from "fast-check";
import { encodeQueryValue } from "../internal/query-string";
import * as filter from "./filter";
import { parseFilter } from "./filter-parse";

describe("the OData filter builder", () => {
  it("quotes strings and doubles inner quotes", () => {
    expect(filter.eq("name", "O'Brien's").expression).toBe("name eq 'O''Brien''s'");
  });
  it("writes every operator", () => {
    expect(filter.ne("serviceType", "DSCC").expression).toBe("serviceType ne 'DSCC'");
    expect(filter.gt("generation", 2).expression).toBe("generation gt 2");
    expect(filter.ge("createdAt", new Date("2026-01-10T10:00:00Z")).expression).toBe("createdAt ge 2026-01-10T10:00:00.000Z");
    expect(filter.lt("generation", 1.5).expression).toBe("generation lt 1.5");
    expect(filter.le("generation", 3).expression).toBe("generation le 3");
    expect(filter.in("serviceType", ["DSCC", "SERVICE_NOW"]).expression).toBe("serviceType in ('DSCC', 'SERVICE_NOW')");
    expect(filter.contains("serviceData/region", "us").expression).toBe("contains(serviceData/region, 'us')");
    expect(filter.isNull("description").expression).toBe("description eq null");
    expect(filter.not(filter.isNull("description")).expression).toBe("not (description eq null)");
    expect(filter.eq("state", true).expression).toBe("state eq true");
  });
  it("parenthesises combinations so precedence never surprises", () => {
    const f = filter.or(filter.and(filter.eq("a", 1), filter.eq("b", 2)), filter.eq("c", 3));
    expect(f.expression).toBe("((a eq 1) and (b eq 2)) or (c eq 3)");
  });
  it("rejects property paths that are not names", () => {
    expect(() => filter.eq("name) or (1", "x")).toThrow(/invalid filter property/);
  });
  it("percent-encodes every reserved character once, + as %2B", () => {
    expect(encodeQueryValue("P06760-B21+2M212504P8")).toBe("P06760-B21%2B2M212504P8");
    expect(encodeQueryValue("name eq 'a(b)*!'")).toBe("name%20eq%20%27a%28b%29%2A%21%27");
    fc.assert(fc.property(fc.string(), (s) => decodeURIComponent(encodeQueryValue(s)) === s || /[\uD800-\uDFFF]/.test(s)));
  });
});

describe("parseFilter", () => {
  it("reads back every filter the builder renders", () => {
    const built = [
      filter.and(filter.eq("serviceType", "DSCC"), filter.contains("name", "it's prod")),
      filter.or(filter.not(filter.eq("state", "DISABLED")), filter.isIn("serviceData/region", ["us-west", "eu-central"])),
      filter.ge("createdAt", new Date("2026-01-10T10:00:00.000Z")),
      filter.and(filter.eq("generation", 3), filter.eq("description", null), filter.ne("adopted", true)),
    ];
    for (const f of built) expect(parseFilter(f.expression)?.node).toEqual(f.node);
  });
  it("leaves text outside the grammar to the server", () => {
    expect(parseFilter("startswith(name, 'x')")).toBeUndefined();
    expect(parseFilter("name eq")).toBeUndefined();
    expect(parseFilter("")).toBeUndefined();
  });
});
