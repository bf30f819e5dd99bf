"""A bulletin's judgements, from each row's tally (``bulletin_facts``): places within peer
groups, who is commended and who criticised. Pure.

Places follow the total (or the average per item) within a unit class, a level or all units,
as the office's policy ranks; equal scores share a place by its tie rule. The first places
of a group are commended if they had an item adopted and earned points (at least the class's
threshold); a unit is criticised for submitting nothing (its subtree, by default), for a
poor-band share of at least half (with at least two items), or for any item returned as
inaccurate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from services.notify.bulletins.model import Commendation, Criticism, CriticismReason, Language, UnitRow
from services.notify.bulletins.wording import format_score, group_name
from shared.contracts.bulletin_rules import BulletinRules

if TYPE_CHECKING:
    from services.notify.domain.bulletin_facts import UnitFacts, UnitTally

LOW_QUALITY_SHARE = Decimal("0.5")
LOW_QUALITY_MIN_ITEMS = 2


def score_of(t: UnitTally, rules: BulletinRules) -> Decimal:
    """What places follow: the total, or the average per item submitted."""
    if rules.ranked_by == "average":
        return t.points / t.items if t.items else Decimal(0)
    return t.points


def group_of(unit: UnitFacts, rules: BulletinRules) -> str:
    if rules.peer_groups == "level":
        return unit.level or "?"
    return "all" if rules.peer_groups == "all" else unit.unit_class


def rank(tallies: list[UnitTally], rules: BulletinRules) -> list[UnitRow]:
    """Rows per peer group in group order, best first; equal scores share a place, the next
    one skipped ('competition': 1, 1, 3) or not ('dense': 1, 1, 2)."""
    groups: dict[str, list[UnitTally]] = defaultdict(list)
    for t in tallies:
        groups[group_of(t.unit, rules)].append(t)
    rows: list[UnitRow] = []
    for group in sorted(groups):
        ordered = sorted(groups[group], key=lambda t: (-score_of(t, rules), t.unit.name, t.unit.unit_id))
        place, previous = 0, None
        for position, t in enumerate(ordered, start=1):
            score = score_of(t, rules)
            if score != previous:
                place = position if rules.ties == "competition" else place + 1
            previous = score
            rows.append(
                UnitRow(t.unit.unit_id, t.unit.name, t.unit.unit_class, t.points, t.items, len(t.adopted),
                        place, group)
            )
    return rows


def criticisms(tallies: list[UnitTally], rules: BulletinRules, language: Language) -> list[Criticism]:
    """The three kinds of failing, each a line of its own."""
    found: list[Criticism] = []
    for t in sorted(tallies, key=lambda t: (t.unit.unit_class, t.unit.name)):
        name = t.unit.name
        submitted = t.subtree_items if rules.not_submitted == "subtree" else t.own_items
        if submitted == 0:
            found.append(Criticism(name, CriticismReason.NOT_SUBMITTED))
        elif t.items >= LOW_QUALITY_MIN_ITEMS and Decimal(t.poor) / t.items >= LOW_QUALITY_SHARE:
            detail = (
                f"{t.items}条信息中{t.poor}条质量较差"
                if language == "zh"
                else f"{t.poor} of {t.items} items of poor quality"
            )
            found.append(Criticism(name, CriticismReason.LOW_QUALITY, detail))
        if t.inaccurate:
            detail = (
                f"{t.inaccurate}条信息因失实被退回"
                if language == "zh"
                else f"{t.inaccurate} item(s) returned as inaccurate"
            )
            found.append(Criticism(name, CriticismReason.INACCURATE, detail))
    return found


def commendable(row: UnitRow, rules: BulletinRules) -> bool:
    """A first place of its group that had an item adopted and earned points (at least the
    threshold of its class where the policy sets one)."""
    rule = rules.commend
    return (
        row.rank <= rule.places
        and row.adopted >= rule.min_adopted
        and row.total > 0
        and row.total >= rule.threshold(row.unit_class)
    )


def commendations(rows: list[UnitRow], rules: BulletinRules, language: Language) -> list[Commendation]:
    """The commendable rows, each with its points, place (shared ones said so) and adoptions."""
    places = Counter((r.group, r.rank) for r in rows)
    found = []
    for row in rows:
        if not commendable(row, rules):
            continue
        group = group_name(language, rules.peer_groups, row.group)
        shared = places[(row.group, row.rank)] > 1
        score = format_score(row.total)
        if language == "zh":
            where = f"居{group}第{row.rank}名{'（并列）' if shared else ''}"
            reason = f"积分{score}分，{where}，被采用信息{row.adopted}条"
        else:
            where = f"{'joint ' if shared else ''}place {row.rank}" + (f" in {group}" if group else "")
            reason = f"{score} points, {where}, {row.adopted} item(s) adopted"
        found.append(Commendation(row.unit_name, reason))
    return found

