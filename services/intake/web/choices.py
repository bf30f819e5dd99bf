"""What the forms offer the viewer, from their own office and rank: the publications they
may adopt into, each with the issue the item will go into, and the instruction ranks they
may record. A hint only: the use cases refuse anything else."""

from __future__ import annotations

from dataclasses import dataclass

from services.intake.domain.access import instruction_ranks
from services.intake.usecases.briefings import upcoming_issues
from services.intake.web.context import Viewer, Web


@dataclass(frozen=True)
class AdoptionChoice:
    """One of the office's publications and the issue an adoption into it goes into now."""

    code: str
    name: str
    issue_no: str
    opens_new: bool


async def adoption_choices(web: Web, viewer: Viewer, lang: str) -> list[AdoptionChoice]:
    """The viewer's office's publications (none unless they edit there)."""
    if viewer.unit is None or not viewer.user.has({"editor"}):
        return []
    upcoming = await upcoming_issues(web.new_uow, viewer.user, web.clock(), zone=web.rules.timezone)
    return [
        AdoptionChoice(u["publication"], web.publications.name(u["publication"], lang), u["issue_no"],
                       u["opens_new"])
        for u in upcoming
    ]


def rank_choices(viewer: Viewer) -> list[str]:
    """The instruction ranks the viewer's office records: its own level and below."""
    return [rank.value for rank in instruction_ranks(viewer.unit.level)] if viewer.unit else []
