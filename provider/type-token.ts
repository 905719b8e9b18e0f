/** The type token of ExternalService: what policies match on. Kept free of imports so the policy pack can use it cheaply. */
export const EXTERNAL_SERVICE_TYPE = "pulumi-nodejs:dynamic/hpecom:ExternalService";
