/**
 * A typed builder for the COM OData filter subset. A filter keeps both its expression text
 * (what the server is sent; percent-encoding happens once, in the HTTP layer) and its syntax
 * tree, plain JSON, so that the part a server cannot filter on can be applied by the client
 * (see filter-match.ts) and a filter that went through `pulumi.output()` can be revived.
 *
 *   filter.and(filter.eq("serviceType", "DSCC"), filter.contains("name", "prod"))
 *   // → "(serviceType eq 'DSCC') and (contains(name, 'prod'))"
 */

/** A literal: strings are quoted, Dates become unquoted ISO timestamps. */
export type FilterValue = string | number | boolean | null | Date;

/** A literal in the syntax tree: JSON only (a Date is kept as its ISO text). */
export type FilterLiteral = string | number | boolean | null | { timestamp: string };

export type Comparison = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** The syntax tree of a filter. */
export type FilterNode =
  | { op: Comparison; path: string; value: FilterLiteral }
  | { op: "in"; path: string; values: FilterLiteral[] }
  | { op: "contains"; path: string; value: string }
  | { op: "and" | "or"; operands: FilterNode[] }
  | { op: "not"; operand: FilterNode };

/** A built filter expression. */
export class Filter {
  readonly expression: string;

  /** @internal use the builder functions */
  constructor(readonly node: FilterNode) {
    this.expression = render(node);
  }

  toString(): string {
    return this.expression;
  }

  /**
   * A Filter again from what is left of one after serialization (`pulumi.output()` turns class
   * instances into plain objects): anything with a `node`. Strings and Filters pass through.
   */
  static revive(value: unknown): Filter | string | undefined {
    if (value === undefined || value === null || typeof value === "string" || value instanceof Filter) return value ?? undefined;
    const node = (value as { node?: FilterNode }).node;
    if (node && typeof node === "object" && typeof node.op === "string") return new Filter(node);
    throw new TypeError("filter must be a string or built with hpecom.filter (e.g. filter.eq(\"serviceType\", \"DSCC\"))");
  }
}

const PATH = /^[A-Za-z_]\w*(\/[A-Za-z_]\w*)*$/;

function property(path: string): string {
  if (!PATH.test(path)) throw new TypeError(`invalid filter property '${path}': use names separated by '/', e.g. serviceData/region`);
  return path;
}

function toLiteral(value: FilterValue): FilterLiteral {
  if (value instanceof Date) return { timestamp: value.toISOString() };
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`invalid filter number ${value}`);
  return value;
}

/** A literal in filter syntax; a quote inside a string is doubled. */
export function literal(value: FilterValue | FilterLiteral): string {
  if (value === null) return "null";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return value.timestamp;
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`invalid filter number ${value}`);
    return String(value);
  }
  return value ? "true" : "false";
}

function render(node: FilterNode): string {
  switch (node.op) {
    case "in": return `${node.path} in (${node.values.map(literal).join(", ")})`;
    case "contains": return `contains(${node.path}, ${literal(node.value)})`;
    case "and": case "or": return node.operands.map((o) => `(${render(o)})`).join(` ${node.op} `);
    case "not": return `not (${render(node.operand)})`;
    default: return `${node.path} ${node.op} ${literal(node.value)}`;
  }
}

const comparison = (op: Comparison) => (path: string, value: FilterValue) => new Filter({ op, path: property(path), value: toLiteral(value) });

export const eq = comparison("eq");
export const ne = comparison("ne");
export const gt = comparison("gt");
export const ge = comparison("ge");
export const lt = comparison("lt");
export const le = comparison("le");

/** `path in (v1, v2, …)`. */
export function isIn(path: string, values: FilterValue[]): Filter {
  if (values.length === 0) throw new TypeError("filter 'in' needs at least one value");
  return new Filter({ op: "in", path: property(path), values: values.map(toLiteral) });
}
export { isIn as in };

export function contains(path: string, value: string): Filter {
  return new Filter({ op: "contains", path: property(path), value });
}

/** `path eq null`: the property is absent or null. */
export const isNull = (path: string) => eq(path, null);

function join(op: "and" | "or", filters: Filter[]): Filter {
  if (filters.length === 0) throw new TypeError(`filter '${op}' needs at least one operand`);
  if (filters.length === 1) return filters[0];
  return new Filter({ op, operands: filters.map((f) => f.node) });
}

export const and = (...filters: Filter[]) => join("and", filters);
export const or = (...filters: Filter[]) => join("or", filters);
export const not = (f: Filter) => new Filter({ op: "not", operand: f.node });
