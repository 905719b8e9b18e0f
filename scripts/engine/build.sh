#!/usr/bin/env bash
# Produces (or reuses) the bin directory of the Pulumi engine this project runs on, and prints
# its absolute path as the last line of output.
#
# The bin directory holds `pulumi`, `pulumi-language-nodejs`, `pulumi-language-yaml`,
# `pulumi-resource-pulumi-nodejs`, and `pulumi-language-python`/`pulumi-language-go` hosts that
# only generate SDKs (`pulumi package gen-sdk`).
# It lives outside the checkout, under $XDG_CACHE_HOME (or ~/.cache), keyed by engine version,
# so every clone and every CI run on a machine reuses one build. Each binary carries a stamp
# of the sources it was built from and is rebuilt only when they change.
set -euo pipefail

PULUMI_VERSION=3.248.0
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-hpecom/engine-v$PULUMI_VERSION
bin=$cache/bin
mkdir -p "$bin"

say() { echo "engine: $*" >&2; }

# Serialise concurrent builds (two clones, or `make -j`) on one lock.
exec 9>"$cache/.lock"
flock 9

version_at_least() { # $1 >= $2, both dotted versions
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

stamp_matches() { [ -x "$bin/$1" ] && [ "$(cat "$bin/.$1.stamp" 2>/dev/null)" = "$2" ]; }

require_go() {
  if ! command -v go >/dev/null 2>&1; then
    echo "error: building the Pulumi engine needs Go >= 1.25 (https://go.dev/dl/), or put pulumi >= $PULUMI_VERSION with pulumi-language-nodejs on PATH" >&2
    exit 1
  fi
}

# go build -v prints one line per compiled package; turn that into a short progress report.
progress() {
  local n=0
  while IFS= read -r _; do
    n=$((n + 1))
    if [ $((n % 100)) -eq 0 ]; then say "  … $n packages compiled"; fi
  done
  say "  … $n packages compiled"
}

go_build() { # output-path main-package [ldflags] [module directory]
  local module=${4:-$here}
  (cd "$module" && GOFLAGS=-mod=readonly go build -v -trimpath -ldflags "${3:-}" -o "$1.tmp" "$2" 2>&1) | progress
  # A failed build leaves no .tmp; report the compiler's own error by building once more quietly.
  if [ ! -f "$1.tmp" ]; then
    (cd "$module" && GOFLAGS=-mod=readonly go build -o "$1.tmp" "$2")
    exit 1
  fi
  mv -f "$1.tmp" "$1"
}

source_key() { cat "$@" | sha256sum | cut -c1-16; }

# 1. The CLI: a user's own pulumi >= the pinned version is used as it is.
existing=$(command -v pulumi 2>/dev/null || true)
if [ -n "$existing" ] && [ "$(readlink -f "$existing")" != "$(readlink -f "$bin/pulumi")" ] &&
  existing_version=$(PULUMI_SKIP_UPDATE_CHECK=true "$existing" version 2>/dev/null | sed 's/^v//') &&
  version_at_least "$existing_version" "$PULUMI_VERSION"; then
  say "using pulumi $existing_version from $existing"
  ln -sfn "$existing" "$bin/pulumi"
  echo "user:$existing" >"$bin/.pulumi.stamp"
  if [ -x "$(dirname "$existing")/pulumi-language-nodejs" ]; then
    ln -sfn "$(dirname "$existing")/pulumi-language-nodejs" "$bin/pulumi-language-nodejs"
    echo "user" >"$bin/.pulumi-language-nodejs.stamp"
  fi
else
  key=$(source_key "$here/go.mod" "$here/go.sum")
  if stamp_matches pulumi "$key"; then
    say "pulumi v$PULUMI_VERSION is cached"
  else
    require_go
    say "building pulumi v$PULUMI_VERSION from the Go module proxy (several minutes on 2 cores)"
    go_build "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
      "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
    echo "$key" >"$bin/.pulumi.stamp"
  fi
fi

# 2. The Node language host (see language-nodejs/main.go for why it is built here).
if [ "$(cat "$bin/.pulumi-language-nodejs.stamp" 2>/dev/null)" != "user" ]; then
  key=$(source_key "$here/go.mod" "$here/go.sum" "$here"/language-nodejs/*.go "$here"/codegen/*.go "$here"/langhost/*.go)
  if stamp_matches pulumi-language-nodejs "$key"; then
    say "pulumi-language-nodejs is cached"
  else
    require_go
    say "building pulumi-language-nodejs"
    go_build "$bin/pulumi-language-nodejs" ./language-nodejs "-s -w -X main.version=$PULUMI_VERSION"
    echo "$key" >"$bin/.pulumi-language-nodejs.stamp"
  fi
fi

# 3. SDK generation for Python and Go (see language-codegen/main.go): one binary, two names.
key=$(source_key "$here/go.mod" "$here/go.sum" "$here"/codegen/*.go "$here"/langhost/*.go "$here"/language-codegen/*.go)
if stamp_matches pulumi-language-python "$key" && stamp_matches pulumi-language-go "$key"; then
  say "SDK generators for python and go are cached"
else
  require_go
  say "building the SDK generators for python and go"
  go_build "$bin/pulumi-language-python" ./language-codegen "-s -w"
  cp -f "$bin/pulumi-language-python" "$bin/pulumi-language-go"
  echo "$key" >"$bin/.pulumi-language-python.stamp"
  echo "$key" >"$bin/.pulumi-language-go.stamp"
fi

# 4. The YAML language host, for YAML programs (examples/yaml): pulumi-yaml's own, pinned in a
#    module of its own, with the Link call `pulumi package add` needs (see language-yaml/main.go).
if [ -x "$(dirname "$(readlink -f "$bin/pulumi")")/pulumi-language-yaml" ] && [ "$(cat "$bin/.pulumi.stamp" 2>/dev/null | cut -c1-5)" = "user:" ]; then
  ln -sfn "$(dirname "$(readlink -f "$bin/pulumi")")/pulumi-language-yaml" "$bin/pulumi-language-yaml"
else
  key=$(source_key "$here"/language-yaml/go.mod "$here"/language-yaml/go.sum "$here"/language-yaml/*.go)
  if stamp_matches pulumi-language-yaml "$key"; then
    say "pulumi-language-yaml is cached"
  else
    require_go
    say "building pulumi-language-yaml (pulumi-yaml from the Go module proxy: about 2 minutes cold)"
    go_build "$bin/pulumi-language-yaml" . "-s -w" "$here/language-yaml"
    echo "$key" >"$bin/.pulumi-language-yaml.stamp"
  fi
fi

# 5. The dynamic-provider plugin: a script shipped inside @pulumi/pulumi.
plugin=$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs
if [ ! -f "$plugin" ]; then
  echo "error: $plugin is missing; run 'npm ci' first" >&2
  exit 1
fi
install -m 0755 "$plugin" "$bin/pulumi-resource-pulumi-nodejs"

# The modules the generated Go SDK builds against (tests/plugin/go-sdk), fetched here with the
# engine's so that `make test` itself needs no network; a no-op once they are in the module cache.
(cd "$root/tests/plugin/go-sdk" && go mod download) >&2

# ...and compiled once into Go's build cache (outside the checkout, like the engine): cold, the
# Pulumi Go SDK takes about 4 minutes on 2 cores, which would otherwise land inside `make test`.
key=$(source_key "$root/tests/plugin/go-sdk/go.sum" <(go version))
if [ "$(cat "$cache/.go-sdk-build.stamp" 2>/dev/null)" = "$key" ]; then
  say "the Go SDK's modules are compiled"
else
  say "compiling the Go SDK's modules into Go's build cache"
  (cd "$root/tests/plugin/go-sdk" && GOFLAGS=-mod=mod GOPROXY=off go build -v github.com/pulumi/pulumi/sdk/v3/go/pulumi/... github.com/blang/semver 2>&1) | progress
  echo "$key" >"$cache/.go-sdk-build.stamp"
fi

echo "$bin"
