/** The zod schema of an activity (v1beta2) and of a page of them. */
import { z } from "zod";
import { pageSchema } from "./page";

export const ActivitySchema = z.looseObject({
  id: z.string(),
  key: z.string().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  // API-NOTES gives {id, type, name, resourceUri}; the public client reads `displayName`, with `type` a category ("External service").
  source: z.looseObject({
    id: z.string().optional(), type: z.string().optional(), name: z.string().optional(), displayName: z.string().optional(), resourceUri: z.string().optional(),
  }).optional(),
  createdAt: z.string(),
});
export type Activity = z.output<typeof ActivitySchema>;

/** One page of a listing of activities. */
export const ActivityPageSchema = pageSchema(ActivitySchema);
