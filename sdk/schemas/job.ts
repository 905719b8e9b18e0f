/** The zod schema of a job (v1), as far as the DeleteVCenter job needs it. */
import { z } from "zod";

/**
 * A job as either reading answers it: HPE's jobs pages (`resource: {type, id}`, a `name`,
 * `statusDetails` an object) or the request's own flat fields; only `id` and `state` are needed.
 */
export const JobSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  state: z.string(),
  resultCode: z.string().nullable().optional(),
  statusDetails: z.unknown().optional(),
});
export type Job = z.output<typeof JobSchema>;
