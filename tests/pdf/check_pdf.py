"""An independent check of a PDF summary with pikepdf (qpdf): the PDF/UA
identification in the XMP metadata, the document marked as tagged, a structure tree
with headings, lists and a table, the document language in the catalog, and the
other language's block marked with its own language.

Usage: python3 check_pdf.py FILE.pdf LANG OTHER_LANG
Exits 0 when every check passes, 1 with the failed checks otherwise."""

import sys

import pikepdf


def walk(node, found, langs):
    """Collects the structure types and the languages below `node`."""
    if isinstance(node, pikepdf.Array):
        for kid in node:
            walk(kid, found, langs)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    if "/S" in node:
        found.add(str(node.S))
    if "/Lang" in node:
        langs.add(str(node.Lang))
    if "/K" in node:
        walk(node.K, found, langs)


def main():
    path, lang, other = sys.argv[1], sys.argv[2], sys.argv[3]
    failures = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        with pdf.open_metadata() as meta:
            part = meta.get("{http://www.aiim.org/pdfua/ns/id/}part")
        if part != "1":
            failures.append(f"pdfuaid:part is {part!r}, not '1'")
        if not ("/MarkInfo" in root and bool(root.MarkInfo.get("/Marked", False))):
            failures.append("MarkInfo/Marked is not true")
        if str(root.get("/Lang", "")) != lang:
            failures.append(f"catalog /Lang is {root.get('/Lang')!r}, not {lang!r}")
        if "/StructTreeRoot" not in root:
            failures.append("no StructTreeRoot")
        else:
            found, langs = set(), set()
            walk(root.StructTreeRoot.K, found, langs)
            role_map = root.StructTreeRoot.get("/RoleMap", {})
            types = found | {str(role_map[k]) for k in role_map.keys() if k in found}
            if not any(t.startswith("/H") for t in types):
                failures.append(f"no heading in {sorted(types)}")
            for needed in ["/L", "/LI", "/Table", "/TH", "/TD", "/P"]:
                if needed not in types:
                    failures.append(f"no {needed} in {sorted(types)}")
            if other and other not in langs:
                failures.append(f"no block marked {other!r} (languages: {sorted(langs)})")
        prefs = root.get("/ViewerPreferences", {})
        if not bool(prefs.get("/DisplayDocTitle", False)):
            failures.append("DisplayDocTitle is not true")
        if not str(pdf.docinfo.get("/Title", "")):
            failures.append("no title")
    for f in failures:
        print(f"{path}: {f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
