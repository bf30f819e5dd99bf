"""The demo data is consistent, and the loader sends it to intake in a workable order.

Pure and fast: the data tests read the YAML only; the loader tests talk to a fake intake
through httpx.MockTransport (the lead's end-to-end run uses the real stack).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import socket
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import httpx
import pytest

from deploy.demo import DemoData, IntakeClient, LoadReport, load_demo, read_demo_data
from deploy.demo.cli import main
from deploy.demo.loader import Admin
from deploy.demo.model import Adopt, Forward, Instruction, Item, Screen, Unit, WorkflowStep
from shared.contracts.vocabulary import AdoptionForm, OrgLevel, ScreeningOutcome, UnitKind

IDENTIFIER = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")  # intake's id pattern
LEVEL_DEPTH = {OrgLevel.NATIONAL: 0, OrgLevel.PROVINCE: 1, OrgLevel.CITY: 2,
               OrgLevel.COUNTY: 3, OrgLevel.TOWNSHIP: 4}  # fmt: skip
ZH_STOCK_PHRASES = ("高度重视", "认真贯彻落实", "切实加强", "取得明显成效", "取得了明显成效",
                    "扎实推进", "多措并举", "营造了良好氛围", "久久为功", "迈上新台阶",
                    "再上新台阶", "取得了积极成效", "取得了显著成效", "狠抓落实")  # fmt: skip
EN_STOCK_PHRASES = ("great importance", "further strengthen", "remarkable results",
                    "conscientiously implement", "going forward")  # fmt: skip
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def data() -> DemoData:
    return read_demo_data()


def units_by_id(data: DemoData) -> dict[str, Unit]:
    return {unit.unit_id: unit for unit in data.units}


@dataclass
class Moment:
    """One workflow step with the item's office and state just before it runs."""

    step: WorkflowStep
    office_id: str
    state: str
    adopted_before: bool


def walk(item: Item, units: dict[str, Unit]) -> Iterator[Moment]:
    """The item's path through the offices, following intake's workflow rules."""
    office, state, adopted = units[item.unit_id].parent_id, "submitted", False
    assert office is not None, f"{item.key}: the root unit cannot submit"
    for step in item.workflow:
        yield Moment(step, office, state, adopted)
        if isinstance(step, Screen):
            state = step.outcome.value
        elif isinstance(step, Adopt):
            state, adopted = "adopted", True
        elif isinstance(step, Forward):
            office, state = units[office].parent_id or "(none above)", "submitted"


# ── the org tree and people ──────────────────────────────────────────────────────────────


def test_ids_are_unique_and_acceptable_to_intake(data: DemoData) -> None:
    for ids in ([u.unit_id for u in data.units], [p.person_id for p in data.people],
                [i.key for i in data.items], [p.code for p in data.publications]):  # fmt: skip
        assert [i for i, n in Counter(ids).items() if n > 1] == []
    for identifier in [u.unit_id for u in data.units] + [p.person_id for p in data.people]:
        assert IDENTIFIER.match(identifier), identifier


def test_the_root_is_first_and_the_only_unit_without_a_parent(data: DemoData) -> None:
    assert data.root.parent_id is None
    assert [u.unit_id for u in data.units if u.parent_id is None] == [data.root.unit_id]


def test_every_parent_is_defined_before_its_children(data: DemoData) -> None:
    seen: set[str] = set()
    for unit in data.units:
        assert unit.parent_id is None or unit.parent_id in seen, unit.unit_id
        seen.add(unit.unit_id)


def test_units_sit_under_governments_and_never_above_their_parent(data: DemoData) -> None:
    units = units_by_id(data)
    for unit in data.units[1:]:
        parent = units[unit.parent_id or ""]
        assert parent.kind == UnitKind.GOVERNMENT, unit.unit_id
        assert LEVEL_DEPTH[unit.level] >= LEVEL_DEPTH[parent.level], unit.unit_id
        if unit.kind == UnitKind.GOVERNMENT:
            assert LEVEL_DEPTH[unit.level] == LEVEL_DEPTH[parent.level] + 1, unit.unit_id
    assert {u.level for u in data.units} >= {OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY,
                                             OrgLevel.TOWNSHIP}  # fmt: skip
    assert {u.unit_class for u in data.units} == {"I", "II", "III", "IV"}


def test_every_person_works_in_a_defined_unit(data: DemoData) -> None:
    units = units_by_id(data)
    assert [p.person_id for p in data.people if p.unit_id not in units] == []


