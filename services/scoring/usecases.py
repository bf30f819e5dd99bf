"""Scoring use cases: the transaction boundary between messages, the rubric and storage.

Event use cases run inside the unit of work of the consumer's batch, which has claimed the
event id (the inbox; ``shared.messaging.batch``); ``score_submission`` and ``place_unit``
are their per-message forms, each in a unit of work of its own.

- ``score``: SubmissionReceived/SubmissionRevised in, SubmissionScored out;
  idempotency key: the incoming event_id (inbox).
- ``rescore_period``: operator command; every item of a period rescored under the current
  rubric, one SubmissionScored(rescore=True) each; safe to re-run.
- ``preview_payload``: score a draft without storing anything (the new-item form's feedback):
  the same ``scorecard`` as a submission, at the clock's now, as if submitted today (which
  its timeliness explanation says); ``preview`` is its store-free form (warm-up, tools).
- ``record_outcome``: SubmissionScreened/SubmissionAdopted in, the editors' decision kept on
  the item so the agreement of scores with decisions can be reported; key: event_id.
- ``place``: UnitRegistered in, the unit's parent kept (who may read scores); key: event_id.
- ``readable_score``: an item's latest score if the caller may read it (services/scoring/access.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from services.scoring.access import may_read_score
from services.scoring.domain import (
    CriterionScore,
    ItemText,
    Rubric,
    ScoreCard,
    as_preview,
    score_item,
    simhash,
    simhash_bands,
)
from services.scoring.domain.agreement import AgreementReport, agreement
from services.scoring.ports import DUPLICATE_BANDS, ItemRecord, ScoringUnitOfWork
from shared.auth import Principal
from shared.clock import OFFICE_TIMEZONE, local_date
from shared.contracts import (
    CriterionResult,
    ScoreSuggestion,
    ScreeningOutcome,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionRevised,
    SubmissionScored,
    SubmissionScreened,
    UnitRegistered,
)
from shared.contracts.envelope import Event
from shared.messaging import PermanentError
from shared.persistence import apply_once

PRODUCER = "scoring"
UnitOfWorkFactory = Callable[[], ScoringUnitOfWork]


async def score(
    uow: ScoringUnitOfWork,
    rubric: Rubric,
    event: SubmissionReceived | SubmissionRevised,
    now: datetime,
    *,
    zone: str = OFFICE_TIMEZONE,
) -> SubmissionScored:
    """Score the item's current text at ``now``, keep it, emit SubmissionScored."""
    item = await _apply_text(uow, event)
    return await _score_and_store(uow, rubric, item, now, zone, cause=event)


async def score_submission(
    new_uow: UnitOfWorkFactory,
    rubric: Rubric,
    event: SubmissionReceived | SubmissionRevised,
    now: datetime,
    *,
    zone: str = OFFICE_TIMEZONE,
) -> SubmissionScored | None:
    """``score`` in its own unit of work; None when the event was already processed."""
    return await apply_once(new_uow, event.event_id, lambda uow: score(uow, rubric, event, now, zone=zone))


async def rescore_period(
    new_uow: UnitOfWorkFactory,
    rubric: Rubric,
    period: str,
    *,
    correlation_id: str,
    clock: Callable[[], datetime],
    progress: Callable[[int], None] = lambda _: None,
    zone: str = OFFICE_TIMEZONE,
) -> int:
    """Rescore every item of ``period`` under ``rubric``; returns how many changed version."""
    async with new_uow() as uow:
        ids = [item.submission_id async for item in uow.items.in_period(period)]
    rescored = 0
    for n, submission_id in enumerate(ids, start=1):
        async with new_uow() as uow:
            item = await uow.items.get(submission_id)
            if item is not None and _needs_rescore(item, rubric):
                await _score_and_store(uow, rubric, item, clock(), zone, correlation_id=correlation_id)
                await uow.commit()
                rescored += 1
        progress(n)
    return rescored


async def record_outcome(uow: ScoringUnitOfWork, event: SubmissionScreened | SubmissionAdopted) -> bool:
    """Keep an editor's decision on an item; False for an unknown item."""
    item = await uow.items.get(event.submission_id)
    if item is None:
        return False
    outcome = (
        f"adopted:{event.office_level}"
        if isinstance(event, SubmissionAdopted)
        else ScreeningOutcome(event.outcome).value
    )
    item.outcomes.append(outcome)
    if isinstance(event, SubmissionAdopted):
        item.adopted_by.append(event.office_id)
    await uow.items.save(item)
    return True


async def place(uow: ScoringUnitOfWork, event: UnitRegistered) -> None:
    """Keep where ``event`` places its unit in the tree."""
    await uow.units.place(event.unit_id, event.parent_id)


async def place_unit(new_uow: UnitOfWorkFactory, event: UnitRegistered) -> None:
    """``place`` in its own unit of work (nothing for a duplicate)."""
    await apply_once(new_uow, event.event_id, lambda uow: place(uow, event))


async def readable_score(
    new_uow: UnitOfWorkFactory, submission_id: str, caller: Principal
) -> dict[str, Any] | None:
    """The item's latest score, or None when there is none or ``caller`` may not read it
    (the same answer, so that a refusal does not tell an item exists)."""
    async with new_uow() as uow:
        item = await uow.items.get(submission_id)
        if item is None or item.score is None:
            return None
        lineage = await uow.units.lineage(item.unit_id)
        adopters = [await uow.units.lineage(office) for office in item.adopted_by]
    return item.score if may_read_score(caller, lineage, adopters) else None


