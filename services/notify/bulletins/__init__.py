"""Bulletins (通报): an office's periodic notice of how its units did at information work.

Data in, documents out::

    from services.notify.bulletins import BulletinData, compose_bulletin, render_pdf

    bulletin = compose_bulletin(data)   # every word decided; pure
    pdf = render_pdf(bulletin)          # bytes; render_html / render_docx likewise

Each renderer also accepts the :class:`BulletinData` and composes it first. ``render``
picks a renderer by format name and ``MEDIA_TYPES`` gives the HTTP content type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from .compose import compose_bulletin
from .document import Bulletin
from .model import (
    BulletinData,
    Commendation,
    Criticism,
    CriticismReason,
    ItemRow,
    Placement,
    TrendPoint,
    UnitRow,
)
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf

Format = Literal["html", "docx", "pdf"]
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_RENDERERS: dict[str, Callable[[Bulletin | BulletinData], bytes]] = {
    "html": render_html,
    "docx": render_docx,
    "pdf": render_pdf,
}

__all__ = [
    "MEDIA_TYPES",
    "Bulletin",
    "BulletinData",
    "Commendation",
    "Criticism",
    "CriticismReason",
    "ItemRow",
    "Placement",
    "TrendPoint",
    "UnitRow",
    "compose_bulletin",
    "render",
    "render_docx",
    "render_html",
    "render_pdf",
]


def render(doc: Bulletin | BulletinData, format: Format) -> bytes:
    """The bulletin in ``format`` ('html', 'docx' or 'pdf')."""
    if format not in _RENDERERS:
        raise ValueError(f"unknown bulletin format {format!r}; expected one of {sorted(_RENDERERS)}")
    return _RENDERERS[format](doc)
