import * as fs from "node:fs";
import * as path from "node:path";
import { renderApiReference } from "./api-reference";
import { buildSchema, convert, merge, PLUGIN_DOWNLOAD_URL } from "./schema";

const committed = JSON.parse(fs.readFileSync(path.join(__dirname, "schema.json"), "utf8"));
const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));

interface Property { description?: string; $ref?: string; type?: string; items?: Property; oneOf?: Property[]; additionalProperties?: Property }

/** Every property of the schema, named by where it is: resources, types, config, provider and function inputs and outputs. */
function everyProperty(schema: typeof committed): [string, Property][] {
  const out: [string, Property][] = [];
  const add = (where: string, props: Record<string, Property> = {}) => { for (const [k, p] of Object.entries(props)) out.push([`${where}.${k}`, p]); };
  for (const [t, r] of Object.entries<{ inputProperties: Record<string, Property>; properties: Record<string, Property> }>(schema.resources)) {
    add(`${t} input`, r.inputProperties);
    add(`${t} output`, r.properties);
  }
  for (const [t, type] of Object.entries<{ properties?: Record<string, Property> }>(schema.types)) add(t, type.properties);
  add("config", schema.config.variables);
  add("provider input", schema.provider.inputProperties);
  for (const [f, fn] of Object.entries<{ inputs: { properties: Record<string, Property> }; outputs: { properties: Record<string, Property> } }>(schema.functions)) {
    add(`${f} input`, fn.inputs.properties);
    add(`${f} output`, fn.outputs.properties);
  }
  return out;
}

/** Every type reference below a property (array items, union members, map values included). */
const refsOf = (p: Property): string[] => [p.$ref ?? "", ...(p.items ? refsOf(p.items) : []), ...(p.oneOf ?? []).flatMap(refsOf),
  ...(p.additionalProperties ? refsOf(p.additionalProperties) : [])].filter(Boolean);

describe("plugin/schema.json", () => {
  it("is what the zod schemas generate today (run `make schema` after changing them)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildSchema(version))));
  });

  it("carries package.json's version and where releases are downloaded from", () => {
    expect(committed.version).toBe(version);
    expect(committed.pluginDownloadURL).toBe(PLUGIN_DOWNLOAD_URL);
  });

  it("marks the credentials secret and requires what every service type requires", () => {
    const resource = committed.resources["hpecom:index:ExternalService"];
    expect(resource.inputProperties.authentication.secret).toBe(true);
    expect(committed.provider.inputProperties.clientSecret.secret).toBe(true);
    expect(committed.config.variables.clientSecret.secret).toBe(true);
    expect(resource.requiredInputs).toEqual(["name", "serviceType", "authentication", "serviceData"]);
    expect(Object.keys(committed.types["hpecom:index:ExternalServiceData"].properties))
      .toEqual(expect.arrayContaining(["oauthUrl", "incidentUrl", "region", "vCenterUrl", "vCenterCertFingerprint", "incidentCreationScope"]));
  });

  it("describes every property, and no type is Any", () => {
    const properties = everyProperty(committed);
    expect(properties.length).toBeGreaterThan(60);
    expect(properties.filter(([, p]) => !p.description?.trim()).map(([where]) => where)).toEqual([]);
    expect(properties.filter(([, p]) => refsOf(p).some((r) => r.startsWith("pulumi.json#/Any"))).map(([where]) => where)).toEqual([]);
    for (const [name, type] of Object.entries<{ description?: string }>(committed.types)) expect([name, type.description?.trim()]).toEqual([name, expect.any(String)]);
  });

  it("types every reference it makes", () => {
    const refs = everyProperty(committed).flatMap(([, p]) => refsOf(p)).filter((r) => r.startsWith("#/types/"));
    expect(refs.filter((r) => !committed.types[r.slice("#/types/".length)])).toEqual([]);
  });

  it("closes the closed sets as enums, and the switches are booleans", () => {
    const enumOf = (ref: string) => committed.types[ref.slice("#/types/".length)].enum.map((e: { value: string }) => e.value);
    const resource = committed.resources["hpecom:index:ExternalService"].inputProperties;
    expect(enumOf(resource.serviceType.$ref)).toEqual(["SERVICE_NOW", "DSCC", "VMWARE_VCENTER"]);
    expect(enumOf(resource.authenticationType.$ref)).toEqual(["OAUTH", "BASIC"]);
    expect(enumOf(resource.state.$ref)).toEqual(["ENABLED", "DISABLED"]);
    expect(enumOf(committed.config.variables.region.$ref)).toEqual(["us-west", "eu-central", "ap-northeast"]);
    expect(committed.config.variables.allowInsecureHttp.type).toBe("boolean");
    expect(committed.config.variables.disableDefaultConnection.type).toBe("boolean");
    expect(committed.config.variables.jobTimeoutSeconds.type).toBe("integer");
  });

  it("names each config key's environment variable", () => {
    for (const [key, variable] of Object.entries<{ defaultInfo?: { environment: string[] }; description: string }>(committed.config.variables)) {
      expect([key, variable.defaultInfo?.environment]).toEqual([key, [expect.stringMatching(/^HPECOM_[A-Z_]+$/)]]);
      expect(variable.description).toContain(variable.defaultInfo!.environment[0]);
    }
  });

  it("documents the resource with an example per language and an import section", () => {
    const description: string = committed.resources["hpecom:index:ExternalService"].description;
    for (const fence of ["```typescript", "```python", "```go", "```yaml"]) expect(description).toContain(fence);
    expect(description).toMatch(/## Import\n[\s\S]*pulumi import hpecom:index:ExternalService /);
  });
});

