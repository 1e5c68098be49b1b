#!/usr/bin/python3
"""Convert the Fandol CJK fonts from CID-keyed CFF (OpenType .otf) to TrueType outlines (.ttf).

Usage:
    /usr/bin/python3 scripts/convert-fandol.py OTF_DIR OUT_DIR [--jobs N] [FACE ...]

OTF_DIR holds the Fandol .otf files, e.g. the fandol/ directory of Debian's
texlive-lang-chinese package:

    apt-get download texlive-lang-chinese
    dpkg-deb -x texlive-lang-chinese_*.deb x
    OTF_DIR=x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol

FACE is a file stem such as FandolFang-Regular; without any, the six faces the project
ships are converted. Needs fontTools (Debian: apt-get install python3-fonttools, which
installs it for /usr/bin/python3). A face takes 10-20 s and up to ~260 MB with
fontTools 4.38 on a 2-core machine; --jobs N converts N faces at a time (default 1).

What the conversion does, per face (see shared/spec/fonts.md):
  * every glyph is drawn through Cu2QuPen (cubic -> quadratic, max error 1 font unit,
    contour direction reversed to TrueType's clockwise) into TTGlyphPen;
  * the CFF and VORG tables are dropped, a glyf/loca pair added; maxp becomes version 1.0,
    post format 3 (no glyph names), sfntVersion 0x00010000;
  * every glyph's hmtx left side bearing is set to its new glyf xMin (0 for an empty
    glyph): without this, hundreds of glyphs per face keep the lsb of the CFF outline
    and some renderers (poppler) draw them shifted by up to 0.6 pt;
  * every glyph's vmtx top side bearing is set to (its VORG vertical origin - new glyf
    yMax), so that the vertical origin that VORG gave it survives VORG being dropped;
  * OS/2 usWinAscent/usWinDescent are set to the new head yMax / -yMin, as in the OTFs;
  * FandolSong-Regular only: its vertical metrics (hhea ascent 800, descent +200, OS/2
    typo 800/-200) are replaced with those of the other faces (hhea 880/-120, lineGap 200;
    OS/2 typo the same), so that a line set in it has the same height and baseline as in
    Fang, Hei, Kai and Song-Bold.
The name table, cmap, GPOS, BASE, vhea and everything else is kept as it is. head.modified
is kept from the OTF, so a given fontTools version produces the same bytes every run.
"""
import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FACES = [
    "FandolFang-Regular",
    "FandolHei-Regular",
    "FandolHei-Bold",
    "FandolKai-Regular",
    "FandolSong-Regular",
    "FandolSong-Bold",
]
MAX_ERR = 1.0  # font units
REVERSE_DIRECTION = True
POST_FORMAT = 3.0
# Vertical metrics of Fang, Hei, Kai and Song-Bold, imposed on Song-Regular.
COMMON_VMETRICS = {"ascent": 880, "descent": -120, "lineGap": 200}


def quadratic_glyphs(font):
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION))
        glyphs[name] = tt_pen.glyph()
    return glyphs


def convert(otf_path, ttf_path):
    font = TTFont(otf_path, recalcTimestamp=False)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise SystemExit(f"{otf_path}: not a CFF-flavoured OpenType font")
    glyph_order = font.getGlyphOrder()
    vorg = font["VORG"] if "VORG" in font else None

    # Outlines: CFF -> glyf.
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic_glyphs(font)
    del font["CFF "]
    if vorg is not None:
        del font["VORG"]
    for glyph in glyf.glyphs.values():
        glyph.recalcBounds(glyf)

    # Side bearings: lsb = xMin, tsb = vertical origin - yMax.
    hmtx = font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    for name in glyph_order:
        glyph = glyf.glyphs[name]
        empty = glyph.numberOfContours == 0
        hmtx[name] = (hmtx[name][0], 0 if empty else glyph.xMin)
        if vmtx is not None and vorg is not None:
            origin_y = vorg[name]
            vmtx[name] = (vmtx[name][0], 0 if empty else origin_y - glyph.yMax)

    # maxp 1.0 (the glyf-specific maxima are recalculated when the font is saved).
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.maxPoints = maxp.maxContours = 0
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0

    post = font["post"]
    post.formatType = POST_FORMAT
    post.extraNames = []
    post.mapping = {}

    font.sfntVersion = "\x00\x01\x00\x00"

    # Vertical metrics.
    inked = [g for g in glyf.glyphs.values() if g.numberOfContours != 0]
    y_min = min(g.yMin for g in inked)
    y_max = max(g.yMax for g in inked)
    hhea = font["hhea"]
    os2 = font["OS/2"]
    if os.path.basename(otf_path).startswith("FandolSong-Regular"):
        hhea.ascent = COMMON_VMETRICS["ascent"]
        hhea.descent = COMMON_VMETRICS["descent"]
        hhea.lineGap = COMMON_VMETRICS["lineGap"]
        os2.sTypoAscender = COMMON_VMETRICS["ascent"]
        os2.sTypoDescender = COMMON_VMETRICS["descent"]
        os2.sTypoLineGap = COMMON_VMETRICS["lineGap"]
    os2.usWinAscent = max(y_max, 0)
    os2.usWinDescent = max(-y_min, 0)

    tmp = ttf_path + ".tmp"
    font.save(tmp)
    os.replace(tmp, ttf_path)


def convert_face(args):
    otf_dir, out_dir, face = args
    start = time.monotonic()
    otf = os.path.join(otf_dir, face + ".otf")
    ttf = os.path.join(out_dir, face + ".ttf")
    convert(otf, ttf)
    return f"{face}.ttf: {os.path.getsize(ttf)} bytes (OTF {os.path.getsize(otf)}), {time.monotonic() - start:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("otf_dir")
    parser.add_argument("out_dir")
    parser.add_argument("faces", nargs="*", metavar="FACE", help="default: " + " ".join(FACES))
    parser.add_argument("--jobs", "-j", type=int, default=1, help="faces converted at a time (default 1)")
    opts = parser.parse_args()
    faces = opts.faces or FACES
    for face in faces:
        if not os.path.isfile(os.path.join(opts.otf_dir, face + ".otf")):
            parser.error(f"no {face}.otf in {opts.otf_dir}")
    os.makedirs(opts.out_dir, exist_ok=True)
    work = [(opts.otf_dir, opts.out_dir, face) for face in faces]
    if opts.jobs <= 1:
        for item in work:
            print(convert_face(item), flush=True)
    else:
        with ProcessPoolExecutor(max_workers=opts.jobs) as pool:
            for line in pool.map(convert_face, work):
                print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
