/**
 * Reads a filter written as text (a YAML program's or a user's string) into the builder's syntax
 * tree, so that a string filter is split like a built one: the server gets the part it can
 * filter on, the client applies the rest. Text this grammar does not cover is sent as it is and
 * the server judges it. The grammar is the builder's: comparisons, `in`, `contains()`, `and`,
 * `or`, `not` and parentheses over property paths such as `serviceData/region`.
 */
import { Comparison, Filter, FilterLiteral, FilterNode } from "./filter";

const TOKEN = /\s*(?:(\(|\)|,)|'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))|(-?\d+(?:\.\d+)?)(?!\w)|([A-Za-z_]\w*(?:\/[A-Za-z_]\w*)*))/y;
const COMPARISONS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);

type Token = { kind: "punct" | "string" | "timestamp" | "number" | "word"; text: string };

/** Thrown where the text leaves the grammar; parseFilter answers undefined for it, so it needs no words. */
class OutsideGrammar extends Error {}
function outside(): never {
  throw new OutsideGrammar();
}

function tokens(text: string): Token[] | undefined {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (text.slice(TOKEN.lastIndex).trim() !== "") {
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    if (m[1]) out.push({ kind: "punct", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "string", text: m[2].replace(/''/g, "'") });
    else if (m[3]) out.push({ kind: "timestamp", text: m[3] });
    else if (m[4]) out.push({ kind: "number", text: m[4] });
    else out.push({ kind: "word", text: m[5] });
  }
  return out;
}

/** The filter `text` means, or undefined when it is not in the builder's grammar. */
export function parseFilter(text: string): Filter | undefined {
  const list = tokens(text);
  if (!list?.length) return undefined;
  let i = 0;
  const peek = () => list[i];
  const take = (word?: string) => {
    const t = list[i];
    if (!t || (word !== undefined && t.text !== word)) outside();
    i++;
    return t;
  };
  const value = (): FilterLiteral => {
    const t = take();
    if (t.kind === "string") return t.text;
    // A number too long for a double is not one the builder could have written.
    if (t.kind === "number") return Number.isFinite(Number(t.text)) ? Number(t.text) : outside();
    if (t.kind === "timestamp") return { timestamp: t.text };
    if (t.text === "true" || t.text === "false") return t.text === "true";
    if (t.text === "null") return null;
    return outside();
  };
  const primary = (): FilterNode => {
    const t = peek();
    if (t?.text === "(") {
      take("(");
      const inner = or();
      take(")");
      return inner;
    }
    if (t?.text === "not") {
      take("not");
      return { op: "not", operand: primary() };
    }
    if (t?.text === "contains" && list[i + 1]?.text === "(") {
      take("contains");
      take("(");
      const path = take().text;
      take(",");
      const literal = value();
      take(")");
      if (typeof literal !== "string") outside();
      return { op: "contains", path, value: literal };
    }
    const path = take();
    if (path.kind !== "word") outside();
    const op = take().text;
    if (op === "in") {
      take("(");
      const values = [value()];
      while (peek()?.text === ",") { take(","); values.push(value()); }
      take(")");
      return { op: "in", path: path.text, values };
    }
    if (!COMPARISONS.has(op)) outside();
    return { op: op as Comparison, path: path.text, value: value() };
  };
  const and = (): FilterNode => {
    const operands = [primary()];
    while (peek()?.text === "and") { take("and"); operands.push(primary()); }
    return operands.length === 1 ? operands[0] : { op: "and", operands };
  };
  function or(): FilterNode {
    const operands = [and()];
    while (peek()?.text === "or") { take("or"); operands.push(and()); }
    return operands.length === 1 ? operands[0] : { op: "or", operands };
  }
  try {
    const node = or();
    return i === list.length ? new Filter(node) : undefined;
  } catch (err) {
    if (err instanceof OutsideGrammar) return undefined;
    throw err;
  }
}
