"""Bulletin charts: real PNGs, and a warning when no CJK font exists.

That the Chinese glyphs are really drawn (and not boxes) is test_bulletin_chart_fonts.py.
"""

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


def test_without_a_cjk_font_charts_are_still_drawn_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "cjk_font_family", lambda: None)
    charts._warn_missing_cjk_font.cache_clear()
    trend, _ = _sample_charts()
    with pytest.warns(charts.MissingCJKFontWarning, match="fonts-noto-cjk"):
        png = charts.render_chart(trend)
    assert png.startswith(PNG_SIGNATURE)
    charts._warn_missing_cjk_font.cache_clear()
