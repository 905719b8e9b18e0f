// The hpecom-policies pack. Creating the pack starts the analyzer server, so this file only
// assembles it; the policies and their rules are tested as plain objects.
import { PolicyPack } from "@pulumi/policy";
import { resourcePolicies, stackPolicies } from "./policies";

new PolicyPack("hpecom-policies", { policies: [...resourcePolicies, ...stackPolicies] });
