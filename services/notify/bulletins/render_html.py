"""A bulletin as one self-contained HTML page: red masthead, tables, charts as data: URIs."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .charts import render_chart
from .compose import as_bulletin
from .document import Bulletin, Paragraph, Table
from .model import BulletinData

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent),  # bulletin.html, shipped as package data
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
# Font stacks are constants, marked safe because autoescaping would break quotes in CSS.
# Each ends in the faces the PDF embeds (Noto CJK SC, also sold as Source Han and served
# by Google Fonts as Noto Serif/Sans SC), so a reader without the Windows fonts sees those.
_SERIF_CJK = '"Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif'
_SANS_CJK = '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", sans-serif'
_FONTS = {
    "zh": {
        "body": f'"FangSong", "仿宋", "仿宋_GB2312", "STFangsong", {_SERIF_CJK}',
        "title": f'"方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", {_SERIF_CJK}',
        "heading": f'"SimHei", "黑体", {_SANS_CJK}',
        "sub": f'"KaiTi", "楷体", "楷体_GB2312", "STKaiti", {_SERIF_CJK}',
    },
    "en": {
        "body": '"Times New Roman", Times, "Liberation Serif", serif',
        "title": '"Times New Roman", Times, "Liberation Serif", serif',
        "heading": 'Arial, Helvetica, "Liberation Sans", sans-serif',
        "sub": '"Times New Roman", Times, "Liberation Serif", serif',
    },
}


def render_html(doc: Bulletin | BulletinData) -> bytes:
    """The bulletin as a UTF-8 HTML page with its charts embedded."""
    bulletin = as_bulletin(doc)
    sections = [
        {"heading": section.heading, "blocks": [_block(block) for block in section.blocks]}
        for section in bulletin.sections
    ]
    fonts = {name: Markup(stack) for name, stack in _FONTS[bulletin.language].items()}
    page = _TEMPLATES.get_template("bulletin.html").render(b=bulletin, sections=sections, fonts=fonts)
    return page.encode("utf-8")


def _block(block: object) -> tuple[str, object, str | None]:
    if isinstance(block, Paragraph):
        return block.kind, block, None
    if isinstance(block, Table):
        return "table", block, None
    png = base64.b64encode(render_chart(block)).decode("ascii")  # type: ignore[arg-type]
    return "chart", block, f"data:image/png;base64,{png}"
