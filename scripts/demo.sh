#!/usr/bin/env bash
# `make demo`: deploys the root Pulumi.yaml to a local stack and prints its outputs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stack=${DEMO_STACK:-demo}
pulumi stack select --create "$stack" --non-interactive >/dev/null
pulumi up --yes --skip-preview --non-interactive --stack "$stack"
echo
echo "Outputs of stack '$stack':"
pulumi stack output --stack "$stack"
echo
echo "To remove it: scripts/with-engine pulumi destroy --yes --stack $stack"
