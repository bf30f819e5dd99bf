"""A bulletin as PDF with reportlab: red masthead, tables, charts as images, page numbers.

Chinese text is set in Noto CJK SC, embedded as a subset of the characters the bulletin
uses (see :mod:`shared.fonts`), so it prints the same on every machine: Noto Serif CJK for
body text and the title (宋体/仿宋, 小标宋), Noto Sans CJK for headings and table heads
(黑体). Without any CJK font the PDF falls back to reportlab's CID font STSong-Light,
which is not embedded (the reader supplies a Song face), with a
:class:`~shared.fonts.MissingCJKFontWarning`; a face without a bold weight is emboldened
by stroking the glyph outlines as well as filling them.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import string
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from shared.fonts import INSTALL_HINT, MissingCJKFontWarning, cjk_face, reportlab_fonts

from .charts import render_chart
from .compose import as_bulletin
from .document import Bulletin, Paragraph, Table
from .model import BulletinData

RED = colors.HexColor("#d40000")
MARGINS = {"top": 37 * mm, "bottom": 35 * mm, "left": 28 * mm, "right": 26 * mm}
FRAME_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]
FRAME_HEIGHT = A4[1] - MARGINS["top"] - MARGINS["bottom"]
CID_FALLBACK_FONT = "STSong-Light"  # only when no CJK font is installed: not embedded
HEADING_ROOM = 40 * mm  # a heading lower than this on a page starts the next page
TABLE_ROOM = 45 * mm  # so does a table caption with less than a few rows beneath it


@dataclass(frozen=True)
class _Faces:
    regular: str
    bold: str  # title, masthead, sub-headings
    heading: str  # section headings, table captions and heads
    fake_bold: bool  # stroke the outlines of text in ``bold``: there is no bold face
    wrap: str | None


_ENGLISH = _Faces("Times-Roman", "Times-Bold", "Times-Bold", False, None)


def render_pdf(doc: Bulletin | BulletinData) -> bytes:
    """The bulletin as an A4 PDF, its Chinese font embedded."""
    bulletin = as_bulletin(doc)
    with _faces(bulletin) as faces:
        return _build(bulletin, faces)


@contextmanager
def _faces(bulletin: Bulletin) -> Iterator[_Faces]:
    if bulletin.language != "zh":
        yield _ENGLISH
        return
    body, bold, heading = cjk_face("serif"), cjk_face("serif", bold=True), cjk_face("sans")
    if body is None or bold is None or heading is None:
        _warn_missing_cjk_font()
        if CID_FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK_FONT))
        yield _Faces(CID_FALLBACK_FONT, CID_FALLBACK_FONT, CID_FALLBACK_FONT, True, "CJK")
        return
    if heading.style != "sans":  # no 黑体 at all: headings take the title's face
        heading = bold
    text = _text_drawn(bulletin)
    with reportlab_fonts({"regular": body, "bold": bold, "heading": heading}, text) as names:
        yield _Faces(names["regular"], names["bold"], names["heading"], not bold.bold, "CJK")


def _text_drawn(bulletin: Bulletin) -> str:
    """Every character the PDF may draw: the bulletin's strings, ASCII and page numbers."""
    found: set[str] = set(string.printable) | set("— ")

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.update(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                collect(getattr(value, field.name))
        elif isinstance(value, tuple | list | frozenset | set):
            for item in value:
                collect(item)

    collect(bulletin)
    return "".join(sorted(found))


@functools.cache
def _warn_missing_cjk_font() -> None:
    warnings.warn(
        f"no CJK font found; the PDF names STSong-Light without embedding it ({INSTALL_HINT})",
        MissingCJKFontWarning,
        stacklevel=5,
    )


def _build(bulletin: Bulletin, faces: _Faces) -> bytes:
    styles = _styles(faces)
    story: list[Flowable] = [_Masthead(bulletin, faces), Spacer(1, 8 * mm)]
    story += [_text(bulletin.title, styles["title"], faces), Spacer(1, 4 * mm)]
    story += [PdfParagraph(escape(bulletin.addressees), styles["plain"])]
    story += [PdfParagraph(escape(bulletin.opening), styles["body"])]
    for section in bulletin.sections:
        story += [CondPageBreak(HEADING_ROOM), _text(section.heading, styles["heading"], faces)]
        for block in section.blocks:
            if isinstance(block, Table):
                story += _table(block, styles)
            elif not isinstance(block, Paragraph):
                story.append(_Chart(render_chart(block)))
            elif block.kind == "subheading":
                story += [CondPageBreak(HEADING_ROOM), _text(block.text, styles["sub"], faces)]
            else:
                story.append(PdfParagraph(escape(block.text), styles["body"]))
    story += [Spacer(1, 8 * mm), PdfParagraph(escape(bulletin.office_name), styles["signature"])]
    story.append(PdfParagraph(escape(bulletin.date_text), styles["signature"]))
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"],
        leftMargin=MARGINS["left"],
        rightMargin=MARGINS["right"],
        title=bulletin.title,
        author=bulletin.office_name,
        subject=bulletin.number,
        initialFontName=faces.regular,  # else the PDF names Helvetica, unembedded, though it draws none
    )
    template.build(story, onFirstPage=_page_number(faces), onLaterPages=_page_number(faces))
    return buffer.getvalue()


