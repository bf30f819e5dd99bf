"""A bulletin as a Word document in the national format (GB/T 9704, via shared.documents).

The red masthead, the issue number, the office and date above the red rule; the title,
the addressees and the opening; the numbered sections with their sub-headings, tables (the
header row repeated on every page) and charts as pictures; the office and date signed;
the colophon (印发机关, 印发日期) at the foot of the last page of a Chinese bulletin.
"""

from __future__ import annotations

from shared.documents import CHINESE, ENGLISH, SIZE, OfficialDocument

from .charts import render_chart
from .compose import as_bulletin
from .document import Bulletin, Paragraph, Table
from .model import BulletinData


def render_docx(doc: Bulletin | BulletinData) -> bytes:
    """The bulletin as a .docx file."""
    bulletin = as_bulletin(doc)
    chinese = bulletin.language == "zh"
    document = OfficialDocument(
        masthead=bulletin.masthead,
        number=bulletin.number,
        issued_by=bulletin.office_name,
        issued_on=bulletin.date_text,
        title=bulletin.title,
        addressees=bulletin.addressees,
        typefaces=CHINESE if chinese else ENGLISH,
        masthead_size=SIZE["小初"] if chinese else SIZE["一号"],
    )
    document.add_paragraph(bulletin.opening)
    for section in bulletin.sections:
        document.add_heading(section.heading, level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                if block.kind == "subheading":
                    document.add_heading(block.text, level=2)
                else:
                    document.add_paragraph(block.text)
            elif isinstance(block, Table):
                document.add_table(block.header, block.rows, caption=block.caption, widths=block.widths,
                                   numeric=block.numeric)
            else:
                document.add_image(render_chart(block))
    document.add_signature(bulletin.office_name, bulletin.date_text)
    if chinese:
        document.colophon(printed_by=bulletin.office_name, printed_on=bulletin.date_text)
    return document.to_bytes()
