/**
 * Filters applied by the client. COM documents external services as filterable by
 * `serviceType` only, so a filter on anything else is split: the part the server is known to
 * support is sent, and the rest is applied here to each item (docs/api-assumptions.md, `filter-support`).
 * The emulator keeps its own evaluator on purpose (emulator/odata.ts), written from the reference;
 * tests/contract/sdk-emulator-agreement.test.ts holds the two together.
 */
import { Filter, FilterLiteral, FilterNode } from "./filter";

function valueAt(item: unknown, path: string): unknown {
  let v: unknown = item;
  for (const key of path.split("/")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Orders a property value against a literal: negative, 0 or positive; NaN when the two cannot be
 * compared, so that every comparison with it is false.
 */
function compare(actual: unknown, literal: FilterLiteral): number {
  if (literal !== null && typeof literal === "object") {
    const a = typeof actual === "string" ? Date.parse(actual) : NaN;
    return Math.sign(a - Date.parse(literal.timestamp));
  }
  if (typeof actual === "number" && typeof literal === "number") return Math.sign(actual - literal);
  if (typeof actual === "string" && typeof literal === "string") return actual < literal ? -1 : actual > literal ? 1 : 0;
  // Booleans are equal or not, never ordered.
  if (typeof actual === "boolean") return actual === literal ? 0 : NaN;
  return NaN;
}

function equals(actual: unknown, literal: FilterLiteral): boolean {
  if (literal === null) return actual === null || actual === undefined;
  return compare(actual, literal) === 0;
}

function evaluate(node: FilterNode, item: unknown): boolean {
  switch (node.op) {
    case "and": return node.operands.every((o) => evaluate(o, item));
    case "or": return node.operands.some((o) => evaluate(o, item));
    case "not": return !evaluate(node.operand, item);
    case "in": return node.values.some((v) => equals(valueAt(item, node.path), v));
    case "contains": {
      const actual = valueAt(item, node.path);
      return typeof actual === "string" && actual.includes(node.value);
    }
    case "eq": return equals(valueAt(item, node.path), node.value);
    case "ne": return !equals(valueAt(item, node.path), node.value);
    default: {
      const c = compare(valueAt(item, node.path), node.value);
      return node.op === "gt" ? c > 0 : node.op === "ge" ? c >= 0 : node.op === "lt" ? c < 0 : c <= 0;
    }
  }
}

/** Whether `item` satisfies `filter`, evaluated here rather than by the server. */
export function matches(filter: Filter, item: unknown): boolean {
  return evaluate(filter.node, item);
}

/** Every property path a filter reads. */
export function filterPaths(node: FilterNode): string[] {
  switch (node.op) {
    case "and": case "or": return node.operands.flatMap(filterPaths);
    case "not": return filterPaths(node.operand);
    default: return [node.path];
  }
}

/** The conjuncts of a filter: `a and (b and c)` → [a, b, c]. */
function conjuncts(node: FilterNode): FilterNode[] {
  return node.op === "and" ? node.operands.flatMap(conjuncts) : [node];
}

const combine = (nodes: FilterNode[]): Filter | undefined =>
  nodes.length === 0 ? undefined : new Filter(nodes.length === 1 ? nodes[0] : { op: "and", operands: nodes });

/**
 * Splits a filter into the part a server that filters only on `serverPaths` can apply and the
 * part the client applies itself. Their conjunction is the original filter.
 */
export function splitFilter(filter: Filter, serverPaths: readonly string[]): { server?: Filter; local?: Filter } {
  const parts = conjuncts(filter.node);
  const serverSide = (n: FilterNode) => filterPaths(n).every((p) => serverPaths.includes(p));
  return { server: combine(parts.filter(serverSide)), local: combine(parts.filter((n) => !serverSide(n))) };
}
