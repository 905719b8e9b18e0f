// The release bundle's first statement (an esbuild banner): the plugin needs Node.js 20 or later.
if (Number(process.versions.node.split(".")[0]) < 20) {
  console.error(`pulumi-resource-hpecom: Node.js >= 20 is required, and the node on PATH is ${process.version} (https://nodejs.org)`);
  process.exit(1);
}
