"""The table the route-walking test walks: every route of intake, who may call it and who not.

A route is either PUBLIC (reachable without credentials, each with the reason) or has a
:class:`Case`: the right person, a person outside the scope (or None where every logged-in
person may, with the reason), and what to send. :class:`World` makes the items,
issues and commissions the paths name, through the API, as the people themselves would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.intake.tests.conftest import PASSWORD, IntakeHarness, submitted
from services.intake.tests.docs import word_file

PUBLIC: dict[tuple[str, str], str] = {
    ("GET", "/live"): "operations: the process answers, no data",
    ("GET", "/health"): "operations: broker and database answer, no data",
    ("GET", "/metrics"): "operations: Prometheus counters, no data",
    ("POST", "/auth/login"): "where credentials are checked",
    ("GET", "/.well-known/jwks.json"): "intake's public keys, for the other services",
    ("GET", "/"): "a redirect to the pages' start (which asks to log in first)",
    ("GET", "/web/login"): "the log-in form",
    ("POST", "/web/login"): "the log-in form's post (its origin is checked)",
    ("GET", "/web/static/{name}"): "the pages' stylesheet and script",
    ("GET", "/openapi.json"): "FastAPI's description of the API, no data",
    ("GET", "/docs"): "FastAPI's API documentation page",
    ("GET", "/docs/oauth2-redirect"): "part of FastAPI's documentation page",
    ("GET", "/redoc"): "FastAPI's API documentation page",
    ("GET", "/docs/static/{name}"): "the documentation pages' scripts, stylesheet and icon",
}
COMING = frozenset({("GET", "/.well-known/jwks.json"), ("POST", "/auth/token")})
"""Routes being added in parallel (issue 10): walked when present, tolerated when absent."""


@dataclass(frozen=True)
class Case:
    """How to call a protected route as ``insider`` (who may) and ``outsider`` (who may not)."""

    insider: str
    outsider: str | None
    item: str = "adopted"
    json: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    params: dict[str, str] = field(default_factory=dict)
    upload: str | None = None
    refused: frozenset[int] = frozenset({403})
    anyone: str = ""
    lands_on_login: bool = False

    def __post_init__(self) -> None:
        assert (self.outsider is None) == bool(self.anyone), "say why anyone may, or name an outsider"


ANY = "a person's own session, password or view: there is nobody outside the scope"
ROW_ERRORS = frozenset({422})
"""Table imports answer a row outside the admin's scope as a row error: nothing imported."""
ITEM = {"title": "河山镇冬修水利全面开工", "body": "全镇开工水利项目12个。\n\n一是早谋划。"}
EDIT = {"title": "河山镇冬修水利全面开工", "body": "全镇开工水利项目13个。"}
BOARD = {"office_id": "dx", "period": "2026-11"}
PUBLICATION = {"publication": "county-xinxi"}
NEW_PERSON = {"person_id": "new-officer", "name": "新人", "unit_id": "hs", "roles": ["officer"],
              "password": "new-password-1"}

