/**
 * `pulumi-hpecom` (npx pulumi-hpecom <command>), run in a Pulumi program's directory on its
 * selected stack (or `--stack`). Commands:
 *   refresh-tokens [--days N] [--summary FILE]   when the stack's ServiceNow refresh tokens expire
 *   recover [--cancel] [--yes]                   settle what an interrupted deployment left behind
 */
import * as fs from "node:fs";
import { markdownReport, tokenRows, windowOf } from "./refresh-tokens";
import { recover } from "./recover-command";
import { PulumiCli } from "./pulumi-cli";

const USAGE = [
  "usage: pulumi-hpecom refresh-tokens [--stack NAME] [--days N] [--summary FILE]",
  "       pulumi-hpecom recover [--stack NAME] [--cancel] [--yes]",
].join("\n");

/** `--name value` options and `--name` switches; anything else is refused with the usage. */
function flags(args: string[], options: string[], switches: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const name = /^--([a-z-]+)$/.exec(args[i])?.[1];
    if (name && switches.includes(name)) out[name] = "true";
    else if (name && options.includes(name) && args[i + 1] !== undefined) out[name] = args[++i];
    else throw new Error(`unexpected argument '${args[i]}'\n${USAGE}`);
  }
  return out;
}

function refreshTokens(args: string[]): number {
  const f = flags(args, ["stack", "days", "summary"]);
  const windowDays = windowOf(f.days);
  const cli = new PulumiCli(f.stack);
  const rows = tokenRows(cli.exportStack().deployment.resources ?? [], windowDays);
  const report = markdownReport(cli.stackName(), rows, windowDays);
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "refresh-tokens") return refreshTokens(rest);
  if (command === "recover") {
    const f = flags(rest, ["stack"], ["cancel", "yes"]);
    return recover(new PulumiCli(f.stack), { cancel: f.cancel === "true", yes: f.yes === "true" });
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (err: Error) => {
  console.error(`pulumi-hpecom: ${err.message}`);
  process.exitCode = 2;
});
