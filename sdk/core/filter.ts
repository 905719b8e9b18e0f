/**
 * A typed builder for the COM OData filter subset. It only builds the expression text;
 * percent-encoding happens once, in the HTTP layer.
 *
 *   filter.and(filter.eq("serviceType", "DSCC"), filter.contains("name", "prod"))
 *   // → "(serviceType eq 'DSCC') and (contains(name, 'prod'))"
 */

/** A literal: strings are quoted, Dates become unquoted ISO timestamps. */
export type FilterValue = string | number | boolean | null | Date;

/** A built filter expression. */
export class Filter {
  /** @internal use the builder functions */
  constructor(readonly expression: string, private readonly compound = false) {}
  toString(): string {
    return this.expression;
  }
  /** The expression, parenthesised when it combines others. */
  get operand(): string {
    return this.compound ? `(${this.expression})` : this.expression;
  }
}

const PATH = /^[A-Za-z_]\w*(\/[A-Za-z_]\w*)*$/;

function property(path: string): string {
  if (!PATH.test(path)) throw new TypeError(`invalid filter property '${path}': use names separated by '/', e.g. serviceData/region`);
  return path;
}

/** A literal in filter syntax; a quote inside a string is doubled. */
export function literal(value: FilterValue): string {
  if (value === null) return "null";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`invalid filter number ${value}`);
    return String(value);
  }
  return value ? "true" : "false";
}

const comparison = (op: string) => (path: string, value: FilterValue) => new Filter(`${property(path)} ${op} ${literal(value)}`);

export const eq = comparison("eq");
export const ne = comparison("ne");
export const gt = comparison("gt");
export const ge = comparison("ge");
export const lt = comparison("lt");
export const le = comparison("le");

/** `path in (v1, v2, …)`. */
export function isIn(path: string, values: FilterValue[]): Filter {
  if (values.length === 0) throw new TypeError("filter 'in' needs at least one value");
  return new Filter(`${property(path)} in (${values.map(literal).join(", ")})`);
}
export { isIn as in };

export function contains(path: string, value: string): Filter {
  return new Filter(`contains(${property(path)}, ${literal(value)})`);
}

/** `path eq null`: the property is absent or null. */
export const isNull = (path: string) => eq(path, null);

function join(op: "and" | "or", filters: Filter[]): Filter {
  if (filters.length === 0) throw new TypeError(`filter '${op}' needs at least one operand`);
  if (filters.length === 1) return filters[0];
  return new Filter(filters.map((f) => `(${f.expression})`).join(` ${op} `), true);
}

export const and = (...filters: Filter[]) => join("and", filters);
export const or = (...filters: Filter[]) => join("or", filters);
export const not = (f: Filter) => new Filter(`not (${f.expression})`);
