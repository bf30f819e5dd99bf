"""Chinese fonts for generated documents (charts, PDF), found by file, embedded by subset.

The fonts are Noto CJK SC (OFL-1.1), as the project's setup installs them from Debian's
``fonts-noto-cjk``: Noto Serif CJK SC stands in for the 宋体/仿宋 of official body text,
Noto Sans CJK SC for the 黑体 of headings and chart labels. Other installed CJK fonts are
found through fontconfig when those are missing::

    from shared.fonts import cjk_face, reportlab_fonts

    body = cjk_face("serif")               # FontFace(path=…/NotoSerifCJK-Regular.ttc, index=2, …)
    with reportlab_fonts({"body": body}, text) as names:
        ...                                # build the PDF with fontName=names["body"]

A face is located by path, never through a font cache (matplotlib's goes stale when a
font is installed after it was built). Without any CJK font :func:`cjk_face` returns
None and callers warn with :class:`MissingCJKFontWarning`.
"""

from __future__ import annotations

from ._locate import NOTO_FAMILIES, PROBE, FontFace, Style, cjk_face, fontconfig_cjk_files
from ._reportlab import reportlab_fonts
from ._truetype import subset_name, truetype_subset

INSTALL_HINT = "Debian: apt-get install fonts-noto-cjk"
"""How to get the fonts this module looks for first."""


class MissingCJKFontWarning(UserWarning):
    """No CJK font is installed, so Chinese text will show as boxes or rely on the reader."""


__all__ = [
    "INSTALL_HINT",
    "NOTO_FAMILIES",
    "PROBE",
    "FontFace",
    "MissingCJKFontWarning",
    "Style",
    "cjk_face",
    "fontconfig_cjk_files",
    "reportlab_fonts",
    "subset_name",
    "truetype_subset",
]
