"""The publications offices adopt items into, and how their issues are numbered. Pure.

A publication belongs to the offices of one level: every county office publishes its own
县《政务信息》 (code ``county-xinxi``), numbered on its own. Codes match the incentives policy
(services/incentives/policies/default.yaml), so an adoption earns that policy's points.

Issues are numbered per office, publication and year (the year on the office's clock):
《政务信息》2026年第1期, 第2期, … Adopted items gather into the publication's open issue (a
draft, not yet signed off); when none is open, adoption opens the next number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shared.contracts.vocabulary import OrgLevel

_MASTHEAD = re.compile(r"《(.+?)》")


@dataclass(frozen=True)
class Publication:
    """A publication (刊物) and the level of the offices that publish it."""

    code: str
    name: str
    name_en: str
    level: OrgLevel

    @property
    def masthead(self) -> str:
        """The name printed on an issue: 县《政务信息》 → 政务信息."""
        found = _MASTHEAD.search(self.name)
        return found.group(1) if found else self.name


CATALOGUE: tuple[Publication, ...] = (
    Publication("county-xinxi", "县《政务信息》", "County Government Information", OrgLevel.COUNTY),
    Publication("county-yaoqing", "县《要情快报》", "County Key Events Express", OrgLevel.COUNTY),
    Publication("city-xinxi", "市《政务信息》", "City Government Information", OrgLevel.CITY),
    Publication("city-zhuanbao", "市《专报》", "City Special Report", OrgLevel.CITY),
    Publication("province-xinxi", "省政府办公厅《政务信息》", "Provincial Government Information",
                OrgLevel.PROVINCE),
)


def find_publication(code: str, catalogue: Iterable[Publication] = CATALOGUE) -> Publication | None:
    """The publication with ``code``, or None."""
    return next((p for p in catalogue if p.code == code), None)


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
