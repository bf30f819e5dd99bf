"""Reading a .docx as its reader does: LibreOffice prints it to PDF, poppler measures the PDF.

For tests::

    reason = proof.unavailable()            # soffice or poppler missing: skip with it
    printed = proof.proof_docx(content, tmp_path)
    assert proof.layout_problems(printed) == []
    printed.pages[0].text, printed.red_box(1)

Each conversion runs with its own LibreOffice profile in the work directory, so parallel runs
never share one. The profile maps each face the document names to the first of its fallbacks
(from the document's font table) that this machine has, as Word does on a machine without
the face; without that, LibreOffice would set every missing Chinese face in one sans serif.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image

from shared.documents.page import GBT9704, MM_PER_PT, PageLayout

__all__ = ["Page", "Proof", "Word", "layout_problems", "proof_docx", "unavailable"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_TOOLS = {"soffice": "libreoffice-writer-nogui", "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils"}
_DASH = "—"
_HANGING = frozenset("，。、；：！？”’）》」』")
"""Punctuation LibreOffice lets hang past the line's end although the document forbids it
(``w:overflowPunct w:val="0"``): LibreOffice 7.4 reads that setting the wrong way round."""


def unavailable() -> str | None:
    """Why documents cannot be proofed on this machine, or None when they can."""
    missing = [tool for tool in _TOOLS if shutil.which(tool) is None]
    if not missing:
        return None
    packages = " ".join(sorted({_TOOLS[tool] for tool in missing}))
    return f"{', '.join(missing)} not installed (./xinbao test installs it; apt-get install {packages})"


@dataclass(frozen=True)
class Word:
    """A word as pdftotext found it, with its box in points from the page's top-left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The page's words run together (Chinese has no spaces to keep)."""
        return "".join(word.text for word in self.words)


@dataclass(frozen=True)
class Proof:
    """The printed document: the PDF and its pages' words."""

    pdf: Path
    pages: tuple[Page, ...]

    def red_box(self, page: int) -> tuple[float, float, float, float] | None:
        """The box (points) around every red pixel of ``page`` (from 1), or None if none is red."""
        stem = self.pdf.with_name(f"{self.pdf.stem}-page{page}")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile",
             str(self.pdf), str(stem)],
            check=True, capture_output=True, timeout=60,
        )
        with Image.open(stem.with_suffix(".png")) as picture:
            rgb = picture.convert("RGB")
        width, data = rgb.size[0], rgb.tobytes()
        red = [n // 3 for n in range(0, len(data), 3) if data[n] > 150 and max(data[n + 1], data[n + 2]) < 90]
        if not red:
            return None
        xs, ys = [n % width for n in red], [n // width for n in red]  # 72 dpi: a pixel is a point
        return float(min(xs)), float(min(ys)), float(max(xs) + 1), float(max(ys) + 1)


def proof_docx(content: bytes, workdir: Path, *, timeout: float = 180) -> Proof:
    """Print ``content`` to PDF with LibreOffice in ``workdir`` and read its pages back."""
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "document.docx"
    source.write_bytes(content)
    profile = workdir / "libreoffice-profile"
    _write_profile(profile, _substitutions(content))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(workdir), str(source)],
        check=True, capture_output=True, timeout=timeout,
    )
    pdf = workdir / "document.pdf"
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {source}")
    listing = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout
    return Proof(pdf, _pages(listing))


def layout_problems(
    printed: Proof, layout: PageLayout = GBT9704, *, colophon: bool = True, tolerance: float = 2.0
) -> list[str]:
    """What departs from the layout: a page that is not the layout's size, text outside the type
    area, a page number missing or not "— n —" on the outside 7 mm below the type area, and
    (unless ``colophon`` is off) a colophon (…印发) anywhere but at the foot of the last page."""
    problems: list[str] = []
    width, height = layout.page_pt()
    left, top, right, bottom = layout.type_area_pt()
    for page in printed.pages:
        if abs(page.width - width) > 1 or abs(page.height - height) > 1:
            problems.append(f"page {page.number} is {page.width:.0f}×{page.height:.0f} pt, "
                            f"not {width:.0f}×{height:.0f}")
        footer = [w for w in page.words if w.y0 >= bottom - tolerance and w.y1 > bottom + tolerance]
        for word in page.words:
            reach = right + tolerance + (layout.body_size_pt if word.text[-1:] in _HANGING else 0)
            inside = (left - tolerance <= word.x0 and word.x1 <= reach
                      and top - tolerance <= word.y0 and word.y1 <= bottom + tolerance)
            if not inside and word not in footer:
                problems.append(f"page {page.number}: {word.text!r} at ({word.x0:.0f}, {word.y0:.0f})–"
                                f"({word.x1:.0f}, {word.y1:.0f}) is outside the type area")
        problems += _page_number_problems(page, footer, layout)
    if colophon:
        problems += _colophon_problems(printed, layout, tolerance)
    return problems


