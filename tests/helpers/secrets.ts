/**
 * The one secret check every end-to-end test uses: none of the given secret values, and no
 * bearer token the emulator issued, appears in the texts (state file, engine output, error
 * messages, logs) in any form a secret takes in text: as it is, JSON-escaped once or twice
 * (a secret with `"`, `\` or a newline), or percent-encoded. Short secrets count too.
 */
const formsOf = (secret: string): string[] => {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, json, JSON.stringify(json).slice(1, -1), encodeURIComponent(secret)])];
};

export function findLeaks(texts: Record<string, string>, secrets: string[]): string[] {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) {
      if (secret && formsOf(secret).some((form) => text.includes(form))) leaks.push(`${where} contains ${JSON.stringify(secret.slice(0, 3))}…`);
    }
  }
  return leaks;
}

export function expectNoSecrets(texts: Record<string, string>, secrets: string[]): void {
  expect(findLeaks(texts, secrets)).toEqual([]);
}