def test_every_unit_has_an_officer_and_a_head_and_every_office_an_editor(data: DemoData) -> None:
    roles: dict[str, set[str]] = {u.unit_id: set() for u in data.units}
    for person in data.people:
        roles[person.unit_id].update(person.roles)
    for unit in data.units:
        assert {"officer"} <= roles[unit.unit_id], unit.unit_id
        assert roles[unit.unit_id] & {"unit_head", "office_head"}, unit.unit_id
        if unit.kind == UnitKind.GOVERNMENT and unit.level != OrgLevel.TOWNSHIP:
            assert {"editor", "office_head"} <= roles[unit.unit_id], unit.unit_id
        if unit.kind == UnitKind.GOVERNMENT and unit.level in (OrgLevel.CITY, OrgLevel.PROVINCE):
            assert "leader" in roles[unit.unit_id], unit.unit_id


# ── the items ────────────────────────────────────────────────────────────────────────────


def test_every_author_belongs_to_the_unit_they_submit_for(data: DemoData) -> None:
    people = {p.person_id: p for p in data.people}
    for item in data.items:
        assert item.author_id in people, item.key
        assert people[item.author_id].unit_id == item.unit_id, item.key
        assert "officer" in people[item.author_id].roles, item.key


def test_there_are_at_least_14_chinese_and_4_english_items(data: DemoData) -> None:
    languages = Counter(item.language for item in data.items)
    assert languages["zh"] >= 14
    assert languages["en"] >= 4


def test_items_are_written_in_their_language_within_the_lengths_asked(data: DemoData) -> None:
    for item in data.items:
        chinese = len(re.findall(r"[\u4e00-\u9fff]", item.body))
        assert (chinese > len(item.body) / 2) == (item.language == "zh"), item.key
        if item.language == "zh":
            assert 300 <= len(item.body) <= 900, (item.key, len(item.body))
        assert len(item.title) <= 120 and len(item.body) <= 20_000, item.key
        assert item.body.count("\n\n") >= 2, f"{item.key}: paragraphs need blank lines"


def test_good_items_carry_data_and_structure_and_poor_ones_stock_phrases(data: DemoData) -> None:
    for item in data.items:
        stock = ZH_STOCK_PHRASES if item.language == "zh" else EN_STOCK_PHRASES
        found = [phrase for phrase in stock if phrase in item.body.lower()]
        if item.quality == "good":
            assert found == [], item.key
            assert len(re.findall(r"\d+", item.body)) >= 8, item.key
            if item.category != "突发事件":
                markers = ("一是", "二是", "三是") if item.language == "zh" else (
                    "First,", "Second,", "Third,")  # fmt: skip
                assert all(m in item.body for m in markers), item.key
        else:
            assert item.flaws, item.key
        if "officialese" in item.flaws:
            assert len(found) >= 3, item.key


def test_the_demo_has_a_near_duplicate_an_impossible_share_and_an_urgent_report(
    data: DemoData,
) -> None:
    earlier: dict[str, Item] = {}
    for item in data.items:
        if item.duplicate_of is not None:
            original = earlier[item.duplicate_of]
            assert original.unit_id != item.unit_id
            assert difflib.SequenceMatcher(None, original.body, item.body).ratio() > 0.85
        assert ("duplicate" in item.flaws) == (item.duplicate_of is not None), item.key
        shares = [float(n) for n in PERCENT.findall(item.body)]
        assert ("impossible_figure" in item.flaws) == any(n > 100 for n in shares), item.key
        earlier[item.key] = item
    assert sum(item.duplicate_of is not None for item in data.items) >= 1
    assert sum("impossible_figure" in item.flaws for item in data.items) >= 1
    urgent = [item for item in data.items if item.urgent]
    assert urgent and all(item.category == "突发事件" for item in urgent)


# ── the workflow ─────────────────────────────────────────────────────────────────────────


def test_each_step_is_allowed_in_the_state_the_previous_steps_left(data: DemoData) -> None:
    units = units_by_id(data)
    for item in data.items:
        for moment in walk(item, units):
            step, state = moment.step, moment.state
            if isinstance(step, Screen):
                assert state == "submitted", item.key
            elif isinstance(step, Adopt):
                assert state == "accepted", item.key
            elif isinstance(step, Forward):
                assert state in ("accepted", "adopted"), item.key
                assert units[moment.office_id].parent_id is not None, item.key
            else:
                assert moment.adopted_before, f"{item.key}: instruction on an unadopted item"


def test_editors_belong_to_the_office_holding_the_item(data: DemoData) -> None:
    units, people = units_by_id(data), {p.person_id: p for p in data.people}
    for item in data.items:
        for moment in walk(item, units):
            if isinstance(moment.step, Instruction):
                recorder = people[moment.step.recorded_by]
                assert {"editor", "leader"} & set(recorder.roles), item.key
                continue
            editor = people[moment.step.editor_id]
            assert editor.unit_id == moment.office_id, (item.key, editor.person_id)
            assert "editor" in editor.roles, (item.key, editor.person_id)


