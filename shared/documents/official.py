"""An official document in the national format (GB/T 9704-2012), built front to back."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Literal

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from . import _ooxml as x
from .colophon import Colophon
from .page import GBT9704, SIZE, PageLayout
from .typefaces import CHINESE, Typeface, Typefaces

__all__ = ["Align", "OfficialDocument"]

Align = Literal["left", "centre", "right", "justify"]
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_RULE = (18, "D40000")  # the red rule under the head: 2.25 pt
_FOOTER_MM = 25  # puts the page number's dashes 7 mm under the type area (§7.5)


class OfficialDocument:
    """A document with the head GB/T 9704 gives it; then headings, paragraphs, tables and
    pictures in order; then the signature and the colophon.

    The head: the red ``masthead`` (发文机关标志, or a publication's name such as 政务信息),
    the ``number`` (发文字号 or 期号) with the ``signer`` (签发人, for a document sent
    upward) on its right, an ``issued_by``/``issued_on`` line as bulletins print it, the red
    rule, the ``title`` and the ``addressees`` (主送机关). Everything but the masthead may be
    left out.
    """

    def __init__(
        self,
        *,
        masthead: str,
        number: str | None = None,
        signer: str | None = None,
        issued_by: str | None = None,
        issued_on: str | None = None,
        title: str | None = None,
        addressees: str | None = None,
        typefaces: Typefaces = CHINESE,
        layout: PageLayout = GBT9704,
        masthead_size: float = SIZE["小初"],
    ) -> None:
        self.faces, self.layout = typefaces, layout
        self._condense = layout.condense_twentieths if typefaces.chinese else 0  # 28 characters a line
        self._doc = docx.Document()
        self._closed, self._below_head = False, False
        self._page_setup()
        head = self._line(masthead, typefaces.title, masthead_size, align="centre", color=x.RED)
        head.paragraph_format.line_spacing = Pt(masthead_size * 1.25)
        if number or signer:
            head = self._number_line(number or "", signer)
        if issued_by or issued_on:
            head = self._apart(issued_by or "", issued_on or "", space_before=0 if number else 1)
        x.paragraph_borders(head, {"bottom": _RULE}, space_pt=11)  # 4 mm under the last line
        self._below_head = True
        if title:
            self.add_title(title, space_before=2)
        if addressees:
            self._line(addressees, typefaces.body, layout.body_size_pt, align="left", space_before=1)

    def add_title(self, text: str, *, space_before: float = 1) -> None:
        """A title in 小标宋 二号, centred, ``space_before`` empty lines above it."""
        title = self._line(text, self.faces.title, SIZE["二号"], align="centre", space_before=space_before)
        title.paragraph_format.line_spacing = Pt(self.layout.line_pitch_pt * 1.2)
        title.paragraph_format.space_after = Pt(self.layout.line_pitch_pt)
        title.paragraph_format.keep_with_next = True

    def add_heading(self, text: str, level: int = 1) -> None:
        """A heading as numbered by the caller: level 1 (一、) in 黑体, level 2 ((一)) in 楷体."""
        if level not in (1, 2):
            raise ValueError(f"headings have levels 1 and 2, not {level}; use paragraphs below them")
        face = self.faces.heading_1 if level == 1 else self.faces.heading_2
        heading = self._line(text, face, self.layout.body_size_pt, align="justify", indent=2)
        heading.paragraph_format.keep_with_next = True
        x.outline_level(heading, level - 1)

    def add_paragraph(self, text: str, *, align: Align = "justify", indent: bool = True) -> None:
        """Body text in 仿宋 三号, with the two-character first-line indent unless ``indent`` is off."""
        self._line(text, self.faces.body, self.layout.body_size_pt, align=align, indent=2 if indent else 0)

    def add_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        caption: str | None = None,
        widths: Sequence[float] | None = None,
        numeric: frozenset[int] = frozenset(),
        size: float = SIZE["五号"],
    ) -> None:
        """A table as wide as the type area: ``widths`` are shares of it (equal by default),
        ``numeric`` columns are right-aligned, the header row repeats on every page."""
        self._open()
        if caption:
            line = self._line(caption, self.faces.heading_1, SIZE["四号"], align="centre", space_before=0.5)
            line.paragraph_format.keep_with_next = True
        shares = widths or [1 / len(header)] * len(header)
        table = self._doc.add_table(rows=1, cols=len(header))
        table.style, table.alignment, table.autofit = "Table Grid", WD_TABLE_ALIGNMENT.CENTER, False
        self._cells(table.rows[0].cells, header, size, header=True)
        x.repeat_as_header(table.rows[0]._tr.get_or_add_trPr())
        for row in rows:
            self._cells(table.add_row().cells, [str(value) for value in row], size, numeric=numeric)
        width = Mm(self.layout.type_width_mm)
        for column, share in zip(table.columns, shares, strict=True):
            column.width = int(width * share)  # the grid, which LibreOffice follows
            for cell in column.cells:
                cell.width = int(width * share)  # the cells, which Word follows

    def add_image(self, image: bytes, *, width_mm: float | None = None) -> None:
        """A picture (PNG, JPEG), centred, as wide as the type area unless ``width_mm`` says."""
        self._open()
        paragraph = self._doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        form = paragraph.paragraph_format
        form.line_spacing_rule, form.space_before = WD_LINE_SPACING.SINGLE, Pt(8)  # not clipped to a line
        paragraph.add_run().add_picture(io.BytesIO(image), width=Mm(width_mm or self.layout.type_width_mm))

    def add_signature(self, issuer: str, day: str) -> None:
        """发文机关署名 and 成文日期 one line under the text, two characters from the right, the
        shorter centred over the longer (§7.3.5.2, a document without a seal)."""
        widths = [_width(issuer), _width(day)]
        longest = max(widths)
        for n, (text, width) in enumerate(zip((issuer, day), widths, strict=True)):
            line = self._line(text, self.faces.body, self.layout.body_size_pt, align="right",
                              space_before=1 if n == 0 else 0)
            line.paragraph_format.right_indent = Pt(self.layout.body_size_pt * (2 + (longest - width) / 2))

    def colophon(
        self,
        *,
        report_to: Sequence[str] | None = None,
        send_to: Sequence[str] | None = None,
        copy_to: Sequence[str] | None = None,
        printed_by: str | None = None,
        printed_on: date | str | None = None,
    ) -> None:
        """End the document with its 版记 at the foot of the last page: 报 (``report_to``),
        送 (``send_to``), 抄送 (``copy_to``), then 印发机关 and 印发日期. A list left ``None``
        leaves its line out; an empty one leaves the line blank to fill in; so does a
        missing ``printed_by`` or ``printed_on``."""
        self._open()
        colophon = Colophon(report_to, send_to, copy_to, printed_by, printed_on)
        colophon.place(self._doc, self.faces, self.layout)
        self._closed = True

    def to_bytes(self) -> bytes:
        """The .docx file."""
        out = io.BytesIO()
        self._doc.save(out)
        return out.getvalue()

    def _page_setup(self) -> None:
        layout, section = self.layout, self._doc.sections[0]
        section.page_width, section.page_height = Mm(layout.width_mm), Mm(layout.height_mm)
        section.top_margin, section.bottom_margin = Mm(layout.top_mm), Mm(layout.bottom_mm)
        section.left_margin, section.right_margin = Mm(layout.left_mm), Mm(layout.right_mm)
        section.footer_distance = Mm(_FOOTER_MM)
        x.line_pitch(section._sectPr, layout)
        x.set_defaults(self._doc, self.faces, layout)
        x.register_fallbacks(self._doc, self.faces.all())
        self._doc.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer.paragraphs[0], odd=True)
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)

    def _page_number(self, paragraph: Paragraph, *, odd: bool) -> None:
        """— 1 — in 宋体 四号, one character in from the outside edge: right on odd pages, left on even."""
        face, size = self.faces.page_number, SIZE["四号"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        form = paragraph.paragraph_format
        form.line_spacing_rule = WD_LINE_SPACING.SINGLE
        form.right_indent, form.left_indent = (Pt(size), Pt(0)) if odd else (Pt(0), Pt(size))
        x.styled_run(paragraph, "— ", face, size, chinese=self.faces.chinese)
        x.page_field(paragraph, face, size, chinese=self.faces.chinese)
        x.styled_run(paragraph, " —", face, size, chinese=self.faces.chinese)

    def _number_line(self, number: str, signer: str | None) -> Paragraph:
        size = self.layout.body_size_pt
        if signer is None:
            return self._line(number, self.faces.body, size, align="centre", space_before=2)
        line = self._apart(number, "签发人：", space_before=2)
        x.styled_run(line, signer, self.faces.heading_2, size, chinese=self.faces.chinese,
                     condense=self._condense)  # §7.2.6: the name in 楷体
        return line

    def _apart(self, left: str, right: str, *, space_before: float) -> Paragraph:
        """One line with ``left`` one character in from the left and ``right`` ending one
        character in from the right."""
        size = self.layout.body_size_pt
        line = self._line(f"{left}\t{right}", self.faces.body, size, align="left", space_before=space_before)
        line.paragraph_format.first_line_indent = Pt(size)  # not a left indent: the rule spans the area
        stop = Emu(Mm(self.layout.type_width_mm) - Pt(size))  # measured from the margin
        line.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.RIGHT)
        return line

    def _line(
        self,
        text: str,
        face: Typeface,
        size: float,
        *,
        align: Align,
        indent: float = 0,
        space_before: float = 0,
        color: RGBColor | None = None,
    ) -> Paragraph:
        """A paragraph of one run; ``indent`` and ``space_before`` count characters and lines."""
        self._open()
        paragraph = self._doc.add_paragraph()
        paragraph.alignment = _ALIGN[align]
        form = paragraph.paragraph_format
        if self._below_head:  # the first line after the red rule keeps a line's distance from it
            space_before, self._below_head = max(space_before, 1), False
        form.space_before = Pt(self.layout.line_pitch_pt * space_before)
        if indent:
            form.first_line_indent = Pt(size * indent)
        condense = self._condense if size == self.layout.body_size_pt else 0
        x.styled_run(paragraph, text, face, size, chinese=self.faces.chinese, condense=condense, color=color)
        return paragraph

    def _cells(
        self, cells: Sequence[_Cell], values: Sequence[str], size: float, *,
        header: bool = False, numeric: frozenset[int] = frozenset(),
    ) -> None:
        face = self.faces.heading_1 if header else self.faces.body
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing = Pt(size * 1.5)
            if header:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            x.styled_run(paragraph, value, face, size, chinese=self.faces.chinese)

    def _open(self) -> None:
        if self._closed:
            raise RuntimeError("the colophon ends the document: nothing can follow it")


def _width(text: str) -> float:
    """Width in characters: Chinese characters count one, Latin letters and digits half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)