API: dict[tuple[str, str], Case] = {
    ("POST", "/auth/logout"): Case("officer", None, anyone=ANY),
    ("GET", "/auth/me"): Case("officer", None, anyone=ANY),
    ("POST", "/auth/token"): Case("officer", None, anyone=ANY),
    ("POST", "/auth/password"): Case("officer", None, anyone=ANY,
                                     json={"old_password": PASSWORD, "new_password": "another-pw-1"}),
    ("GET", "/audit"): Case("county-admin", "county-editor"),
    ("GET", "/units"): Case("officer", None, anyone="the org tree's names are every officer's to read"),
    ("GET", "/units/{unit_id}"): Case("officer", None, anyone="the org tree's names are every officer's"),
    ("POST", "/units"): Case("county-admin", "officer", json={
        "unit_id": "dx-new", "name": "东溪县新设局", "level": "county", "parent_id": "dx"}),
    ("GET", "/people"): Case("officer", "other-officer", params={"unit_id": "hs"}),
    ("POST", "/people"): Case("county-admin", "county-editor", json=NEW_PERSON),
    ("PUT", "/people/{person_id}/password"): Case("county-admin", "county-editor",
                                                  json={"password": "reset-password-1"}),
    ("GET", "/org/units/export"): Case("county-admin", "county-editor"),
    ("GET", "/org/people/export"): Case("county-admin", "county-editor"),
    ("POST", "/org/units/import"): Case("county-admin", "county-editor", upload="units", refused=ROW_ERRORS),
    ("POST", "/org/people/import"): Case("county-admin", "county-editor", upload="people",
                                         refused=ROW_ERRORS),
    ("GET", "/submissions"): Case("officer", "county-admin", params={"view": "unit"}),
    ("POST", "/submissions"): Case("officer", "county-editor", json=ITEM),
    ("POST", "/submissions/import-docx"): Case("officer", "county-editor", upload="docx"),
    ("GET", "/submissions/{submission_id}"): Case("officer", "other-officer"),
    ("GET", "/submissions/{submission_id}/revisions"): Case("officer", "other-officer"),
    ("GET", "/submissions/{submission_id}/audit"): Case("officer", "other-officer"),
    ("GET", "/submissions/{submission_id}/attachments/{attachment_id}"): Case(
        "officer", "other-officer", item="imported"),
    ("POST", "/submissions/{submission_id}/sign-off"): Case("head", "other-head", item="draft"),
    ("POST", "/submissions/{submission_id}/revise"): Case("officer", "other-officer", item="draft",
                                                          json=EDIT),
    ("POST", "/submissions/{submission_id}/withdraw"): Case("officer", "other-officer",
                                                            item="submitted", json={}),
    ("POST", "/submissions/{submission_id}/screen"): Case("county-editor", "xs-editor",
                                                          item="submitted", json={"outcome": "accepted"}),
    ("POST", "/submissions/{submission_id}/adopt"): Case("county-editor", "xs-editor", item="accepted",
                                                         json={"publication": "county-xinxi"}),
    ("POST", "/submissions/{submission_id}/forward"): Case("county-editor", "city-editor", item="accepted"),
    ("PUT", "/submissions/{submission_id}/sensitivity"): Case(
        "county-editor", "officer", item="submitted", json={"sensitive": True, "reason": "涉及未公开数据。"}),
    ("POST", "/submissions/{submission_id}/instructions"): Case(
        "county-leader", "xs-editor", json={"leader_rank": "county", "text": "请总结推广。"}),
    ("POST", "/submissions/{submission_id}/instructions/{instruction_id}/feedback"): Case(
        "officer", "other-officer", json={"text": "已落实。"}),
    ("POST", "/submissions/{submission_id}/false-report"): Case(
        "county-editor", "xs-editor", item="submitted", json={"note": "经核实信息失实。"}),
    ("POST", "/submissions/{submission_id}/criticisms"): Case(
        "county-editor", "xs-editor", item="submitted",
        json={"criticised_by": "临江市人民政府办公室", "note": "数据有误。"}),
    ("POST", "/units/{unit_id}/unreported-incidents"): Case(
        "county-editor", "xs-editor",
        json={"concealed": False, "incident": "道路塌方", "evidence": "交通局通报"}),
    ("GET", "/units/{unit_id}/failures"): Case("county-editor", "officer"),
    ("POST", "/submissions/{submission_id}/request-sign-off"): Case("officer", "other-officer", item="draft"),
    ("POST", "/submissions/{submission_id}/return-to-author"): Case("head", "officer", item="draft",
                                                                    json={"reason": "请补充具体数据"}),
    ("GET", "/offices/{office_id}/rules"): Case("officer", "xs-editor"),
    ("PUT", "/offices/{office_id}/rules"): Case("county-head", "county-editor",
                                                json={"resubmission_needs_sign_off": True}),
    ("GET", "/commissions"): Case("officer", "county-admin"),
    ("POST", "/commissions"): Case("county-editor", "officer", json={"kind": "priority", "theme": "冬修"}),
    ("GET", "/commissions/{commission_id}/status"): Case("county-editor", "city-editor"),
    ("POST", "/quotas"): Case("county-editor", "city-editor",
                              json={"unit_id": "hs", "period": "2026-11", "items_required": 3}),
    ("GET", "/quotas/board"): Case("county-editor", "officer", params=BOARD),
    ("GET", "/briefings"): Case("county-editor", "city-editor", params={"office_id": "dx"}),
    ("GET", "/briefings/upcoming"): Case("county-editor", "county-leader"),
    ("POST", "/briefings"): Case("county-editor", "city-leader", json={"publication": "county-xinxi"}),
    ("GET", "/briefings/{briefing_id}"): Case("county-editor", "city-editor"),
    ("GET", "/briefings/{briefing_id}/export.docx"): Case("county-editor", "city-editor"),
    ("POST", "/briefings/{briefing_id}/items"): Case("county-editor", "city-editor",
                                                     json={"submission_id": "{adopted_too}"}),
    ("DELETE", "/briefings/{briefing_id}/items/{submission_id}"): Case("county-editor", "city-editor"),
    ("POST", "/briefings/{briefing_id}/sign-off"): Case("county-head", "county-editor"),
}

