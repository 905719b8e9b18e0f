import { externalServicePolicy } from "../adapter";
import { postDeployTestEnabled as rule } from "../rules/post-deploy-test-enabled";

export const postDeployTestEnabled = externalServicePolicy({
  name: "post-deploy-test-enabled",
  description: "SERVICE_NOW and DSCC integrations keep the post-deploy connection test on.",
  enforcementLevel: "advisory",
  rule,
});
