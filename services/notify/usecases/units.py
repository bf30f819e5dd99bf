"""Units, people and what units owe: the org tree and deadlines in, preferences from the API.

The event use cases run in the unit of work of the consumer's batch, which has claimed the
event id (the inbox; ``shared.messaging.batch``). Idempotency key: the event id.
"""

from __future__ import annotations

from datetime import UTC

from services.notify.domain import Preferences, UnitContacts
from services.notify.domain.notices import (
    briefing_message,
    commission_message,
    missed_deadline_message,
    sign_off_message,
)
from services.notify.domain.reminders import period_end
from services.notify.repositories import NotifyUnitOfWork
from services.notify.usecases.common import Cause, Deps
from services.notify.usecases.outbound import send_message
from services.notify.usecases.reminders import record_obligation
from shared.contracts import (
    BriefingIssued,
    CommissionPublished,
    DeadlineMissed,
    DeadlineSet,
    QuotaSet,
    SignOffRequested,
    UnitRegistered,
)


async def on_unit_registered(deps: Deps, uow: NotifyUnitOfWork, event: UnitRegistered) -> None:
    """Keep the unit's name, place and class: to word messages and rank it in bulletins."""
    await uow.units.update(
        event.unit_id,
        name=event.name,
        level=event.level,
        reports_to=event.reports_to,
        parent_id=event.parent_id,
        unit_class=event.unit_class,
    )


async def on_quota_set(deps: Deps, uow: NotifyUnitOfWork, event: QuotaSet) -> None:
    """A quota becomes an obligation due at the end of its period (reminded while behind)."""
    due = period_end(event.period, deps.rules.timezone).astimezone(UTC)
    await record_obligation(
        uow,
        unit_id=event.unit_id,
        office_id=event.office_id,
        subject="quota",
        reference_id=event.period,
        due_at=due,
        cause=Cause.of(event),
        now=deps.clock(),
        rules=deps.rules,
        required=event.items_required,
    )


async def on_deadline_set(deps: Deps, uow: NotifyUnitOfWork, event: DeadlineSet) -> None:
    """A commissioned topic, instruction feedback or urgent report due: an obligation
    (for a quota, the period's due time is moved)."""
    await record_obligation(
        uow,
        unit_id=event.unit_id,
        office_id=event.office_id,
        subject=event.subject,
        reference_id=event.reference_id,
        due_at=event.due_at.astimezone(UTC),
        cause=Cause.of(event),
        now=deps.clock(),
        rules=deps.rules,
    )


async def set_preferences(deps: Deps, prefs: Preferences) -> Preferences:
    """A person's channels, addresses, language, quiet hours and digest choice."""
    async with deps.new_uow() as uow:
        await uow.people.save(prefs, deps.clock())
        await uow.commit()
    return prefs


async def set_contacts(deps: Deps, contacts: UnitContacts) -> UnitContacts:
    """Who hears for a unit (officers, heads, main leader, the office's editors)."""
    async with deps.new_uow() as uow:
        fields = {
            "officers": list(contacts.officers),
            "heads": list(contacts.heads),
            "main_leader": contacts.main_leader,
            "editors": list(contacts.editors),
        }
        if contacts.name:
            fields["name"] = contacts.name
        await uow.units.update(contacts.unit_id, **fields)
        await uow.commit()
        return await uow.units.get(contacts.unit_id)


async def lineage(deps: Deps, unit_id: str) -> tuple[str, ...]:
    """The unit and its ancestors, for the scope rule (``shared.auth.acts_on``)."""
    async with deps.new_uow() as uow:
        return await uow.units.lineage(unit_id)


async def on_deadline_missed(deps: Deps, uow: NotifyUnitOfWork, event: DeadlineMissed) -> None:
    """A deadline passed unanswered: the unit's officers and heads are told, and the editors
    of the office that set it (each in their unit's inbox when it names nobody). Once per
    person: the messages are keyed by the event."""
    unit = await uow.units.get(event.unit_id)
    office = await uow.units.get(event.office_id)
    unit_name = unit.name or event.unit_id
    audiences = (
        (list(dict.fromkeys([*unit.officers, *unit.heads])) or [event.unit_id], False),
        (list(office.editors) or [event.office_id], True),
    )
    cause, now = Cause.of(event), deps.clock()
    for recipients, to_office in audiences:
        for recipient in recipients:
            message = missed_deadline_message(
                recipient, subject=event.subject, reference_id=event.reference_id,
                submission_id=event.submission_id, due_at=event.due_at, unit_name=unit_name,
                zone=deps.rules.timezone, to_office=to_office,
            )
            await send_message(uow, message, cause, now, deps.rules)


async def on_sign_off_requested(deps: Deps, uow: NotifyUnitOfWork, event: SignOffRequested) -> None:
    """An item waits for the unit head: each head is told (the unit's inbox if it names none)."""
    unit = await uow.units.get(event.unit_id)
    person = await uow.people.get(event.requested_by)
    by = person.name if person is not None and person.name else event.requested_by
    cause, now = Cause.of(event), deps.clock()
    for head in list(unit.heads) or [event.unit_id]:
        message = sign_off_message(
            head, submission_id=event.submission_id, title=event.title, by=by,
            resubmission=event.resubmission,
        )
        await send_message(uow, message, cause, now, deps.rules)


async def on_commission_published(deps: Deps, uow: NotifyUnitOfWork, event: CommissionPublished) -> None:
    """Each unit asked hears of the commission or priority: its officers (else its inbox)."""
    office = await uow.units.get(event.office_id)
    cause, now = Cause.of(event), deps.clock()
    for unit_id in event.units:
        unit = await uow.units.get(unit_id)
        for recipient in list(unit.officers) or [unit_id]:
            message = commission_message(
                recipient, kind=event.kind, theme=event.theme, description=event.description,
                office_name=office.name or event.office_id, deadline=event.deadline,
                zone=deps.rules.timezone,
            )
            await send_message(uow, message, cause, now, deps.rules)


async def on_briefing_issued(deps: Deps, uow: NotifyUnitOfWork, event: BriefingIssued) -> None:
    """Each unit whose items the issue carries hears of it: its officers (else its inbox)."""
    office = await uow.units.get(event.office_id)
    titles: dict[str, list[str]] = {}
    for entry in event.items:
        titles.setdefault(entry.unit_id, []).append(entry.title)
    cause, now = Cause.of(event), deps.clock()
    for unit_id, carried in titles.items():
        unit = await uow.units.get(unit_id)
        for recipient in list(unit.officers) or [unit_id]:
            message = briefing_message(
                recipient, name=event.name, issue_no=event.issue_no,
                office_name=office.name or event.office_id, titles=carried,
            )
            await send_message(uow, message, cause, now, deps.rules)
