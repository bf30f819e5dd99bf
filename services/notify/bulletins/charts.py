"""Bulletin charts as PNG bytes: the ranking bars and the year's monthly trend.

Drawn with matplotlib's object API on an Agg canvas of its own: no pyplot, no global
backend or figure state, so it is safe in a server and beside other matplotlib users.
Chinese labels are set in the sans CJK face :func:`shared.fonts.cjk_face` finds by path
(Noto Sans CJK SC, 黑体-like), added to matplotlib's font manager from that path on every
render, so a font cache built before the font was installed does not matter. Without any
CJK font the chart is still drawn, the Chinese glyphs show as boxes, and a
:class:`MissingCJKFontWarning` says so once.
"""

from __future__ import annotations

import functools
import io
import re
import warnings
from contextlib import AbstractContextManager

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from shared.fonts import INSTALL_HINT, FontFace, MissingCJKFontWarning, cjk_face

from .document import Chart, RankingChart, TrendChart

WIDTH_INCHES = 6.3  # the text width of an A4 page with official margins
DPI = 200
LATIN_FALLBACK = "DejaVu Sans"  # matplotlib's own font: always there
_PALETTE = ("#b22222", "#2f5d8a", "#6b8e23", "#8b6914", "#6a5acd", "#708090")
_CJK_TEXT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def chart_face() -> FontFace | None:
    """The CJK face chart labels are set in, or None when no CJK font is installed."""
    return cjk_face("sans")


def cjk_font_family() -> str | None:
    """The family of :func:`chart_face`, known to matplotlib's font manager from its path."""
    face = chart_face()
    if face is None:
        return None
    manager = font_manager.fontManager
    known = {(entry.fname, entry.index) for entry in manager.ttflist}
    if (str(face.path), face.index) not in known:
        manager.addfont(face.path)  # adds every face of a collection, and forgets stale lookups
    return face.family


@functools.cache
def _warn_missing_cjk_font() -> None:
    warnings.warn(
        f"no CJK font found for charts; Chinese labels will show as boxes ({INSTALL_HINT})",
        MissingCJKFontWarning,
        stacklevel=3,
    )


def render_chart(chart: Chart) -> bytes:
    """The chart as a PNG image."""
    buffer = io.BytesIO()
    family = cjk_font_family()
    with warnings.catch_warnings(), chart_style(family):
        if family is None:
            if _CJK_TEXT.search(repr(chart)):
                _warn_missing_cjk_font()
            # one MissingCJKFontWarning says it all; not one warning per missing glyph
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        draw_chart(chart).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def chart_style(family: str | None) -> AbstractContextManager[None]:
    """The settings charts are drawn (and saved) under: text in ``family``, then DejaVu Sans.

    Tick labels are made when the figure is drawn, so saving must happen inside too."""
    families = [family, LATIN_FALLBACK] if family else [LATIN_FALLBACK]
    return rc_context({"font.family": families, "axes.unicode_minus": False, "font.size": 9})


def draw_chart(chart: Chart) -> Figure:
    """The chart as a figure on its own Agg canvas; call within :func:`chart_style`."""
    figure = _ranking(chart) if isinstance(chart, RankingChart) else _trend(chart)
    FigureCanvasAgg(figure)  # attaches itself: savefig draws with Agg, whatever the backend
    return figure


def _ranking(chart: RankingChart) -> Figure:
    count = max(len(chart.bars), 1)
    figure = Figure(figsize=(WIDTH_INCHES, 0.9 + 0.27 * count), layout="constrained")
    axes = figure.add_subplot()
    groups = list(dict.fromkeys(bar.group for bar in chart.bars))
    colours = {group: _PALETTE[i % len(_PALETTE)] for i, group in enumerate(groups)}
    positions = range(len(chart.bars))
    values = [bar.value for bar in chart.bars]
    bars = axes.barh(positions, values, height=0.7, color=[colours[bar.group] for bar in chart.bars])
    axes.bar_label(bars, labels=[bar.value_text for bar in chart.bars], padding=3, fontsize=8)
    axes.set_yticks(list(positions), [bar.label for bar in chart.bars])
    axes.invert_yaxis()
    axes.set_xlim(0, max(values, default=1) * 1.12 or 1)
    axes.set_xlabel(chart.value_label)
    axes.set_title(chart.title, fontsize=11)
    _plain_frame(axes, "x")
    if len(groups) > 1:
        handles = [Patch(color=colours[g], label=g) for g in groups]
        figure.legend(handles=handles, loc="outside lower center", ncols=len(groups), frameon=False)
    return figure


def _trend(chart: TrendChart) -> Figure:
    figure = Figure(figsize=(WIDTH_INCHES, 3.0), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(chart.months)))
    bars = axes.bar(positions, chart.submitted, width=0.6, color="#2f5d8a", label=chart.submitted_label)
    axes.bar_label(bars, padding=2, fontsize=7)
    axes.plot(positions, chart.adopted, color="#b22222", marker="o", linewidth=1.8, label=chart.adopted_label)
    for x, y in zip(positions, chart.adopted, strict=True):
        axes.annotate(
            str(y),
            (x, y),
            textcoords="offset points",
            xytext=(0, -11),
            ha="center",
            fontsize=7,
            color="white" if y else "#b22222",
        )
    axes.set_xticks(positions, chart.months)
    axes.set_ylim(0, max(chart.submitted, default=1) * 1.18 or 1)
    axes.set_title(chart.title, fontsize=11)
    handles, labels = axes.get_legend_handles_labels()
    axes.legend(handles[::-1], labels[::-1], loc="upper left", frameon=False, ncols=2)
    _plain_frame(axes, "y")
    return figure


def _plain_frame(axes: Axes, grid: str) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis=grid, alpha=0.25)
    axes.set_axisbelow(True)
