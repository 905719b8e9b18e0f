/**
 * `pulumi-hpecom` (npx pulumi-hpecom <command>), run in a Pulumi program's directory on its
 * selected stack (or `--stack`). Commands:
 *   refresh-tokens [--days N] [--summary FILE]   when the stack's ServiceNow refresh tokens expire
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { ExportedResource, markdownReport, tokenRows, windowOf } from "./refresh-tokens";

const USAGE = "usage: pulumi-hpecom refresh-tokens [--stack NAME] [--days N] [--summary FILE]";

function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)$/.exec(args[i]);
    if (!m || args[i + 1] === undefined) throw new Error(`unexpected argument '${args[i]}'\n${USAGE}`);
    out[m[1]] = args[++i];
  }
  return out;
}

/** The selected stack's name and its resources, as `pulumi stack export` gives them. */
function exportedStack(stack: string | undefined): { name: string; resources: ExportedResource[] } {
  const selected = stack ? ["--stack", stack] : [];
  const pulumi = (...args: string[]) => execFileSync("pulumi", [...args, ...selected], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 512 * 1024 * 1024 });
  const name = stack ?? pulumi("stack", "--show-name").trim();
  const { deployment } = JSON.parse(pulumi("stack", "export")) as { deployment?: { resources?: ExportedResource[] } };
  return { name, resources: deployment?.resources ?? [] };
}

function refreshTokens(args: string[]): number {
  const f = flags(args);
  for (const key of Object.keys(f)) if (!["stack", "days", "summary"].includes(key)) throw new Error(`unknown option --${key}\n${USAGE}`);
  const windowDays = windowOf(f.days);
  const { name, resources } = exportedStack(f.stack);
  const rows = tokenRows(resources, windowDays);
  const report = markdownReport(name, rows, windowDays);
  console.log(report);
  const summary = f.summary ?? process.env.GITHUB_STEP_SUMMARY;
  if (summary) fs.appendFileSync(summary, `${report}\n\n`);
  const expired = rows.filter((r) => r.status === "expired");
  if (expired.length) {
    console.error(`pulumi-hpecom: ${expired.length} ServiceNow refresh token(s) expired: ${expired.map((r) => r.resource).join(", ")}; rotate authentication.refreshToken`);
    return 1;
  }
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === "refresh-tokens") return refreshTokens(rest);
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`pulumi-hpecom: ${(err as Error).message}`);
  process.exitCode = 2;
}
