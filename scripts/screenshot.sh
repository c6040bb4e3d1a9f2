#!/usr/bin/env bash
# Starts the real binary under Xvfb (Mesa's software GL), takes a screenshot of its window
# in French and in English, in the dark and the light theme, and fails if no window
# appears, if the process dies, or if the image is blank.
#
#   scripts/screenshot.sh [OUT_DIR]      (default: docs/)
#
# Installs xvfb, Mesa and the screenshot tools with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}
mkdir -p "$out"

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xwd >/dev/null || need+=(x11-apps)
command -v xdotool >/dev/null || need+=(xdotool)
# The stand-in `convert` of some images only shows pictures: use ImageMagick's own.
[ -x /usr/bin/convert ] || need+=(imagemagick)
# What the window itself loads at run time: Mesa's software GL, X11 and its keyboard.
for pkg in libgl1-mesa-dri libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
magick_convert=/usr/bin/convert

cargo build --release --quiet
bin=target/release/cssm-assistant

# shellcheck source=scripts/lib/xvfb.sh
. scripts/lib/xvfb.sh
xvfb_pid=
app=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
start_xvfb 1280x860

shoot() {
  local lang=$1 title=$2 file=$3
  shift 3
  # A clean profile so no draft is offered and the first screen shows.
  local home
  home=$(mktemp -d)
  HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config LANG=C "$bin" --lang "$lang" "$@" &
  app=$!
  local wid=
  for _ in $(seq 100); do
    if ! kill -0 "$app" 2>/dev/null; then echo "FAIL: the program died ($lang)"; exit 1; fi
    wid=$(xdotool search --name "^$title\$" 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    sleep 0.2
  done
  if [ -z "$wid" ]; then echo "FAIL: no window titled '$title' appeared ($lang)"; exit 1; fi
  # Let it draw its first frames, then check it is still alive.
  sleep 2
  if ! kill -0 "$app" 2>/dev/null; then echo "FAIL: the program died after opening ($lang)"; exit 1; fi
  xwd -id "$wid" -silent | "$magick_convert" xwd:- "$file"
  local sd
  sd=$("$magick_convert" "$file" -colorspace Gray -format '%[fx:standard_deviation]' info:)
  if awk -v s="$sd" 'BEGIN { exit !(s < 0.02) }'; then
    echo "FAIL: the screenshot is blank ($lang, deviation $sd)"; exit 1
  fi
  kill "$app"; wait "$app" 2>/dev/null || true; app=
  rm -rf "$home"
  echo "ok: $file ($lang, deviation $sd)"
}

fr="Assistant abonnement CSSM"
en="CSSM Subscription Assistant"
shoot fr "$fr" "$out/screenshot-fr.png" --theme dark
shoot en "$en" "$out/screenshot-en.png" --theme dark
shoot fr "$fr" "$out/screenshot-light-fr.png" --theme light
shoot en "$en" "$out/screenshot-light-en.png" --theme light
# The window opened on a case file, on its result page.
shoot fr "$fr" "$out/screenshot-result-fr.png" --theme dark docs/example-case.ron
shoot en "$en" "$out/screenshot-result-light-en.png" --theme light docs/example-case.ron
# The Meraki step of a case file: the IDs, the Dashboard box and the claim question.
shoot en "$en" "$out/screenshot-meraki-step-en.png" --theme dark docs/example-meraki-step.ron
shoot fr "$fr" "$out/screenshot-meraki-step-light-fr.png" --theme light docs/example-meraki-step.ron
