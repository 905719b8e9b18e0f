import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();

const dscc = new hpecom.ExternalService("dscc", {
  name: cfg.get("name") ?? "Data Services Cloud Console",
  serviceType: "DSCC",
  authentication: {
    clientId: cfg.require("dsccClientId"),
    clientSecret: cfg.requireSecret("dsccClientSecret"),
  },
  serviceData: { region: cfg.get("dsccRegion") ?? "us-west" },
});

export const id = dscc.id;
export const status = dscc.status;
export const lastTest = dscc.lastTest;
