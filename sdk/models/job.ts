/** Jobs (v1), as far as the DeleteVCenter job needs them. */
export type { Job } from "../schemas/job";

/** The job template that deletes a VMWARE_VCENTER external service. */
export const DELETE_VCENTER_JOB_TEMPLATE = "3f06fd6b-dfb1-4bad-bd04-939951797e97";

/** The states a job ends in (the public client library's list): it never leaves them. */
export const FINAL_JOB_STATES = ["COMPLETE", "ERROR", "STALLED"] as const;
export const isFinalJobState = (state: string) => (FINAL_JOB_STATES as readonly string[]).includes(state);

/** The state of a job an approval policy holds until someone approves it in COM. */
export const APPROVAL_PENDING = "APPROVAL_PENDING";

/**
 * The resource type of an external service, as a job names its target: HPE's DeleteVCenter
 * page gives the first, its job-create page the second (docs/api-assumptions.md, `job-resource-type`).
 */
export const EXTERNAL_SERVICE_RESOURCE_TYPES = ["compute-ops-mgmt/external-service", "compute-ops/external-service"] as const;
export const EXTERNAL_SERVICE_RESOURCE_TYPE = EXTERNAL_SERVICE_RESOURCE_TYPES[0];
