"""The faces of an official document, named as offices have them, with their fallbacks.

GB/T 9704-2012 sets the body in 仿宋 三号, titles in 小标宋 二号, first-level headings in 黑体
and second-level ones in 楷体, and page numbers in 宋体 四号. Offices' machines name these
faces differently (仿宋_GB2312 on older Windows, 方正仿宋_GBK with the 方正 set, FangSong on
current Windows, Noto on Linux), so each :class:`Typeface` names its face first and then the
fallbacks in order: the run properties (``w:rFonts w:eastAsia``) carry the first name, the
font table (``w:altName``) the rest, which is where Word looks when the first is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CHINESE", "ENGLISH", "Typeface", "Typefaces"]

_LATIN = "Times New Roman"


@dataclass(frozen=True)
class Typeface:
    """One face: its East Asian names, preferred first, and the face for Latin letters and digits.

    ``family`` is the font table's generic family ("roman" serif, "swiss" sans, "script"),
    which helps a word processor pick a substitute of the same kind.
    """

    names: tuple[str, ...]
    latin: str = _LATIN
    family: str = "roman"

    @property
    def name(self) -> str:
        """The face the document asks for."""
        return self.names[0]

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """The faces to use instead, in order, when the first is not installed."""
        return self.names[1:]


@dataclass(frozen=True)
class Typefaces:
    """The faces of one document by role, and its language (``zh-CN``, ``en-GB``)."""

    body: Typeface
    title: Typeface
    heading_1: Typeface
    heading_2: Typeface
    page_number: Typeface
    language: str

    @property
    def chinese(self) -> bool:
        return self.language.startswith("zh")

    def all(self) -> tuple[Typeface, ...]:
        """Every distinct face, for the font table."""
        faces = (self.body, self.title, self.heading_1, self.heading_2, self.page_number)
        return tuple(dict.fromkeys(faces))


_SERIF, _SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
FANGSONG = Typeface(("仿宋_GB2312", "方正仿宋_GBK", "仿宋", "FangSong", _SERIF))
XIAOBIAOSONG = Typeface(
    ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", _SERIF)
)
HEITI = Typeface(("黑体", "方正黑体_GBK", "SimHei", _SANS), family="swiss")
KAITI = Typeface(("楷体_GB2312", "方正楷体_GBK", "楷体", "KaiTi", "AR PL UKai CN", _SERIF), family="script")
SONGTI = Typeface(("宋体", "SimSun", _SERIF), latin="宋体")  # §7.5: 4号半角宋体阿拉伯数字

CHINESE = Typefaces(
    body=FANGSONG, title=XIAOBIAOSONG, heading_1=HEITI, heading_2=KAITI, page_number=SONGTI, language="zh-CN"
)
"""GB/T 9704-2012's faces."""

ENGLISH = Typefaces(
    body=Typeface((_LATIN,)),
    title=Typeface((_LATIN,)),
    heading_1=Typeface(("Arial",), latin="Arial", family="swiss"),
    heading_2=Typeface((_LATIN,)),
    page_number=Typeface((_LATIN,)),
    language="en-GB",
)
"""The same layout for a document in English, in Latin faces."""
