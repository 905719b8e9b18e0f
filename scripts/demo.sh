#!/usr/bin/env bash
# `make demo`: starts the COM emulator, deploys the root Pulumi.yaml (examples/demo) to a local
# stack with the post-deploy tests, prints what it made, and stops the emulator again.
# `make demo-destroy` (this script with `destroy`) removes it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stack=${DEMO_STACK:-demo}
# The emulator keeps its state here, so a second `make demo` finds what the first one made.
data=.pulumi/demo-emulator.json

# A fixed port: the stack records the endpoint, and `destroy` uses the recorded one.
root=$PWD
. scripts/start-emulator.sh
start_emulator .pulumi --port "${DEMO_PORT:-4010}" --data-file "$data"
url=$emulator_url
echo "COM emulator at $url"

pulumi stack select --create "$stack" --non-interactive >/dev/null
plain() { pulumi config set --stack "$stack" --plaintext "$1" "$2" --non-interactive; }
secret() { pulumi config set --stack "$stack" --secret "$1" "$2" --non-interactive; }
plain hpecom:endpoint "$url"
plain hpecom:tokenUrl "$url/as/token.oauth2"
plain hpecom:clientId demo-client
secret hpecom:clientSecret demo-secret
plain serviceNowInstance "$url/servicenow"
secret serviceNowClientSecret demo-servicenow-secret
secret serviceNowRefreshToken demo-servicenow-refresh-token
secret dsccClientSecret demo-dscc-secret
secret vcenterPassword demo-vcenter-password

if [ "${1:-up}" = destroy ]; then
  pulumi destroy --yes --skip-preview --non-interactive --stack "$stack"
  exit 0
fi

pulumi up --yes --skip-preview --non-interactive --stack "$stack"
echo
pulumi stack output services --json --stack "$stack" | node -e '
  const rows = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const cols = ["name", "type", "id", "generation", "lastTest"];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padEnd(width[i])).join("  ").trimEnd();
  console.log(line(cols));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));'
echo
echo "To remove the demo: make demo-destroy"