def _styles(faces: _Faces) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=faces.regular, fontSize=15, leading=26, alignment=TA_JUSTIFY, firstLineIndent=30
    )
    if faces.wrap:
        base.wordWrap = faces.wrap
    return {
        "body": base,
        "plain": ParagraphStyle("plain", base, firstLineIndent=0, alignment=TA_LEFT),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=faces.bold,
            fontSize=21,
            leading=32,
            alignment=TA_CENTER,
            firstLineIndent=0,
        ),
        "heading": ParagraphStyle(
            "heading", base, fontName=faces.heading, fontSize=15, firstLineIndent=0, spaceBefore=6
        ),
        "sub": ParagraphStyle("sub", base, fontName=faces.bold),
        "caption": ParagraphStyle(
            "caption",
            base,
            fontName=faces.heading,
            fontSize=12,
            leading=18,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=4,
            spaceAfter=3,
        ),
        "cell": ParagraphStyle("cell", base, fontSize=10.5, leading=14, firstLineIndent=0, alignment=TA_LEFT),
        "cell_num": ParagraphStyle(
            "cell_num", base, fontSize=10.5, leading=14, firstLineIndent=0, alignment=TA_RIGHT
        ),
        "cell_head": ParagraphStyle(
            "cell_head",
            base,
            fontName=faces.heading,
            fontSize=10.5,
            leading=14,
            firstLineIndent=0,
            alignment=TA_CENTER,
        ),
        "signature": ParagraphStyle("signature", base, alignment=TA_RIGHT, firstLineIndent=0, rightIndent=30),
    }


class _Emboldened(PdfParagraph):
    """A paragraph whose glyphs are stroked as well as filled: bold without a bold face."""

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.style.textColor)
        canvas.setLineWidth(self.style.fontSize * 0.035)
        mode = canvas.beginText()
        mode.setTextRenderMode(2)  # fill then stroke; stays in force until restoreState
        canvas.drawText(mode)
        super().draw()
        canvas.restoreState()


def _text(text: str, style: ParagraphStyle, faces: _Faces) -> PdfParagraph:
    kind = _Emboldened if faces.fake_bold and style.fontName == faces.bold else PdfParagraph
    return kind(escape(text), style)


class _Masthead(Flowable):
    """The red banner, the issue number, office and date, and the red rule under them."""

    def __init__(self, bulletin: Bulletin, faces: _Faces) -> None:
        super().__init__()
        self.bulletin, self.faces = bulletin, faces
        self.banner_size = 34 if bulletin.language == "zh" else 24
        self.height = self.banner_size + 72

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas, faces, b = self.canv, self.faces, self.bulletin
        size = self.banner_size
        while pdfmetrics.stringWidth(b.masthead, faces.bold, size) > self.width and size > 12:
            size -= 1
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(size * 0.04)
        banner = canvas.beginText()
        banner.setFont(faces.bold, size)
        banner.setCharSpace(size * 0.1 if b.language == "zh" else 0)
        banner.setTextRenderMode(2 if faces.fake_bold else 0)
        width = pdfmetrics.stringWidth(b.masthead, faces.bold, size) + banner._charSpace * (
            len(b.masthead) - 1
        )
        banner.setTextOrigin((self.width - width) / 2, self.height - size)
        banner.textOut(b.masthead)
        canvas.drawText(banner)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(faces.regular, 14)
        canvas.drawCentredString(self.width / 2, 34, b.number)
        canvas.drawString(0, 8, b.office_name)
        canvas.drawRightString(self.width, 8, b.date_text)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(2)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()


def _table(table: Table, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    def cell(value: str, column: int) -> PdfParagraph:
        return PdfParagraph(escape(value), styles["cell_num" if column in table.numeric else "cell"])

    header = [PdfParagraph(escape(value), styles["cell_head"]) for value in table.header]
    rows = [[cell(value, column) for column, value in enumerate(row)] for row in table.rows]
    grid = PdfTable([header, *rows], colWidths=[FRAME_WIDTH * w for w in table.widths], repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles["cell"].fontName),  # not the default Helvetica
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    caption = PdfParagraph(escape(table.caption), styles["caption"])
    return [CondPageBreak(TABLE_ROOM), caption, grid, Spacer(1, 3 * mm)]


class _Chart(Flowable):
    """A chart at the text width, shrunk by up to a third to finish a page."""

    MIN_SCALE = 0.67
    PADDING = 4

    def __init__(self, png: bytes) -> None:
        super().__init__()
        self.image = ImageReader(io.BytesIO(png))
        pixels_wide, pixels_high = self.image.getSize()
        self.natural = (FRAME_WIDTH, min(FRAME_WIDTH * pixels_high / pixels_wide, FRAME_HEIGHT))
        self.drawn = self.natural

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.natural
        fits = min(1.0, (available_height - self.PADDING) / height)
        scale = fits if fits >= self.MIN_SCALE else 1.0
        self.drawn = (width * scale, height * scale)
        self.width = available_width
        return available_width, self.drawn[1] + self.PADDING

    def draw(self) -> None:
        width, height = self.drawn
        self.canv.drawImage(self.image, (self.width - width) / 2, self.PADDING / 2, width, height)


def _page_number(faces: _Faces) -> Any:
    def draw(canvas: Canvas, template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(faces.regular, 12)
        canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {canvas.getPageNumber()} —")
        canvas.restoreState()

    return draw
