"""Decide what a bulletin says: pure, from :class:`BulletinData` to :class:`Bulletin`.

Sections follow the county and city bulletins offices circulate: overview with totals
and the year's trend; top three per peer group (those with points), how places were given
(the tie rule) and a score table per group; adoptions by unit and the list of adopted
items; units commended; units criticised, grouped by the three kinds of failing;
requirements. A section with nothing to say is left out and the rest are numbered on.
Every count of adoptions is read off ``data.adopted_items``, the list the bulletin prints,
and publications, levels, forms and groups are named in the bulletin's language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from itertools import groupby
from typing import Any

from . import wording as w
from .document import Bar, Block, Bulletin, Paragraph, RankingChart, Section, Table, TrendChart
from .model import BulletinData, UnitRow


def compose_bulletin(data: BulletinData) -> Bulletin:
    """Every word of the bulletin for ``data``, in ``data.language``."""
    phrases = w.PHRASES[data.language]
    summary = _summary(data)
    bodies = [
        (phrases["overview"], _overview(data, summary)),
        (phrases["ranking"], _ranking(data)),
        (phrases["adoption"], _adoption(data)),
        (phrases["commended"], _commended(data)),
        (phrases["criticised"], _criticised(data)),
        (phrases["requirements"], (Paragraph(phrases["requirements_text"]),)),
    ]
    sections = [(heading, blocks) for heading, blocks in bodies if blocks]
    return Bulletin(
        language=data.language,
        masthead=data.masthead or phrases["masthead"],
        number=data.number,
        office_name=data.office_name,
        date_text=w.format_date(data.language, data.issued_on),
        title=_title(data),
        addressees=data.addressees or w.default_addressees(data.language, data.office_name),
        opening=_opening(data),
        summary=summary,
        sections=tuple(
            Section(w.section_number(data.language, n) + heading, blocks)
            for n, (heading, blocks) in enumerate(sections, start=1)
        ),
    )


def _scope(data: BulletinData) -> str:
    suffix = w.jurisdiction(data.office_name)
    return f"全{suffix}" if suffix else ""


def _title(data: BulletinData) -> str:
    period = w.format_period(data)
    if data.language == "zh":
        return f"关于{period}{_scope(data)}政务信息工作情况的通报"
    return f"Bulletin on Government Information Work, {period}"


def _opening(data: BulletinData) -> str:
    period = w.format_period(data)
    if data.language == "zh":
        return (
            f"{period}，{_scope(data)}各单位围绕中心工作积极报送政务信息，为领导科学决策"
            "提供了有力服务。根据政务信息工作考核办法，现将有关情况通报如下："
        )
    return (
        f"Under the information work assessment rules, {data.office_name} reports how "
        f"units submitted information and had it adopted in {period}, as follows."
    )


def _summary(data: BulletinData) -> str:
    """The totals in one paragraph: items, items adopted, rate, and adoptions by level."""
    units = len(data.rankings)
    items = sum(r.items for r in data.rankings)
    adopted = data.adopted_total
    rate = w.format_rate(adopted, items)
    levels = _levels(data)
    if data.language == "zh":
        text = f"{w.format_period(data)}，参加考核的{units}个单位共报送政务信息{items}条，"
        text += f"被各级采用{adopted}条，采用率{rate}%。"
        if levels:
            text += "按采用层级统计，" + "、".join(f"{n}{c}条次" for n, c in levels)
            text += "（同一条信息在同一层级被多次采用的，计1条次）。"
        return text
    text = f"In {w.format_period(data)}, the {units} assessed units submitted {items} items, "
    text += f"of which {adopted} were adopted (an adoption rate of {rate}%)."
    if levels:
        text += " Items adopted by level of the adopting office: "
        text += ", ".join(f"{n} {c}" for n, c in levels) + " (an item counted once per level)."
    return text


def _levels(data: BulletinData) -> list[tuple[str, int]]:
    names = w.LEVEL_NAMES[data.language]
    counts = data.adoption_counts_by_level
    known = [lv for lv in w.LEVEL_ORDER if lv in counts]
    other = sorted(lv for lv in counts if lv not in w.LEVEL_ORDER)
    return [(names.get(lv, lv), counts[lv]) for lv in known + other if counts[lv]]


def _overview(data: BulletinData, summary: str) -> tuple[Block, ...]:
    blocks: list[Block] = [Paragraph(summary)]
    months = sorted((p for p in data.trend if p.month[:4] == str(data.year)), key=lambda p: p.month)
    if months:
        submitted = sum(p.total_items for p in months)
        adopted = sum(p.adopted for p in months)
        first, last = int(months[0].month[5:]), int(months[-1].month[5:])
        if data.language == "zh":
            span = f"{first}月" if first == last else f"{first}—{last}月"
            text = f"{data.year}年{span}，累计报送信息{submitted}条，采用{adopted}条，"
            text += f"采用率{w.format_rate(adopted, submitted)}%。"
            title = f"{data.year}年政务信息报送与采用情况（按月）"
        else:
            text = f"From {w.month_name(first)} to {w.month_name(last)} {data.year}, "
            text += f"{submitted} items were submitted and {adopted} adopted "
            text += f"(an adoption rate of {w.format_rate(adopted, submitted)}%)."
            title = f"Items submitted and adopted by month, {data.year}"
        phrases = w.PHRASES[data.language]
        chart = TrendChart(
            title=title,
            months=tuple(w.month_label(data.language, p.month) for p in months),
            submitted=tuple(p.total_items for p in months),
            adopted=tuple(p.adopted for p in months),
            submitted_label=phrases["submitted"],
            adopted_label=phrases["adopted"],
        )
        blocks += [Paragraph(text), chart]
    return tuple(blocks)


def _by_group(rows: tuple[UnitRow, ...]) -> list[tuple[str, list[UnitRow]]]:
    """Rows grouped by peer group, groups in order of first appearance, each by rank."""
    groups: dict[str, list[UnitRow]] = defaultdict(list)
    for row in rows:
        groups[row.group].append(row)
    return [(group, sorted(g, key=lambda r: (r.rank, -r.total, r.unit_name))) for group, g in groups.items()]


def _top_three(data: BulletinData, group: str, rows: list[UnitRow]) -> Paragraph:
    """The first three places of a group among the units that earned points."""
    lang = data.language
    label = w.group_name(lang, data.grouped_by, group)
    top = [r for r in rows if r.rank <= 3 and r.total > 0]
    if lang == "zh":
        if not top:
            return Paragraph(f"{label}本期均未得分。")
        names = "、".join(f"{r.unit_name}（{w.format_score(r.total)}分）" for r in top)
        return Paragraph(f"{label}前3名：{names}。")
    head = f"{label}: " if label else ""
    if not top:
        return Paragraph(f"{head}no unit earned points in this period.")
    return Paragraph(head + ", ".join(f"{r.unit_name} ({w.format_score(r.total)})" for r in top) + ".")


def _ranking(data: BulletinData) -> tuple[Block, ...]:
    if not data.rankings:
        return ()
    lang = data.language
    phrases = w.PHRASES[lang]
    groups = _by_group(data.rankings)
    blocks: list[Block] = [Paragraph(w.subsection_number(lang, 1) + phrases["top_three"], "subheading")]
    blocks += [_top_three(data, group, rows) for group, rows in groups]
    blocks.append(Paragraph(w.subsection_number(lang, 2) + phrases["score_table"], "subheading"))
    blocks.append(Paragraph(w.ranking_rule(data)))
    for group, rows in groups:
        label = w.group_name(lang, data.grouped_by, group) if len(groups) > 1 else ""
        blocks.append(_score_table(phrases, label, rows))
    ordered = [r for _, rows in groups for r in rows]
    blocks.append(
        RankingChart(
            title=phrases["chart_ranking"],
            bars=tuple(Bar(r.unit_name, float(r.total), r.group, w.format_score(r.total)) for r in ordered),
            value_label=phrases["score"],
        )
    )
    return tuple(blocks)


def _score_table(phrases: Mapping[str, Any], group: str, rows: list[UnitRow]) -> Table:
    """One peer group's places: one table per group, so each ranking starts at 1 once."""
    caption = phrases["rank_caption_group"].format(group=group) if group else phrases["rank_caption"]
    return Table(
        caption=caption,
        header=phrases["rank_header"],
        rows=tuple(
            (str(r.rank), r.unit_name, r.unit_class, str(r.items), str(r.adopted), w.format_score(r.total))
            for r in rows
        ),
        widths=(0.09, 0.29, 0.20, 0.15, 0.14, 0.13),
        numeric=frozenset({0, 3, 4, 5}),
    )


