import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "./wire";

it("marks unknowns and secrets exactly as the Pulumi SDK does", () => {
  expect({ UNKNOWN, SIG_KEY, SECRET_SIG }).toEqual({ UNKNOWN: rpc.unknownValue, SIG_KEY: rpc.specialSigKey, SECRET_SIG: rpc.specialSecretSig });
});
