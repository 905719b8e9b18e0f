/** The zod schema of one COM list page (the page itself is ../core/pagination.ts). */
import { z } from "zod";

/** The schema of one COM list page of `item`: only `items` is needed; `offset`, `count` and `total` are read when present. */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({
  offset: z.number().optional(),
  count: z.number().optional(),
  total: z.number().optional(),
  items: z.array(item),
});
