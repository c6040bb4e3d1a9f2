#!/usr/bin/env bash
# Runs each fuzz target (fuzz/fuzz_targets) for a bounded time, one after the other, and
# prints what each run did: runs, executions per second, coverage, corpus and crashes.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 600 seconds, every target)
#
# Installs cargo-fuzz with `cargo install cargo-fuzz --locked` when it is missing. The
# targets need a nightly compiler: the `nightly` toolchain of rustup when there is one,
# else the default one with RUSTC_BOOTSTRAP=1 (FUZZ_TOOLCHAIN=nightly or stable chooses).
#
# One process per target and one build job (CARGO_BUILD_JOBS, default 1), so the machine
# keeps a core for other work. The corpus grows in fuzz/corpus/TARGET (seeded from
# fuzz/seeds), crashes land in fuzz/artifacts/TARGET, logs in fuzz/artifacts/logs; all
# three are git-ignored.
#
# Environment: FUZZ_SANITIZER (default `none`: the crate has no unsafe code and runs about
# four times faster without AddressSanitizer; `address` to turn it on), FUZZ_ARGS (more
# libFuzzer options). Exits 1 when a target crashed or failed, 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
case $seconds in
'' | *[!0-9]*)
  echo "usage: $0 [SECONDS] [TARGET...]" >&2
  exit 2
  ;;
esac
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(case_loader summary)
fi
sanitizer=${FUZZ_SANITIZER:-none}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# cargo-fuzz needs nightly features of the compiler.
toolchain=${FUZZ_TOOLCHAIN:-}
if [ -z "$toolchain" ]; then
  toolchain=stable
  if command -v rustup >/dev/null && rustup toolchain list | grep -q '^nightly'; then
    toolchain=nightly
  fi
fi
if [ "$toolchain" = nightly ]; then
  fuzz=(cargo +nightly fuzz)
  toolchain="nightly ($(rustc +nightly --version))"
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  toolchain="$(rustc --version) with RUSTC_BOOTSTRAP=1"
fi

cd fuzz
mkdir -p artifacts/logs
echo "== building the fuzz targets (${toolchain}, sanitizer: ${sanitizer})"
for target in "${targets[@]}"; do
  "${fuzz[@]}" build --sanitizer "$sanitizer" "$target" >/dev/null
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
status=0
report=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target"
  log="artifacts/logs/$target-$stamp.log"
  crashes_before=$(find "artifacts/$target" -type f | wc -l)
  echo "== $target: ${seconds}s (log: fuzz/$log)"
  start=$(date +%s)
  set +e
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of options.
  "${fuzz[@]}" run --sanitizer "$sanitizer" "$target" "corpus/$target" seeds -- \
    -max_total_time="$seconds" -timeout=10 -dict=case.dict -print_final_stats=1 \
    ${FUZZ_ARGS:-} >"$log" 2>&1
  code=$?
  set -e
  elapsed=$(($(date +%s) - start))

  # libFuzzer's last status line, e.g. `#123 DONE cov: 1 ft: 2 corp: 3/4Kb ... exec/s: 5`.
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  field() { sed -n "s/.* $1: \\([^ ]*\\).*/\\1/p" <<<"$last"; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  files=$(find "corpus/$target" -type f | wc -l)
  crashes=$(($(find "artifacts/$target" -type f | wc -l) - crashes_before))
  if [ "$code" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    status=1
    echo "!! $target failed (exit $code); the end of its log:"
    grep -v '^"' "$log" | tail -n 40
  fi
  report+=("$(printf '%-12s %7s %10s %7s %6s %7s %12s %6s %6s %7s %4s' \
    "$target" "$elapsed" "${runs:-?}" "${rate:-?}" "$(field cov)" "$(field ft)" \
    "$(field corp)" "$files" "${rss:-?}" "$crashes" "$code")")
done

echo
echo "== fuzzing figures ($(date -u +%Y-%m-%d), ${seconds}s per target, sanitizer: ${sanitizer})"
# corpus: units/size libFuzzer kept; files: inputs in fuzz/corpus/TARGET (all runs).
printf '%-12s %7s %10s %7s %6s %7s %12s %6s %6s %7s %4s\n' \
  target seconds runs exec/s cov ft corpus files rss_mb crashes exit
printf '%s\n' "${report[@]}"
if [ "$status" -ne 0 ]; then
  echo "A target crashed: its input is in fuzz/artifacts/TARGET; minimise it with"
  echo "  (cd fuzz && cargo +nightly fuzz tmin --sanitizer $sanitizer TARGET ARTIFACT)"
fi
exit "$status"
