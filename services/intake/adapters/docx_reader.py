"""Reading an item out of a Word (.docx) file with python-docx.

The title is the first heading (or Title-styled paragraph), else the first paragraph; the body
is every other non-empty paragraph in order. Images are kept with the paragraph they follow,
within the size limits; the others are named in ``skipped``. Before python-docx unpacks it the
archive is checked (adapters.archive): too many parts or pictures, or too much to unpack, is
TooLarge; a file that is not a readable .docx is InvalidInput. Either way nothing is kept.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.text.paragraph import Paragraph
from lxml import etree

from services.intake.adapters.archive import ArchiveLimits, check_archive
from services.intake.domain import Attachment, InvalidInput

_BLIP = ".//a:blip/@r:embed"


@dataclass
class ImportedDocument:
    title: str
    paragraphs: list[str]
    images: list[Attachment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int = 5_000_000
    max_count: int = 20
    max_total_bytes: int = 12_000_000


_UNREADABLE = (
    PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError, etree.LxmlError,
    zlib.error, NotImplementedError, RuntimeError,
)


def read_docx(
    data: bytes, limits: ImageLimits = ImageLimits(), archive: ArchiveLimits = ArchiveLimits()
) -> ImportedDocument:
    """The title, paragraphs and images of a .docx; InvalidInput when it is not one, TooLarge
    when it unpacks to more than ``archive`` allows."""
    check_archive(data, archive, kind=".docx", media="word/media/")
    try:
        document = docx.Document(io.BytesIO(data))
    except _UNREADABLE as error:
        raise InvalidInput(
            "file", "not a readable .docx (Word 2007 or later) file", code="docx_unreadable"
        ) from error
    title_at = _title_index(document.paragraphs)
    if title_at is None:
        raise InvalidInput("file", "the document has no text", code="docx_empty")
    imported = ImportedDocument(document.paragraphs[title_at].text.strip(), [])
    for index, paragraph in enumerate(document.paragraphs):
        text = paragraph.text.strip()
        if index != title_at and text:
            imported.paragraphs.append(text)
        _keep_images(document, paragraph, imported, limits)
    return imported


def _title_index(paragraphs: list[Paragraph]) -> int | None:
    texts = [(i, p) for i, p in enumerate(paragraphs) if p.text.strip()]
    for index, paragraph in texts:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith(("Heading", "Title")) or style in ("标题", "标题 1"):
            return index
    return texts[0][0] if texts else None


def _keep_images(
    document: Document, paragraph: Paragraph, imported: ImportedDocument, limits: ImageLimits
) -> None:
    for rel_id in paragraph._p.xpath(_BLIP):
        part = document.part.related_parts.get(rel_id)
        if part is None:
            continue
        name = part.partname.split("/")[-1]
        blob: bytes = part.blob
        kept = sum(len(i.data) for i in imported.images)
        if (len(blob) > limits.max_bytes or len(imported.images) >= limits.max_count
                or kept + len(blob) > limits.max_total_bytes):
            imported.skipped.append(name)
            continue
        after = len(imported.paragraphs) - 1
        imported.images.append(Attachment(name, part.content_type, blob, after))
