#!/usr/bin/env bash
# The licence notices of the crates linked into what we ship (the Linux and the Windows
# programs), and their checks.
#
#   scripts/licenses.sh generate   writes target/packaging/THIRD-PARTY-LICENSES.html with
#                                  cargo-about (about.toml, packaging/licenses/about.hbs);
#                                  scripts/package.sh ships it in the zip, the MSI and the
#                                  .deb
#   scripts/licenses.sh check      fails when a crate linked into either program has a
#                                  licence outside deny.toml's allow list (cargo-deny), or
#                                  is missing from the generated file (compared with
#                                  `cargo tree` for each target)
#
# cargo-about and cargo-deny are built once per machine with `cargo install --locked`
# when missing (their cost on a fresh CI machine: BENCHMARKS.md, "Packaging and CI").
# No network but crates.io (the crates' sources, fetched by `cargo fetch`).
set -euo pipefail
cd "$(dirname "$0")/.."

notices=target/packaging/THIRD-PARTY-LICENSES.html
targets=(x86_64-unknown-linux-gnu x86_64-pc-windows-gnu)

need_about() {
  cargo about --version >/dev/null 2>&1 || cargo install cargo-about --locked --features cli --version "~0.9.3"
}
need_deny() {
  cargo deny --version >/dev/null 2>&1 || cargo install cargo-deny --locked --version "~0.20.2"
}

generate() {
  # Up to date (it takes cargo-about minutes of CPU): newer than what it is made from.
  if [ -f "$notices" ] && [ "$notices" -nt Cargo.lock ] && [ "$notices" -nt Cargo.toml ] &&
    [ "$notices" -nt about.toml ] &&
    [ "$notices" -nt packaging/licenses/about.hbs ]; then
    echo "up to date: $notices"
    return 0
  fi
  need_about
  # The sources of every crate, for each platform (their licence files are read).
  cargo fetch --locked --quiet
  mkdir -p "$(dirname "$notices")"
  # --frozen: no network (nothing asked of clearlydefined.io); --fail: a crate whose
  # licence cannot be found or is not accepted stops the build.
  cargo about -L error generate --frozen --fail -c about.toml \
    -o "$notices" packaging/licenses/about.hbs
  echo "wrote $notices ($(grep -c 'data-crate=' "$notices") notices)"
}

# shipped_crates TARGET: "name version" of every crate linked into the program built
# for TARGET: normal dependencies only (no build scripts, tests, proc-macros).
shipped_crates() {
  cargo tree --locked --offline --quiet -e normal,no-proc-macro --target "$1" \
    --prefix none -f '{p}' |
    sed -E 's/ \(\*\)$//; s/ \(proc-macro\)$//' |
    grep -v '^cssm-assistant ' |
    sed -E 's/^([^ ]+) v([^ ]+).*$/\1 \2/' | sort -u
}

check() {
  need_deny
  # Licences against the allow list (deny.toml); the advisories need a network.
  cargo deny --log-level error --offline --locked check licenses
  echo "ok: every shipped crate's licence is in deny.toml's allow list"

  [ -f "$notices" ] || generate
  local listed missing t count
  listed=$(grep -o 'data-crate="[^"]*"' "$notices" | sed -E 's/^data-crate="(.*)"$/\1/' | sort -u)
  for t in "${targets[@]}"; do
    missing=$(comm -23 <(shipped_crates "$t") <(echo "$listed"))
    count=$(shipped_crates "$t" | wc -l)
    if [ -n "$missing" ]; then
      echo "FAIL: linked into the $t program but missing from $notices:" >&2
      echo "$missing" >&2
      exit 1
    fi
    echo "ok: the $count crates linked for $t all have their notice in $notices"
  done
}

case "${1:-}" in
  generate) generate ;;
  check) check ;;
  *) echo "usage: scripts/licenses.sh generate|check" >&2; exit 2 ;;
esac
