"""shared.fonts: CJK faces found by file, and subsets that reportlab can embed.

A CJK font on this machine is a precondition, not a reason to skip: the project's setup
(``./xinbao test`` as root, as CI runs) installs fonts-noto-cjk, so its absence there is a
failure. Only a machine whose setup could not install it (not root) skips.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from fontTools.pens.areaPen import AreaPen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.perimeterPen import PerimeterPen
from fontTools.ttLib import TTFont
from reportlab.lib import fonts as reportlab_font_map
from reportlab.pdfbase import pdfmetrics

from shared import fonts
from shared.fonts import _locate

TEXT = "关于2026年11月全市政务信息工作情况的通报（各单位）"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _setup_installs_fonts() -> bool:
    return os.geteuid() == 0 or os.environ.get("CI") == "true"


@pytest.fixture
def fontconfig_lists_cjk() -> list[str]:
    """The files fontconfig lists for Chinese; fails where the setup would have installed one."""
    files = fonts.fontconfig_cjk_files()
    if not files:
        why = "fontconfig is not installed" if files is None else "fc-list :lang=zh lists no font"
        message = f"{why}; the setup installs fonts-noto-cjk ({fonts.INSTALL_HINT})"
        if _setup_installs_fonts():
            pytest.fail(f"precondition: {message}, but this machine has none")
        pytest.skip(message)
    return files


@pytest.fixture
def without_cached_lookups() -> object:
    fonts.cjk_face.cache_clear()
    _locate._open_face.cache_clear()
    yield None
    fonts.cjk_face.cache_clear()
    _locate._open_face.cache_clear()


def test_this_machine_has_the_cjk_font_the_setup_installs(fontconfig_lists_cjk: list[str]) -> None:
    assert any("CJK" in Path(file).name or "wqy" in file.lower() for file in fontconfig_lists_cjk)


@pytest.mark.parametrize("style", ["serif", "sans"])
@pytest.mark.parametrize("bold", [False, True])
def test_a_face_is_found_whenever_fontconfig_lists_a_chinese_font(
    fontconfig_lists_cjk: list[str], style: fonts.Style, bold: bool
) -> None:
    face = fonts.cjk_face(style, bold=bold)
    assert face is not None, f"fc-list :lang=zh lists {fontconfig_lists_cjk[:3]} but no {style} face found"
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    assert all(ord(char) in font.getBestCmap() for char in TEXT)


def test_noto_cjk_faces_are_the_simplified_chinese_ones(fontconfig_lists_cjk: list[str]) -> None:
    if not any("NotoSerifCJK" in file for file in fontconfig_lists_cjk):
        pytest.skip("Noto CJK is not the CJK font installed here")
    serif, bold, sans = fonts.cjk_face("serif"), fonts.cjk_face("serif", bold=True), fonts.cjk_face("sans")
    assert serif is not None and bold is not None and sans is not None
    assert (serif.family, serif.style, serif.bold) == ("Noto Serif CJK SC", "serif", False)
    assert (bold.family, bold.bold) == ("Noto Serif CJK SC", True)
    assert (sans.family, sans.style) == ("Noto Sans CJK SC", "sans")
    # in the .ttc the JP face comes first: its 骨 differs from the SC one
    assert serif.path.suffix != ".ttc" or serif.index != 0


def test_fontconfig_finds_the_faces_when_no_known_path_has_them(
    fontconfig_lists_cjk: list[str], without_cached_lookups: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_locate, "_FONT_DIRS", ())
    face = fonts.cjk_face("serif")
    assert face is not None
    assert face.path.is_file()


def test_no_face_without_any_cjk_font(
    without_cached_lookups: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_locate, "_FONT_DIRS", ())
    monkeypatch.setattr(_locate.shutil, "which", lambda name: None)
    assert fonts.cjk_face("serif") is None
    assert fonts.fontconfig_cjk_files() is None


def test_a_font_without_chinese_is_not_taken_for_one() -> None:
    if not DEJAVU.is_file():
        pytest.skip("DejaVu Sans is not installed")
    assert _locate._open_face(DEJAVU, 0, "sans") is None


def test_the_subset_has_truetype_outlines_for_every_character(fontconfig_lists_cjk: list[str]) -> None:
    face = fonts.cjk_face("serif")
    assert face is not None
    subset = TTFont(io.BytesIO(fonts.truetype_subset(face, TEXT)))
    assert "glyf" in subset and "CFF " not in subset
    cmap = subset.getBestCmap()
    for char in set(TEXT) - {" "}:
        glyph = subset["glyf"][cmap[ord(char)]]
        assert glyph.numberOfContours > 0, f"{char} has no outline"
    assert len(subset.getGlyphOrder()) < 100  # the text's glyphs, not the font's 65,535
    assert subset["name"].getDebugName(6) == fonts.subset_name(face, TEXT)


def _measure(font: TTFont, text: str) -> dict[str, tuple[float, float, tuple[float, ...]]]:
    """Each character's signed outline area, outline length and bounds, in font units."""
    glyphs, cmap, measured = font.getGlyphSet(), font.getBestCmap(), {}
    for char in set(text) - {" "}:
        area, length, bounds = AreaPen(glyphs), PerimeterPen(glyphs), BoundsPen(glyphs)
        for pen in (area, length, bounds):
            glyphs[cmap[ord(char)]].draw(pen)
        measured[char] = (area.value, length.value, bounds.bounds or ())
    return measured


def test_the_converted_outlines_are_the_original_shapes_turned_clockwise(
    fontconfig_lists_cjk: list[str],
) -> None:
    face = fonts.cjk_face("serif")
    assert face is not None
    original = _measure(TTFont(face.path, fontNumber=face.index, lazy=True), TEXT)
    converted = _measure(TTFont(io.BytesIO(fonts.truetype_subset(face, TEXT))), TEXT)
    for char, (area, length, bounds) in original.items():
        converted_area, _, converted_bounds = converted[char]
        assert area > 0, char  # CFF outer contours run anticlockwise ...
        # ... TrueType ones clockwise; every point within a unit (and a rounding) of the original
        assert abs(-converted_area - area) < 1.5 * length, char
        assert converted_bounds == pytest.approx(bounds, abs=1.5), char


def test_equal_texts_share_a_subset_name_and_unequal_ones_do_not(fontconfig_lists_cjk: list[str]) -> None:
    face = fonts.cjk_face("serif")
    assert face is not None
    assert fonts.subset_name(face, "通报") == fonts.subset_name(face, "报通报")
    assert fonts.subset_name(face, "通报") != fonts.subset_name(face, "通知")


def _reportlab_registry() -> tuple[set[object], ...]:
    return (
        set(pdfmetrics._fonts),
        set(pdfmetrics._dynFaceNames),
        set(reportlab_font_map._tt2ps_map),
        set(reportlab_font_map._ps2tt_map),
    )


def test_reportlab_knows_the_subsets_during_the_build_and_forgets_them_after(
    fontconfig_lists_cjk: list[str],
) -> None:
    body, heading = fonts.cjk_face("serif"), fonts.cjk_face("sans")
    assert body is not None and heading is not None
    before = _reportlab_registry()
    with fonts.reportlab_fonts({"body": body, "heading": heading}, TEXT) as names:
        with fonts.reportlab_fonts({"body": body}, TEXT) as again:  # a concurrent build of the same text
            assert again["body"] == names["body"]
        assert set(names.values()) <= set(pdfmetrics.getRegisteredFontNames())
        assert pdfmetrics.stringWidth("通报", names["body"], 10) == pytest.approx(20, rel=0.05)
    assert _reportlab_registry() == before
