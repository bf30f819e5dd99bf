"""The 版记 (colophon, GB/T 9704-2012 §7.4): who the document goes to and who printed it when.

It stands at the foot of the last page: a thick rule, the 报/送/抄送 lines, a thin rule, the
印发机关 and 印发日期 line, and a thick rule on the bottom edge of the type area. It is a table
floated to the bottom of the margin box and anchored to the document's last paragraph, so it
moves with the last page in Word and in LibreOffice alike (LibreOffice floats a table only when
text could fit beside it, which, for a table as wide as the type area, means when it is placed
from the page's edge rather than the margin's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Length, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from ._ooxml import Edges, styled_run, table_borders
from .page import MM_PER_PT, SIZE, PageLayout
from .typefaces import Typefaces

__all__ = ["Colophon", "date_text"]

SIZE_PT = SIZE["四号"]
_THICK, _THIN = 8, 6  # eighths of a point: 0.35 mm and 0.25 mm, as §7.4 recommends
_BLANK_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


def date_text(day: date | str | None) -> str:
    """2026年12月8日 (no padding: §7.4), a given text as it is, or blanks to write in by hand."""
    if day is None:
        return _BLANK_DATE
    if isinstance(day, str):
        return day
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Colophon:
    """The colophon's lines. A list of ``None`` leaves its line out; an empty list prints the
    label and leaves the line blank to be filled in."""

    report_to: Sequence[str] | None = None
    send_to: Sequence[str] | None = None
    copy_to: Sequence[str] | None = None
    printed_by: str | None = None
    printed_on: date | str | None = None

    def lines(self) -> list[tuple[str, str]]:
        """(label, names) of the addressee lines, in order: 报, 送, 抄送."""
        labelled = (("报：", self.report_to), ("送：", self.send_to), ("抄送：", self.copy_to))
        return [(label, _names(names)) for label, names in labelled if names is not None]

    def printed_line(self) -> tuple[str, str]:
        return self.printed_by or "", f"{date_text(self.printed_on)}印发"

    def place(self, document: Document, faces: Typefaces, layout: PageLayout) -> None:
        """Build the table and float it before the document's last paragraph (its anchor)."""
        body = document.element.body
        blocks = [child for child in body if child.tag != qn("w:sectPr")]
        if not blocks or blocks[-1].tag != qn("w:p"):
            document.add_paragraph()
        anchor = [child for child in body if child.tag == qn("w:p")][-1]
        table = document.add_table(rows=0, cols=1)
        width = Twips(round(layout.type_width_mm / MM_PER_PT * 20))
        indent = Pt(SIZE_PT)  # 左右各空一字
        for label, names in self.lines():
            paragraph = table.add_row().cells[0].paragraphs[0]
            layout_line(paragraph, layout, left=Pt(SIZE_PT * (1 + len(label))), right=indent)
            paragraph.paragraph_format.first_line_indent = Pt(-SIZE_PT * len(label))  # 回行与冒号后首字对齐
            styled_run(paragraph, label + names, faces.body, SIZE_PT, chinese=faces.chinese)
        paragraph = table.add_row().cells[0].paragraphs[0]
        layout_line(paragraph, layout, left=indent, right=indent)
        stop = Emu(width - indent)  # tab stops are measured from the margin, not the indent
        paragraph.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.RIGHT)
        office, day = self.printed_line()
        styled_run(paragraph, f"{office}\t{day}", faces.body, SIZE_PT, chinese=faces.chinese)
        _float_to_the_foot(table, width, layout)
        anchor.addprevious(table._tbl)


def layout_line(paragraph: Paragraph, layout: PageLayout, *, left: Length, right: Length) -> None:
    """A colophon line: indented from both edges, one grid line high."""
    form = paragraph.paragraph_format
    form.left_indent, form.right_indent = left, right
    form.line_spacing = Pt(layout.line_pitch_pt)


def _float_to_the_foot(table: Table, width: Length, layout: PageLayout) -> None:
    edges: Edges = {"top": (_THICK, "000000"), "bottom": (_THICK, "000000"), "insideH": (_THIN, "000000")}
    left = round(layout.left_mm / MM_PER_PT * 20)
    properties = parse_xml(
        f'<w:tblPr {nsdecls("w")}>'
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
        f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{left}" w:tblpYSpec="bottom"/>'
        f'<w:tblOverlap w:val="never"/><w:tblW w:w="{width.twips}" w:type="dxa"/>{table_borders(edges)}'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/></w:tblPr>'
    )
    old = table._tbl.tblPr
    old.addprevious(properties)
    table._tbl.remove(old)
    table.columns[0].width = width
    for cell in table.columns[0].cells:
        cell.width = width


def _names(names: Sequence[str]) -> str:
    """Names joined with 、 and ended with 。 (§7.4.2); nothing when none is known yet."""
    return "、".join(names) + "。" if names else ""
