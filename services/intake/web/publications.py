"""The offices' publications offered when adopting an item and compiling a briefing.

Codes match the incentives policy (services/incentives/policies/default.yaml), so an adoption
earns that policy's points. An editor may still type another code.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.contracts.vocabulary import OrgLevel

DEFAULT = (
    ("county-xinxi", "县《政务信息》", "County Government Information", OrgLevel.COUNTY),
    ("county-yaoqing", "县《要情快报》", "County Key Events Express", OrgLevel.COUNTY),
    ("city-xinxi", "市《政务信息》", "City Government Information", OrgLevel.CITY),
    ("city-zhuanbao", "市《专报》", "City Special Report", OrgLevel.CITY),
    ("province-xinxi", "省政府办公厅《政务信息》", "Provincial Government Information", OrgLevel.PROVINCE),
)


@dataclass(frozen=True)
class Publications:
    """Known publications: code → (Chinese name, English name, level of the publishing office)."""

    known: tuple[tuple[str, str, str, OrgLevel], ...] = DEFAULT

    def name(self, code: str, lang: str) -> str:
        for known_code, zh, en, _ in self.known:
            if known_code == code:
                return zh if lang == "zh" else en
        return code

    def choices(self, level: OrgLevel | None, lang: str) -> list[tuple[str, str]]:
        """(code, name) pairs, the office's own level first."""
        ordered = sorted(self.known, key=lambda p: p[3] != level)
        return [(code, zh if lang == "zh" else en) for code, zh, en, _ in ordered]
