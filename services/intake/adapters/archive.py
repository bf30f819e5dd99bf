"""Word and Excel files are zip archives: what a reader checks before a library unpacks one.

Only the archive's directory is read. The sizes it declares bound what unpacking can cost:
Python's zipfile stops at an entry's declared size and then fails its CRC check, so an archive
that lies about them is refused as unreadable when it is read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from services.intake.domain import InvalidInput, TooLarge

_BOMB_FROM = 1_000_000
"""Entries smaller than this may compress as well as they like."""


@dataclass(frozen=True)
class ArchiveLimits:
    """What an uploaded Office file may unpack to."""

    max_entries: int = 1000
    max_unpacked_bytes: int = 100_000_000
    max_ratio: int = 200
    max_media: int = 200


def check_archive(data: bytes, limits: ArchiveLimits, *, kind: str, media: str) -> None:
    """InvalidInput when ``data`` is no zip archive; TooLarge when it has too many entries, too
    many files under ``media`` (the pictures), unpacks to too much or compresses like a bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise InvalidInput(
            "file", f"not a readable {kind} file", code="file_unreadable", kind=kind
        ) from error
    if len(entries) > limits.max_entries:
        raise TooLarge(
            f"the {kind} file holds {len(entries)} parts; at most {limits.max_entries}",
            code="too_many_parts", kind=kind, count=len(entries), limit=limits.max_entries,
        )
    pictures = sum(1 for e in entries if e.filename.startswith(media))
    if pictures > limits.max_media:
        raise TooLarge(
            f"the {kind} file holds {pictures} pictures; at most {limits.max_media}",
            code="too_many_pictures", kind=kind, count=pictures, limit=limits.max_media,
        )
    unpacked = sum(e.file_size for e in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise TooLarge(
            f"the {kind} file unpacks to {unpacked} bytes; at most {limits.max_unpacked_bytes}",
            code="unpacks_too_large", kind=kind, size=unpacked, limit=limits.max_unpacked_bytes,
        )
    for entry in entries:
        if entry.file_size > _BOMB_FROM and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            raise TooLarge(
                f"the {kind} file's part {entry.filename} unpacks suspiciously far",
                code="suspicious_part", kind=kind, part=entry.filename,
            )
