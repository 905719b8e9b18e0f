# Sourced by scripts that need the COM emulator for their run: `start_emulator <dir> <args…>`
# starts it in the background, stops it when the script exits, and sets $emulator_url.
start_emulator() {
  local dir=$1
  shift
  node "$root/dist/emulator/cli.js" "$@" >"$dir/emulator.url" 2>"$dir/emulator.log" &
  emulator_pid=$!
  trap 'kill $emulator_pid 2>/dev/null; wait $emulator_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -s "$dir/emulator.url" ] && break; sleep 0.1; done
  emulator_url=$(head -n1 "$dir/emulator.url")
  if [ -z "$emulator_url" ]; then
    cat "$dir/emulator.log" >&2
    echo "error: the emulator did not start ($*)" >&2
    exit 1
  fi
}
