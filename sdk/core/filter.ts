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
    const node = (value as { node?: unknown }).node;
    // A revived tree came through serialization: every path and literal is checked again, as the builder checks them.
    if (node && typeof node === "object" && typeof (node as { op?: unknown }).op === "string") return new Filter(checkedNode(node));
    throw new TypeError("filter must be a string or built with hpecom.filter (e.g. filter.eq(\"serviceType\", \"DSCC\"))");
  }
}

const PATH = /^[A-Za-z_]\w*(\/[A-Za-z_]\w*)*$/;

function property(path: unknown): string {
  if (typeof path !== "string" || !PATH.test(path)) throw new TypeError(`invalid filter property '${path}': use names separated by '/', e.g. serviceData/region`);
  return path;
}

/** An ISO 8601 timestamp as Date.toISOString writes it: the only unquoted text a filter carries. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** In a `u` regex a paired surrogate is one code point: only a lone one is of category Cs. */
export const LONE_SURROGATE = /\p{Cs}/u;

function wellFormed(text: string): string {
  // A lone surrogate cannot be percent-encoded: say so here rather than fail in the HTTP layer.
  if (LONE_SURROGATE.test(text)) throw new TypeError("invalid filter text: it holds a lone surrogate (not well-formed Unicode)");
  return text;
}

function toLiteral(value: FilterValue): FilterLiteral {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("invalid filter date");
    return { timestamp: value.toISOString() };
  }
  // A number that is not finite is refused by literal(), as the filter is rendered.
  if (typeof value === "string") return wellFormed(value);
  return value;
}

/** A literal of a revived tree, checked as the builder would have made it. */
function checkedLiteral(value: unknown): FilterLiteral {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number" || typeof value === "string") return toLiteral(value);
  const timestamp = (value as { timestamp?: unknown } | undefined)?.timestamp;
  if (typeof timestamp === "string" && TIMESTAMP.test(timestamp) && Object.keys(value as object).length === 1) return { timestamp };
  throw new TypeError("invalid filter literal: use a string, number, boolean, null or Date");
}

/** A syntax tree from outside the builder (a revived one), rebuilt node by node with the builder's checks. */
function checkedNode(node: unknown, depth = 0): FilterNode {
  if (depth > MAX_DEPTH) throw new TypeError(`invalid filter: nested more than ${MAX_DEPTH} levels`);
  const n = node as Record<string, unknown>;
  switch (n?.op) {
    case "eq": case "ne": case "gt": case "ge": case "lt": case "le":
      return { op: n.op, path: property(n.path), value: checkedLiteral(n.value) };
    case "in":
      if (!Array.isArray(n.values) || n.values.length === 0) throw new TypeError("invalid filter: 'in' needs at least one value");
      return { op: "in", path: property(n.path), values: n.values.map(checkedLiteral) };
    case "contains":
      if (typeof n.value !== "string") throw new TypeError("invalid filter: contains() takes a string");
      return { op: "contains", path: property(n.path), value: wellFormed(n.value) };
    case "and": case "or":
      if (!Array.isArray(n.operands) || n.operands.length === 0) throw new TypeError(`invalid filter: '${n.op}' needs operands`);
      return { op: n.op, operands: n.operands.map((o) => checkedNode(o, depth + 1)) };
    case "not":
      return { op: "not", operand: checkedNode(n.operand, depth + 1) };
    default:
      throw new TypeError("invalid filter: unknown operator");
  }
}

/** How deep a revived filter may nest: far beyond any real one, well within the stack. */
const MAX_DEPTH = 64;

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
  return new Filter({ op: "contains", path: property(path), value: wellFormed(value) });
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
