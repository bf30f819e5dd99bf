"""The page of an official document (GB/T 9704-2012 §5.2): A4, the type area and its grid.

The standard fixes the 天头 (top margin, 37 mm), the 订口 (binding margin, left, 28 mm) and
the type area (版心, 156 mm × 225 mm); the right (26 mm) and bottom (35 mm) margins follow
from the A4 sheet. The type area holds 22 lines of 28 characters of 三号 (16 pt) text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["GBT9704", "MM_PER_PT", "SIZE", "PageLayout"]

MM_PER_PT = 25.4 / 72

SIZE = {"初号": 42.0, "小初": 36.0, "一号": 26.0, "二号": 22.0, "三号": 16.0, "四号": 14.0, "五号": 10.5}
"""Chinese type sizes (字号) in points."""


@dataclass(frozen=True)
class PageLayout:
    """A portrait page and its type area, in millimetres, with the lines and characters it holds."""

    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 37
    left_mm: float = 28
    type_width_mm: float = 156
    type_height_mm: float = 225
    lines_per_page: int = 22
    chars_per_line: int = 28
    body_size_pt: float = SIZE["三号"]
    page_number_drop_mm: float = 7
    """How far below the type area the page number's dashes sit (§7.5)."""

    @property
    def right_mm(self) -> float:
        return self.width_mm - self.left_mm - self.type_width_mm

    @property
    def bottom_mm(self) -> float:
        return self.height_mm - self.top_mm - self.type_height_mm

    @property
    def line_pitch_twips(self) -> int:
        """The fixed line height: the type area over the lines, to whole twips (579, 28.95 pt),
        as Word's document grid for this page stores it."""
        return math.floor(self.type_height_mm / MM_PER_PT / self.lines_per_page * 20)

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch_twips / 20

    @property
    def condense_twentieths(self) -> int:
        """How much body characters are set closer (in 1/20 pt) so that ``chars_per_line`` of
        them fill, and fit, the type area's width: 156 mm holds 27 full 16 pt characters, 28 at
        15.75 pt. Word's character grid would do the same, but LibreOffice misreads a negative
        grid character spacing, so the condensing is stated on the runs."""
        pitch = self.type_width_mm / MM_PER_PT / self.chars_per_line
        return math.ceil((self.body_size_pt - pitch) * 20)

    def type_area_pt(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the type area in points from the page's top-left
        corner, as PDF tools measure."""
        left, top = self.left_mm / MM_PER_PT, self.top_mm / MM_PER_PT
        return left, top, left + self.type_width_mm / MM_PER_PT, top + self.type_height_mm / MM_PER_PT

    def page_pt(self) -> tuple[float, float]:
        """(width, height) of the page in points: 595.3 × 841.9 for A4."""
        return self.width_mm / MM_PER_PT, self.height_mm / MM_PER_PT


GBT9704 = PageLayout()
"""The layout GB/T 9704-2012 prescribes for every official document."""
