#!/usr/bin/env bash
# Builds what we ship, into dist/:
#   cssm-assistant-<version>-windows-x86_64.zip   the .exe (icon and version information
#                                                  embedded by build.rs), a read-me and
#                                                  the licence texts
#   cssm-assistant_<version>_amd64.deb             the Linux package
#   cssm-assistant-<version>-x86_64.msi            the Windows Installer package: per
#                                                  user, no administrator rights
#                                                  (packaging/windows/cssm-assistant.wxs,
#                                                  built by msitools' wixl)
#
#   scripts/package.sh [windows|deb|msi]...        (default: windows deb)
#   MSI_VERSION=0.0.9 scripts/package.sh msi       an MSI that says another version (the
#                                                  upgrade test builds an older one)
#
# Each package carries THIRD-PARTY-LICENSES.html, the notices of the crates linked into
# the program (scripts/licenses.sh generate, with cargo-about).
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

# The licence notices, written once per run.
notices() {
  [ -n "${NOTICES_DONE:-}" ] && return 0
  bash scripts/licenses.sh generate
  NOTICES_DONE=1
}

# windows_files DIR: the Windows program and its files, in DIR. The .exe is built once
# (a second call finds it up to date).
windows_files() {
  local triple=x86_64-pc-windows-gnu dir=$1
  # The mingw-w64 linker and windres (for the icon and version resource).
  apt_need gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
  rustup_target_need "$triple"
  cargo build --release --locked --target "$triple"
  notices
  cp "target/$triple/release/cssm-assistant.exe" "$dir/"
  # Windows text files: CRLF line endings, so every editor shows them right.
  sed -e "s/@VERSION@/$version/" -e 's/$/\r/' packaging/windows/README.txt >"$dir/README.txt"
  sed -e 's/$/\r/' LICENSE-MIT >"$dir/LICENSE-MIT.txt"
  sed -e 's/$/\r/' LICENSE-APACHE >"$dir/LICENSE-APACHE.txt"
  cp target/packaging/THIRD-PARTY-LICENSES.html "$dir/"
}

package_windows() {
  apt_need zip
  local name=cssm-assistant-$version-windows-x86_64
  local stage=$dist/stage/$name
  rm -rf "$stage" && mkdir -p "$stage"
  windows_files "$stage"
  # Same bytes for the same inputs: fixed dates, no extra attributes.
  touch -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)" "$stage"/*
  rm -f "$dist/$name.zip"
  (cd "$dist/stage" && zip -q -X -r "../$name.zip" "$name")
  rm -rf "$dist/stage"
  echo "built $dist/$name.zip"
}

# product_code VERSION: the MSI's ProductCode, the same for every build of a version
# (so winget's manifest can name it) and different between versions (as a major
# upgrade needs): a name-based UUID (version 5 layout) from the UpgradeCode and VERSION.
product_code() {
  local h
  h=$(printf '9EBD59A6-BF69-445A-8878-D1366C489196 %s' "$1" | sha1sum | tr a-f A-F)
  local variant
  variant=$(printf '%X' $(( (0x${h:16:1} & 0x3) | 0x8 )))
  echo "${h:0:8}-${h:8:4}-5${h:13:3}-$variant${h:17:3}-${h:20:12}"
}

package_msi() {
  # wixl builds the package; msiinfo (msitools) reads it back.
  apt_need wixl msitools
  local msi_version=${MSI_VERSION:-$version}
  local stage=target/packaging/msi
  rm -rf "$stage" && mkdir -p "$stage"
  windows_files "$stage"
  local msi=$dist/cssm-assistant-$msi_version-x86_64.msi
  # wixl finds the files relative to the current folder.
  wixl --arch x64 -D Version="$msi_version" -D ProductCode="$(product_code "$msi_version")" \
    -D StageDir="$stage" -o "$msi" packaging/windows/cssm-assistant.wxs
  echo "built $msi (ProductCode {$(product_code "$msi_version")})"
}

package_deb() {
  notices
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
    msi) package_msi ;;
    product-code) product_code "${MSI_VERSION:-$version}" ;;
    *) echo "usage: scripts/package.sh [windows|deb|msi|product-code]..." >&2; exit 2 ;;
  esac
done