PAGES: dict[tuple[str, str], Case] = {
    ("GET", "/web/"): Case("officer", None, anyone="sends each person to their own start page"),
    ("POST", "/web/logout"): Case("officer", None, anyone=ANY, lands_on_login=True),
    ("GET", "/web/items/new"): Case("officer", None, anyone="an empty form; writing is checked on post"),
    ("POST", "/web/items/new"): Case("officer", "county-editor", data={**ITEM, "action": "draft"}),
    ("POST", "/web/items/import"): Case("officer", "county-editor", upload="docx"),
    ("POST", "/web/drafts/preview"): Case("officer", None, data=ITEM,
                                          anyone="a quality preview of typed text, for any officer"),
    ("GET", "/web/items"): Case("officer", "county-admin"),
    ("GET", "/web/items/{submission_id}"): Case("officer", "other-officer"),
    ("POST", "/web/items/{sid}/sign-off"): Case("head", "other-head", item="draft"),
    ("POST", "/web/items/{sid}/return-to-author"): Case("head", "officer", item="draft",
                                                        data={"reason": "请补充具体数据"}),
    ("GET", "/web/items/{sid}/quality"): Case("officer", "other-officer"),
    ("GET", "/web/signoff"): Case("head", None, anyone="a redirect to the unit's list of drafts waiting"),
    ("POST", "/web/items/{sid}/edit-draft"): Case("officer", "other-officer", item="draft", data=EDIT),
    ("POST", "/web/items/{sid}/revise"): Case("county-editor", "xs-editor", item="accepted", data=EDIT),
    ("POST", "/web/items/{sid}/withdraw"): Case("officer", "other-officer", item="submitted"),
    ("POST", "/web/items/{sid}/screen"): Case("county-editor", "xs-editor", item="submitted",
                                              data={"outcome": "accepted"}),
    ("POST", "/web/items/{sid}/adopt"): Case("county-editor", "xs-editor", item="accepted",
                                             data={"publication": "county-xinxi"}),
    ("POST", "/web/items/{sid}/forward"): Case("county-editor", "city-editor", item="accepted"),
    ("POST", "/web/items/{sid}/instructions"): Case("county-leader", "xs-editor",
                                                    data={"leader_rank": "county", "text": "请推广。"}),
    ("POST", "/web/items/{sid}/instructions/{instruction_id}/feedback"): Case(
        "officer", "other-officer", data={"text": "已落实。"}),
    ("GET", "/web/inbox"): Case("county-editor", "officer"),
    ("GET", "/web/quota"): Case("county-editor", "officer"),
    ("POST", "/web/quota"): Case("county-editor", "city-editor",
                                 data={"unit_id": "hs", "period": "2026-11", "items_required": "3"}),
    ("GET", "/web/briefing"): Case("county-editor", "officer"),
    ("POST", "/web/briefing/open"): Case("county-editor", "officer", data={"publication": "county-xinxi"}),
    ("GET", "/web/briefing/{briefing_id}"): Case("county-editor", "city-editor"),
    ("GET", "/web/briefing/{briefing_id}/proof"): Case("county-editor", "city-editor"),
    ("POST", "/web/briefing/{briefing_id}/add"): Case("county-editor", "city-editor",
                                                      data={"id": "{adopted_too}"}),
    ("POST", "/web/briefing/{briefing_id}/remove/{submission_id}"): Case("county-editor", "city-editor"),
    ("POST", "/web/briefing/{briefing_id}/sign-off"): Case("county-head", "county-editor"),
    ("GET", "/web/leader"): Case("county-leader", "officer"),
    ("GET", "/web/admin"): Case("county-admin", "county-editor"),
}

OTHER_COUNTY = [
    {"unit_id": "xs", "name": "西山县人民政府办公室", "level": "county", "parent_id": "lj"},
    {"unit_id": "xt", "name": "西塘镇人民政府", "level": "township", "parent_id": "xs"},
]
OTHER_PEOPLE = [
    {"person_id": "xs-editor", "name": "钱editor", "unit_id": "xs", "roles": ["editor"]},
    {"person_id": "xt-head", "name": "孙镇长", "unit_id": "xt", "roles": ["unit_head"]},
]


