#!/usr/bin/env bash
# `make gitops-check`: runs the steps of examples/gitops/.github/workflows locally, against the
# COM emulator, for each stack of the matrix: the pull-request preview with the policy pack,
# the deploy on merge, and the nightly drift check, before and after a change made outside
# the pipeline; plus a pull request that breaks a policy. Run under scripts/with-engine.
# The stacks run in parallel, as the workflows' matrix jobs do, each against its own emulator
# (a workspace of its own: one stack's cancelled deploy must not see the other's creates).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$root/.pulumi/gitops
rm -rf "$work" && mkdir -p "$work/state" "$work/logs"
# The package's own command (npx pulumi-hpecom in a project that installed it).
export PATH=$root/bin:$PATH
# A scratch copy of the project, so that no committed stack file is touched.
cp -r "$root/examples/gitops" "$work/project"
cd "$work/project"
export PULUMI_BACKEND_URL=file://$work/state
pack=$root/policy
policy=(--policy-pack "$pack" --policy-pack-config policy-config.local.json)

. "$root/scripts/start-emulator.sh"

step=0
run() { # expect description command...: expect is ok or fail
  local expect=$1 what=$2; shift 2
  step=$((step + 1))
  local log=$work/logs/$stack-$step.log
  if "$@" >"$log" 2>&1; then got=ok; else got=fail; fi
  if [ "$got" = "$expect" ]; then
    printf '  ok   %-58s (%s as expected)\n' "$what" "$([ "$got" = ok ] && echo passed || echo failed)"
  else
    printf '  FAIL %-58s (expected to %s)\n' "$what" "$([ "$expect" = ok ] && echo pass || echo fail)"
    tail -n 40 "$log"
    exit 1
  fi
}

because() { # pattern: what the step just run printed (for a failed step: why it failed)
  if ! grep -q "$1" "$work/logs/$stack-$step.log"; then
    echo "  FAIL step $step did not print: $1"; tail -n 40 "$work/logs/$stack-$step.log"; exit 1
  fi
}

days_ago() { # n: an ISO 8601 time n days before now
  node -e "process.stdout.write(new Date(Date.now() - $1 * 86400000).toISOString())"
}

emulator_count() { # field path in /__emulator/counts, e.g. inFlight or routes
  curl -sf "$url/__emulator/counts" | node -e "const c=JSON.parse(require('fs').readFileSync(0,'utf8')); process.stdout.write(String($1 ?? 0))"
}

kill_tree() { # pid: freeze it and everything it started, then kill them all at once (a cancelled CI job)
  local all=() fresh=("$1") next p
  while [ ${#fresh[@]} -gt 0 ]; do
    kill -STOP "${fresh[@]}" 2>/dev/null || true
    all+=("${fresh[@]}")
    next=()
    for p in "${fresh[@]}"; do next+=($(pgrep -P "$p" || true)); done
    fresh=()
    for p in "${next[@]}"; do [[ " ${all[*]} " == *" $p "* ]] || fresh+=("$p"); done
  done
  kill -KILL "${all[@]}" 2>/dev/null || true
}

killed_with_creates_in_flight() { # stack: a deploy cancelled once the API has acted on its first create
  local creates='c.routes["POST /compute-ops-mgmt/v1beta1/external-services"]'
  local before pid
  before=$(emulator_count "$creates")
  curl -sf -X PUT -H "Content-Type: application/json" -d '{"match":"^POST /compute-ops-mgmt/v1beta1/external-services$","latencyMs":300}' "$url/__emulator/faults"
  pulumi up --yes --skip-preview --stack "$1" --non-interactive "${policy[@]}" >"$work/logs/killed-$1.log" 2>&1 &
  pid=$!
  until [ "$(emulator_count "$creates")" -gt "$before" ]; do kill -0 "$pid" 2>/dev/null || { echo "  FAIL the deploy ended before it was cancelled"; cat "$work/logs/killed-$1.log"; exit 1; }; sleep 0.05; done
  kill_tree "$pid"
  wait "$pid" 2>/dev/null || true
  until [ "$(emulator_count c.inFlight)" = 0 ]; do sleep 0.05; done
  curl -sf -X DELETE "$url/__emulator/faults"
  printf '  ok   %-58s (%s)\n' "a deploy cancelled with creates in flight" "killed after the first create"
}

services_once() { # tenant names…: the tenant's workspace holds each name exactly once, and nothing else
  local tenant=$1; shift
  curl -sf "$url/__emulator/services" | node -e "
    const all = JSON.parse(require('fs').readFileSync(0,'utf8'));
    const names = Object.entries(all).filter(([w]) => w.endsWith('$tenant')).flatMap(([, s]) => s.map((x) => x.name)).sort();
    const want = process.argv.slice(1).sort();
    if (JSON.stringify(names) !== JSON.stringify(want)) { console.error('  FAIL workspace of $tenant holds', names, 'not', want); process.exit(1); }
  " "$@"
  printf '  ok   %-58s (%s)\n' "the workspace holds each service once" "$*"
}

com_patch() { # stack service-key json: a change made outside the pipeline, through the COM API
  local id token
  id=$(pulumi stack output services --json --stack "$1" | node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0,'utf8'))['$2'])")
  token=$(curl -sf -d grant_type=client_credentials -d client_id=gitops-ci -d client_secret=gitops-ci-secret "$url/as/token.oauth2" |
    node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0,'utf8')).access_token)")
  curl -sf -X PATCH -H "Authorization: Bearer $token" -H "Tenant-Acid: ${1}" -H "Content-Type: application/merge-patch+json" \
    -d "$3" "$url/compute-ops-mgmt/v1beta1/external-services/$id" >/dev/null
}

