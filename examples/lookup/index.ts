import * as hpecom from "pulumi-hpecom";

// Existing vCenter integrations, wherever they were made: no secrets are returned.
const found = hpecom.getExternalServices({ filter: hpecom.filter.eq("serviceType", "VMWARE_VCENTER") });

export const vcenters = found.then((r) => r.items.map((s) => ({
  id: s.id,
  name: s.name,
  vCenterUrl: s.serviceType === "VMWARE_VCENTER" ? s.serviceData.vCenterUrl : undefined,
})));