def test_each_step_has_valid_values(data: DemoData) -> None:
    units = units_by_id(data)
    publications = {p.code: p for p in data.publications}
    leaders = {(p.name, units[p.unit_id].level) for p in data.people if "leader" in p.roles}
    for item in data.items:
        for moment in walk(item, units):
            step, body = moment.step, moment.step.request(TODAY)
            if isinstance(step, Screen):
                assert isinstance(step.outcome, ScreeningOutcome)
                if step.outcome != ScreeningOutcome.ACCEPTED:
                    assert step.reasons, item.key
                assert not step.inaccurate or step.outcome == ScreeningOutcome.RETURNED
            elif isinstance(step, Adopt):
                assert isinstance(step.form, AdoptionForm)
                publication = publications[step.publication]
                assert publication.level == units[moment.office_id].level, item.key
                assert set(body) == {"publication", "form"}, "intake numbers the issue"
            elif isinstance(step, Instruction):
                assert (step.leader_name, step.leader_rank) in leaders, item.key
                assert step.feedback_due_in_days is None or step.feedback_due_in_days > 0
                assert 0 < len(step.text) <= 2000
            json.dumps(body)


def test_the_demo_ends_with_adoptions_at_every_level_instructions_returns_and_a_filing(
    data: DemoData,
) -> None:
    units = units_by_id(data)
    adopted_at: Counter[tuple[OrgLevel, bool]] = Counter()
    outcomes: Counter[ScreeningOutcome] = Counter()
    ranks: set[OrgLevel] = set()
    for item in data.items:
        forwarded = False
        for moment in walk(item, units):
            step = moment.step
            if isinstance(step, Adopt):
                adopted_at[(units[moment.office_id].level, forwarded)] += 1
            elif isinstance(step, Forward):
                forwarded = True
            elif isinstance(step, Screen):
                outcomes[step.outcome] += 1
            elif isinstance(step, Instruction):
                ranks.add(step.leader_rank)
    assert adopted_at[(OrgLevel.COUNTY, False)] >= 4
    assert adopted_at[(OrgLevel.CITY, True)] >= 3
    assert adopted_at[(OrgLevel.PROVINCE, True)] >= 1
    assert {OrgLevel.CITY, OrgLevel.PROVINCE} <= ranks
    assert outcomes[ScreeningOutcome.RETURNED] >= 2
    assert outcomes[ScreeningOutcome.FILED_FOR_REFERENCE] >= 1


def test_deadlines_follow_the_day_of_loading_and_issue_numbers_are_intakes() -> None:
    adopt = Adopt("e", "city-xinxi", AdoptionForm.FULL_TEXT)
    instruction = Instruction("陈华", OrgLevel.CITY, "请抓好落实", "e", feedback_due_in_days=7)
    assert adopt.request(date(2027, 3, 1)) == {"publication": "city-xinxi", "form": "full_text"}
    assert instruction.request(date(2027, 3, 1))["feedback_due"] == "2027-03-08"


# ── the loader, against a fake intake ────────────────────────────────────────────────────


@dataclass
class FakeIntake:
    """Answers like intake's HTTP API; the workflow routes only when ``workflow`` is built."""

    workflow: bool = True
    known_units: set[str] = field(default_factory=set)
    step_answer: tuple[int, str] | None = None
    posts: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    actors: list[tuple[str, str]] = field(default_factory=list)
    people: dict[str, list[str]] = field(default_factory=dict)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/auth/login":
            login = json.loads(request.content)
            return httpx.Response(200, json={"token": f"token-of-{login['person_id']}"})
        actor = request.headers.get("authorization", "").removeprefix("Bearer token-of-")
        if not actor:
            return httpx.Response(401, json={"detail": "log in first"})
        if path.endswith("/import"):
            return self._import(path, request, actor)
        if request.method == "GET" and path.startswith("/units/"):
            unit_id = path.removeprefix("/units/")
            if unit_id in self.known_units:
                return httpx.Response(200, json={"unit_id": unit_id})
            return httpx.Response(404, json={"detail": f"not found: unit {unit_id!r}"})
        body = json.loads(request.content)
        step = re.fullmatch(r"/submissions/[^/]+/(screen|adopt|forward|instructions)", path)
        if step and not self.workflow:
            return httpx.Response(404, json={"detail": "Not Found"})
        if step and self.step_answer:
            status, detail = self.step_answer
            return httpx.Response(status, json={"detail": detail})
        self.posts.append((path, body))
        self.actors.append((path, actor))
        if path == "/people":
            self.people[str(body["person_id"])] = list(body["roles"])  # type: ignore[call-overload]
        if path == "/units":
            if body["parent_id"] is not None and body["parent_id"] not in self.known_units:
                return httpx.Response(404, json={"detail": "not found: parent unit"})
            self.known_units.add(str(body["unit_id"]))
        if path == "/submissions":
            state = "submitted" if "unit_head" in self.people.get(actor, []) else "draft"
            return httpx.Response(201, json={"submission_id": f"s{len(self.posts)}", "state": state})
        return httpx.Response(201 if not step else 200, json=body)


    def _import(self, path: str, request: httpx.Request, actor: str) -> httpx.Response:
        """A multipart CSV upload: each row is recorded as if posted on its own."""
        content = request.read()
        table = content[content.index(b"\r\n\r\n") + 4 : content.rindex(b"\r\n--")]
        rows = list(csv.DictReader(io.StringIO(table.decode())))
        single = "/units" if "units" in path else "/people"
        for row in rows:
            body = {k: (v or None) for k, v in row.items()}
            if single == "/people":
                body["roles"] = str(row["roles"]).split()
                self.people[str(row["person_id"])] = body["roles"]
            else:
                self.known_units.add(str(row["unit_id"]))
            self.posts.append((single, body))
            self.actors.append((single, actor))
        return httpx.Response(201, json={"imported": len(rows)})


