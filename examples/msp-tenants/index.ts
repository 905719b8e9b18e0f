import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();
// Application customer ids of the tenants (from /compute-ops-mgmt/v1beta1/accounts).
const tenants = cfg.requireObject<string[]>("tenants");

export const services = tenants.map((tenant) => {
  const dscc = new hpecom.ExternalService(`dscc-${tenant}`, {
    name: "Data Services Cloud Console",        // the same name in each tenant: names are unique per tenant
    serviceType: "DSCC",
    tenantAcid: tenant,
    authentication: { clientId: cfg.require("dsccClientId"), clientSecret: cfg.requireSecret("dsccClientSecret") },
    serviceData: { region: "eu-central" },
  });
  return { tenant, id: dscc.id };
});
