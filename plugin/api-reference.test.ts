import { renderApiReference } from "./api-reference";

/** A schema holding one of each thing the reference renders; schema.test.ts holds the real one to docs/api-reference.md. */
const schema = {
  name: "demo", version: "1.0.0", description: "Demo package.",
  config: { variables: { region: { type: "string", description: "Where.\n\nIn full." } } },
  types: {
    "demo:index:Kind": { type: "string", description: "A kind.", enum: [{ value: "A", description: "first | only" }, { value: "B" }] },
    "demo:index:Empty": { type: "object", description: "Nothing inside." },
    "demo:index:Pair": { type: "object", description: "Two.", properties: { left: { type: "integer" }, right: { type: "boolean" } }, required: ["left"] },
  },
  resources: {
    "demo:index:Thing": {
      description: "A thing.\n\n{{% examples %}}\nnot rendered\n{{% /examples %}}",
      inputProperties: {
        kind: { $ref: "#/types/demo:index:Kind" },
        archive: { $ref: "pulumi.json#/Archive", description: "not a type of this package" },
        tags: { type: "object", additionalProperties: { type: "string" } },
        pairs: { type: "array", items: { $ref: "#/types/demo:index:Pair" } },
        anything: { type: "array" },
        either: { oneOf: [{ type: "string" }, { type: "number" }] },
        token: { type: "string", secret: true },
        free: {},
      },
      requiredInputs: ["kind"],
      properties: { kind: { $ref: "#/types/demo:index:Kind" }, id2: { type: "string", description: "Set by the API." } },
    },
  },
  functions: {
    "demo:index:getThings": { description: "Lists things.", inputs: { properties: { filter: { type: "string" } } }, outputs: { properties: { things: { type: "array", items: { type: "string" } } } } },
  },
};

it("renders every part of the schema as tables, types linked, cells escaped, examples left out", () => {
  expect(renderApiReference(schema as never)).toBe(`<!-- Generated from plugin/schema.json by \`make schema\`; do not edit. -->
# demo 1.0.0: API reference

Demo package.

## Resource Thing

Type token: \`demo:index:Thing\`

A thing.

### Inputs

| Property | Type | Description |
|---|---|---|
| \`kind\` (required) | [Kind](#kind) |  |
| \`archive\` | any | not a type of this package |
| \`tags\` | map of string |  |
| \`pairs\` | [Pair](#pair)[] |  |
| \`anything\` | any[] |  |
| \`either\` | string \\| number |  |
| \`token\` | string (secret) |  |
| \`free\` | any |  |

### Outputs

All inputs, and:

| Property | Type | Description |
|---|---|---|
| \`id2\` | string | Set by the API. |

## Function getThings

Token: \`demo:index:getThings\`

Lists things.

### Arguments

| Property | Type | Description |
|---|---|---|
| \`filter\` | string |  |

### Result

| Property | Type | Description |
|---|---|---|
| \`things\` | string[] |  |

## Configuration

Stack configuration (\`demo:<key>\`) of the default provider; an explicit provider takes the same keys as its properties.

| Property | Type | Description |
|---|---|---|
| \`region\` | string | Where. In full. |

## Types

### Kind

A kind.

| Value | Description |
|---|---|
| \`A\` | first \\| only |
| \`B\` |  |

### Empty

Nothing inside.

| Property | Type | Description |
|---|---|---|

### Pair

Two.

| Property | Type | Description |
|---|---|---|
| \`left\` (required) | integer |  |
| \`right\` | boolean |  |
`);
});
