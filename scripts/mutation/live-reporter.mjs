/**
 * A Stryker reporter that writes each mutant that was not killed as soon as it has been tested,
 * one JSON line each, to reports/mutation/live.jsonl: a full run takes long, and survivors can
 * be read (and tests written against them) while it goes on. Stryker's own reports come at the end.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

const FILE = path.join("reports", "mutation", "live.jsonl");

class LiveReporter {
  onDryRunCompleted() {
    fs.mkdirSync(path.dirname(FILE), { recursive: true });
    fs.writeFileSync(FILE, "");
  }

  onMutantTested(result) {
    if (result.status === "Killed") return;
    const { status, fileName, mutatorName, location, replacement, coveredBy } = result;
    const line = { status, file: path.relative(process.cwd(), fileName), at: `${location.start.line}:${location.start.column}`, mutatorName, replacement, covering: coveredBy?.length ?? 0, time: new Date().toISOString() };
    fs.appendFileSync(FILE, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "live", LiveReporter)];
