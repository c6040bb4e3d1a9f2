#!/usr/bin/env bash
# winget's manifest set (packaging/winget/): scripts/winget.py does the work; this
# installs what it needs (msitools, and PyYAML + jsonschema from PyPI in a venv under
# target/ when the system Python lacks them).
#   scripts/winget.sh generate [URL_BASE]   from dist/'s MSI of this version
#   scripts/winget.sh check                 the schemas, and the MSI when it is built
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh
apt_need msitools
py=python3
if ! python3 -c 'import yaml, jsonschema' 2>/dev/null; then
  apt_need python3-venv
  [ -x target/winget-venv/bin/python ] || python3 -m venv target/winget-venv
  target/winget-venv/bin/python -m pip install --quiet 'jsonschema>=4,<5' 'PyYAML>=6,<7'
  py=target/winget-venv/bin/python
fi
msi=dist/cssm-assistant-$(crate_version)-x86_64.msi
case "${1:-}" in
  generate)
    [ -f "$msi" ] || { echo "$msi is missing: run scripts/package.sh msi" >&2; exit 1; }
    "$py" scripts/winget.py generate "$msi" \
      "${2:-https://github.com/cssm-assistant/cssm-assistant/releases/download/v$(crate_version)}" ;;
  check)
    if [ -f "$msi" ]; then "$py" scripts/winget.py check "$msi"; else "$py" scripts/winget.py check; fi ;;
  *) echo "usage: scripts/winget.sh generate [URL_BASE] | check" >&2; exit 2 ;;
esac
