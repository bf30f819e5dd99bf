"""The event contracts: envelope, keys, topics, round trips and tolerance."""

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from shared.contracts import (
    ALL_EVENT_TYPES,
    PointsAwarded,
    SubmissionEvent,
    SubmissionReceived,
    UnitRegistered,
    event_class,
    topic_for,
    topics,
    utcnow,
)


def received(**overrides: object) -> SubmissionReceived:
    data = dict(
        submission_id="s1", unit_id="u1", unit_name="福田区", unit_level="county",
        office_id="o1", author_id="p1", author_name="王芳", title="标题", body="正文",
        language="zh", category="动态", period="2026-11", submitted_at=utcnow(),
    )
    data.update(overrides)
    return SubmissionReceived.originated(producer="intake", **data)


def test_submission_events_are_keyed_by_submission_so_their_order_holds() -> None:
    event = received()
    assert event.partition_key() == "s1"
    assert topic_for(event) == topics.SUBMISSIONS


def test_unit_events_are_keyed_by_unit() -> None:
    event = UnitRegistered.originated(
        producer="intake", unit_id="u9", name="x", level="city", kind="government",
        parent_id=None, reports_to=None,
    )
    assert event.partition_key() == "u9"
    assert topic_for(event) == topics.UNITS


def test_caused_event_keeps_correlation_and_names_its_cause() -> None:
    cause = received()
    effect = PointsAwarded.caused_by(
        cause, producer="incentives", entry_id="e", unit_id="u1", period="2026-11",
        points=Decimal("1.5"), rule="r", policy_version="v", cause_event_id=cause.event_id,
        reason="x",
    )
    assert effect.correlation_id == cause.correlation_id
    assert effect.causation_id == cause.event_id
    assert effect.event_id != cause.event_id


def test_round_trip_through_json_keeps_every_field() -> None:
    event = received()
    parsed = TypeAdapter(SubmissionEvent).validate_json(event.model_dump_json())
    assert parsed == event


def test_decimal_points_travel_exactly() -> None:
    cause = received()
    entry = PointsAwarded.caused_by(
        cause, producer="incentives", entry_id="e", unit_id="u1", period="2026-11",
        points=Decimal("0.1"), rule="r", policy_version="v", cause_event_id="c", reason="x",
    )
    assert PointsAwarded.model_validate_json(entry.model_dump_json()).points == Decimal("0.1")


def test_a_newer_producer_field_is_ignored_not_rejected() -> None:
    payload = received().model_dump(mode="json") | {"added_in_v1_1": True}
    assert TypeAdapter(SubmissionEvent).validate_python(payload).submission_id == "s1"


def test_missing_field_is_rejected_naming_it() -> None:
    payload = received().model_dump(mode="json")
    del payload["title"]
    with pytest.raises(ValidationError) as error:
        TypeAdapter(SubmissionEvent).validate_python(payload)
    assert "title" in str(error.value)


def test_period_must_be_a_month_quarter_or_year() -> None:
    with pytest.raises(ValidationError):
        received(period="November")


def test_occurred_at_must_carry_a_timezone() -> None:
    with pytest.raises(ValidationError):
        received(submitted_at="2026-11-01T10:00:00")


@pytest.mark.parametrize("cls", ALL_EVENT_TYPES)
def test_every_event_type_has_a_topic_a_wire_name_and_described_fields(cls: type) -> None:
    wire = cls.model_fields["type"].default
    assert event_class(wire) is cls
    undocumented = [
        name for name, field in cls.model_fields.items() if name != "type" and not field.description
    ]
    assert undocumented == [], f"{cls.__name__} fields without description: {undocumented}"
    assert cls.__doc__
