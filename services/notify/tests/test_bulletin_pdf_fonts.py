"""The PDF carries its Chinese font, so it looks the same on every machine and printer.

Before: the PDF named reportlab's CID font STSong-Light without embedding it, and each
reader substituted a font of its own. Now the Noto CJK faces are embedded as subsets.
"""

from __future__ import annotations

import importlib
import itertools
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics

from services.notify.bulletins.samples import sample_city_bulletin
from services.notify.tests.font_preconditions import require_cjk_font, require_tool
from shared import fonts

render_pdf_module = importlib.import_module("services.notify.bulletins.render_pdf")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
MASTHEAD = "政务信息工作通报"


@pytest.fixture(scope="module")
def city_pdf() -> bytes:
    require_cjk_font()
    return render_pdf_module.render_pdf(sample_city_bulletin())


def _pdffonts(pdf: bytes, tmp_path: Path) -> list[dict[str, str]]:
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        [require_tool("pdffonts"), str(source)], check=True, capture_output=True, text=True, timeout=60
    )
    rows = []
    for line in done.stdout.splitlines()[2:]:  # a header and a rule of dashes
        name, *middle, emb, sub, uni, _, _ = line.split()
        rows.append({"name": name, "type": " ".join(middle[:-1]), "emb": emb, "sub": sub, "uni": uni})
    return rows


def _first_page(pdf: bytes, tmp_path: Path) -> np.ndarray:
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    command = [require_tool("pdftoppm"), "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(
        [*command, str(source), str(tmp_path / "page")], check=True, capture_output=True, timeout=60
    )
    return np.asarray(Image.open(tmp_path / "page.png").convert("RGB"), dtype=int)


def _masthead_cells(page: np.ndarray) -> list[np.ndarray]:
    """The red masthead cut into one cell per character (the first band of red rows)."""
    r, g, b = page[..., 0], page[..., 1], page[..., 2]
    red = (r > 150) & (g < 100) & (b < 100)
    rows = np.flatnonzero(red.any(axis=1))
    assert rows.size, "no red masthead"
    band_end = rows[np.flatnonzero(np.diff(rows) > 1)[0]] if (np.diff(rows) > 1).any() else rows[-1]
    band = red[rows[0] : band_end + 1]
    columns = np.flatnonzero(band.any(axis=0))
    band = band[:, columns[0] : columns[-1] + 1]
    pitch = band.shape[1] / len(MASTHEAD)
    return [band[:, round(i * pitch) : round(i * pitch) + int(pitch)] for i in range(len(MASTHEAD))]


def _least_difference_between_characters(page: np.ndarray) -> float:
    cells = _masthead_cells(page)
    return min(float((one != other).mean()) for one, other in itertools.combinations(cells, 2))


def test_every_font_the_pdf_names_is_embedded(city_pdf: bytes, tmp_path: Path) -> None:
    listed = _pdffonts(city_pdf, tmp_path)
    assert [row["name"] for row in listed if row["emb"] != "yes"] == []
    assert not any(row["type"].startswith("CID") or "STSong" in row["name"] for row in listed)
    names = " ".join(row["name"] for row in listed)
    assert "NotoSerifCJKSC-Regular" in names and "NotoSerifCJKSC-Bold" in names
    assert "NotoSansCJKSC" in names  # the 黑体 of section headings
    assert all(row["sub"] == "yes" and row["uni"] == "yes" for row in listed)  # subsets, text extractable


def test_the_masthead_is_eight_different_glyphs_not_eight_boxes(city_pdf: bytes, tmp_path: Path) -> None:
    assert _least_difference_between_characters(_first_page(city_pdf, tmp_path)) > 0.15


def test_a_font_without_chinese_would_draw_the_masthead_as_boxes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check above, shown to fail: DejaVu Sans, which has no CJK, standing in for Noto."""
    if not DEJAVU.is_file():
        pytest.skip("DejaVu Sans is not installed")
    dejavu = fonts.FontFace(DEJAVU, 0, "DejaVu Sans", "sans", False, truetype_outlines=True)
    monkeypatch.setattr(render_pdf_module, "cjk_face", lambda *args, **kwargs: dejavu)
    tofu = render_pdf_module.render_pdf(sample_city_bulletin())
    assert _least_difference_between_characters(_first_page(tofu, tmp_path)) < 0.15


def test_without_any_cjk_font_the_pdf_warns_and_names_an_unembedded_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(render_pdf_module, "cjk_face", lambda *args, **kwargs: None)
    render_pdf_module._warn_missing_cjk_font.cache_clear()
    with pytest.warns(fonts.MissingCJKFontWarning, match="fonts-noto-cjk"):
        pdf = render_pdf_module.render_pdf(sample_city_bulletin())
    render_pdf_module._warn_missing_cjk_font.cache_clear()
    assert [(row["name"], row["emb"]) for row in _pdffonts(pdf, tmp_path)] == [("STSong-Light", "no")]


def test_rendering_leaves_no_font_registered_behind() -> None:
    require_cjk_font()
    before = set(pdfmetrics.getRegisteredFontNames())
    render_pdf_module.render_pdf(sample_city_bulletin())
    assert set(pdfmetrics.getRegisteredFontNames()) == before
