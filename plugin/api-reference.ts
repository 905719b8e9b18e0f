/**
 * docs/api-reference.md, rendered from the package schema (never written by hand): the
 * resource's inputs and outputs, the data source, the configuration and every type, as tables.
 * `make schema` writes it beside plugin/schema.json; a test fails when it is stale.
 */
import type { PulumiType } from "./schema";

interface Schema {
  name: string; version: string; description: string;
  config: { variables: Record<string, PulumiType> };
  types: Record<string, { type: string; description: string; properties?: Record<string, PulumiType>; required?: string[]; enum?: { value: string; description?: string }[] }>;
  resources: Record<string, { description: string; inputProperties: Record<string, PulumiType>; requiredInputs?: string[]; properties: Record<string, PulumiType> }>;
  functions: Record<string, { description: string; inputs: { properties: Record<string, PulumiType> }; outputs: { properties: Record<string, PulumiType> } }>;
}

const typeName = (t: string) => t.split(":").pop()!;
const anchor = (t: string) => typeName(t).toLowerCase();

/** A property's type as a reader sees it, with links to named types. */
function typeOf(p: PulumiType & { additionalProperties?: PulumiType }): string {
  if (p.$ref?.startsWith("#/types/")) { const name = typeName(p.$ref); return `[${name}](#${anchor(name)})`; }
  if (p.oneOf) return p.oneOf.map(typeOf).join(" \\| ");
  if (p.type === "array") return `${typeOf(p.items ?? {})}[]`;
  if (p.additionalProperties) return `map of ${typeOf(p.additionalProperties)}`;
  return p.type ?? "any";
}

const cell = (text = "") => text.replace(/\|/g, "\\|").replace(/\n+/g, " ");

function table(props: Record<string, PulumiType>, required?: string[]): string {
  const rows = Object.entries(props).map(([name, p]) =>
    `| \`${name}\`${required?.includes(name) ? " (required)" : ""} | ${typeOf(p)}${p.secret ? " (secret)" : ""} | ${cell(p.description)} |`);
  return ["| Property | Type | Description |", "|---|---|---|", ...rows].join("\n");
}

/** The resource's description without its examples (they are in docs/_index.md). */
const summary = (description: string) => description.split("{{% examples %}}")[0].trim();

export function renderApiReference(schema: Schema): string {
  const out: string[] = [
    "<!-- Generated from plugin/schema.json by `make schema`; do not edit. -->",
    `# ${schema.name} ${schema.version}: API reference`, "", schema.description, "",
  ];
  for (const [token, r] of Object.entries(schema.resources)) {
    const outputs = Object.fromEntries(Object.entries(r.properties).filter(([k]) => !(k in r.inputProperties)));
    out.push(`## Resource ${typeName(token)}`, "", `Type token: \`${token}\``, "", summary(r.description), "",
      "### Inputs", "", table(r.inputProperties, r.requiredInputs), "", "### Outputs", "",
      "All inputs, and:", "", table(outputs), "");
  }
  for (const [token, f] of Object.entries(schema.functions)) {
    out.push(`## Function ${typeName(token)}`, "", `Token: \`${token}\``, "", f.description, "",
      "### Arguments", "", table(f.inputs.properties), "", "### Result", "", table(f.outputs.properties), "");
  }
  out.push("## Configuration", "", `Stack configuration (\`${schema.name}:<key>\`) of the default provider; an explicit provider takes the same keys as its properties.`, "",
    table(schema.config.variables), "", "## Types", "");
  for (const [token, t] of Object.entries(schema.types)) {
    out.push(`### ${typeName(token)}`, "", t.description, "");
    if (t.enum) out.push("| Value | Description |", "|---|---|", ...t.enum.map((e) => `| \`${e.value}\` | ${cell(e.description)} |`), "");
    else out.push(table(t.properties ?? {}, t.required), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
