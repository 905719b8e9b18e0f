/**
 * `pulumi-resource-hpecom` (launched by bin/pulumi-resource-hpecom, or a release archive's
 * launcher): serves the hpecom provider plugin over gRPC for the engine. The engine starts one
 * process per provider: its configuration (stack config `hpecom:*`, or a
 * `pulumi:providers:hpecom` resource's properties) is the default connection of this process.
 */
import { pluginProvider } from "./provider";
import { serve } from "./server";

const { version } = require("../../package.json") as { version: string };

process.on("unhandledRejection", (err) => console.error(`pulumi-resource-hpecom: ${(err as Error)?.stack ?? err}`));
serve(pluginProvider(version)).catch((err: Error) => {
  console.error(`pulumi-resource-hpecom: ${err.message}`);
  process.exit(1);
});