OTHER_COUNTY_PEOPLE = frozenset(p["person_id"] for p in OTHER_PEOPLE)


class World:
    """The ids the paths and bodies name, each made on first use through the API as the people
    themselves would (the in-memory store copies itself per unit of work: small is fast)."""

    def __init__(self, intake: IntakeHarness) -> None:
        self.intake = intake
        self.ids = {"person_id": "officer", "unit_id": "hs", "office_id": "dx", "name": "xinbao.css"}

    async def need(self, *keys: str) -> dict[str, str]:
        """The ids, with ``keys`` among them."""
        for key in keys:
            if key not in self.ids:
                self.ids[key] = await getattr(self, f"_{key}")()
        return self.ids

    async def _other_county(self) -> str:
        for unit in OTHER_COUNTY:
            await self.intake.ok("POST", "/units", as_="admin", json=unit)
        for person in OTHER_PEOPLE:
            await self.intake.ok("POST", "/people", as_="admin", json={**person, "password": PASSWORD})
        return "xs"

    async def _draft(self) -> str:
        return str((await self.intake.ok("POST", "/submissions", as_="officer", json=ITEM))["submission_id"])

    async def _submitted(self) -> str:
        return await submitted(self.intake)

    async def _accepted(self) -> str:
        return await accepted(self.intake)

    async def _adopted(self) -> str:
        sid = await accepted(self.intake)
        await self.intake.ok("POST", f"/submissions/{sid}/adopt", as_="county-editor", json=PUBLICATION)
        return sid

    async def _adopted_too(self) -> str:
        return await self._adopted()

    async def _instruction_id(self) -> str:
        sid = (await self.need("adopted"))["adopted"]
        await self.intake.ok("POST", f"/submissions/{sid}/instructions", as_="county-leader",
                             json={"leader_rank": "county", "text": "好。"})
        detail = await self.intake.ok("GET", f"/submissions/{sid}", as_="officer")
        return str(detail["instructions"][0]["instruction_id"])

    async def _imported(self) -> str:
        files = {"file": ("a.docx", word_file("河山镇图片", ["第一段。"], image_after=0), DOCX)}
        imported = await self.intake.ok("POST", "/submissions/import-docx", as_="officer", files=files)
        self.ids["attachment_id"] = imported["attachments"][0]["attachment_id"]
        return str(imported["submission_id"])

    async def _attachment_id(self) -> str:
        return (await self.need("imported"))["attachment_id"]

    async def _briefing_id(self) -> str:
        sid = (await self.need("adopted"))["adopted"]
        briefing = await self.intake.ok("POST", "/briefings", as_="county-editor", json=PUBLICATION)
        await self.intake.ok("POST", f"/briefings/{briefing['briefing_id']}/items", as_="county-editor",
                             json={"submission_id": sid})
        return str(briefing["briefing_id"])

    async def _commission_id(self) -> str:
        commission = await self.intake.ok("POST", "/commissions", as_="county-editor",
                                          json={"kind": "priority", "theme": "秋粮"})
        return str(commission["commission_id"])

    async def _xs_accepted(self) -> str:
        await self.need("other_county")
        return await accepted(self.intake, author="xt-head", editor="xs-editor")


async def accepted(intake: IntakeHarness, author: str = "head", editor: str = "county-editor") -> str:
    """An item submitted by ``author``'s unit and accepted by ``editor``'s office."""
    answer = await intake.ok("POST", "/submissions", as_=author, json={**ITEM, "draft": False})
    sid = answer["submission_id"]
    await intake.ok("POST", f"/submissions/{sid}/screen", as_=editor, json={"outcome": "accepted"})
    return str(sid)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UNITS_CSV = "unit_id,name,level,kind,parent_id,unit_class\nxc,新村镇,township,,dx,I\n"
PEOPLE_CSV = "person_id,name,unit_id,roles,password\nhs.z,张,hs,officer,initial-pw-1\n"
UPLOADS = {
    "docx": ("a.docx", word_file("河山镇冬修水利", ["全镇开工水利项目12个。"]), DOCX),
    "units": ("units.csv", UNITS_CSV.encode(), "text/csv"),
    "people": ("people.csv", PEOPLE_CSV.encode(), "text/csv"),
}
