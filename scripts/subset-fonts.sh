#!/usr/bin/env bash
# Subsets the two DejaVu Sans faces the PDF summary embeds to the scripts a summary can
# hold: Latin (with its extensions), Greek, Cyrillic (look-alike letters of a hostile
# text must still show), punctuation, arrows, currency and the replacement character.
# A character outside is drawn as the font's missing-glyph box; the PDF stays valid.
#
#   scripts/subset-fonts.sh ORIGINAL_DIR     (writes assets/fonts/: .ttf and .ttf.z)
#
# The originals are DejaVu Sans 2.37 (DejaVuSans.ttf, DejaVuSans-Bold.ttf); needs
# fonttools (`python3 -m pip install fonttools`).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?the folder of the original DejaVu Sans faces}
unicodes="U+0000-024F,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2500-257F,U+25A0-25FF,U+FB00-FB06,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  python3 -m fontTools.subset "$src/$face.ttf" --unicodes="$unicodes" \
    --layout-features='kern,liga,calt,ccmp,locl,mark,mkmk' --name-IDs='*' --name-legacy \
    --notdef-outline --output-file="assets/fonts/$face.ttf"
done
# What the binary embeds: each face compressed (zlib), inflated at the first PDF.
for face in DejaVuSans DejaVuSans-Bold; do
  python3 -c 'import sys, zlib; open(sys.argv[2], "wb").write(zlib.compress(open(sys.argv[1], "rb").read(), 9))' \
    "assets/fonts/$face.ttf" "assets/fonts/$face.ttf.z"
done
ls -l assets/fonts/*.ttf assets/fonts/*.ttf.z
