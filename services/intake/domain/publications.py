"""The publications offices adopt items into, and how their issues are numbered. Pure.

The catalogue (codes, names, levels) is the shared one (``shared.contracts.publications``),
re-exported here: every county office publishes its own 县《政务信息》 (code ``county-xinxi``),
numbered on its own.

Issues are numbered per office, publication and year (the year on the office's clock):
《政务信息》2026年第1期, 第2期, … Adopted items gather into the publication's open issue (a
draft, not yet signed off); when none is open, adoption opens the next number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.contracts.publications import CATALOGUE, Publication, publication_named
from shared.contracts.vocabulary import OrgLevel

__all__ = [
    "CATALOGUE",
    "Publication",
    "find_publication",
    "issue_key",
    "issue_label",
    "open_issue",
    "publications_at",
]


def find_publication(code: str, catalogue: Iterable[Publication] = CATALOGUE) -> Publication | None:
    """The publication with ``code``, or None."""
    return publication_named(code, catalogue)


def publications_at(level: OrgLevel, catalogue: Iterable[Publication] = CATALOGUE) -> list[Publication]:
    """The publications an office of ``level`` publishes, in catalogue order."""
    return [p for p in catalogue if p.level == level]


def issue_label(year: int, number: int) -> str:
    """An issue as printed: 2026年第3期."""
    return f"{year}年第{number}期"


def issue_key(office_id: str, code: str, year: int, number: int) -> str:
    """The id of an issue; claiming it keeps two editors from taking one number twice."""
    return f"{office_id}:{code}:{year}:{number}"


def open_issue(issues: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The issue adoptions go into among one publication's issues of one year: the draft
    opened last (an editor who opens a new issue means new items to go there), or None."""
    drafts = [i for i in issues if i["state"] == "draft"]
    return max(drafts, key=lambda i: int(i["number"])) if drafts else None
