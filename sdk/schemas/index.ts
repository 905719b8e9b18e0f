/**
 * pulumi-hpecom/sdk/schemas: the zod schemas of the API's bodies. The client loads them when it
 * first validates a body or parses an answer, not with the sdk: zod takes ~80 ms to load, which
 * a process that only deletes (a `pulumi destroy`) need not pay.
 */
export * from "./external-service";
export * from "./activity";
export * from "./job";
export * from "./page";