def _page_number_problems(page: Page, footer: list[Word], layout: PageLayout) -> list[str]:
    left, _, right, bottom = layout.type_area_pt()
    found = "".join(word.text for word in footer)
    if found != f"{_DASH}{page.number}{_DASH}":
        return [f"page {page.number}: the page number reads {found!r}, not '— {page.number} —'"]
    one_char, problems = 14.0, []
    x0, x1 = min(w.x0 for w in footer), max(w.x1 for w in footer)
    if page.number % 2 and abs(x1 - (right - one_char)) > 4:
        problems.append(f"page {page.number}: the page number ends at x={x1:.0f}, not one character in "
                        f"from the right of the type area ({right - one_char:.0f})")
    if not page.number % 2 and abs(x0 - (left + one_char)) > 4:
        problems.append(f"page {page.number}: the page number starts at x={x0:.0f}, not one character in "
                        f"from the left of the type area ({left + one_char:.0f})")
    dashes = [w for w in footer if w.text.startswith(_DASH) or w.text.endswith(_DASH)]
    drop = ((dashes[0].y0 + dashes[0].y1) / 2 - bottom) * MM_PER_PT
    if abs(drop - layout.page_number_drop_mm) > 3:
        problems.append(f"page {page.number}: the page number is {drop:.1f} mm under the type area, "
                        f"not {layout.page_number_drop_mm:g}")
    return problems


def _colophon_problems(printed: Proof, layout: PageLayout, tolerance: float) -> list[str]:
    *earlier, last = printed.pages
    bottom = layout.type_area_pt()[3]
    if any("印发" in page.text for page in earlier):
        return ["the colophon (…印发) is not on the last page"]
    printed_line = [w for w in last.words if w.text.endswith("印发")]
    if not printed_line:
        return ["the last page has no colophon (…印发)"]
    if bottom - printed_line[-1].y1 > layout.line_pitch_pt / 2 + tolerance:
        return [f"the colophon's last line ends at y={printed_line[-1].y1:.0f}, above the foot of the "
                f"type area ({bottom:.0f})"]
    return []


def _pages(listing: bytes) -> tuple[Page, ...]:
    root = ElementTree.fromstring(listing)
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        words = tuple(
            Word(word.text or "", *(float(word.get(key, 0)) for key in ("xMin", "yMin", "xMax", "yMax")))
            for word in page.iter(f"{_XHTML}word")
        )
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return tuple(pages)


def _substitutions(content: bytes) -> dict[str, str]:
    """Each face the document names and does not find here -> its first fallback found here."""
    installed = _installed_families()
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        table = ElementTree.fromstring(package.read("word/fontTable.xml"))
    chosen = {}
    for font in table.iter(f"{_W}font"):
        name, alternatives = font.get(f"{_W}name", ""), font.find(f"{_W}altName")
        if name in installed or alternatives is None:
            continue
        fallbacks = [n.strip() for n in alternatives.get(f"{_W}val", "").split(",") if n.strip()]
        found = next((n for n in fallbacks if n in installed), None)
        if found:
            chosen[name] = found
    return chosen


def _installed_families() -> set[str]:
    if shutil.which("fc-list") is None:
        return set()
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}


def _write_profile(profile: Path, substitutions: dict[str, str]) -> None:
    pairs = "".join(
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f'<node oor:name="_{n}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{_xml(face)}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{_xml(fallback)}</value></prop>'
        "</node></item>"
        for n, (face, fallback) in enumerate(sorted(substitutions.items()))
    )
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        f"{pairs}</oor:items>",
        encoding="utf-8",
    )


def _xml(text: str) -> str:
    return re.sub(r"[&<>]", lambda m: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[m.group()], text)
