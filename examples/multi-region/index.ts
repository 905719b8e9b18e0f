import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();

// One connection per workspace: its region (or an endpoint, e.g. a local emulator) and its own API client.
const us = new hpecom.Connection({
  region: "us-west",
  endpoint: cfg.get("usEndpoint"),
  tokenUrl: cfg.get("usTokenUrl"),
  clientId: cfg.require("usClientId"),
  clientSecret: cfg.requireSecret("usClientSecret"),
});
const eu = new hpecom.Connection({
  region: "eu-central",
  endpoint: cfg.get("euEndpoint"),
  tokenUrl: cfg.get("euTokenUrl"),
  clientId: cfg.require("euClientId"),
  clientSecret: cfg.requireSecret("euClientSecret"),
});
// An MSP workspace in the EU region, acting for two of its tenants.
const mspTenant = (tenantAcid: string) => new hpecom.Connection({
  region: "eu-central",
  endpoint: cfg.get("euEndpoint"),
  tokenUrl: cfg.get("euTokenUrl"),
  clientId: cfg.require("mspClientId"),
  clientSecret: cfg.requireSecret("mspClientSecret"),
  tenantAcid,
});
const connections: Record<string, hpecom.Connection> = { us, eu, "tenant-a": mspTenant("tenant-a"), "tenant-b": mspTenant("tenant-b") };

// Where each integration lives; change a value to move it (Pulumi replaces it: create there, delete here).
const placement = cfg.getObject<Record<string, string>>("placement") ?? { storage: "us", backup: "eu", "tenant-a": "tenant-a", "tenant-b": "tenant-b" };

const dsccSecret = cfg.requireSecret("dsccClientSecret");
export const services = Object.entries(placement).map(([key, where]) => {
  const service = new hpecom.ExternalService(`dscc-${key}`, {
    name: `DSCC ${key}`,
    serviceType: "DSCC",
    authentication: { clientId: `dscc-${key}`, clientSecret: dsccSecret },
    serviceData: { region: where === "us" ? "us-west" : "eu-central" },
    postDeployTest: false,
  }, { connection: connections[where] });
  return { key, where, id: service.id };
});

// Reading: every service in the EU workspace once this program's are in place, and one service by id without managing it.
const deployed = pulumi.all(services.map((s) => s.id)).apply(() => ({}));
export const euServices = hpecom.getExternalServicesOutput(deployed, { connection: eu }).apply((r) => r.items.map((s) => s.name).sort());
export const readBack = hpecom.ExternalService.get("storage-read", services[0].id, { connection: connections[services[0].where] }).name;
