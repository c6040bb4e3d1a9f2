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
# The .deb is assembled with dpkg-deb from the checked-in layout in packaging/ rather
# than with cargo-deb: building cargo-deb costs every CI run minutes on two cores for
# what is about thirty lines here (BENCHMARKS.md, "Packaging").
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
  apt_need binutils dpkg
  cargo build --release --locked
  local bin=target/release/cssm-assistant
  local id=io.github.cssm_assistant.CssmAssistant
  local root=$dist/stage/deb
  rm -rf "$root" && mkdir -p "$root/DEBIAN" "$root/usr/bin" \
    "$root/usr/share/applications" "$root/usr/share/metainfo" \
    "$root/usr/share/doc/cssm-assistant"
  install -m 0755 "$bin" "$root/usr/bin/cssm-assistant"
  install -m 0644 "packaging/linux/$id.desktop" "$root/usr/share/applications/"
  local date
  date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
  sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$date/" "packaging/linux/$id.metainfo.xml" \
    >"$root/usr/share/metainfo/$id.metainfo.xml"
  chmod 0644 "$root/usr/share/metainfo/$id.metainfo.xml"
  local size
  for size in packaging/linux/icons/*; do
    size=${size##*/}
    install -D -m 0644 "packaging/linux/icons/$size/cssm-assistant.png" \
      "$root/usr/share/icons/hicolor/$size/apps/cssm-assistant.png"
  done
  install -m 0644 packaging/deb/copyright LICENSE-MIT LICENSE-APACHE \
    "$root/usr/share/doc/cssm-assistant/"
  # The libraries the binary links to (libc, libgcc_s...): their packages, with the
  # newest glibc symbol version it uses. The window's libraries (GL, EGL, xkbcommon,
  # Wayland, X11) are loaded at run time with dlopen, so the template names them.
  local shlibs=() lib path pkg glibc
  for lib in $(objdump -p "$bin" | awk '/NEEDED/ { print $2 }'); do
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ { print $NF; exit }')
    # Merged /usr: dpkg knows the file under one of its two names.
    pkg=$(dpkg-query -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1) ||
      pkg=$(dpkg-query -S "$(readlink -f "$path")" | head -n 1 | cut -d: -f1)
    [[ " ${shlibs[*]} " == *" $pkg "* ]] || shlibs+=("$pkg")
  done
  glibc=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
  local depends=""
  for pkg in "${shlibs[@]}"; do
    if [ "$pkg" = libc6 ]; then depends+="libc6 (>= $glibc), "; else depends+="$pkg, "; fi
  done
  depends=${depends%, }
  local installed_size
  installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    -e "s/@SHLIBS@/$depends/" packaging/deb/control.in >"$root/DEBIAN/control"
  local deb=$dist/cssm-assistant_${version}_amd64.deb
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s) \
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
  rm -rf "$dist/stage"
  echo "built $deb"
}

for t in "${targets[@]}"; do
  case $t in
    windows) package_windows ;;
    deb) package_deb ;;
    *) echo "usage: scripts/package.sh [windows|deb]..." >&2; exit 2 ;;
  esac
done