pipeline() { # stack: every step for one stack of the matrix, against an emulator of its own
  stack=$1
  mkdir -p "$work/$stack"
  start_emulator "$work/$stack" --port 0 --client gitops-ci:gitops-ci-secret@msp:tenant-a,tenant-b
  url=$emulator_url
  echo "stack $stack (emulator $url)"
  pulumi stack init "$stack" --non-interactive >/dev/null
  set_plain() { pulumi config set --stack "$stack" --plaintext "$1" "$2" --non-interactive; }
  set_secret() { pulumi config set --stack "$stack" --secret "$1" "$2" --non-interactive; }
  # What the pipeline gets from the environment and the CI secret store:
  set_plain hpecom:endpoint "$url"
  set_plain hpecom:tokenUrl "$url/as/token.oauth2"
  set_plain hpecom:clientId gitops-ci
  set_secret hpecom:clientSecret gitops-ci-secret
  set_plain serviceNowInstance "$url/servicenow"
  set_secret serviceNowClientSecret "sn-secret-$stack"
  set_secret serviceNowRefreshToken "sn-refresh-$stack"
  set_secret dsccClientSecret "dscc-secret-$stack"
  s=(--stack "$stack" --non-interactive)

  run ok   "pull request: preview with the policy pack" pulumi preview "${s[@]}" "${policy[@]}"
  killed_with_creates_in_flight "$stack"
  run fail "the next deploy finds the stack locked" pulumi up --yes "${s[@]}" "${policy[@]}"
  # Or, killed while the file backend rewrote the checkpoint's sidecar, unreadable: README's
  # recovery step mends both the same way.
  because "locked\|failed to load checkpoint: EOF"
  # The workflows' first step (deploy.yml, drift.yml); a no-op when the last run ended normally.
  run ok   "merge to main: recover the cancelled deploy" pulumi-hpecom recover --stack "$stack" --cancel --yes
  because "lock cleared"
  because "import"
  run ok   "merge to main: up with the policy pack" pulumi up --yes "${s[@]}" "${policy[@]}"
  services_once "$stack" "ServiceNow Integration" "Data Services Cloud Console"
  run ok   "nightly: recover finds nothing to do" pulumi-hpecom recover --stack "$stack" --cancel --yes
  because "nothing to do"
  run ok   "nightly: refresh" pulumi refresh --yes "${s[@]}"
  run ok   "nightly: no drift, preview --expect-no-changes" pulumi preview --expect-no-changes "${s[@]}" "${policy[@]}"
  com_patch "$stack" dscc '{"description":"changed by hand in the COM console"}'
  run ok   "nightly after a change outside the pipeline: refresh" pulumi refresh --yes "${s[@]}"
  run fail "nightly: drift fails preview --expect-no-changes" pulumi preview --expect-no-changes "${s[@]}" "${policy[@]}"
  because "no changes were expected"
  run ok   "merge to main: up restores the desired state" pulumi up --yes "${s[@]}" "${policy[@]}"
  run ok   "nightly: no drift again" pulumi preview --expect-no-changes "${s[@]}" "${policy[@]}"
  # ServiceNow refresh tokens (valid 180 days here): the nightly job's summary lists one within
  # the warning window; an expired one fails the post-deploy test and the nightly job.
  summary=$work/logs/summary-$stack.md
  run ok   "nightly: refresh tokens, none within the window" pulumi-hpecom refresh-tokens --stack "$stack" --summary "$summary"
  because "| servicenow | ServiceNow Integration | .* | ok |"
  pulumi config set --stack "$stack" --plaintext serviceNowRefreshTokenIssuedAt "$(days_ago 160)" --non-interactive
  run ok   "merge: a token issued 160 of 180 days ago deploys, with a warning" pulumi up --yes "${s[@]}" "${policy[@]}"
  because "warning: hpecom: the ServiceNow refresh token of external service 'ServiceNow Integration' expires on"
  because "refresh-token-expiry"
  run ok   "nightly: the job summary lists it" pulumi-hpecom refresh-tokens --stack "$stack" --summary "$summary"
  grep -q "| servicenow | ServiceNow Integration | .* | \*\*within the window\*\* |" "$summary" || { echo "  FAIL the job summary does not list the token"; cat "$summary"; exit 1; }
  pulumi config set --stack "$stack" --plaintext serviceNowRefreshTokenIssuedAt "$(days_ago 181)" --non-interactive
  run fail "merge: a token issued 181 days ago fails the post-deploy test" pulumi up --yes "${s[@]}" "${policy[@]}"
  because "post-deploy test of external service 'ServiceNow Integration' failed: the ServiceNow refresh token .* expired on"
  run fail "nightly: an expired token fails the job" pulumi-hpecom refresh-tokens --stack "$stack" --summary "$summary"
  because "ServiceNow refresh token(s) expired: servicenow"
  # The rotation runbook: the new token from the secret store, and when ServiceNow issued it.
  set_secret serviceNowRefreshToken "sn-refresh-$stack-rotated"
  pulumi config set --stack "$stack" --plaintext serviceNowRefreshTokenIssuedAt "$(days_ago 0)" --non-interactive
  run ok   "merge: the rotated token deploys and passes its test" pulumi up --yes "${s[@]}" "${policy[@]}"
  run ok   "nightly: refresh tokens fresh again" pulumi-hpecom refresh-tokens --stack "$stack" --summary "$summary"
  because "| servicenow | ServiceNow Integration | .* | ok |"
  run ok   "nightly: no drift after the rotation" pulumi preview --expect-no-changes "${s[@]}" "${policy[@]}"
  pulumi config set --stack "$stack" --path 'incidentScope.serviceEventIssues' true --non-interactive
  run fail "pull request below the minimum scope: the policy blocks it" pulumi preview "${s[@]}" "${policy[@]}"
  because "minimum-incident-scope"
  pulumi config rm --stack "$stack" incidentScope --non-interactive
  run ok   "destroy" pulumi destroy --yes "${s[@]}"
  pulumi stack rm --yes "$stack" >/dev/null
}

stacks=(tenant-a tenant-b)
pids=()
for stack in "${stacks[@]}"; do
  (pipeline "$stack") >"$work/logs/$stack.out" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!stacks[@]}"; do
  wait "${pids[$i]}" || failed=1
  cat "$work/logs/${stacks[$i]}.out"
done
[ "$failed" = 0 ] || { echo "gitops-check: a pipeline step did not behave as expected"; exit 1; }
echo "gitops-check: every pipeline step behaved as expected"
