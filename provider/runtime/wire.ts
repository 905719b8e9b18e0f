/**
 * How Pulumi's wire marks what is not a plain value: an unknown (an output a preview has not
 * computed yet) and a secret. They belong to the engine's protocol and do not change between
 * versions; they are written here rather than imported from @pulumi/pulumi/runtime/rpc, which
 * loads most of the Pulumi SDK (gRPC, protobuf, the output machinery) into every process and
 * test that needs only these three strings. wire.test.ts holds them equal to the SDK's own.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key of a value wrapped with a signature, and the signature that makes it a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
