"""Find an installed CJK font by its file: known paths first, then fontconfig.

Matplotlib's font cache and reportlab's font search both go stale or miss fonts; a path
and a face index do not. Every face returned has been opened and checked to cover
:data:`PROBE` (so a fontconfig "best match" that is really DejaVu is refused).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fontTools.ttLib import TTCollection, TTFont, TTLibError

Style = Literal["serif", "sans"]

PROBE = "中文通报各单位得分（）"
"""Characters a face must have to count as a Chinese font."""

NOTO_FAMILIES: dict[Style, str] = {"serif": "Noto Serif CJK SC", "sans": "Noto Sans CJK SC"}
"""The family wanted per style: Noto CJK, as Debian's fonts-noto-cjk installs it."""

_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian, Ubuntu: fonts-noto-cjk
    Path("/usr/share/fonts/noto-cjk"),  # Arch: noto-fonts-cjk
    Path("/usr/share/fonts/google-noto-cjk"),  # Fedora: google-noto-cjk-fonts
    Path("/usr/share/fonts/noto"),  # Alpine: font-noto-cjk
)
_FILE_STEMS: dict[Style, str] = {"serif": "NotoSerifCJK", "sans": "NotoSansCJK"}
_GENERIC: dict[Style, str] = {"serif": "serif", "sans": "sans-serif"}
_BOLD_WEIGHT_CLASS = 600  # OS/2 usWeightClass: SemiBold and heavier count as bold


@dataclass(frozen=True)
class FontFace:
    """One face of an installed font file: ``index`` picks it out of a collection (.ttc)."""

    path: Path
    index: int
    family: str
    style: Style
    bold: bool
    truetype_outlines: bool  # False for CFF ("PostScript") outlines, which reportlab cannot embed


@functools.cache
def cjk_face(style: Style = "serif", *, bold: bool = False) -> FontFace | None:
    """The best installed Simplified-Chinese face: of ``style`` and weight if there is one,
    else of the other weight, else of the other style; None when no CJK font is installed.

    Read ``.style`` and ``.bold`` of the result to learn which was found.
    """
    other: Style = "sans" if style == "serif" else "serif"
    for want_style, want_bold in ((style, bold), (style, not bold), (other, bold), (other, not bold)):
        face = _find(want_style, want_bold)
        if face is not None:
            return face
    listed = (_open_face(Path(path), 0, style) for path in fontconfig_cjk_files() or [])
    return next((face for face in listed if face is not None), None)


def fontconfig_cjk_files() -> list[str] | None:
    """The font files fontconfig says cover Chinese (``fc-list :lang=zh``), or None
    when fontconfig's tools are not installed."""
    if shutil.which("fc-list") is None:
        return None
    listed = _run(["fc-list", "--format", "%{file}\n", ":lang=zh"])
    return sorted(set(listed.splitlines()))


def _find(style: Style, bold: bool) -> FontFace | None:
    weight = "Bold" if bold else "Regular"
    for folder in _FONT_DIRS:
        for suffix in (".ttc", ".otf", ".ttf"):
            path = folder / f"{_FILE_STEMS[style]}-{weight}{suffix}"
            face = _face_of_family(path, NOTO_FAMILIES[style], style) if path.is_file() else None
            if face is not None and face.bold == bold:
                return face
    return _from_fontconfig(style, bold)


def _from_fontconfig(style: Style, bold: bool) -> FontFace | None:
    if shutil.which("fc-match") is None:
        return None
    weight = ":weight=bold" if bold else ":weight=regular"
    patterns = (f"{NOTO_FAMILIES[style]}{weight}", f"{_GENERIC[style]}:lang=zh-cn{weight}")
    for pattern in patterns:
        for line in _run(["fc-match", "--format", "%{file}\t%{index}\n", pattern]).splitlines():
            path, _, index = line.partition("\t")
            face = _open_face(Path(path), int(index or 0), style)
            if face is not None and face.bold == bold and face.style == style:
                return face
    return None


def _face_of_family(path: Path, family: str, style: Style) -> FontFace | None:
    """The face of ``family`` in ``path`` (a collection holds the JP, KR, SC, TC … faces)."""
    try:
        is_collection = path.suffix.lower() == ".ttc"
        fonts = TTCollection(path, lazy=True).fonts if is_collection else [TTFont(path, lazy=True)]
    except (OSError, TTLibError):
        return None
    for index, font in enumerate(fonts):
        if font["name"].getBestFamilyName() == family:
            return _open_face(path, index, style)
    return None


@functools.cache
def _open_face(path: Path, index: int, style: Style) -> FontFace | None:
    """The face if it can be read and covers :data:`PROBE`, else None."""
    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        cmap = font.getBestCmap() or {}
        if not all(ord(char) in cmap for char in PROBE):
            return None
        return FontFace(
            path=path,
            index=index,
            family=str(font["name"].getBestFamilyName()),
            style=_style_of(str(font["name"].getBestFamilyName()), style),
            bold=int(font["OS/2"].usWeightClass) >= _BOLD_WEIGHT_CLASS,
            truetype_outlines="glyf" in font,
        )
    except (OSError, TTLibError, KeyError):
        return None


def _style_of(family: str, otherwise: Style) -> Style:
    words = family.lower()
    if any(word in words for word in ("sans", "hei", "gothic", "黑")):
        return "sans"
    if any(word in words for word in ("serif", "song", "sung", "ming", "fangsong", "宋", "明")):
        return "serif"
    return otherwise


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""
