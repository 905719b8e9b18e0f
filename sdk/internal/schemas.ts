/**
 * The zod schemas (../schemas), loaded when first needed rather than with the sdk: zod takes
 * ~80 ms to load, which a process that only deletes (a `pulumi destroy`) need not pay.
 */
export const schemas = (): typeof import("../schemas") => require("../schemas");
