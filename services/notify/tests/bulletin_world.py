"""Test support for bulletins: an org tree and its items as the events intake, scoring and
incentives publish, and a published bulletin read back from its HTML as a person reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from services.notify.tests.harness import Acting, Notify
from shared.contracts import (
    Event,
    PointsAwarded,
    SubmissionAdopted,
    SubmissionReceived,
    SubmissionScored,
    SubmissionScreened,
    UnitRegistered,
)

OCT = datetime(2026, 10, 20, 2, tzinfo=UTC)
"""10:00 on 20 October 2026 in Beijing: every event of a world happens then."""
PERIOD = "2026-10"


@dataclass
class World:
    """Units and what happened to their items in October 2026, as contract events."""

    events: list[Event] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def unit(self, unit_id: str, name: str, level: str, parent: str | None, unit_class: str = "I") -> World:
        self.levels[unit_id], self.parents[unit_id], self.names[unit_id] = level, parent, name
        self.events.append(
            UnitRegistered.originated(
                producer="intake",
                unit_id=unit_id,
                name=name,
                level=level,
                kind="department" if "局" in name else "government",
                parent_id=parent,
                reports_to=parent,
                unit_class=unit_class,
            )
        )
        return self

    def item(self, sid: str, unit_id: str, band: str = "good") -> World:
        """``unit_id`` submits ``sid`` to its parent office; scoring bands it."""
        common: dict[str, Any] = {"submission_id": sid, "unit_id": unit_id, "occurred_at": OCT}
        self.events.append(
            SubmissionReceived.originated(
                producer="intake",
                **common,
                unit_name=self.names[unit_id],
                unit_level=self.levels[unit_id],
                office_id=self.parents[unit_id] or unit_id,
                author_id=f"{unit_id}.officer",
                author_name="李明",
                title=f"信息{sid}",
                body="截至10月20日，已收购秋粮1.2万吨。",
                language="zh",
                category="动态",
                period=PERIOD,
                submitted_at=OCT,
            )
        )
        self.events.append(
            SubmissionScored.originated(
                producer="scoring",
                **common,
                author_id=f"{unit_id}.officer",
                title=f"信息{sid}",
                period=PERIOD,
                revision=0,
                overall=40.0 if band == "poor" else 80.0,
                band=band,
                language="zh",
                rubric_version="v1",
                criteria=[],
            )
        )
        return self

    def screen(self, sid: str, unit_id: str, outcome: str, inaccurate: bool = False) -> World:
        self.events.append(
            SubmissionScreened.originated(
                producer="intake",
                submission_id=sid,
                unit_id=unit_id,
                occurred_at=OCT,
                office_id=self.parents[unit_id] or unit_id,
                editor_id="editor",
                outcome=outcome,
                reasons=["与他单位信息基本相同"] if outcome != "accepted" else [],
                inaccurate=inaccurate,
            )
        )
        return self

    def adopt(
        self, sid: str, unit_id: str, office_id: str, publication: str, form: str = "full_text"
    ) -> World:
        n = sum(1 for e in self.events if isinstance(e, SubmissionAdopted))
        self.events.append(
            SubmissionAdopted.originated(
                producer="intake",
                submission_id=sid,
                unit_id=unit_id,
                adoption_id=f"{sid}-a{n}",
                office_id=office_id,
                office_level=self.levels[office_id],
                publication=publication,
                form=form,
                occurred_at=OCT,
            )
        )
        return self

    def points(self, unit_id: str, value: str, rule: str = "adoption") -> World:
        n = sum(1 for e in self.events if isinstance(e, PointsAwarded))
        self.events.append(
            PointsAwarded.originated(
                producer="incentives",
                entry_id=f"e{n}:{rule}:{unit_id}",
                unit_id=unit_id,
                period=PERIOD,
                points=Decimal(value),
                rule=rule,
                reason=rule,
                policy_version="v1",
                cause_event_id=f"e{n}",
                occurred_at=OCT,
            )
        )
        return self

    async def send_to(self, notify: Notify) -> None:
        for event in self.events:
            await notify.send(event)


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Read:
    """A bulletin as its reader sees it: the paragraphs in order and the tables."""

    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def score_rows(self) -> list[tuple[str, ...]]:
        """Every row of every score table (名次, 单位, 类别, 报送, 采用, 得分)."""
        return [r for t in self.tables if t.header[:2] == ("名次", "单位") for r in t.rows]

    def item_rows(self) -> list[tuple[str, ...]]:
        return [r for t in self.tables if t.header[:2] == ("序号", "信息标题") for r in t.rows]

    def row_of(self, unit_name: str) -> tuple[str, ...]:
        return next(r for r in self.score_rows() if r[1] == unit_name)

    def starting(self, prefix: str) -> list[str]:
        return [p for p in self.paragraphs if p.startswith(prefix)]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self.tables: list[Table] = []
        self._text: list[str] | None = None
        self._caption = ""
        self._rows: list[tuple[str, ...]] = []
        self._cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "td", "th", "caption"):
            self._text = []
        elif tag == "table":
            self._rows = []
        elif tag == "tr":
            self._cells = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._text or []).strip()
        if tag == "p":
            self.paragraphs.append(text)
        elif tag in ("td", "th"):
            self._cells.append(text)
        elif tag == "caption":
            self._caption = text
        elif tag == "tr":
            self._rows.append(tuple(self._cells))
        elif tag == "table":
            self.tables.append(Table(self._caption, self._rows[0], tuple(self._rows[1:])))
        if tag in ("p", "td", "th", "caption"):
            self._text = None


def read_html(page: str) -> Read:
    reader = _Reader()
    reader.feed(page)
    return Read(tuple(reader.paragraphs), tuple(reader.tables))


async def published(notify: Notify, office_id: str, language: str = "zh", period: str = PERIOD) -> Read:
    """The office's monthly bulletin of ``period``, published by its editor, read back."""
    editor: Acting = notify.as_(f"{office_id}.editor", office_id, ("editor",))
    body = {"office_id": office_id, "period": period, "kind": "monthly", "language": language}
    meta = await notify.ok("POST", "/bulletins", json=body, auth=editor)
    page = await notify.client.get(f"/bulletins/{meta['bulletin_id']}.html", auth=editor)
    assert page.status_code == 200, page.text
    return read_html(page.text)
