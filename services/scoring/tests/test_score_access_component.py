"""Who may read a score, preview a draft and read the agreement report (services/scoring/access.py)."""

from __future__ import annotations

from typing import Any

from services.scoring.tests.conftest import (
    COUNTY_EDITOR,
    COUNTY_LEADER,
    OFFICER,
    OTHER_COUNTY_EDITOR,
    OTHER_OFFICER,
    Scoring,
    received,
    unit,
)
from shared.contracts import SessionRevoked, SubmissionAdopted


def adopted_by(office: str, submission_id: str = "s1") -> SubmissionAdopted:
    return SubmissionAdopted.originated(
        producer="intake",
        submission_id=submission_id,
        unit_id="hs",
        adoption_id=f"{office}-1",
        office_id=office,
        office_level="county",
        publication="dongtai",
        form="full_text",
    )


async def status(service: Scoring, person: dict[str, Any], url: str = "/scores/s1") -> int:
    return (await service.call(person, "GET", url)).status_code


async def test_an_officer_reads_the_score_of_an_item_of_their_unit(service: Scoring) -> None:
    await service.publish(received())
    response = await service.call(OFFICER, "GET", "/scores/s1")
    assert response.status_code == 200 and response.json()["submission_id"] == "s1"


async def test_an_officer_of_another_unit_is_told_the_score_does_not_exist(service: Scoring) -> None:
    await service.publish(received())
    refused = await service.call(OTHER_OFFICER, "GET", "/scores/s1")
    unknown = await service.call(OTHER_OFFICER, "GET", "/scores/s-unknown")
    assert refused.status_code == 404 == unknown.status_code
    assert refused.json()["detail"] == unknown.json()["detail"].replace("s-unknown", "s1")


async def test_editors_read_scores_below_their_office_only(service: Scoring) -> None:
    await service.publish(received())
    assert await status(service, COUNTY_EDITOR) == 200
    assert await status(service, OTHER_COUNTY_EDITOR) == 404


async def test_a_leader_reads_a_score_once_their_office_adopted_the_item(service: Scoring) -> None:
    await service.publish(received())
    assert await status(service, COUNTY_LEADER) == 404
    await service.publish(adopted_by("ss"))
    assert await status(service, COUNTY_LEADER) == 404, "adopted by an office outside the leader's"
    await service.publish(adopted_by("dx"))
    assert await status(service, COUNTY_LEADER) == 200


async def test_offices_above_a_unit_reach_it_once_its_place_in_the_tree_arrives(service: Scoring) -> None:
    newcomer = {"subject": "xc.officer", "unit": "xc", "roles": ("officer",)}
    await service.publish(received("s9", unit_id="xc"))
    assert await status(service, newcomer, "/scores/s9") == 200
    assert await status(service, COUNTY_EDITOR, "/scores/s9") == 404
    await service.publish(unit("xc", "dx"))
    assert await status(service, COUNTY_EDITOR, "/scores/s9") == 200


async def test_a_redelivered_placement_does_not_undo_a_newer_one(service: Scoring) -> None:
    first, moved = unit("xc", "ss"), unit("xc", "dx")
    await service.publish(received("s9", unit_id="xc"), first, moved, first)
    assert await status(service, COUNTY_EDITOR, "/scores/s9") == 200
    assert await status(service, OTHER_COUNTY_EDITOR, "/scores/s9") == 404


async def test_leaders_may_not_preview_and_officers_may_not_read_the_agreement(service: Scoring) -> None:
    draft = {"title": "标题", "body": "正文。"}
    preview = await service.call(COUNTY_LEADER, "POST", "/preview", json=draft)
    assert preview.status_code == 403 and "preview" in preview.json()["detail"]
    report = await service.call(OFFICER, "GET", "/agreement", params={"period": "2026-11"})
    assert report.status_code == 403 and "editor/office_head" in report.json()["detail"]


async def test_a_logged_out_session_is_refused_at_once(service: Scoring) -> None:
    assert (await service.call(OFFICER, "GET", "/rubric")).status_code == 200
    logout = SessionRevoked.originated(
        producer="intake", person_id="officer", session_id="test-session", reason="logout"
    )
    await service.publish(logout)
    refused = await service.call(OFFICER, "GET", "/rubric")
    assert refused.status_code == 401 and "ended" in refused.json()["detail"]
