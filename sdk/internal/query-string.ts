/**
 * Query strings encoded once, here: every reserved character of the COM reference
 * (! # $ & ' ( ) * + , / : ; = ? @ [ ]) is percent-encoded, so `+` becomes `%2B`.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encodeQuery(params: Record<string, string | number | undefined>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeQueryValue(k)}=${encodeQueryValue(String(v))}`)
    .join("&");
}