def _adoption(data: BulletinData) -> tuple[Block, ...]:
    lang, phrases = data.language, w.PHRASES[data.language]
    adopters = sorted((r for r in data.rankings if r.adopted), key=lambda r: (-r.adopted, r.unit_name))
    if not data.adopted_items:
        return (Paragraph(phrases["no_adoption"]),) if data.rankings else ()
    blocks: list[Block] = [Paragraph(w.subsection_number(lang, 1) + phrases["by_unit"], "subheading")]
    blocks.append(Paragraph(_adopters_sentence(data, adopters) if adopters else phrases["no_adoption"]))
    names = w.LEVEL_NAMES[lang]
    blocks.append(Paragraph(w.subsection_number(lang, 2) + phrases["item_list"], "subheading"))
    blocks.append(
        Table(
            caption=phrases["item_caption"],
            header=phrases["item_header"],
            rows=tuple(
                (
                    str(i),
                    item.title,
                    item.unit_name,
                    w.placements_text(lang, item.placements),
                    names.get(item.level, item.level),
                )
                for i, item in enumerate(data.adopted_items, start=1)
            ),
            widths=(0.08, 0.36, 0.18, 0.26, 0.12),
            numeric=frozenset({0}),
        )
    )
    return tuple(blocks)


def _adopters_sentence(data: BulletinData, adopters: list[UnitRow]) -> str:
    """'共有4个单位的信息被采用。其中，甲3条，乙2条，丙、丁各1条。' with equal counts merged."""
    groups = [
        (count, [r.unit_name for r in rows]) for count, rows in groupby(adopters, key=lambda r: r.adopted)
    ]
    if data.language == "zh":
        parts = [f"{'、'.join(n)}{'各' if len(n) > 1 else ''}{c}条" for c, n in groups]
        return f"共有{len(adopters)}个单位的信息被采用。其中，{'，'.join(parts)}。"
    parts = [
        f"{', '.join(n)} {c} {'item' if c == 1 else 'items'}{' each' if len(n) > 1 else ''}"
        for c, n in groups
    ]
    return f"Items from {len(adopters)} units were adopted: {'; '.join(parts)}."


