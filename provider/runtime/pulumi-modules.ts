/**
 * Modules that must be the very copies @pulumi/pulumi loaded: a gRPC server or client and its
 * protobuf messages only work with the gRPC and protobuf of the code that built them. In the
 * plugin's release bundle there is one copy of each, the bundled one (`bundled`).
 */
import * as path from "node:path";

export function fromPulumi<T>(id: string, bundled: () => T): T {
  let resolved: string;
  try {
    resolved = require.resolve(id, { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] });
  } catch {
    return bundled();
  }
  return require(resolved) as T;
}
