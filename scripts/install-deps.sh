# Sourced by the packaging scripts: installs what they need, only when it is missing,
# so a machine that has everything already spends no time here.

# apt_need PACKAGE...: installs the Debian packages that are not installed yet.
apt_need() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# rustup_target_need TARGET: adds a Rust target's standard library when it is missing.
rustup_target_need() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

# crate_version: the version in Cargo.toml.
crate_version() {
  sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1
}
