#!/usr/bin/env bash
# Idle CPU under Wine: the Windows assistant against the Windows floor
# (examples/floor.rs, the cheapest eframe window), measured the same way, so what Wine
# costs reads apart from what the app costs.
#
#   [SETTLE=6] [IDLE=10] [FOCUS=1] scripts/bench-wine.sh [RUNS]   (default: 5 runs of each)
#
# Each run: start the .exe under Wine on our own Xvfb, wait for its window (polling),
# park the pointer outside it, give it the keyboard focus, leave it alone 6 s, then add
# up utime + stime over 10 s for the program's process, the prefix's wineserver and
# the X server. Prints one line per run and the medians. Installs what it needs like
# scripts/test-packages.sh; builds both .exe files with the release profile.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh

runs=${1:-5}
settle=${SETTLE:-6}
idle=${IDLE:-10}
triple=x86_64-pc-windows-gnu
apt_need wine wine64 xvfb xdotool gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 \
  libgl1 libgl1-mesa-dri libxcursor1 libxi6 libxrandr2 libxrender1 libxcomposite1 \
  libxinerama1 libxfixes3 libxxf86vm1 fonts-wine
rustup_target_need "$triple"
cargo build --release --locked --target "$triple" --bin cssm-assistant --example floor

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    { kill -9 "$pid" && wait "$pid"; } 2>/dev/null || true
  done
  [ -n "${WINEPREFIX:-}" ] && wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp "target/$triple/release/cssm-assistant.exe" "target/$triple/release/examples/floor.exe" "$work/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  tests/wine/shim.c tests/wine/shim.def -ladvapi32

Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp -noreset 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
pids+=("$xvfb")
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$work/display") LIBGL_ALWAYS_SOFTWARE=1
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
timeout 180 wineboot -i >/dev/null 2>&1

# This prefix's wineserver (other Wine prefixes may run on the machine).
wineserver_pid=
for p in /proc/[0-9]*; do
  if [[ "$(cat "$p/comm" 2>/dev/null)" == wineserver* ]] &&
    tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX"; then
    wineserver_pid=${p#/proc/}
  fi
done
[ -n "$wineserver_pid" ] || { echo "no wineserver for our prefix" >&2; exit 1; }

ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

run_one() {
  local exe=$1 title=$2 pid wid=
  HOME=$work/home wine "$work/$exe" --lang en >/dev/null 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 600); do
    wid=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "$exe died" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$wid" ] || { echo "$exe: no window" >&2; exit 1; }
  xdotool mousemove 1360 760
  # FOCUS=0: leave the keyboard focus where Wine put it (no window manager here).
  [ "${FOCUS:-1}" = 0 ] || xdotool windowfocus "$wid" 2>/dev/null || true
  sleep "$settle"
  local a0 w0 x0 a1 w1 x1
  a0=$(ticks "$pid"); w0=$(ticks "$wineserver_pid"); x0=$(ticks "$xvfb")
  sleep "$idle"
  a1=$(ticks "$pid"); w1=$(ticks "$wineserver_pid"); x1=$(ticks "$xvfb")
  kill -0 "$pid" 2>/dev/null || { echo "$exe died while idle" >&2; exit 1; }
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  awk -v a=$((a1 - a0)) -v w=$((w1 - w0)) -v x=$((x1 - x0)) -v hz="$hz" -v s="$idle" \
    'BEGIN { printf "%.1f %.1f %.1f\n", a / hz / s * 100, w / hz / s * 100, x / hz / s * 100 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/assistant" && : >"$work/floor"
for i in $(seq "$runs"); do
  run_one cssm-assistant.exe "CSSM Subscription Assistant" >>"$work/assistant"
  run_one floor.exe "eframe floor" >>"$work/floor"
  echo "run $i/$runs (program, wineserver, Xvfb, % of a core): assistant $(tail -n 1 "$work/assistant"), floor $(tail -n 1 "$work/floor")"
done
for prog in assistant floor; do
  printf '%-9s idle, median of %s runs over %s s: program %s %%, wineserver %s %%, Xvfb %s %% of a core\n' \
    "$prog" "$runs" "$idle" \
    "$(cut -d' ' -f1 "$work/$prog" | median)" \
    "$(cut -d' ' -f2 "$work/$prog" | median)" \
    "$(cut -d' ' -f3 "$work/$prog" | median)"
done
