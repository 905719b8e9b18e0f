/**
 * The one secret check every end-to-end test uses: none of the given secret values, and no
 * bearer token the emulator issued, appears in plaintext in the texts (state file, engine
 * output, error messages, logs).
 */
export function findLeaks(texts: Record<string, string>, secrets: string[]): string[] {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) {
      if (secret && text.includes(secret)) leaks.push(`${where} contains ${secret.slice(0, 3)}…`);
    }
  }
  return leaks;
}

export function expectNoSecrets(texts: Record<string, string>, secrets: string[]): void {
  expect(findLeaks(texts, secrets)).toEqual([]);
}
