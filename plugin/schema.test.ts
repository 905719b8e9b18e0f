import * as fs from "node:fs";
import * as path from "node:path";
import { buildSchema } from "./schema";

const committed = JSON.parse(fs.readFileSync(path.join(__dirname, "schema.json"), "utf8"));
const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));

describe("plugin/schema.json", () => {
  it("is what the zod schemas generate today (run `make schema` after changing them)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildSchema(version))));
  });

  it("marks the credentials secret and requires what every service type requires", () => {
    const resource = committed.resources["hpecom:index:ExternalService"];
    expect(resource.inputProperties.authentication.secret).toBe(true);
    expect(committed.provider.inputProperties.clientSecret.secret).toBe(true);
    expect(resource.requiredInputs).toEqual(["name", "serviceType", "authentication", "serviceData"]);
    expect(Object.keys(committed.types["hpecom:index:ExternalServiceData"].properties))
      .toEqual(expect.arrayContaining(["oauthUrl", "incidentUrl", "region", "vCenterUrl", "vCenterCertFingerprint", "incidentCreationScope"]));
  });
});
