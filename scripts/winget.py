#!/usr/bin/env python3
"""winget's manifest set for the MSI (packaging/winget/), written from the built MSI and
checked against winget's published JSON schemas (v1.9.0, copied from
microsoft/winget-cli's schemas/JSON/manifests/ into packaging/winget/schemas/: CI has no
network).

    scripts/winget.py generate MSI URL_BASE   writes the manifests for MSI's version
    scripts/winget.py check [MSI]             validates every manifest set against the
                                              schemas; with MSI, also that the set for
                                              its version names its ProductCode,
                                              UpgradeCode and version

Run by scripts/winget.sh, which installs PyYAML and jsonschema when missing.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
WINGET = ROOT / "packaging" / "winget"
SCHEMAS = WINGET / "schemas"
IDENTIFIER = "CssmAssistant.CssmAssistant"
MANIFEST_VERSION = "1.9.0"
HEADER = "# yaml-language-server: $schema=https://aka.ms/winget-manifest.{kind}.1.9.0.schema.json\n"


def msi_properties(msi: Path) -> dict:
    out = subprocess.run(
        ["msiinfo", "export", str(msi), "Property"], check=True, capture_output=True, text=True
    ).stdout
    props = {}
    for line in out.splitlines()[3:]:
        key, _, value = line.partition("\t")
        props[key] = value
    return props


def folder(version: str) -> Path:
    return WINGET / "manifests" / "c" / "CssmAssistant" / "CssmAssistant" / version


def write(path: Path, kind: str, data: dict) -> None:
    text = HEADER.format(kind=kind) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def generate(msi: Path, url_base: str) -> None:
    props = msi_properties(msi)
    version = props["ProductVersion"]
    sha = hashlib.sha256(msi.read_bytes()).hexdigest().upper()
    out = folder(version)
    out.mkdir(parents=True, exist_ok=True)
    common = {"PackageIdentifier": IDENTIFIER, "PackageVersion": version}
    write(out / f"{IDENTIFIER}.yaml", "version", {
        **common,
        "DefaultLocale": "en-US",
        "ManifestType": "version",
        "ManifestVersion": MANIFEST_VERSION,
    })
    write(out / f"{IDENTIFIER}.installer.yaml", "installer", {
        **common,
        "InstallerType": "wix",
        "Scope": "user",
        "InstallModes": ["interactive", "silent", "silentWithProgress"],
        "UpgradeBehavior": "install",
        "ProductCode": props["ProductCode"],
        "AppsAndFeaturesEntries": [{
            "DisplayName": props["ProductName"],
            "Publisher": props["Manufacturer"],
            "DisplayVersion": version,
            "ProductCode": props["ProductCode"],
            "UpgradeCode": props["UpgradeCode"],
            "InstallerType": "wix",
        }],
        "Installers": [{
            "Architecture": "x64",
            "InstallerUrl": f"{url_base.rstrip('/')}/{msi.name}",
            "InstallerSha256": sha,
        }],
        "ManifestType": "installer",
        "ManifestVersion": MANIFEST_VERSION,
    })
    locale = {
        "Publisher": props["Manufacturer"],
        "License": "MIT OR Apache-2.0",
        "Tags": ["cisco", "meraki", "cssm", "licensing"],
    }
    write(out / f"{IDENTIFIER}.locale.en-US.yaml", "defaultLocale", {
        **common,
        "PackageLocale": "en-US",
        **locale,
        "PackageName": "CSSM Subscription Assistant",
        "ShortDescription": "Guided assistant for Cisco Networking Subscription consumption missing in CSSM",
        "ManifestType": "defaultLocale",
        "ManifestVersion": MANIFEST_VERSION,
    })
    write(out / f"{IDENTIFIER}.locale.fr-FR.yaml", "locale", {
        **common,
        "PackageLocale": "fr-FR",
        **locale,
        "PackageName": "Assistant abonnement CSSM",
        "ShortDescription": "Assistant guidé quand la consommation d'un abonnement Cisco Networking n'apparaît pas dans CSSM",
        "ManifestType": "locale",
        "ManifestVersion": MANIFEST_VERSION,
    })
    print(f"wrote {out.relative_to(ROOT)} (ProductCode {props['ProductCode']})")


def check(msi: Path | None) -> None:
    schemas = {
        kind: json.loads((SCHEMAS / f"manifest.{kind}.1.9.0.json").read_text(encoding="utf-8"))
        for kind in ("version", "installer", "defaultLocale", "locale")
    }
    sets = sorted(p for p in (WINGET / "manifests").glob("*/*/*/*") if p.is_dir())
    if not sets:
        sys.exit("FAIL: no manifest set under packaging/winget/manifests")
    for s in sets:
        kinds = set()
        for path in sorted(s.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            kind = data.get("ManifestType")
            if kind not in schemas:
                sys.exit(f"FAIL: {path}: unknown ManifestType {kind!r}")
            errors = list(jsonschema.Draft7Validator(schemas[kind]).iter_errors(data))
            if errors:
                sys.exit(f"FAIL: {path}: " + "; ".join(e.message for e in errors))
            if data.get("PackageVersion") != s.name:
                sys.exit(f"FAIL: {path}: PackageVersion {data.get('PackageVersion')} in folder {s.name}")
            kinds.add(kind)
        if kinds != set(schemas):
            sys.exit(f"FAIL: {s}: has {sorted(kinds)}, needs {sorted(schemas)}")
        print(f"ok: {s.relative_to(ROOT)} validates against winget's 1.9.0 schemas")
    if msi is None:
        return
    props = msi_properties(msi)
    s = folder(props["ProductVersion"])
    installer = yaml.safe_load((s / f"{IDENTIFIER}.installer.yaml").read_text(encoding="utf-8"))
    entry = installer["AppsAndFeaturesEntries"][0]
    for name, got, want in [
        ("ProductCode", installer["ProductCode"], props["ProductCode"]),
        ("AppsAndFeaturesEntries ProductCode", entry["ProductCode"], props["ProductCode"]),
        ("UpgradeCode", entry["UpgradeCode"], props["UpgradeCode"]),
        ("DisplayVersion", entry["DisplayVersion"], props["ProductVersion"]),
    ]:
        if got != want:
            sys.exit(f"FAIL: {s.name}: the manifest's {name} is {got}, the MSI's {want}")
    print(f"ok: the {s.name} manifest names the MSI's ProductCode, UpgradeCode and version")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "generate":
        generate(Path(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) in (2, 3) and sys.argv[1] == "check":
        check(Path(sys.argv[2]) if len(sys.argv) == 3 else None)
    else:
        sys.exit(__doc__)
