import * as path from "node:path";
import { fromPulumi } from "./pulumi-modules";

describe("fromPulumi", () => {
  it("loads the very copy @pulumi/pulumi resolves, not the caller's", () => {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi"));
    const expected = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
    expect(fromPulumi("@grpc/grpc-js", () => "bundled")).toBe(expected);
  });

  it("falls back to the bundled copy when @pulumi/pulumi resolves none", () => {
    expect(fromPulumi("no-such-module-of-hpecom", () => "bundled")).toBe("bundled");
  });
});