def load_into(fake: FakeIntake, data: DemoData) -> tuple[LoadReport, list[str]]:
    notes: list[str] = []
    with IntakeClient("http://intake.test", transport=httpx.MockTransport(fake)) as intake:
        report = load_demo(data, intake, TODAY, Admin("admin", "pw"), note=notes.append)
    return report, notes


def test_loader_sends_units_people_items_and_every_step(data: DemoData) -> None:
    fake = FakeIntake()
    report, notes = load_into(fake, data)
    steps = sum(len(item.workflow) for item in data.items)
    heads = {p.person_id for p in data.people if "unit_head" in p.roles}
    drafts = sum(1 for item in data.items if item.author_id not in heads)
    assert notes == []
    assert report.summary() == (
        f"demo data loaded: {len(data.units)} units, {len(data.people)} people, "
        f"{len(data.items)} items ({drafts} signed off by their unit head); "
        f"workflow steps: {steps} done, 0 skipped"
    )
    paths = [path for path, _ in fake.posts]
    assert paths[: len(data.units)] == ["/units"] * len(data.units)
    assert paths.count("/people") == len(data.people)
    assert paths.count("/submissions") == len(data.items)
    assert all(body["password"] == "xinbao-demo" for path, body in fake.posts if path == "/people")


def test_loader_acts_as_the_admin_the_authors_the_heads_and_each_step_s_person(
    data: DemoData,
) -> None:
    fake = FakeIntake()
    load_into(fake, data)
    by_path: dict[str, set[str]] = {}
    for path, actor in fake.actors:
        by_path.setdefault(path.rsplit("/", 1)[-1] if path.startswith("/submissions/") else path,
                           set()).add(actor)
    assert by_path["/units"] == by_path["/people"] == {"admin"}
    assert by_path["/submissions"] == {item.author_id for item in data.items}
    assert by_path["sign-off"] <= {p.person_id for p in data.people if "unit_head" in p.roles}
    editors = {s.editor_id for i in data.items for s in i.workflow if isinstance(s, Screen)}
    assert editors <= by_path["screen"]
    assert all("editor_id" not in body for _, body in fake.posts)


def test_loader_does_nothing_when_the_root_unit_exists(data: DemoData) -> None:
    fake = FakeIntake(known_units={data.root.unit_id})
    report, _ = load_into(fake, data)
    assert report.summary() == "demo data already loaded"
    assert fake.posts == []


def test_a_workflow_route_intake_lacks_is_noted_once_and_its_steps_skipped(
    data: DemoData,
) -> None:
    report, notes = load_into(FakeIntake(workflow=False), data)
    assert notes == ["workflow step screen not available yet"]
    assert report.steps_done == 0
    assert report.steps_skipped == sum(len(item.workflow) for item in data.items)
    assert report.refused_steps == []


def test_a_404_about_the_item_is_a_refusal_not_a_missing_route(data: DemoData) -> None:
    report, notes = load_into(FakeIntake(step_answer=(404, "not found: submission 's1'")), data)
    assert notes == []
    assert report.refused_steps and "404" in report.refused_steps[0]


def test_unreachable_intake_is_a_clear_error_and_exit_status_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    assert main(["--intake", f"http://127.0.0.1:{closed_port}"]) == 1
    assert "intake service not reachable" in capsys.readouterr().err
