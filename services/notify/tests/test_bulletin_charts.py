"""Bulletin charts: real PNGs with Chinese glyphs, and a warning when no CJK font exists."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services.notify.bulletins import charts, compose_bulletin
from services.notify.bulletins.document import RankingChart, TrendChart
from services.notify.bulletins.samples import sample_city_bulletin

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _sample_charts() -> tuple[TrendChart, RankingChart]:
    trend, ranking = compose_bulletin(sample_city_bulletin()).charts
    assert isinstance(trend, TrendChart) and isinstance(ranking, RankingChart)
    return trend, ranking


def _ink(png: bytes) -> float:
    """Share of pixels that are not white."""
    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def test_ranking_chart_is_a_png_sized_to_the_number_of_units() -> None:
    _, ranking = _sample_charts()
    png = charts.render_chart(ranking)
    assert png.startswith(PNG_SIGNATURE)
    width, height = Image.open(io.BytesIO(png)).size
    assert width == round(charts.WIDTH_INCHES * charts.DPI)
    assert height > width * 0.6  # sixteen bars need a tall chart
    assert _ink(png) > 0.05


def test_trend_chart_is_a_png_with_something_drawn() -> None:
    trend, _ = _sample_charts()
    png = charts.render_chart(trend)
    assert png.startswith(PNG_SIGNATURE)
    assert _ink(png) > 0.05


def test_the_cjk_font_found_has_the_glyphs_bulletins_use() -> None:
    family = charts.cjk_font_family()
    if family is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    font = FT2Font(path)
    for char in "各单位得分报送采用条县市区（）":
        assert font.get_char_index(ord(char)) != 0, char


def test_without_a_cjk_font_charts_are_still_drawn_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "cjk_font_family", lambda: None)
    charts._warn_missing_cjk_font.cache_clear()
    trend, _ = _sample_charts()
    with pytest.warns(charts.MissingCJKFontWarning, match="fonts-noto-cjk"):
        png = charts.render_chart(trend)
    assert png.startswith(PNG_SIGNATURE)
    charts._warn_missing_cjk_font.cache_clear()
