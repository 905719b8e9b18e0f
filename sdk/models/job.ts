/** Jobs (v1), as far as the DeleteVCenter job needs them. */
import { z } from "zod";

/** The job template that deletes a VMWARE_VCENTER external service. */
export const DELETE_VCENTER_JOB_TEMPLATE = "3f06fd6b-dfb1-4bad-bd04-939951797e97";

export const JobSchema = z.looseObject({
  id: z.string(),
  state: z.string(),
  resultCode: z.string().nullable().optional(),
  statusDetails: z.unknown().optional(),
});
export type Job = z.output<typeof JobSchema>;

/** The states a job ends in (the public client library's list): it never leaves them. */
export const FINAL_JOB_STATES = ["COMPLETE", "ERROR", "STALLED"] as const;
export const isFinalJobState = (state: string) => (FINAL_JOB_STATES as readonly string[]).includes(state);

/** The resource type of an external service, as a job names its target. */
export const EXTERNAL_SERVICE_RESOURCE_TYPE = "compute-ops-mgmt/external-service";
