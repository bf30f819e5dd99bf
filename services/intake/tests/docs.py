"""Word and image files made on the fly for the import tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx


def png(width: int = 2, height: int = 2) -> bytes:
    """A valid, tiny RGB PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def word_file(title: str, paragraphs: list[str], image_after: int | None = None) -> bytes:
    """A .docx with a heading, paragraphs and optionally a picture after one of them."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if index == image_after:
            document.add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def repacked(data: bytes, extra: dict[str, bytes], *, drop: str = "") -> bytes:
    """The Office file ``data`` with ``extra`` entries added (and ``drop`` replaced by them)."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(data))
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename != drop:
                target.writestr(entry, source.read(entry))
        for name, content in extra.items():
            target.writestr(name, content)
    return out.getvalue()
