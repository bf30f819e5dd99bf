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
    Placement,
    TrendPoint,
    UnitRow,
)

_COUNTIES = (  # (id, name, score, items, adopted)
    ("qj-lc", "临川区", "152", 38, 4),
    ("qj-dy", "东阳县", "135.4", 31, 3),
    ("qj-ty", "桃源市", "131.6", 30, 3),
    ("qj-yx", "云溪县", "118.2", 27, 2),
    ("qj-qj", "清江区", "104", 25, 2),
    ("qj-sm", "石门县", "96.5", 22, 1),
    ("qj-np", "南浦县", "88", 19, 1),
    ("qj-cn", "长宁县", "72.3", 15, 1),
    ("qj-xl", "西岭县", "41.7", 9, 1),
    ("qj-bt", "北塘县", "12", 3, 0),
)
_DEPARTMENTS = (
    ("qj-ny", "市农业农村局", "175.7", 29, 3),
    ("qj-rs", "市人力资源和社会保障局", "165.3", 26, 2),
    ("qj-fg", "市发展和改革委员会", "160", 24, 2),
    ("qj-kj", "市科技和工业信息化局", "160", 21, 2),
    ("qj-ga", "市公安局", "86.7", 14, 1),
    ("qj-jy", "市教育局", "30.2", 6, 0),
)
_GUOBAN = Placement("国务院办公厅《政务信息》", "national", "full_text")
_PROVINCE = Placement("province-xinxi", "province", "full_text")
_CITY = Placement("city-xinxi", "city", "full_text")
_CITY_BRIEF = Placement("city-zhuanbao", "city", "excerpt")
_CITY_COMBINED = Placement("city-xinxi", "city", "combined")
_ITEMS = (  # (unit id, title, placements)
    ("qj-lc", "临川区“一网通办”让企业开办压缩至1个工作日", (_CITY, _PROVINCE, _GUOBAN)),
    ("qj-lc", "临川区老旧小区改造惠及居民1.2万户", (_CITY,)),
    ("qj-lc", "临川区“家门口就业服务站”帮助326名居民就业", (_CITY_COMBINED,)),
    ("qj-lc", "临川区冬季安全生产大检查整改隐患214处", (_CITY_BRIEF,)),
    ("qj-dy", "东阳县探索“零工驿站”促进灵活就业", (_CITY, _PROVINCE)),
    ("qj-dy", "东阳县秋粮收购进度过九成", (_CITY_COMBINED,)),
    ("qj-dy", "东阳县村级报表由46张精简为12张", (_CITY,)),
    ("qj-ty", "桃源市冬季供暖保障工作情况", (_CITY_BRIEF, _CITY)),
    ("qj-ty", "桃源市“强村公司”带动村集体增收286万元", (_PROVINCE,)),
    ("qj-ty", "桃源市中小学课后服务覆盖率达100%", (_CITY_COMBINED,)),
    ("qj-yx", "云溪县山体滑坡提前转移群众86人无伤亡", (_CITY_BRIEF, _PROVINCE)),
    ("qj-yx", "云溪县“共享课堂”补齐乡村学校短板", (_CITY,)),
    ("qj-qj", "清江区“证照联办”将企业开办时间压缩至半天", (_CITY,)),
    ("qj-qj", "清江区农贸市场提升改造完成", (_CITY_COMBINED,)),
    ("qj-sm", "石门县撂荒耕地复耕1200亩", (_CITY_COMBINED,)),
    ("qj-np", "南浦县“免证办”事项扩大到312项", (_CITY,)),
    ("qj-cn", "长宁县返乡农民工稳岗就业3580人", (_CITY_COMBINED,)),
    ("qj-xl", "西岭县森林防火“网格化”巡护", (_CITY_COMBINED,)),
    ("qj-ny", "市农业农村局多措并举推进高标准农田建设", (_CITY, _PROVINCE)),
    ("qj-ny", "全市秋冬种面积完成计划的96%", (_CITY,)),
    ("qj-ny", "市农业农村局推广水稻机插秧技术", (_CITY_COMBINED,)),
    ("qj-rs", "市人社局开展农民工工资支付专项检查", (_CITY, _CITY_BRIEF)),
    ("qj-rs", "全市城镇新增就业4.1万人", (_CITY_COMBINED,)),
    ("qj-fg", "全市重点项目完成投资超年度计划", (_PROVINCE,)),
    ("qj-fg", "市发展改革委优化项目审批流程", (_CITY,)),
    ("qj-kj", "全市规模以上工业增加值增长7.2%", (_CITY,)),
    ("qj-kj", "市科工信局推动中小企业数字化转型", (_CITY_COMBINED,)),
    ("qj-ga", "市公安局“一窗通办”户籍业务", (_CITY_COMBINED,)),
)
_MONTHLY = (  # (submitted, of them adopted) per month; November's are the rows' totals
    (212, 18),
    (198, 17),
    (265, 22),
    (281, 24),
    (297, 25),
    (310, 26),
    (276, 23),
    (301, 25),
    (322, 27),
    (318, 26),
    (339, 28),
)


def _rows(units: tuple[tuple[str, str, str, int, int], ...], unit_class: str) -> list[UnitRow]:
    rows, rank, previous = [], 0, None
    for position, (unit_id, name, score, items, adopted) in enumerate(units, start=1):
        rank = rank if score == previous else position
        previous = score
        rows.append(UnitRow(unit_id, name, unit_class, Decimal(score), items, adopted, rank))
    return rows


def _items() -> tuple[ItemRow, ...]:
    """The adopted items, highest level first, as bulletin_facts lists them."""
    names = {unit_id: name for unit_id, name, *_ in _COUNTIES + _DEPARTMENTS}
    rows = [ItemRow(title, names[unit_id], placements, unit_id) for unit_id, title, placements in _ITEMS]
    return tuple(sorted(rows, key=lambda r: ("national", "province", "city").index(r.level)))


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
        adopted_items=_items(),
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
            UnitRow("rs-n", "North District", "Districts", Decimal("88.5"), 20, 2, 1),
            UnitRow("rs-e", "East District", "Districts", Decimal("75"), 17, 1, 2),
            UnitRow("rs-s", "South District", "Districts", Decimal("61.25"), 12, 1, 3),
            UnitRow("rs-w", "West District", "Districts", Decimal("40"), 8, 0, 4),
        ),
        adopted_items=(
            ItemRow("North District opens a one-stop service hall", "North District",
                    (Placement("Provincial Daily Brief", "province", "full_text"),), "rs-n"),
            ItemRow("North District cuts business registration to one day", "North District",
                    (Placement("city-xinxi", "city", "excerpt"),), "rs-n"),
            ItemRow("East District's river clean-up ahead of schedule", "East District",
                    (Placement("city-xinxi", "city", "full_text"),), "rs-e"),
            ItemRow("South District trains 400 home-care workers", "South District",
                    (Placement("city-xinxi", "city", "combined"),), "rs-s"),
        ),
        commended=(("North District", "timely and accurate reporting"),),
        trend=(TrendPoint("2026-07", 18, 1), TrendPoint("2026-08", 20, 2), TrendPoint("2026-09", 19, 1)),
    )
