/** Normalisations the API expects, shared by the schemas and the provider. */

/** A SHA-256 fingerprint as the API stores it: 64 lowercase hex digits, no colons. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[:\s]/g, "").toLowerCase();
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
