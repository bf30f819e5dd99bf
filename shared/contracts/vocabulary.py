"""Shared vocabulary of the domain: levels, forms and outcomes used in several contracts."""

from enum import StrEnum

UNIT_IDENTIFIER = r"^[A-Za-z0-9_\-]{1,64}$"
"""The form of a unit's (and an office's) id: letters, digits, '_' and '-', no dots, e.g. 'gd-sz-ft'."""


class OrgLevel(StrEnum):
    """Administrative level of a unit or office (中央/省/市/县/乡)."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


class UnitKind(StrEnum):
    """What a unit is: a government (with its office), a functional department, or another body."""

    GOVERNMENT = "government"
    DEPARTMENT = "department"
    OTHER = "other"


class AdoptionForm(StrEnum):
    """How an item was adopted: stand-alone full text, an excerpt, or merged into a summary."""

    FULL_TEXT = "full_text"
    EXCERPT = "excerpt"
    COMBINED = "combined"


class ScreeningOutcome(StrEnum):
    """Result of an editor's screening (分拣/初审)."""

    ACCEPTED = "accepted"
    RETURNED = "returned"
    FILED_FOR_REFERENCE = "filed_for_reference"


class PeriodKind(StrEnum):
    """Length of an assessment period."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class ScoreBand(StrEnum):
    """Quality band derived from the overall score by the rubric's thresholds."""

    EXCELLENT = "excellent"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"