async def score_agreement(new_uow: UnitOfWorkFactory, period: str) -> AgreementReport:
    """Do scores predict adoption? Items of ``period`` adopted somewhere vs returned."""
    decided: list[tuple[float, bool]] = []
    async with new_uow() as uow:
        async for item in uow.items.in_period(period):
            adopted = any(o.startswith("adopted:") for o in item.outcomes)
            if item.score is not None and (adopted or "returned" in item.outcomes):
                decided.append((float(item.score["overall"]), adopted))
    return agreement(decided)


def text_to_score(
    title: str, body: str, category: str | None, language: str | None, submitted_at: datetime | None,
    zone: str,
) -> ItemText:
    """What the rubric scores, for a submission and a draft alike: ``submitted_at`` is put on
    the office's clock (``zone``), whose calendar day timeliness counts to."""
    if submitted_at is not None:
        aware = submitted_at if submitted_at.tzinfo is not None else submitted_at.replace(tzinfo=UTC)
        submitted_at = aware.astimezone(ZoneInfo(zone))
    return ItemText(title=title, body=body, category=category, language=language, submitted_at=submitted_at)


async def scorecard(
    uow: ScoringUnitOfWork, rubric: Rubric, text: ItemText, *, exclude: str = ""
) -> ScoreCard:
    """The one scoring of a text, stored or previewed: the earlier items sharing a SimHash
    band with it (other than ``exclude``, the item itself), then the rubric."""
    bands = simhash_bands(simhash(text.body), DUPLICATE_BANDS)
    earlier = await uow.items.candidates(bands, exclude=exclude)
    return score_item(text, rubric, earlier=earlier)


def preview(
    rubric: Rubric, title: str, body: str, category: str | None, *,
    language: str | None = None, now: datetime | None = None, zone: str = OFFICE_TIMEZONE,
) -> ScoreCard:
    """The rubric's score of a draft submitted at ``now``, without the store: no near-duplicate
    check and nothing stored (warm-up, tools). Authors see ``preview_payload``."""
    return score_item(text_to_score(title, body, category, language, now, zone), rubric)


async def preview_payload(
    new_uow: UnitOfWorkFactory, rubric: Rubric, title: str, body: str, category: str | None, *,
    language: str | None, now: datetime, zone: str = OFFICE_TIMEZONE,
) -> dict[str, Any]:
    """A draft scored as its submission will be if it goes now (the HTTP API and the Kafka
    request-reply answer), nothing stored: ``scorecard`` with the submission's inputs, and
    the clock's ``now`` as the submission time, which the timeliness explanation states."""
    text = text_to_score(title, body, category, language, now, zone)
    async with new_uow() as uow:
        card = await scorecard(uow, rubric, text)
    card = as_preview(card, local_date(now, zone))
    return {
        "overall": round(card.overall, 2),
        "band": card.band,
        "language": card.language,
        "rubric_version": card.rubric_version,
        "criteria": [criterion_result(c).model_dump() for c in card.criteria],
    }


async def _apply_text(
    uow: ScoringUnitOfWork, event: SubmissionReceived | SubmissionRevised
) -> ItemRecord:
    if isinstance(event, SubmissionReceived):
        return ItemRecord(
            submission_id=event.submission_id,
            unit_id=event.unit_id,
            author_id=event.author_id,
            title=event.title,
            body=event.body,
            category=event.category,
            language=event.language,
            period=event.period,
            submitted_at=event.submitted_at,
        )
    known = await uow.items.get(event.submission_id)
    if known is None:
        raise PermanentError(f"revision of unknown submission {event.submission_id}")
    return replace(known, title=event.title, body=event.body, revision=event.revision)


async def _score_and_store(
    uow: ScoringUnitOfWork,
    rubric: Rubric,
    item: ItemRecord,
    now: datetime,
    zone: str,
    *,
    cause: Event | None = None,
    correlation_id: str | None = None,
) -> SubmissionScored:
    text = text_to_score(item.title, item.body, item.category, item.language, item.submitted_at, zone)
    card = await scorecard(uow, rubric, text, exclude=item.submission_id)
    data = {**_scored_fields(item, card, rescore=cause is None), "occurred_at": now}
    scored = (
        SubmissionScored.caused_by(cause, producer=PRODUCER, **data)
        if cause is not None
        else SubmissionScored.originated(producer=PRODUCER, correlation_id=correlation_id, **data)
    )
    item.fingerprint = card.fingerprint
    item.score = scored.model_dump(mode="json")
    await uow.items.save(item)
    uow.emit(scored)
    return scored


def _needs_rescore(item: ItemRecord, rubric: Rubric) -> bool:
    return item.score is None or item.score.get("rubric_version") != rubric.version


def _scored_fields(item: ItemRecord, card: ScoreCard, *, rescore: bool) -> dict[str, object]:
    return {
        "submission_id": item.submission_id,
        "unit_id": item.unit_id,
        "author_id": item.author_id,
        "title": item.title,
        "period": item.period,
        "revision": item.revision,
        "overall": round(card.overall, 2),
        "band": card.band,
        "language": card.language,
        "rubric_version": card.rubric_version,
        "criteria": [criterion_result(c) for c in card.criteria],
        "rescore": rescore,
    }


def criterion_result(criterion: CriterionScore) -> CriterionResult:
    """The contract form of one domain criterion score."""
    return CriterionResult(
        criterion=criterion.criterion,
        score=round(criterion.score, 2),
        weight=criterion.weight,
        explanation=criterion.explanation,
        evidence=list(criterion.evidence),
        suggestions=[ScoreSuggestion(text=s.text, location=s.location) for s in criterion.suggestions],
    )
