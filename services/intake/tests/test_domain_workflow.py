"""The item's state machine and the scope rules, as plain functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.intake.domain import (
    Draft,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    ItemState,
    Person,
    Unit,
    User,
    access,
    sign_off,
    start,
    workflow,
)
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScreeningOutcome, UnitKind

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
BEIJING = "Asia/Shanghai"
COUNTY = Unit("dx", "东溪县人民政府办公室", OrgLevel.COUNTY, UnitKind.GOVERNMENT, "lj")
TOWN = Unit("hs", "河山镇人民政府", OrgLevel.TOWNSHIP, UnitKind.GOVERNMENT, "dx")
OFFICER = Person("officer", "李明", "hs", ["officer"])
DRAFT = Draft("河山镇秋粮收购进度过半", "截至11月20日，已收购1.2万吨。", "动态")


def new_draft(**changes: object) -> object:
    return start("s1", TOWN, OFFICER, Draft(**{**DRAFT.__dict__, **changes}), NOW, BEIJING)


def test_a_new_item_is_a_draft_addressed_to_the_unit_s_office() -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, NOW, BEIJING)
    assert item.state == ItemState.DRAFT and item.office_id == "dx"
    assert item.submitted_at is None and item.offices_reached == []


def test_sign_off_submits_the_draft_once() -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, NOW, BEIJING)
    sign_off(item, "head", NOW + timedelta(days=20), BEIJING)
    assert item.state == ItemState.SUBMITTED and item.signed_off_by == "head"
    assert item.period == "2026-12" and item.offices_reached == ["dx"]
    with pytest.raises(IllegalTransition):
        sign_off(item, "head", NOW, BEIJING)


@pytest.mark.parametrize(
    ("signed_off_at", "zone", "period"),
    [
        # 00:30 on 1 December in Beijing is still 30 November in UTC: December's item.
        (datetime(2026, 11, 30, 16, 30, tzinfo=UTC), BEIJING, "2026-12"),
        (datetime(2026, 11, 30, 15, 59, 59, tzinfo=UTC), BEIJING, "2026-11"),
        # New Year's Eve 00:30 in Beijing is the next year's first period.
        (datetime(2026, 12, 31, 16, 30, tzinfo=UTC), BEIJING, "2027-01"),
        # An office configured in another zone reads the same instant in its own calendar.
        (datetime(2026, 11, 30, 16, 30, tzinfo=UTC), "UTC", "2026-11"),
        (datetime(2028, 2, 29, 16, 30, tzinfo=UTC), BEIJING, "2028-03"),
    ],
)
def test_an_item_counts_for_the_month_it_was_submitted_in_on_the_office_s_clock(
    signed_off_at: datetime, zone: str, period: str
) -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, signed_off_at - timedelta(hours=1), zone)
    sign_off(item, "head", signed_off_at, zone)
    assert item.period == period


def test_an_urgent_item_signed_off_after_its_report_within_is_late() -> None:
    happened = NOW - timedelta(hours=1)
    on_time = start("s1", TOWN, OFFICER, Draft("山体滑坡", "正文。", "突发事件", urgent=True,
                                                occurred_at=happened), NOW, BEIJING, timedelta(hours=2))
    late = start("s2", TOWN, OFFICER, Draft("山体滑坡", "正文。", "突发事件", urgent=True,
                                             occurred_at=happened), NOW, BEIJING, timedelta(hours=2))
    sign_off(on_time, "head", happened + timedelta(minutes=119), BEIJING)
    sign_off(late, "head", happened + timedelta(minutes=121), BEIJING)
    assert (on_time.late, late.late) == (False, True)
    assert late.report_due == happened + timedelta(hours=2)


def test_the_root_of_the_tree_has_no_office_to_write_to() -> None:
    root = Unit("jn", "省政府办公厅", OrgLevel.PROVINCE, UnitKind.GOVERNMENT, None)
    with pytest.raises(InvalidInput):
        start("s1", root, Person("p", "某", "jn", ["officer"]), DRAFT, NOW, BEIJING)


def test_a_withdrawn_draft_never_left_the_unit() -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, NOW, BEIJING)
    assert workflow.withdraw(item) is False
    assert item.state == ItemState.WITHDRAWN


def test_adoption_records_the_offices_whose_leaders_may_read_it() -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, NOW, BEIJING)
    sign_off(item, "head", NOW, BEIJING)
    workflow.screen(item, ScreeningOutcome.ACCEPTED, [])
    workflow.adopt(item, COUNTY, "a1", "dongtai", AdoptionForm.FULL_TEXT, None, NOW, ["dx", "lj", "jn"])
    assert item.adopted_under == ["dx", "lj", "jn"]
    with pytest.raises(IllegalTransition):
        workflow.withdraw(item)


def test_feedback_after_the_due_time_is_late() -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, NOW, BEIJING)
    item.adoptions.append({"adoption_id": "a1"})
    workflow.record_instruction(item, {"instruction_id": "i1"})
    due = NOW + timedelta(days=1)
    assert workflow.give_feedback(item, "i1", "已落实。", "officer", NOW, due)["late"] is False
    assert workflow.give_feedback(item, "i1", "补充。", "officer", due + timedelta(seconds=1), due)["late"]
    assert len(item.instructions[0]["feedback"]) == 2


def test_scope_rules_per_role() -> None:
    item = start("s1", TOWN, OFFICER, DRAFT, NOW, BEIJING)
    officer = User("officer", "李明", "hs", ("officer",))
    editor = User("e", "王芳", "dx", ("editor",))
    leader = User("l", "刘县长", "dx", ("leader",))
    assert access.can_read(officer, item) and not access.can_read(editor, item)
    sign_off(item, "head", NOW, BEIJING)
    assert access.can_read(editor, item) and not access.can_read(leader, item)
    item.adopted_under = ["dx"]
    assert access.can_read(leader, item)
    both = User("x", "甲", "dx", ("editor", "leader"))
    assert access.views(both) == [access.View.OFFICE, access.View.ADOPTED]
    with pytest.raises(Forbidden, match="only editor of dx may"):
        access.require_office_role(officer, "dx", {"editor"}, "screen items at dx")
    access.require_admin_over(User("a", "管理员", "lj", ("admin",)), ["hs", "dx", "lj"], "x")
    with pytest.raises(Forbidden):
        access.require_admin_over(User("a", "管理员", "dx", ("admin",)), ["lj", "jn"], "x")
