#!/usr/bin/env bash
# make dist: the plugin's release archives, as Pulumi's own providers ship them:
#   dist/release/pulumi-resource-hpecom-v<version>-<os>-<arch>.tar.gz  (+ checksums)
# Each holds the plugin as one bundled file (main.js: the provider, @pulumi/pulumi's server,
# axios and zod), its launchers, the schema and the changelog; it needs only node >= 20 at use
# time. The plugin is JavaScript, so the five archives hold the same files under five names:
# `pulumi plugin install` and `pluginDownloadURL` look a plugin up by os and arch.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
version=$(node -p 'require("./package.json").version')
out=${1:-dist/release}  # tests pass a temporary directory
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

rm -rf "$out"  # only what this run writes
mkdir -p "$out"
npx esbuild dist/plugin/main.js --bundle --platform=node --target=node20 --minify-syntax --legal-comments=eof \
  --banner:js="$(cat plugin/release/node-version-check.js)" --outfile="$stage/main.js" --log-level=error
cp plugin/release/pulumi-resource-hpecom plugin/release/pulumi-resource-hpecom.cmd plugin/schema.json CHANGELOG.md "$stage/"
cp plugin/release/README.md "$stage/README.md"
chmod 0755 "$stage/pulumi-resource-hpecom"

for target in linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64; do
  archive=$out/pulumi-resource-hpecom-v$version-$target.tar.gz
  # Reproducible: sorted names, no timestamps or owners, gzip without a name or time.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - . | gzip -9n >"$archive"
done
(cd "$out" && sha256sum ./*.tar.gz | sed 's#\./##' >"pulumi-hpecom_${version}_checksums.txt")
ls -l "$out" | awk 'NR > 1 { printf "dist: %s (%d bytes)\n", $9, $5 }'
