"""The publications' names as the pages show them, and which ones an office may choose.

The catalogue is the domain's (services.intake.domain.publications): an office adopts into,
and compiles issues of, its own level's publications only; the use cases refuse the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.intake.domain.publications import CATALOGUE, Publication, publications_at
from shared.contracts.vocabulary import OrgLevel


@dataclass(frozen=True)
class Publications:
    """Known publications, by code, with their Chinese and English names."""

    known: tuple[Publication, ...] = CATALOGUE

    def name(self, code: str, lang: str) -> str:
        for publication in self.known:
            if publication.code == code:
                return publication.name if lang == "zh" else publication.name_en
        return code

    def choices(self, level: OrgLevel | None, lang: str) -> list[tuple[str, str]]:
        """(code, name) of the publications an office of ``level`` publishes (none without one)."""
        if level is None:
            return []
        return [(p.code, self.name(p.code, lang)) for p in publications_at(level, self.known)]

    def codes(self) -> list[str]:
        """Every known code (to name the issues an office already has)."""
        return [p.code for p in self.known]
