/**
 * The OData 4.0 filter subset of the COM reference: eq ne gt ge lt le in, and or not,
 * contains(), over property paths such as `serviceData/region`; literals are strings
 * ('it''s'), integers, decimals, booleans, null and timestamps (2026-01-10T10:00:00Z).
 */
export type Literal = string | number | boolean | null | { timestamp: number };

type Node =
  | { kind: "cmp"; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; path: string[]; value: Literal }
  | { kind: "in"; path: string[]; values: Literal[] }
  | { kind: "contains"; path: string[]; value: Literal }
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; inner: Node };

/** A malformed filter: the server answers 400 with this message. */
export class FilterSyntaxError extends Error {}

const TOKEN = /\s*(?:(\()|(\))|(,)|('(?:[^']|'')*')|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_][\w]*(?:\/[A-Za-z_][\w]*)*))/y;

type Token = { type: "(" | ")" | "," | "string" | "timestamp" | "number" | "word"; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < input.length) {
    if (/^\s*$/.test(input.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(input);
    if (!m) throw new FilterSyntaxError(`unexpected character at position ${pos}: '${input.slice(pos, pos + 10)}'`);
    pos = TOKEN.lastIndex;
    if (m[1]) tokens.push({ type: "(", text: "(" });
    else if (m[2]) tokens.push({ type: ")", text: ")" });
    else if (m[3]) tokens.push({ type: ",", text: "," });
    else if (m[4]) tokens.push({ type: "string", text: m[4].slice(1, -1).replace(/''/g, "'") });
    else if (m[5]) tokens.push({ type: "timestamp", text: m[5] });
    else if (m[6]) tokens.push({ type: "number", text: m[6] });
    else tokens.push({ type: "word", text: m[7] });
  }
  return tokens;
}

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

/** Far deeper than any real filter; shallow enough for the parser's stack. */
const MAX_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new FilterSyntaxError("empty filter");
    const node = this.or();
    if (this.i < this.tokens.length) throw new FilterSyntaxError(`unexpected '${this.tokens[this.i].text}'`);
    return node;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.i];
    return t?.type === "word" && t.text === word;
  }

  private next(type?: Token["type"]): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new FilterSyntaxError("unexpected end of filter");
    if (type && t.type !== type) throw new FilterSyntaxError(`expected ${type} but found '${t.text}'`);
    return t;
  }

  private or(): Node {
    let left = this.and();
    while (this.peekWord("or")) { this.i++; left = { kind: "or", left, right: this.and() }; }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.peekWord("and")) { this.i++; left = { kind: "and", left, right: this.not() }; }
    return left;
  }

  private not(): Node {
    if (this.peekWord("not")) {
      this.i++;
      const inner = this.nested(() => this.not());
      return { kind: "not", inner };
    }
    return this.primary();
  }

  /** Each `(` and `not` goes one level deeper; a filter nested past MAX_DEPTH is a 400, not a stack overflow. */
  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new FilterSyntaxError(`filter nested more than ${MAX_DEPTH} levels deep`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private primary(): Node {
    const t = this.next();
    if (t.type === "(") {
      const inner = this.nested(() => this.or());
      this.next(")");
      return inner;
    }
    if (t.type !== "word") throw new FilterSyntaxError(`expected a property but found '${t.text}'`);
    if (t.text === "contains" && this.tokens[this.i]?.type === "(") {
      this.next("(");
      const path = this.path(this.next("word"));
      this.next(",");
      const value = this.literal();
      this.next(")");
      return { kind: "contains", path, value };
    }
    const path = this.path(t);
    const op = this.next("word").text;
    if (op === "in") {
      this.next("(");
      const values = [this.literal()];
      while (this.tokens[this.i]?.type === ",") { this.i++; values.push(this.literal()); }
      this.next(")");
      return { kind: "in", path, values };
    }
    if (!COMPARISONS.has(op)) throw new FilterSyntaxError(`unknown operator '${op}'`);
    return { kind: "cmp", op: op as "eq", path, value: this.literal() };
  }

  private path(t: Token): string[] {
    if (["and", "or", "not", "in", "null", "true", "false"].includes(t.text)) {
      throw new FilterSyntaxError(`expected a property but found '${t.text}'`);
    }
    return t.text.split("/");
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.type) {
      case "string": return t.text;
      case "number": return Number(t.text);
      case "timestamp": {
        const ms = Date.parse(t.text);
        if (Number.isNaN(ms)) throw new FilterSyntaxError(`invalid timestamp '${t.text}'`);
        return { timestamp: ms };
      }
      case "word":
        if (t.text === "true") return true;
        if (t.text === "false") return false;
        if (t.text === "null") return null;
        throw new FilterSyntaxError(`expected a value but found '${t.text}'`);
      default:
        throw new FilterSyntaxError(`expected a value but found '${t.text}'`);
    }
  }
}

function valueAt(item: unknown, path: string[]): unknown {
  let v: unknown = item;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Compares a property value with a literal; undefined when they cannot be ordered. */
function compare(actual: unknown, literal: Literal): number | undefined {
  if (literal !== null && typeof literal === "object") {
    const ms = typeof actual === "string" ? Date.parse(actual) : NaN;
    return Number.isNaN(ms) ? undefined : Math.sign(ms - literal.timestamp);
  }
  if (typeof actual === "number" && typeof literal === "number") return Math.sign(actual - literal);
  if (typeof actual === "string" && typeof literal === "string") return actual < literal ? -1 : actual > literal ? 1 : 0;
  if (typeof actual === "boolean" && typeof literal === "boolean") return actual === literal ? 0 : undefined;
  return undefined;
}

function equals(actual: unknown, literal: Literal): boolean {
  if (literal === null) return actual === null || actual === undefined;
  return compare(actual, literal) === 0;
}

function evaluate(node: Node, item: unknown): boolean {
  switch (node.kind) {
    case "and": return evaluate(node.left, item) && evaluate(node.right, item);
    case "or": return evaluate(node.left, item) || evaluate(node.right, item);
    case "not": return !evaluate(node.inner, item);
    case "in": return node.values.some((v) => equals(valueAt(item, node.path), v));
    case "contains": {
      const actual = valueAt(item, node.path);
      return typeof actual === "string" && typeof node.value === "string" && actual.includes(node.value);
    }
    case "cmp": {
      const actual = valueAt(item, node.path);
      if (node.op === "eq") return equals(actual, node.value);
      if (node.op === "ne") return !equals(actual, node.value);
      const c = compare(actual, node.value);
      if (c === undefined) return false;
      return node.op === "gt" ? c > 0 : node.op === "ge" ? c >= 0 : node.op === "lt" ? c < 0 : c <= 0;
    }
  }
}

function pathsOf(node: Node): string[] {
  switch (node.kind) {
    case "and": case "or": return [...pathsOf(node.left), ...pathsOf(node.right)];
    case "not": return pathsOf(node.inner);
    default: return [node.path.join("/")];
  }
}

/** A parsed filter: its predicate and every property path it reads. */
export interface CompiledFilter { predicate: (item: unknown) => boolean; paths: string[] }

/** Parses a filter once; throws FilterSyntaxError when malformed. */
export function compileFilter(filter: string): CompiledFilter {
  const ast = new Parser(tokenize(filter)).parse();
  return { predicate: (item) => evaluate(ast, item), paths: pathsOf(ast) };
}
