"""Made-up bulletins for tests, demos and previews: a city office with ten counties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .model import (
    BulletinData,
    Commendation,
    Criticism,
    CriticismReason,
    ItemRow,
    TrendPoint,
    UnitRow,
)

_COUNTIES = (  # (id, name, score, items, adopted)
    ("qj-lc", "临川区", "152", 38, 9),
    ("qj-dy", "东阳县", "135.4", 31, 7),
    ("qj-ty", "桃源市", "131.6", 30, 6),
    ("qj-yx", "云溪县", "118.2", 27, 5),
    ("qj-qj", "清江区", "104", 25, 4),
    ("qj-sm", "石门县", "96.5", 22, 3),
    ("qj-np", "南浦县", "88", 19, 3),
    ("qj-cn", "长宁县", "72.3", 15, 2),
    ("qj-xl", "西岭县", "41.7", 9, 1),
    ("qj-bt", "北塘县", "12", 3, 0),
)
_DEPARTMENTS = (
    ("qj-ny", "市农业农村局", "175.7", 29, 8),
    ("qj-rs", "市人力资源和社会保障局", "165.3", 26, 6),
    ("qj-fg", "市发展和改革委员会", "160", 24, 5),
    ("qj-kj", "市科技和工业信息化局", "160", 21, 5),
    ("qj-ga", "市公安局", "86.7", 14, 2),
    ("qj-jy", "市教育局", "30.2", 6, 0),
)
_MONTHLY = (
    (212, 31),
    (198, 29),
    (265, 41),
    (281, 44),
    (297, 47),
    (310, 52),
    (276, 43),
    (301, 49),
    (322, 55),
    (318, 58),
    (339, 66),
)


def _rows(units: tuple[tuple[str, str, str, int, int], ...], unit_class: str) -> list[UnitRow]:
    rows, rank, previous = [], 0, None
    for position, (unit_id, name, score, items, adopted) in enumerate(units, start=1):
        rank = rank if score == previous else position
        previous = score
        rows.append(UnitRow(unit_id, name, unit_class, Decimal(score), items, adopted, rank))
    return rows


def sample_city_bulletin() -> BulletinData:
    """清江市 (a made-up city), November 2026: ten counties and six city departments."""
    return BulletinData(
        office_name="清江市人民政府办公室",
        office_id="qj-gov-office",
        period="2026-11",
        kind="monthly",
        number="2026年第11期",
        issued_on=date(2026, 12, 5),
        language="zh",
        rankings=tuple(_rows(_COUNTIES, "县（市、区）") + _rows(_DEPARTMENTS, "市直部门")),
        adoption_counts_by_level={"national": 2, "province": 14, "city": 58},
        outstanding_items=(
            ItemRow(
                "临川区“一网通办”让企业开办压缩至1个工作日", "临川区", "国务院办公厅《政务信息》", "national"
            ),
            ItemRow(
                "市农业农村局多措并举推进高标准农田建设", "市农业农村局", "省政府《要情快报》", "province"
            ),
            ItemRow("东阳县探索“零工驿站”促进灵活就业", "东阳县", "省政府《政务信息》", "province"),
            ItemRow("桃源市冬季供暖保障工作情况", "桃源市", "市政府《每日要情》", "city"),
            ItemRow(
                "市人社局开展农民工工资支付专项检查", "市人力资源和社会保障局", "市政府《政务信息》", "city"
            ),
        ),
        commended=(
            Commendation("临川区", "报送及时，被国务院办公厅采用信息1条"),
            Commendation("市农业农村局", "信息质量高，采用率居市直部门首位"),
        ),
        criticised=(
            Criticism("北塘县", CriticismReason.NOT_SUBMITTED, "本月仅报送3条，未完成约稿任务"),
            Criticism("市教育局", CriticismReason.NOT_SUBMITTED),
            Criticism("西岭县", CriticismReason.LOW_QUALITY, "多条信息内容空泛、缺少数据"),
            Criticism("长宁县", CriticismReason.INACCURATE, "1条信息数据有误，造成不良影响"),
        ),
        trend=tuple(TrendPoint(f"2026-{m:02d}", s, a) for m, (s, a) in enumerate(_MONTHLY, start=1)),
    )


def sample_english_bulletin() -> BulletinData:
    """Riverside (made up), Q3 2026, in English: four districts, no criticism."""
    return BulletinData(
        office_name="Riverside City Government Office",
        office_id="rs-gov-office",
        period="2026-Q3",
        kind="quarterly",
        number="No. 3, 2026",
        issued_on=date(2026, 10, 12),
        language="en",
        rankings=(
            UnitRow("rs-n", "North District", "Districts", Decimal("88.5"), 20, 6, 1),
            UnitRow("rs-e", "East District", "Districts", Decimal("75"), 17, 4, 2),
            UnitRow("rs-s", "South District", "Districts", Decimal("61.25"), 12, 2, 3),
            UnitRow("rs-w", "West District", "Districts", Decimal("40"), 8, 1, 4),
        ),
        adoption_counts_by_level={"province": 3, "city": 10},
        outstanding_items=(
            ItemRow(
                "North District opens a one-stop service hall",
                "North District",
                "Provincial Daily Brief",
                "province",
            ),
        ),
        commended=(("North District", "timely and accurate reporting"),),
        trend=(TrendPoint("2026-07", 18, 4), TrendPoint("2026-08", 20, 5), TrendPoint("2026-09", 19, 4)),
    )
