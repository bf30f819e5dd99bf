"""A face cut down to the characters of one document, with TrueType outlines.

PDF writers such as reportlab embed only TrueType-outline fonts, and the free CJK fonts
(Noto CJK, Source Han) ship CFF outlines. A whole-font conversion takes half a minute;
the few hundred glyphs a document uses take a fraction of a second, so each document
gets its own subset, converted with cu2qu (cubic to quadratic curves, within one unit).
"""

from __future__ import annotations

import functools
import hashlib
import io

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from ._locate import FontFace

_MAX_ERROR = 1.0  # font units (1/1000 em for Noto CJK): invisible at any print size
_DROPPED = ["VORG", "vhea", "vmtx", "BASE", "GPOS", "GSUB", "JSTF", "MATH", "DSIG"]


def subset_name(face: FontFace, text: str) -> str:
    """The PostScript name of the subset of ``face`` for ``text``: the face's name with a
    digest of the path, face and characters, so equal subsets share a name and unequal
    ones never do."""
    chars = "".join(sorted(set(text)))
    digest = hashlib.sha1(f"{face.path}\0{face.index}\0{chars}".encode()).hexdigest()[:10]
    return f"{''.join(face.family.split())}-{'Bold' if face.bold else 'Regular'}-{digest}"


def truetype_subset(face: FontFace, text: str) -> bytes:
    """A TrueType font (``.ttf`` bytes) with the glyphs of ``face`` for the characters of
    ``text``, named :func:`subset_name`."""
    return _subset("".join(sorted(set(text))), face)


@functools.lru_cache(maxsize=16)
def _subset(chars: str, face: FontFace) -> bytes:
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    options = subset.Options()
    options.drop_tables += _DROPPED
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    if "CFF " in font:
        _to_truetype_outlines(font)
    _rename(font, subset_name(face, chars))
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _to_truetype_outlines(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    metrics = font["hmtx"].metrics
    for name in order:
        pen = TTGlyphPen(glyphs)
        # CFF contours run anticlockwise, TrueType ones clockwise
        glyphs[name].draw(Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        glyf[name] = glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        # a TrueType renderer moves the outline to put xMin at the side bearing: make them agree
        metrics[name] = (metrics[name][0], glyph.xMin if glyph.numberOfContours else 0)
    font["loca"], font["glyf"] = newTable("loca"), glyf
    del font["CFF "]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: the cmap says what each glyph is
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: TTFont, postscript_name: str) -> None:
    names = font["name"]
    names.removeNames(nameID=6)
    names.setName(postscript_name, 6, 3, 1, 0x409)
    names.setName(postscript_name, 6, 1, 0, 0)
