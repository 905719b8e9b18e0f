# Sourced by scripts that need the COM emulator for their run: `start_emulator <dir> <args…>`
# starts it in the background, stops it when the script exits, and sets $emulator_url.
start_emulator() {
  local dir=$1
  shift
  # Its input is a pipe this shell holds open (fd 9): when the shell ends, even killed, the pipe
  # closes and the emulator stops (--stop-on-stdin-end); the trap below is the clean way out.
  local fifo="$dir/emulator.stdin"
  rm -f "$fifo"
  mkfifo "$fifo"
  node "$root/dist/emulator/cli.js" "$@" --stop-on-stdin-end <"$fifo" >"$dir/emulator.url" 2>"$dir/emulator.log" &
  emulator_pid=$!
  exec 9>"$fifo"
  rm -f "$fifo"
  trap 'kill $emulator_pid 2>/dev/null; wait $emulator_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -s "$dir/emulator.url" ] && break; sleep 0.1; done
  emulator_url=$(head -n1 "$dir/emulator.url")
  if [ -z "$emulator_url" ]; then
    cat "$dir/emulator.log" >&2
    echo "error: the emulator did not start ($*)" >&2
    exit 1
  fi
}
