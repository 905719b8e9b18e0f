/** Where tests run: the checkout, and scratch folders in its ignored .pulumi/ (no Pulumi import: unit and contract tests load this). */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root: test workspaces live below it so plugins resolve its node_modules. */
export const repoRoot = path.resolve(__dirname, "../..");

/** A fresh directory under the ignored .pulumi/ folder, removed by the caller. */
export function scratchDir(prefix: string): string {
  const base = path.join(repoRoot, ".pulumi", "tmp");
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${prefix}-`));
}
