/** Control characters (line breaks, tabs, terminal escapes): never printed raw, so a message stays one line and cannot rewrite a terminal. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A user's or the API's text (a name) quoted for a one-line message, control characters escaped as \uXXXX. */
export function quoted(text: string): string {
  return `'${text.replace(new RegExp(CONTROL_CHARACTERS.source, "g"), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}'`;
}