def _commended(data: BulletinData) -> tuple[Block, ...]:
    if not data.commended:
        return ()
    sep = "：" if data.language == "zh" else ": "
    end = "。" if data.language == "zh" else "."
    lines = [
        Paragraph(f"{i}. {c.unit_name}{sep}{c.reason.rstrip('。.')}{end}")
        for i, c in enumerate(data.commended, start=1)
    ]
    return (Paragraph(w.PHRASES[data.language]["commend_lead"]), *lines)


def _criticised(data: BulletinData) -> tuple[Block, ...]:
    if not data.criticised:
        return ()
    lang = data.language
    blocks: list[Block] = [Paragraph(w.PHRASES[lang]["criticise_lead"])]
    n = 0
    for reason in w.CRITICISM_ORDER:
        units = [c for c in data.criticised if c.reason == reason]
        if not units:
            continue
        n += 1
        if lang == "zh":
            names = "、".join(c.unit_name + (f"（{c.detail}）" if c.detail else "") for c in units)
            text = f"{w.subsection_number(lang, n)}{w.CRITICISM_NAMES[lang][reason]}：{names}。"
        else:
            names = "; ".join(c.unit_name + (f" ({c.detail})" if c.detail else "") for c in units)
            text = f"{w.subsection_number(lang, n)}{w.CRITICISM_NAMES[lang][reason]}: {names}."
        blocks.append(Paragraph(text))
    return tuple(blocks)


def as_bulletin(doc: Bulletin | BulletinData) -> Bulletin:
    """Renderers take either the data or an already composed bulletin."""
    return doc if isinstance(doc, Bulletin) else compose_bulletin(doc)
