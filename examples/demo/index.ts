// The demo of the root Pulumi.yaml (`make demo`): one integration of each kind, deployed to
// the COM emulator with the post-deploy test, using the package exactly as users import it.
import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();
const serviceNow = cfg.require("serviceNowInstance");

const snow = new hpecom.ExternalService("servicenow", {
  name: "ServiceNow Integration",
  serviceType: "SERVICE_NOW",
  description: "Incidents for prod servers",
  authentication: {
    clientId: "demo-servicenow-client",
    clientSecret: cfg.requireSecret("serviceNowClientSecret"),
    refreshToken: cfg.requireSecret("serviceNowRefreshToken"),
  },
  serviceData: {
    oauthUrl: `${serviceNow}/oauth_token.do`,
    incidentUrl: `${serviceNow}/api/now/import/u_demo_incident_inbound_api`,
    refreshTokenExpiryInDays: 150,
    incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true },
  },
});

const dscc = new hpecom.ExternalService("dscc", {
  name: "Data Services Cloud Console",
  serviceType: "DSCC",
  authentication: { clientId: "demo-dscc-client", clientSecret: cfg.requireSecret("dsccClientSecret") },
  serviceData: { region: "us-west" },
});

const vcenter = new hpecom.ExternalService("vcenter", {
  name: "vCenter lab",
  serviceType: "VMWARE_VCENTER",
  authentication: { username: "administrator@vsphere.local", password: cfg.requireSecret("vcenterPassword") },
  serviceData: {
    vCenterUrl: "vcenter.lab.local",
    associatedGatewayUri: "/compute-ops-mgmt/v1beta1/appliances/demo-gateway",
    vCenterCertFingerprint: "3F:2A:9C:11:8B:0D:44:E7:5A:6C:90:12:FE:DC:BA:98:76:54:32:10:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4",
  },
});

export const services = [snow, dscc, vcenter].map((s) => ({
  name: s.name,
  type: s.serviceType,
  id: s.id,
  generation: s.generation,
  lastTest: s.lastTest.apply((t) => (t ? `${t.status}: ${t.message}` : "no test for this type")),
}));
