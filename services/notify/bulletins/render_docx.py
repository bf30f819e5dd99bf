"""A bulletin as a Word document laid out after the official format (GB/T 9704).

A4 with the standard margins, a red masthead and a red rule under the issuing office and
date, the title centred, 3号 body text with a two-character first-line indent, tables
with a repeated header row, charts as pictures, and the page number in the footer.
Fonts are named as Chinese offices have them (仿宋, 黑体, 楷体, 宋体); Word substitutes
where one is missing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .charts import render_chart
from .compose import as_bulletin
from .document import Bulletin, Paragraph, Table
from .model import BulletinData

RED = RGBColor(0xD4, 0x00, 0x00)
TEXT_WIDTH = Mm(210 - 28 - 26)


@dataclass(frozen=True)
class _Fonts:
    body: tuple[str, str]  # (latin, east asian)
    title: tuple[str, str]
    heading: tuple[str, str]
    sub: tuple[str, str]
    table_head: tuple[str, str]


_LATIN = "Times New Roman"
_FONTS = {
    "zh": _Fonts(
        body=(_LATIN, "仿宋"),
        title=(_LATIN, "宋体"),
        heading=(_LATIN, "黑体"),
        sub=(_LATIN, "楷体"),
        table_head=(_LATIN, "黑体"),
    ),
    "en": _Fonts(
        body=(_LATIN,) * 2,
        title=(_LATIN,) * 2,
        heading=("Arial",) * 2,
        sub=(_LATIN,) * 2,
        table_head=(_LATIN,) * 2,
    ),
}
TABLE_TEXT_SIZE = 10.5  # 五号, as tables in official documents


def render_docx(doc: Bulletin | BulletinData) -> bytes:
    """The bulletin as a .docx file."""
    bulletin = as_bulletin(doc)
    fonts = _FONTS[bulletin.language]
    document = docx.Document()
    _page_setup(document)
    _title_block(document, bulletin, fonts)
    for section in bulletin.sections:
        heading = _text(document.add_paragraph(), section.heading, fonts.heading, 16, space_before=6)
        heading.paragraph_format.keep_with_next = True
        for block in section.blocks:
            if isinstance(block, Paragraph):
                bold = block.kind == "subheading"
                font = fonts.sub if bold else fonts.body
                text = _text(document.add_paragraph(), block.text, font, 16, bold=bold, indent=True)
                text.paragraph_format.keep_with_next = bold
            elif isinstance(block, Table):
                _table(document, block, fonts)
            else:
                picture = document.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.paragraph_format.space_before = Pt(8)
                picture.add_run().add_picture(io.BytesIO(render_chart(block)), width=TEXT_WIDTH)
    for line in (bulletin.office_name, bulletin.date_text):
        signature = _text(
            document.add_paragraph(),
            line,
            fonts.body,
            16,
            space_before=6 if line == bulletin.office_name else 0,
        )
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signature.paragraph_format.right_indent = Pt(32)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field.append(OxmlElement("w:r"))
    field[0].append(OxmlElement("w:t"))
    field[0][0].text = "1"
    footer._p.append(field)
    footer.add_run(" —")


def _title_block(document: Document, bulletin: Bulletin, fonts: _Fonts) -> None:
    masthead = _text(
        document.add_paragraph(),
        bulletin.masthead,
        fonts.title,
        36 if bulletin.language == "zh" else 22,
        bold=True,
        color=RED,
    )
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number = _text(document.add_paragraph(), bulletin.number, fonts.body, 16, space_before=6)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issuer = _text(document.add_paragraph(), f"{bulletin.office_name}\t{bulletin.date_text}", fonts.body, 16)
    issuer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _bottom_border(issuer, "D40000", size_eighths=18)
    title = _text(document.add_paragraph(), bulletin.title, fonts.title, 22, bold=True, space_before=18)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    _text(document.add_paragraph(), bulletin.addressees, fonts.body, 16)
    _text(document.add_paragraph(), bulletin.opening, fonts.body, 16, indent=True)


def _text(
    paragraph: DocxParagraph,
    text: str,
    font: tuple[str, str],
    size: float,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
    indent: bool = False,
    space_before: float = 0,
) -> DocxParagraph:
    run = paragraph.add_run(text)
    _font(run, font, size, bold=bold, color=color)
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after = Pt(space_before), Pt(0)
    if size <= 16:
        layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    if indent:
        layout.first_line_indent = Pt(size * 2)
    return paragraph


def _font(
    run: Run, font: tuple[str, str], size: float, *, bold: bool = False, color: RGBColor | None = None
) -> None:
    run.font.name = font[0]
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font[1])


def _bottom_border(paragraph: DocxParagraph, colour: str, size_eighths: int) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size_eighths)), ("space", "4"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _table(document: Document, table: Table, fonts: _Fonts) -> None:
    caption = _text(document.add_paragraph(), table.caption, fonts.heading, 14, space_before=6)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _cells(grid.rows[0].cells, table.header, fonts, bold=True, numeric=frozenset())
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in table.rows:
        _cells(grid.add_row().cells, row, fonts, bold=False, numeric=table.numeric)
    for column, share in zip(grid.columns, table.widths, strict=True):
        column.width = int(TEXT_WIDTH * share)  # the grid, which LibreOffice follows
        for cell in column.cells:
            cell.width = int(TEXT_WIDTH * share)  # the cells, which Word follows


def _cells(
    cells: Sequence[_Cell], values: tuple[str, ...], fonts: _Fonts, *, bold: bool, numeric: frozenset[int]
) -> None:
    for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
        paragraph = cell.paragraphs[0]
        font = fonts.table_head if bold else fonts.body
        _font(paragraph.add_run(value), font, TABLE_TEXT_SIZE, bold=bold)
        if bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif index in numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
