"""A Japanese font reportlab can embed: Noto Sans CJK JP, subset to the text of one document.

reportlab embeds TrueType outlines only, and Noto Sans CJK ships as OpenType/CFF
(package ``noto-cjk-sans-jp-regular``, SIL Open Font License).  :func:`register_japanese`
subsets the font to the characters a document uses (fontTools), converts the
subset's cubic outlines to quadratic TrueType glyphs (fontTools' cu2qu, the
method of fontTools' own ``otf2ttf`` snippet) and registers the result with
reportlab, which embeds it in the PDF.  Nothing is downloaded; the font file is
part of the installed package.

>>> name = register_japanese("連携調査 Renkei")
>>> name.startswith("RenkeiJP-")
True
"""

from __future__ import annotations

import hashlib
import io

__all__ = ["register_japanese", "font_path"]


def font_path() -> str:
    """Path of the Noto Sans CJK JP Regular font file installed with the package."""
    import noto_cjk_sans_jp_regular

    return str(noto_cjk_sans_jp_regular.FONT_PATH)


def _to_truetype(font) -> None:  # noqa: ANN001 - a fontTools TTFont with a CFF table
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    for tag in ("VORG", "VVAR"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    for name in order:  # left side bearings follow the new outlines
        advance, _ = font["hmtx"].metrics[name]
        g = glyf[name]
        font["hmtx"].metrics[name] = (advance, getattr(g, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    maxp.recalc(font)
    font["head"].indexToLocFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def register_japanese(text: str) -> str:
    """Register (once per character set) a TrueType subset covering ``text``; returns its reportlab font name."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FTFont
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    chars = sorted(set(text) | {chr(i) for i in range(32, 127)} | set("（）・、。「」＿□　"))
    name = "RenkeiJP-" + hashlib.sha1("".join(chars).encode("utf-8")).hexdigest()[:10]
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    font = FTFont(font_path(), lazy=True)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    sub = subset.Subsetter(options)
    sub.populate(text="".join(chars))
    sub.subset(font)
    _to_truetype(font)
    # reportlab tells embedded fonts apart by their PostScript name: each subset gets its own
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6):
            record.string = name
    buf = io.BytesIO()
    font.save(buf)
    buf.seek(0)
    pdfmetrics.registerFont(TTFont(name, buf))
    return name
