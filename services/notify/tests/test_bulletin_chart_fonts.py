"""Chart labels are Chinese glyphs, not tofu: the font is found by path, whatever the cache.

The bug these catch: matplotlib's font cache was built before fonts-noto-cjk was installed,
so charts looked the font up by name, found none, and drew every label as boxes.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from services.notify.bulletins import charts, compose_bulletin
from services.notify.bulletins.document import Chart
from services.notify.bulletins.samples import sample_city_bulletin
from services.notify.tests.font_preconditions import require_cjk_font

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def _sample_charts() -> tuple[Chart, ...]:
    return compose_bulletin(sample_city_bulletin()).charts


@pytest.fixture(autouse=True)
def cjk_font() -> None:
    require_cjk_font()


@pytest.fixture
def stale_font_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """matplotlib's font list as a cache built before any CJK font was installed."""
    manager = font_manager.fontManager
    face = charts.chart_face()
    located = str(face.path) if face else None
    without_cjk = [entry for entry in manager.ttflist if "CJK" not in entry.name and entry.fname != located]
    monkeypatch.setattr(manager, "ttflist", without_cjk)
    manager._findfont_cached.cache_clear()
    yield
    manager._findfont_cached.cache_clear()


def _texts_with_chinese(chart: Chart) -> list[Text]:
    family = charts.cjk_font_family()
    with charts.chart_style(family):
        figure = charts.draw_chart(chart)
        figure.canvas.draw()  # makes the tick labels
    texts = [text for text in figure.findobj(Text) if CJK.search(text.get_text())]
    assert texts, "no Chinese text in the chart"
    return texts


def _assert_every_chinese_character_has_a_glyph(chart: Chart) -> None:
    face = charts.chart_face()
    assert face is not None
    for text in _texts_with_chinese(chart):
        resolved = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert (Path(resolved.path), resolved.face_index) == (face.path, face.index), text.get_text()
        font = font_manager.get_font(resolved)
        missing = [
            char for char in text.get_text() if CJK.match(char) and font.get_char_index(ord(char)) == 0
        ]
        assert missing == [], f"{text.get_text()!r} drawn with {font.family_name}, which lacks {missing}"


@pytest.mark.parametrize("index", [0, 1], ids=["trend", "ranking"])
def test_every_chinese_label_has_a_glyph_in_the_font_it_is_drawn_in(index: int) -> None:
    _assert_every_chinese_character_has_a_glyph(_sample_charts()[index])


@pytest.mark.usefixtures("stale_font_cache")
def test_a_font_cache_older_than_the_font_does_not_make_tofu() -> None:
    face = charts.chart_face()
    assert face is not None
    assert not any(entry.fname == str(face.path) for entry in font_manager.fontManager.ttflist)
    for chart in _sample_charts():
        _assert_every_chinese_character_has_a_glyph(chart)


def test_drawing_the_charts_misses_no_glyph() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for chart in _sample_charts():
            charts.render_chart(chart)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def _label(text: str, family: str) -> np.ndarray:
    figure = Figure(figsize=(2.4, 0.5), dpi=100)
    figure.text(0.02, 0.2, text, family=family, fontsize=20)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="png")
    return np.asarray(Image.open(buffer).convert("L"), dtype=int) < 128


def test_labels_in_the_chart_font_are_glyphs_and_in_dejavu_the_same_boxes() -> None:
    family = charts.cjk_font_family()
    assert family is not None
    one, other = "各单位得分", "报送采用条"
    tofu_one, tofu_other = _label(one, charts.LATIN_FALLBACK), _label(other, charts.LATIN_FALLBACK)
    assert tofu_one.any() and (tofu_one == tofu_other).all()  # a font without CJK: identical boxes
    drawn_one, drawn_other = _label(one, family), _label(other, family)
    assert (drawn_one != drawn_other).mean() > 0.03
    assert (drawn_one != tofu_one).mean() > 0.03


def test_a_chart_without_the_cjk_font_differs_from_the_chart_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    trend = _sample_charts()[0]
    with_font = np.asarray(Image.open(io.BytesIO(charts.render_chart(trend))).convert("L"), dtype=int)
    monkeypatch.setattr(charts, "cjk_font_family", lambda: None)
    charts._warn_missing_cjk_font.cache_clear()
    with pytest.warns(charts.MissingCJKFontWarning):
        tofu = np.asarray(Image.open(io.BytesIO(charts.render_chart(trend))).convert("L"), dtype=int)
    charts._warn_missing_cjk_font.cache_clear()
    title_band = slice(0, with_font.shape[0] // 8)
    assert with_font.shape == tofu.shape
    assert (np.abs(with_font[title_band] - tofu[title_band]) > 64).mean() > 0.005
