"""Embed CJK faces in a reportlab document: registered for one build, then forgotten.

reportlab looks fonts up by name in a process-wide registry and keeps what it registers
for good. A per-document subset left there would leak a few hundred kilobytes for every
document, so registrations are counted and undone when the last build using a name ends.
Equal subsets share a name (and reportlab keeps per-document state inside the font), so
concurrent builds of the same text share one registration safely.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from reportlab.lib import fonts as reportlab_font_map
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ._locate import FontFace
from ._truetype import subset_name, truetype_subset

_lock = threading.Lock()
_users: Counter[str] = Counter()
_registered: dict[str, TTFont] = {}


@contextmanager
def reportlab_fonts(faces: Mapping[str, FontFace], text: str) -> Iterator[dict[str, str]]:
    """Register with reportlab, for the duration of the ``with`` block, an embeddable
    subset of each face covering ``text``; yields each key of ``faces`` -> font name.

    Characters outside ``text`` drawn in the block show as blank glyphs, so pass every
    string the document will draw (page numbers included).
    """
    names = {role: subset_name(face, text) for role, face in faces.items()}
    acquired: list[str] = []
    try:
        for role, face in faces.items():
            _acquire(names[role], face, text)
            acquired.append(names[role])
        yield names
    finally:
        for name in acquired:
            _release(name)


def _acquire(name: str, face: FontFace, text: str) -> None:
    data = truetype_subset(face, text)  # outside the lock: the slow part
    with _lock:
        if _users[name] == 0:
            _registered[name] = TTFont(name, io.BytesIO(data))
            pdfmetrics.registerFont(_registered[name])
        _users[name] += 1


def _release(name: str) -> None:
    with _lock:
        _users[name] -= 1
        if _users[name] > 0:
            return
        del _users[name]
        font = _registered.pop(name)
        # reportlab has no unregister; these are the entries registerFont made
        pdfmetrics._fonts.pop(name, None)
        pdfmetrics._dynFaceNames.pop(font.face.name, None)
        for bold in (0, 1):
            for italic in (0, 1):
                psname = reportlab_font_map._tt2ps_map.pop((name.lower(), bold, italic), None)
                if psname is not None:
                    reportlab_font_map._ps2tt_map.pop(psname.lower(), None)
