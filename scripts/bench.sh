#!/usr/bin/env bash
# The benchmark: the assistant side by side with the floor (examples/floor.rs, the
# cheapest eframe window, same features, same release profile). Builds both in release,
# runs `cargo bench --bench frames` (headless frame layout and export costs), then times
# the real windows (start-up to the first frame, peak memory, idle CPU; interleaved,
# medians) and prints one Markdown table on stdout. Progress goes to stderr.
#
#   scripts/bench.sh [--runs N] [--idle-runs N] [--json FILE]   (see scripts/bench.py)
#
# Where there is no display it starts Xvfb with Mesa's software GL (llvmpipe). Installs
# what it needs with apt-get when missing. Linux only. Takes about 10 minutes after the
# build. The figures of the last run are in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v python3 >/dev/null || need+=(python3)
command -v xdotool >/dev/null || need+=(xdotool)
command -v glxinfo >/dev/null || need+=(mesa-utils)
if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || need+=(xvfb)
  command -v xdpyinfo >/dev/null || need+=(x11-utils)
fi
dpkg -s libgl1-mesa-dri >/dev/null 2>&1 || need+=(libgl1-mesa-dri libegl1)
dpkg -s libxkbcommon-x11-0 >/dev/null 2>&1 || need+=(libxkbcommon-x11-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== building the assistant and the floor (release)" >&2
cargo build --release --bin cssm-assistant --example floor >&2
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
assistant=$target_dir/release/cssm-assistant
floor=$target_dir/release/examples/floor

echo "== cargo bench --bench frames" >&2
frames=$(mktemp)
xvfb_pid=
cleanup() {
  rm -f "$frames"
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
cargo bench --bench frames >"$frames"
cat "$frames" >&2

if [ -z "${DISPLAY:-}" ]; then
  # shellcheck source=scripts/lib/xvfb.sh
  . scripts/lib/xvfb.sh
  start_xvfb 1280x860
  export CSSM_BENCH_XVFB=1
  echo "== Xvfb on $DISPLAY, Mesa software GL" >&2
fi

echo "== windows: start-up, memory, idle CPU (interleaved)" >&2
python3 scripts/bench.py --assistant "$assistant" --floor "$floor" --frames "$frames" \
  --command "scripts/bench.sh${*:+ $*}" "$@"
