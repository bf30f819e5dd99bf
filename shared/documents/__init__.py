"""Official documents in the national format, GB/T 9704-2012 (党政机关公文格式), as .docx.

Every document the services issue (a briefing issue, a bulletin, the annual assessment)
is built here, so that all of them have the same page and type::

    from shared.documents import OfficialDocument

    doc = OfficialDocument(masthead="政务信息", number="2026年第45期", signer="吴浩",
                           issued_by="东溪县人民政府办公室", issued_on="2026年12月8日")
    doc.add_heading("河山镇秋粮收购进度过半", level=1)
    doc.add_paragraph("截至11月20日，……")
    doc.colophon(report_to=["临江市人民政府办公室"], send_to=[],
                 printed_by="东溪县人民政府办公室", printed_on=date(2026, 12, 8))
    content = doc.to_bytes()

The page (:data:`GBT9704`): A4; 天头 37 mm, 订口 28 mm, so with the 156 mm × 225 mm type
area (版心) the right margin is 26 mm and the bottom 35 mm; 22 lines of 28 characters, the
line pitch fixed at 28.95 pt. The type (:data:`CHINESE`): body 仿宋_GB2312 三号, titles 方正小标宋简体
二号, headings 黑体 and 楷体 三号, page numbers "— 1 —" in 宋体 四号 on the outside (right on odd
pages, left on even), each face followed by its fallbacks in the font table. The head: the red
masthead centred, the number with the 签发人 beside it, the red rule; at the end the 版记 between
its thick and thin rules at the foot of the last page.

:mod:`shared.documents.proof` reads a document back as a reader sees it (LibreOffice, then
poppler), for tests.
"""

from shared.documents.colophon import date_text
from shared.documents.official import Align, OfficialDocument
from shared.documents.page import GBT9704, SIZE, PageLayout
from shared.documents.typefaces import CHINESE, ENGLISH, Typeface, Typefaces

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = [
    "CHINESE",
    "DOCX_MEDIA_TYPE",
    "ENGLISH",
    "GBT9704",
    "SIZE",
    "Align",
    "OfficialDocument",
    "PageLayout",
    "Typeface",
    "Typefaces",
    "date_text",
]