describe("docs/api-reference.md", () => {
  it("is rendered from plugin/schema.json (run `make schema` after changing it)", () => {
    const reference = fs.readFileSync(path.join(__dirname, "..", "docs", "api-reference.md"), "utf8");
    expect(reference).toBe(renderApiReference(committed));
  });
});

describe("the schema's converter, on shapes the real schemas may come to have", () => {
  it("takes the non-null member of a nullable property, with its description or the property's", () => {
    expect(convert({ anyOf: [{ type: "null" }, { type: "integer", description: "inner" }] }, "x", {})).toEqual({ type: "integer", description: "inner" });
    expect(convert({ anyOf: [{ type: "null" }, { type: "boolean" }], description: "outer" }, "x", {})).toEqual({ type: "boolean", description: "outer" });
  });

  it("keeps integer, boolean and number, and types anything else as a string", () => {
    expect(["integer", "boolean", "number", "null", undefined].map((type) => convert({ type }, "x", {}))).toEqual(
      [{ type: "integer" }, { type: "boolean" }, { type: "number" }, { type: "string" }, { type: "string" }]);
  });

  it("types an array by its items, named types included, and an array without items as of strings", () => {
    const types = {};
    expect(convert({ type: "array", items: { type: "number" }, description: "list" }, "x", types)).toEqual({ type: "array", items: { type: "number" }, description: "list" });
    expect(convert({ type: "array" }, "x", types)).toEqual({ type: "array", items: { type: "string" } });
    expect(() => convert({ type: "array", items: { type: "object", properties: {} } }, "x", types)).toThrow(
      "schema: the object at x[] has no named type (add it to OBJECT_TYPES)");
  });

  it("names each nested object by its path, and refuses one it has no name for", () => {
    const types: Parameters<typeof convert>[2] = {};
    const scope = { type: "object", description: "the scope", properties: { on: { type: "boolean" } }, required: ["on"] };
    expect(convert({ type: "object", properties: { incidentCreationScope: scope, other: { type: "string" } } }, "serviceData", types)).toEqual(
      { $ref: "#/types/hpecom:index:ExternalServiceData", description: expect.stringContaining("Service-specific settings") });
    expect(types["hpecom:index:IncidentCreationScope"]).toEqual({ type: "object", description: "the scope", properties: { on: { type: "boolean" } }, required: ["on"] });
    expect(types["hpecom:index:ExternalServiceData"]).toMatchObject({ properties: { other: { type: "string" } } });
    expect(types["hpecom:index:ExternalServiceData"]).not.toHaveProperty("required");
    expect(() => convert({ type: "object", properties: {} }, "serviceData.other", {})).toThrow("schema: the object at serviceData.other has no named type (add it to OBJECT_TYPES)");
  });

  it("merges the variants of a union: every property, required only where every variant requires it", () => {
    expect(merge([
      { type: "object", properties: { a: { type: "string" }, b: { type: "object", properties: { x: { type: "string" } } } }, required: ["a", "b"] },
      { type: "object", properties: { a: { type: "string" }, b: { type: "object", properties: { y: { type: "integer" } } }, c: { type: "boolean" } }, required: ["a"] },
      { type: "object", properties: { a: { type: "string" } } , required: ["a"] },
    ])).toEqual({
      type: "object",
      properties: { a: { type: "string" }, b: { type: "object", properties: { x: { type: "string" }, y: { type: "integer" } }, required: [] }, c: { type: "boolean" } },
      required: ["a"],
    });
    // A variant without `required`, and a property that is an object in one variant only: kept as the first has it.
    expect(merge([
      { type: "object", properties: { a: { type: "object", properties: {} } }, required: ["a"] },
      { type: "object", properties: { a: { type: "string" } } },
    ])).toEqual({ type: "object", properties: { a: { type: "object", properties: {} } }, required: [] });
  });
});
