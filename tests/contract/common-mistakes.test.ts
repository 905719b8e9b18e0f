/** Each common mistake gets the error README's table documents, word for word. */

// ledger: name-uniqueness, tenant-acid
import * as fs from "node:fs";
import * as path from "node:path";
import { clientFor, dsccInput, pointProviderAt, useEmulator, vcenterInput } from "../helpers/emulator";
import { repoRoot } from "../helpers/paths";
import { checkInputs } from "../../provider/runtime/inputs";
import { clientFor as providerClient } from "../../provider/connection";
import { provider } from "../../provider/runtime/provider";
import { ComClient } from "../../sdk";

const emulator = useEmulator({ clients: [{ id: "demo-client", secret: "demo-secret" }] });

/** The documented error of a mistake, as a pattern: `<…>` placeholders match anything. */
function documented(mistake: string): RegExp {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const row = readme.split("\n").find((l) => l.startsWith(`| ${mistake} |`));
  if (!row) throw new Error(`README has no row for '${mistake}'`);
  const text = row.slice(row.indexOf("| `", 2) + 3, row.lastIndexOf("` |")).replace(/``/g, "`");
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/<(?!nil>)[a-z]+>/g, ".+");
  return new RegExp(escaped);
}

const snow = (over: Record<string, unknown> = {}) => ({
  name: "sn", serviceType: "SERVICE_NOW",
  authentication: { clientId: "c", clientSecret: "s", refreshToken: "r" },
  serviceData: { oauthUrl: "https://a.service-now.com/o", incidentUrl: "https://a.service-now.com/i", ...over },
});

/** How the engine shows a check failure (see issueCheckFailures in the engine). */
const asEngineShowsIt = (news: Record<string, unknown>) => checkInputs(news).failures.map((f) =>
  `property ${f.property} value {${typeof news[f.property] === "string" ? news[f.property] : "<nil>"}} has a problem: ${f.reason}`).join("\n");

const useEnvironmentConnection = () => pointProviderAt(emulator());

const message = (p: Promise<unknown>) => p.then(() => "", (e: Error) => e.message);

describe("common mistakes", () => {
  it("wrong authentication type", () => {
    expect(asEngineShowsIt({ ...snow(), authenticationType: "BASIC" })).toMatch(documented("wrong authentication type"));
  });
  it("invalid incident scope", () => {
    expect(asEngineShowsIt(snow({ incidentCreationScope: { serviceEventIssues: false, criticalEventIssues: true, utilizationAlerts: true } })))
      .toMatch(documented("invalid incident scope"));
  });
  it("bad vCenter fingerprint", () => {
    const vc = { name: "vc", serviceType: "VMWARE_VCENTER", authentication: { username: "u", password: "p" }, serviceData: { vCenterUrl: "v", associatedGatewayUri: "g", vCenterCertFingerprint: "AB:CD" } };
    expect(asEngineShowsIt(vc)).toMatch(documented("bad vCenter fingerprint"));
  });
  it("missing credentials", () => {
    expect(() => providerClient({ endpoint: emulator().url, clientId: "demo-client" })).toThrow(documented("missing credentials"));
  });
  it("unreachable endpoint", async () => {
    const com = new ComClient({ endpoint: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/as/token.oauth2", clientId: "x", clientSecret: "y", maxRetries: 0 });
    expect(await message(com.externalServices.list().toArray())).toMatch(documented("unreachable endpoint"));
  });
  it("expired or wrong client secret", async () => {
    const com = clientFor(emulator(), { maxRetries: 0 }, { id: "demo-client", secret: "expired-secret" });
    expect(await message(com.externalServices.list().toArray())).toMatch(documented("expired or wrong client secret"));
  });
  it("tenantAcid without an MSP client", async () => {
    useEnvironmentConnection();
    const outcome = checkInputs({ ...dsccInput("tenant"), tenantAcid: "t-1" });
    if (!outcome.checked) throw new Error(`fixture does not check: ${JSON.stringify(outcome.failures)}`);
    const error = await message(provider.create(outcome.inputs));
    expect(error).toMatch(documented("`tenantAcid` without an MSP client"));
    expect(error).not.toMatch(/\n|\.ts:|https?:\/\//); // one line: no stack, no file paths, no URL
  });
  it("a name that already exists", async () => {
    await clientFor(emulator()).externalServices.create(dsccInput("taken"));
    useEnvironmentConnection();
    const outcome = checkInputs({ ...dsccInput("taken") });
    if (!outcome.checked) throw new Error(`fixture does not check: ${JSON.stringify(outcome.failures)}`);
    expect(await message(provider.create(outcome.inputs))).toMatch(documented("a name that already exists"));
  });
  it("a name another service type holds", async () => {
    await clientFor(emulator()).externalServices.create(vcenterInput("shared-name"));
    useEnvironmentConnection();
    // With or without adopt: a service of another type is never taken over.
    for (const adopt of [false, true]) {
      const outcome = checkInputs({ ...dsccInput("shared-name"), adopt });
      if (!outcome.checked) throw new Error(`fixture does not check: ${JSON.stringify(outcome.failures)}`);
      expect(await message(provider.create(outcome.inputs))).toMatch(documented("a name another service type holds"));
    }
  });
});
