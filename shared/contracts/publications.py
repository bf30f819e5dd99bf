"""The publications (刊物) offices adopt items into: code, names and the level that publishes them.

``SubmissionAdopted.publication`` carries a code from this catalogue; it is defined here once
so that every service names a publication the same way: intake offers an office its level's
publications and numbers their issues, notify names them in bulletins (市《政务信息》, not
``city-xinxi``). A publication belongs to the offices of one level: every county office
publishes its own 县《政务信息》, numbered on its own. Codes match the incentives policy
(services/incentives/policies/default.yaml), so an adoption earns that policy's points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from shared.contracts.vocabulary import OrgLevel

_MASTHEAD = re.compile(r"《(.+?)》")


@dataclass(frozen=True)
class Publication:
    """A publication (刊物): its code, its Chinese and English names, the level publishing it."""

    code: str
    name: str
    name_en: str
    level: OrgLevel

    @property
    def masthead(self) -> str:
        """The name printed on an issue: 县《政务信息》 → 政务信息."""
        found = _MASTHEAD.search(self.name)
        return found.group(1) if found else self.name

    def name_in(self, language: str) -> str:
        """The name a reader of ``language`` ('zh' or 'en') sees."""
        return self.name_en if language == "en" else self.name


CATALOGUE: tuple[Publication, ...] = (
    Publication("county-xinxi", "县《政务信息》", "County Government Information", OrgLevel.COUNTY),
    Publication("county-yaoqing", "县《要情快报》", "County Key Events Express", OrgLevel.COUNTY),
    Publication("city-xinxi", "市《政务信息》", "City Government Information", OrgLevel.CITY),
    Publication("city-zhuanbao", "市《专报》", "City Special Report", OrgLevel.CITY),
    Publication("province-xinxi", "省政府办公厅《政务信息》", "Provincial Government Information",
                OrgLevel.PROVINCE),
)
"""Every publication the system knows, in the order offices list them."""


def publication_named(code: str, catalogue: Iterable[Publication] = CATALOGUE) -> Publication | None:
    """The publication with ``code``, or None."""
    return next((p for p in catalogue if p.code == code), None)


def publication_name(code: str, language: str = "zh", catalogue: Iterable[Publication] = CATALOGUE) -> str:
    """The name of the publication ``code`` in ``language``; a code not in the catalogue (an
    office's own publication, an older code) is shown as it is."""
    found = publication_named(code, catalogue)
    return found.name_in(language) if found else code


__all__ = ["CATALOGUE", "Publication", "publication_name", "publication_named"]
