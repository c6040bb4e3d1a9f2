# Sourced by scripts/screenshot.sh and scripts/bench.sh: starts Xvfb with Mesa's
# software GL on a display number Xvfb picks itself (written on the descriptor given,
# so two runs or another X server never collide), and exports DISPLAY.
#
#   start_xvfb WIDTHxHEIGHT     sets xvfb_pid; the caller kills it on exit.

start_xvfb() {
  local size=$1 displayfd number=
  displayfd=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$displayfd" >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do
    number=$(tr -dc '0-9' <"$displayfd")
    [ -n "$number" ] && break
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
      rm -f "$displayfd"
      echo "FAIL: Xvfb did not start" >&2
      return 1
    fi
    sleep 0.1
  done
  rm -f "$displayfd"
  if [ -z "$number" ]; then echo "FAIL: Xvfb gave no display number" >&2; return 1; fi
  export DISPLAY=:$number LIBGL_ALWAYS_SOFTWARE=1
  unset WAYLAND_DISPLAY
}
