"""A briefing issue as a Word file in the national format (GB/T 9704, via shared.documents).

The publication's red masthead (政务信息), the 期号 with the 签发人 beside it (an issue is
sent upward), the office and the sign-off date above the red rule; each item as a heading,
its paragraphs and its unit; the colophon with 报/送 and the 印发 line at the foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from shared.clock import OFFICE_TIMEZONE, local_date
from shared.documents import OfficialDocument, date_text

UNSIGNED = "（未签发）"


def briefing_docx(
    briefing: dict[str, Any],
    *,
    signer: str | None = None,
    report_to: Sequence[str] = (),
    send_to: Sequence[str] = (),
    zone: str = OFFICE_TIMEZONE,
) -> bytes:
    """The issue: ``signer`` is the name of the office head who signed it off; ``report_to``
    (报) and ``send_to`` (送) name its readers, a line left blank for the editor where none
    is known. The date is the sign-off's on the office's clock (``zone``)."""
    signed = briefing.get("signed_off_at")
    day = local_date(signed, zone) if isinstance(signed, datetime) else None
    document = OfficialDocument(
        masthead=briefing["name"],
        number=briefing["issue_no"],
        signer=signer if day else None,
        issued_by=briefing["office_name"],
        issued_on=date_text(day) if day else UNSIGNED,
    )
    for entry in briefing["items"]:
        document.add_heading(entry["title"], level=1)
        for paragraph in (entry.get("body") or "").split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
        document.add_paragraph(f"（{entry['unit_name']}）", align="right", indent=False)
    office = briefing["office_name"]
    document.colophon(report_to=report_to, send_to=send_to, printed_by=office, printed_on=day)
    return document.to_bytes()
