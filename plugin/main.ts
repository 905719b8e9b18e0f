/**
 * `pulumi-resource-hpecom` (launched by bin/pulumi-resource-hpecom): serves the hpecom provider
 * plugin over gRPC for the engine. Its configuration (stack config `hpecom:*`, or a
 * `pulumi:providers:hpecom` resource's properties) is the default connection of this process.
 */
import { main } from "@pulumi/pulumi/provider";
import { configureConnection } from "../provider/runtime/provider";
import { pluginProvider } from "./provider";
import { patchProviderServer } from "./server-shim";

const { version } = require("../../package.json") as { version: string };

patchProviderServer((config) => configureConnection((key) => config[key]));
main(pluginProvider(version), process.argv.slice(2)).catch((err: Error) => {
  console.error(`pulumi-resource-hpecom: ${err.message}`);
  process.exit(1);
});
