/** Where the provider process finds the implementation the lazy shim loads. */
import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "pulumi-hpecom";

/** The root of the installed (or checked-out) pulumi-hpecom package. */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: cannot find the package root above ${__dirname}`);
  }
}

/**
 * The built runtime module, by absolute path (robust wherever the program runs) and by package
 * specifier (for state moved to a machine where the package sits elsewhere).
 */
export function providerImplementation(): string[] {
  return [path.join(packageRoot(), "dist", "provider", "runtime", "provider.js"), `${PACKAGE_NAME}/provider-runtime`];
}
