// The demo program of the root Pulumi.yaml: for now one trivial dynamic resource, loaded
// through the same lazy provider shim the product uses.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../../provider/lazy-provider";

class Greeting extends pulumi.dynamic.Resource {
  declare readonly message: pulumi.Output<string>;
  constructor(name: string, message: string) {
    super(lazyProvider([path.resolve(__dirname, "../../tests/fixtures/echo-provider.js")]),
      name, { message }, {}, "hpecom-demo", "Greeting");
  }
}

export const greeting = new Greeting("greeting", `Hello from ${pulumi.getStack()}`).message;
