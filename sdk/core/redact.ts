/**
 * Redaction of secrets from anything that may reach a message, a log or a stack trace.
 * The client registers every secret it handles (its client secret, the tokens it receives,
 * the secret fields of bodies it sends); `redact` removes them from text in every form they
 * take there (as they are, JSON-escaped once or twice, percent- or form-encoded), and removes
 * by structure the value of every secret-named key and every `Bearer …` credential, registered or not.
 */
/** Every form of every registered secret, longest first: a secret that contains another is removed whole. */
let knownForms: string[] = [];
export const REDACTED = "[REDACTED]";

/** Field names whose value is a credential, wherever they appear (bodies, errors, headers). */
export const SECRET_KEY = /secret|password|token|authorization/i;

/**
 * Registered secrets shorter than this are found by structure only (a secret key's value):
 * matched anywhere in text, a two-letter secret would blank every occurrence of two letters.
 */
const MIN_SECRET_LENGTH = 4;

/** How the API masks a secret it returns: never a secret itself. */
const MASK = "**********";

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** Remembers a value that must never be shown, in each form it can take in text. */
export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || value === MASK) return;
  const forms = [value, jsonEscaped(value), jsonEscaped(jsonEscaped(value)), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
  // Every request with a secret in its body registers it again: sort only when a form is new.
  const added = forms.filter((form) => !knownForms.includes(form));
  if (added.length) knownForms = [...new Set([...knownForms, ...added])].sort((a, b) => b.length - a.length);
}

/** A secret-named key: one JSON string's text (it stops at a quote), blanks and backslashes allowed. */
const KEY = String.raw`[^"]*(?:secret|password|token|authorization)[^"]*`;
/** By structure: the value of a secret-named key in JSON text (`"password": "…"`). */
const JSON_VALUE = new RegExp(String.raw`("${KEY}"\s*:\s*")((?:[^"\\]|\\.)*)"`, "gi");
/** The same in JSON that was itself put in a JSON string (`\"password\":\"…\"`): the value ends at a `\"` before `,`, `}` or `]`. */
const ESCAPED_JSON_VALUE = new RegExp(String.raw`(\\"${KEY}\\"\s*:\s*\\")(.*?)\\"(?=\s*[,}\]]|$)`, "gi");
/** In a form or a query string (`client_secret=…`). */
const FORM_VALUE = /((?:^|[?&\s])[\w.-]*(?:secret|password|token)[\w.-]*=)([^&\s]*)/gi;
const CREDENTIAL = /(Bearer|Basic)\s+[\w.~+/=-]+/gi;

/** The text with every secret it may hold replaced. */
export function redact(text: string): string {
  let out = text
    .replace(CREDENTIAL, `$1 ${REDACTED}`)
    .replace(JSON_VALUE, `$1${REDACTED}"`)
    .replace(ESCAPED_JSON_VALUE, `$1${REDACTED}\\"`)
    .replace(FORM_VALUE, `$1${REDACTED}`);
  // Each exchange's log line passes here: look before copying, since most texts hold no secret.
  for (const form of knownForms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** A deep copy with secrets redacted from every string, and secret-named keys blanked. */
export function redactValue<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) =>
    [k, SECRET_KEY.test(k) && typeof v === "string" ? REDACTED : redactValue(v)])) as T;
}
