"""The WordprocessingML that python-docx has no API for: fonts with fallbacks, borders,
fields, the document grid and the document-wide defaults."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from .page import PageLayout
from .typefaces import Typeface, Typefaces

RED = RGBColor(0xD4, 0x00, 0x00)
"""The red of the masthead and its rule."""

# The schema's order of the elements that may follow the ones inserted here (Word refuses
# properties out of order).
_AFTER_RUN_SPACING = (
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
_AFTER_BORDERS = (
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)

Edges = dict[str, tuple[int, str]]
"""Border edge (top, bottom, between, insideH, ...) -> (width in eighths of a point, colour)."""


def styled_run(
    paragraph: Paragraph,
    text: str,
    face: Typeface,
    size: float,
    *,
    chinese: bool,
    condense: int = 0,
    bold: bool = False,
    color: RGBColor | None = None,
) -> Run:
    """A run of ``text`` in ``face`` at ``size`` pt; ``condense`` sets characters closer (1/20 pt)."""
    run = paragraph.add_run(text)
    set_face(run, face, size, chinese=chinese)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    if condense:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(-condense))
        _insert_in_order(run._r.get_or_add_rPr(), spacing, _AFTER_RUN_SPACING)
    return run


def set_face(run: Run, face: Typeface, size: float, *, chinese: bool) -> None:
    run.font.size = Pt(size)
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    _name_fonts(fonts, face, chinese=chinese)


def _name_fonts(fonts: Any, face: Typeface, *, chinese: bool) -> None:
    for key in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{key}"), face.latin)
    fonts.set(qn("w:eastAsia"), face.name)
    if chinese:  # dashes and quotes, which both scripts share, are set in the Chinese face
        fonts.set(qn("w:hint"), "eastAsia")


def register_fallbacks(document: Document, faces: tuple[Typeface, ...]) -> None:
    """Name each face's fallbacks in the font table (``w:altName``, comma-separated, in order)."""
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    table = etree.fromstring(part.blob)
    known = {font.get(qn("w:name")) for font in table}
    for face in faces:
        if face.name in known or not face.fallbacks:
            continue
        table.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{face.name}"><w:altName w:val="{",".join(face.fallbacks)}"/>'
            f'<w:charset w:val="86"/><w:family w:val="{face.family}"/><w:pitch w:val="variable"/></w:font>'
        ))
    # python-docx keeps the font table as a plain Part: its bytes are all there is to change
    part._blob = etree.tostring(table, encoding="UTF-8", xml_declaration=True, standalone=True)


def set_defaults(document: Document, faces: Typefaces, layout: PageLayout) -> None:
    """Body face and size, the fixed line pitch, no space after paragraphs, no widow control
    (which would break the 22 lines of a page), no punctuation hanging past the type area, and
    the East Asian language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    _name_fonts(fonts, faces.body, chinese=faces.chinese)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(layout.body_size_pt * 2)))
    language = rpr.find(qn("w:lang"))
    language.set(qn("w:val"), "en-US" if faces.chinese else faces.language)
    language.set(qn("w:eastAsia"), faces.language if faces.chinese else "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for old in ppr.findall(qn("w:spacing")):
        ppr.remove(old)
    ppr.insert(0, parse_xml(f'<w:widowControl {nsdecls("w")} w:val="0"/>'))
    ppr.append(parse_xml(f'<w:overflowPunct {nsdecls("w")} w:val="0"/>'))  # no punctuation past the area
    ppr.append(parse_xml(
        f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" w:line="{layout.line_pitch_twips}" '
        'w:lineRule="exact"/>'
    ))
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:eastAsia"), "zh-CN")


def line_pitch(section_properties: Any, layout: PageLayout) -> None:
    """The grid's line pitch, for Word's page setup to show, but no grid: LibreOffice would
    snap every line taller than the pitch (titles, the masthead) to two grid lines. The lines
    keep the pitch by their fixed spacing; the characters by :attr:`PageLayout.condense_twentieths`."""
    grid = section_properties.find(qn("w:docGrid"))
    grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))


def paragraph_borders(paragraph: Paragraph, edges: Edges, *, space_pt: int = 1) -> None:
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "bottom", "between"):
        if edge in edges:
            borders.append(_edge(edge, *edges[edge], space_pt=space_pt))
    _insert_in_order(paragraph._p.get_or_add_pPr(), borders, _AFTER_BORDERS)


def table_borders(edges: Edges) -> str:
    """``w:tblBorders`` with the given edges and none elsewhere."""
    inner = "".join(
        etree.tostring(_edge(edge, *edges[edge], space_pt=0)).decode()
        if edge in edges else f'<w:{edge} w:val="nil"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return f"<w:tblBorders>{inner}</w:tblBorders>"


def _edge(edge: str, eighths: int, colour: str, *, space_pt: int) -> Any:
    element = OxmlElement(f"w:{edge}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space_pt)), ("color", colour)):
        element.set(qn(f"w:{key}"), value)
    return element


def page_field(paragraph: Paragraph, face: Typeface, size: float, *, chinese: bool) -> None:
    """The current page number as a field, its placeholder styled like the text around it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)
    placeholder = Run(OxmlElement("w:r"), paragraph)
    field.append(placeholder._r)
    placeholder.text = "1"
    set_face(placeholder, face, size, chinese=chinese)


def outline_level(paragraph: Paragraph, level: int) -> None:
    """Mark a heading for Word's navigation pane and outline, without a heading style."""
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    _insert_in_order(paragraph._p.get_or_add_pPr(), element, _AFTER_BORDERS[_AFTER_BORDERS.index("divId"):])


def _insert_in_order(parent: Any, element: Any, successors: tuple[str, ...]) -> None:
    following = (parent.find(qn(f"w:{tag}")) for tag in successors)
    anchor = next((found for found in following if found is not None), None)
    if anchor is None:
        parent.append(element)
    else:
        anchor.addprevious(element)


def repeat_as_header(row_properties: Any) -> None:
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
