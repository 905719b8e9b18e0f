/** The type tokens of ExternalService, which policies match on. Kept free of imports so the policy pack can use them cheaply. */
/** The dynamic provider's (TypeScript programs). */
export const EXTERNAL_SERVICE_TYPE = "pulumi-nodejs:dynamic/hpecom:ExternalService";
/** The provider plugin's (`pulumi-resource-hpecom`: YAML, other languages, `pulumi import`). */
export const PLUGIN_EXTERNAL_SERVICE_TYPE = "hpecom:index:ExternalService";
/** Every token an ExternalService can have, whichever face of the provider made it. */
export const EXTERNAL_SERVICE_TYPES: readonly string[] = [EXTERNAL_SERVICE_TYPE, PLUGIN_EXTERNAL_SERVICE_TYPE];
/** Where releases of the plugin are published: the engine downloads a missing version from there. */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-hpecom/pulumi-hpecom";
