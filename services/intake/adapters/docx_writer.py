"""A briefing issue as a Word file (python-docx): masthead, issue number, the items."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

_RED = RGBColor(0xC0, 0x00, 0x00)


def briefing_docx(briefing: dict[str, Any]) -> bytes:
    """The issue laid out like a 政务信息 bulletin: red masthead, issue line, then each item."""
    document = docx.Document()
    masthead = document.add_paragraph()
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = masthead.add_run(briefing["name"])
    run.bold, run.font.size, run.font.color.rgb = True, Pt(26), _RED
    issue = document.add_paragraph()
    issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issue.add_run(briefing["issue_no"]).font.size = Pt(14)
    signed = briefing.get("signed_off_at")
    day = signed if isinstance(signed, datetime) else None
    line = document.add_paragraph()
    line.add_run(briefing["office_name"])
    line.add_run("\t" + (f"{day.year}年{day.month}月{day.day}日" if day else "（未签发）"))
    for entry in briefing["items"]:
        document.add_heading(entry["title"], level=2)
        for paragraph in (entry.get("body") or "").split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip()).paragraph_format.first_line_indent = Pt(24)
        source = document.add_paragraph(f"（{entry['unit_name']}）")
        source.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
