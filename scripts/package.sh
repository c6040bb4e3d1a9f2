#!/usr/bin/env bash
# Builds what we ship, into dist/:
#   cssm-assistant-<version>-windows-x86_64.zip   the .exe (icon and version information
#                                                  embedded by build.rs), a read-me and
#                                                  the licence texts
#   cssm-assistant_<version>_amd64.deb             the Linux package
#
#   scripts/package.sh [windows|deb]...            (default: both)
#
# Installs the Rust target and the Debian packages it needs when they are missing.
# The .deb is built by cargo-deb from [package.metadata.deb] in Cargo.toml and the files
# in packaging/linux/; building cargo-deb costs a fresh CI machine about 95 CPU-seconds
# (BENCHMARKS.md, "Packaging"), which is less than what it does for us (md5sums,
# dependencies of the linked libraries, a policy-shaped control file and copyright).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh

version=$(crate_version)
dist=dist
mkdir -p "$dist"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(windows deb)

package_windows() {
  local triple=x86_64-pc-windows-gnu
  # The mingw-w64 linker and windres (for the icon and version resource), and zip.
  apt_need gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 zip
  rustup_target_need "$triple"
  cargo build --release --locked --target "$triple"
  local name=cssm-assistant-$version-windows-x86_64
  local stage=$dist/stage/$name
  rm -rf "$stage" && mkdir -p "$stage"
  cp "target/$triple/release/cssm-assistant.exe" "$stage/"
  # Windows text files: CRLF line endings, so every editor shows them right.
  sed -e "s/@VERSION@/$version/" -e 's/$/\r/' packaging/windows/README.txt >"$stage/README.txt"
  sed -e 's/$/\r/' LICENSE-MIT >"$stage/LICENSE-MIT.txt"
  sed -e 's/$/\r/' LICENSE-APACHE >"$stage/LICENSE-APACHE.txt"
  # Same bytes for the same inputs: fixed dates, no extra attributes.
  touch -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)" "$stage"/*
  rm -f "$dist/$name.zip"
  (cd "$dist/stage" && zip -q -X -r "../$name.zip" "$name")
  rm -rf "$dist/stage"
  echo "built $dist/$name.zip"
}

package_deb() {
  # dpkg-shlibdeps (dpkg-dev) gives `$auto`: the packages of the linked libraries.
  apt_need dpkg-dev
  # cargo-deb, built once per machine (about 95 CPU-seconds; BENCHMARKS.md).
  if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --locked --version "^3.8"
  fi
  local id=io.github.cssm_assistant.CssmAssistant
  local date
  date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
  mkdir -p target/packaging
  sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$date/" "packaging/linux/$id.metainfo.xml" \
    >"target/packaging/$id.metainfo.xml"
  local deb=$dist/cssm-assistant_${version}_amd64.deb
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s) \
    cargo deb --locked --output "$deb"
  echo "built $deb"
}

for t in "${targets[@]}"; do
  case $t in
    windows) package_windows ;;
    deb) package_deb ;;
    *) echo "usage: scripts/package.sh [windows|deb]..." >&2; exit 2 ;;
  esac
done
