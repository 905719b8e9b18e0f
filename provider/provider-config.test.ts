import { UNKNOWN } from "./runtime/inputs";
import { configFailures, diffConfig } from "./provider-config";

const workspace = { endpoint: "https://us-west.api.example", clientId: "id", clientSecret: "secret-1" };

describe("a provider's configuration", () => {
  it("accepts every key, and the keys the engine adds", () => {
    expect(configFailures({ ...workspace, region: "eu-central", tenantAcid: "t", tokenUrl: "https://sso/t", caBundleFile: "/ca.pem", allowInsecureHttp: "false",
      jobTimeoutSeconds: "600", disableDefaultConnection: true, version: "0.1.0", pluginDownloadURL: "github://api.github.com/x/y" })).toEqual([]);
  });

  it("names an unknown key and the keys there are", () => {
    expect(configFailures({ ...workspace, regoin: "us-west" })).toEqual([
      { property: "regoin", reason: expect.stringMatching(/^hpecom:regoin is not a configuration key of hpecom; the keys are endpoint, region, .*disableDefaultConnection$/) },
    ]);
  });

  it("names each value that breaks its rule", () => {
    expect(configFailures({ region: "mars", clientId: "id", allowInsecureHttp: "yes", jobTimeoutSeconds: 0 })).toEqual([
      { property: "allowInsecureHttp", reason: "hpecom:allowInsecureHttp must be true or false" },
      { property: "region", reason: "hpecom:region must be one of us-west, eu-central, ap-northeast" },
      { property: "jobTimeoutSeconds", reason: "hpecom:jobTimeoutSeconds must be a whole number of seconds from 1 to 86400" },
    ]);
  });

  it("leaves what is missing, and what is not known yet, to later", () => {
    expect(configFailures({})).toEqual([]);
    expect(configFailures({ region: UNKNOWN, allowInsecureHttp: UNKNOWN, jobTimeoutSeconds: UNKNOWN })).toEqual([]);
  });

  it("moves the services when the workspace changes: endpoint, region or tenant", () => {
    expect(diffConfig(workspace, { ...workspace, endpoint: "https://eu-central.api.example" })).toEqual({ changes: true, replaces: ["endpoint"] });
    expect(diffConfig({ region: "us-west" }, { region: "eu-central" })).toEqual({ changes: true, replaces: ["region"] });
    expect(diffConfig(workspace, { ...workspace, tenantAcid: "tenant-b" })).toEqual({ changes: true, replaces: ["tenantAcid"] });
    expect(diffConfig(workspace, { ...workspace, endpoint: UNKNOWN })).toEqual({ changes: true, replaces: ["endpoint"] });
  });

  it("updates in place, sending nothing, when only the credentials or settings change", () => {
    expect(diffConfig(workspace, { ...workspace, clientId: "id-2", clientSecret: "secret-2", jobTimeoutSeconds: "30" })).toEqual({ changes: true, replaces: [] });
    // A region beside an endpoint does not move anything: the endpoint wins.
    expect(diffConfig({ ...workspace, region: "us-west" }, { ...workspace, region: "eu-central" })).toEqual({ changes: true, replaces: [] });
    // Naming the region's own endpoint is the same workspace.
    expect(diffConfig({ region: "us-west" }, { region: "us-west", version: "0.2.0" })).toEqual({ changes: false, replaces: [] });
  });

  it("leaves a resource coming from the dynamic face to its own diff: the dynamic provider's configuration is the whole stack config", () => {
    const dynamic = { "hpecom:endpoint": workspace.endpoint, "hpecom:clientId": "id", "hpecom:clientSecret": "secret-1", "aws:region": "us-east-1" };
    expect(diffConfig(dynamic, { ...workspace, endpoint: "https://eu-central.api.example" })).toEqual({ changes: true, replaces: [] });
  });

  it("reads what a configuration leaves out from the environment, as the connection does", () => {
    process.env.HPECOM_ENDPOINT = workspace.endpoint;
    try {
      expect(diffConfig({}, { endpoint: workspace.endpoint })).toEqual({ changes: true, replaces: [] });
      expect(diffConfig({}, { endpoint: "https://eu-central.api.example" })).toEqual({ changes: true, replaces: ["endpoint"] });
    } finally {
      delete process.env.HPECOM_ENDPOINT;
    }
  });
});
