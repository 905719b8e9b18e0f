import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();

const vcenter = new hpecom.ExternalService("vcenter", {
  name: cfg.get("name") ?? "vCenter",
  serviceType: "VMWARE_VCENTER",
  authentication: {
    username: cfg.require("vcenterUsername"),
    password: cfg.requireSecret("vcenterPassword"),
  },
  serviceData: {
    vCenterUrl: cfg.require("vcenterUrl"),
    associatedGatewayUri: cfg.require("gatewayUri"),
    // As vCenter shows it (colons, upper case) or plain hex: both are accepted.
    vCenterCertFingerprint: cfg.require("vcenterFingerprint"),
  },
  // The vCenter's instance UUID (vSphere API: ServiceContent.about.instanceUuid). COM's
  // DeleteVCenter job needs it on destroy; left out, the service's id is sent instead, as HPE's
  // PowerShell client does. It is never sent on create or update.
  vCenterUuid: cfg.get("vcenterUuid"),
});

export const id = vcenter.id;
export const resourceUri = vcenter.resourceUri;
