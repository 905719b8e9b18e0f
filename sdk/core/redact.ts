/**
 * Redaction of secrets from anything that may reach a message, a log or a stack trace.
 * The client registers every secret it handles (its client secret, the tokens it receives,
 * the secret fields of bodies it sends); `redact` removes them, and any bearer token, from text.
 */
const knownSecrets = new Set<string>();
export const REDACTED = "[REDACTED]";

/** Field names whose value is a credential, wherever they appear (bodies, errors, headers). */
export const SECRET_KEY = /secret|password|token|authorization/i;

/** Remembers values that must never be shown. Short values are ignored: they would redact noise. */
export function registerSecret(value: unknown): void {
  if (typeof value === "string" && value.length >= 6 && value !== "**********") knownSecrets.add(value);
}

/** The text with every registered secret and every `Bearer …` credential replaced. */
export function redact(text: string): string {
  let out = text.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`);
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
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
