"""Starting an item from a Word file: title, paragraphs, images kept as attachments; the limits
on what an upload may be or unpack to (413 too large, 422 unreadable; nothing kept either way)."""

from __future__ import annotations

import io
import os

import openpyxl
import pytest

from services.intake.adapters.archive import ArchiveLimits, check_archive
from services.intake.adapters.docx_reader import ImageLimits, read_docx
from services.intake.domain import TooLarge
from services.intake.tests.conftest import IntakeHarness
from services.intake.tests.docs import png, repacked, word_file

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARAGRAPHS = ["截至11月20日，河山镇已收购秋粮1.2万吨。", "一是设立收购点8个。", "二是新增烘干设备3台。"]


def test_the_heading_is_the_title_and_the_picture_follows_its_paragraph() -> None:
    imported = read_docx(word_file("河山镇秋粮收购进度过半", PARAGRAPHS, image_after=1))
    assert imported.title == "河山镇秋粮收购进度过半"
    assert imported.paragraphs == PARAGRAPHS
    (image,) = imported.images
    assert image.after_paragraph == 1 and image.content_type == "image/png"
    assert image.data == png()


def test_pictures_over_the_limits_are_skipped_and_named() -> None:
    imported = read_docx(word_file("标题", PARAGRAPHS, image_after=0), ImageLimits(max_bytes=10))
    assert imported.images == [] and len(imported.skipped) == 1


async def test_an_officer_starts_a_draft_from_a_word_file(intake: IntakeHarness) -> None:
    files = {"file": ("秋粮.docx", word_file("河山镇秋粮收购进度过半", PARAGRAPHS, 2), DOCX)}
    item = await intake.ok("POST", "/submissions/import-docx", as_="officer", files=files,
                           data={"category": "经验"})
    assert item["state"] == "draft" and item["category"] == "经验"
    assert item["title"] == "河山镇秋粮收购进度过半"
    assert item["body"].split("\n\n") == PARAGRAPHS
    (attachment,) = item["attachments"]
    assert attachment["after_paragraph"] == 2
    url = f"/submissions/{item['submission_id']}/attachments/{attachment['attachment_id']}"
    response = await intake.call("GET", url, as_="head")
    assert response.status_code == 200 and response.content == png()
    assert response.headers["content-type"] == "image/png"
    await intake.refused("GET", url, as_="other-officer")


async def test_a_file_that_is_not_word_is_refused_with_the_reason(intake: IntakeHarness) -> None:
    files = {"file": ("x.docx", b"plain text", DOCX)}
    response = await intake.call("POST", "/submissions/import-docx", as_="officer", files=files)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


async def test_an_oversized_upload_is_refused(intake: IntakeHarness) -> None:
    intake.app.state.settings.max_upload_bytes = 10  # the route reads it on each request
    files = {"file": ("x.docx", word_file("标题", PARAGRAPHS), DOCX)}
    response = await intake.call("POST", "/submissions/import-docx", as_="officer", files=files)
    assert response.status_code == 413


async def nothing_was_kept(intake: IntakeHarness) -> None:
    listed = await intake.ok("GET", "/submissions", as_="officer", params={"view": "unit"})
    assert listed["total"] == 0
    assert not [p for p in await intake.published() if p.get("type", "").startswith("intake.submission")]


def test_an_archive_over_the_limits_is_too_large() -> None:
    word = word_file("标题", PARAGRAPHS, image_after=0)
    small = ArchiveLimits(max_entries=100, max_unpacked_bytes=1_000_000, max_media=1)
    check_archive(word, small, kind=".docx", media="word/media/")
    crowded = repacked(word, {f"customXml/extra{n}.xml": b"<a/>" for n in range(100)})
    with pytest.raises(TooLarge, match="parts"):
        check_archive(crowded, small, kind=".docx", media="word/media/")
    with pytest.raises(TooLarge, match="pictures"):
        check_archive(repacked(word, {"word/media/image9.png": png()}), small, kind=".docx",
                      media="word/media/")
    with pytest.raises(TooLarge, match="unpacks to"):
        check_archive(repacked(word, {"word/big.bin": os.urandom(250_000)}), small, kind=".docx",
                      media="word/media/")


async def test_a_zip_bomb_is_refused_with_413_and_nothing_is_kept(intake: IntakeHarness) -> None:
    bomb = repacked(word_file("标题", PARAGRAPHS), {"word/padding.xml": b"\0" * 5_000_000})
    assert len(bomb) < 100_000
    files = {"file": ("bomb.docx", bomb, DOCX)}
    response = await intake.call("POST", "/submissions/import-docx", as_="officer", files=files)
    assert response.status_code == 413 and "suspiciously" in response.json()["detail"]
    await nothing_was_kept(intake)


async def test_a_docx_with_broken_xml_is_refused_with_422(intake: IntakeHarness) -> None:
    broken = repacked(word_file("标题", PARAGRAPHS), {"word/document.xml": b"<w:document"},
                      drop="word/document.xml")
    files = {"file": ("broken.docx", broken, DOCX)}
    response = await intake.call("POST", "/submissions/import-docx", as_="officer", files=files)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "file"]
    await nothing_was_kept(intake)


async def test_a_request_body_over_the_limit_is_cut_off_with_413(intake: IntakeHarness) -> None:
    too_big = b"x" * (intake.app.state.settings.max_upload_bytes + 1_000_001)
    files = {"file": ("huge.docx", too_big, DOCX)}
    response = await intake.call("POST", "/submissions/import-docx", as_="officer", files=files)
    assert response.status_code == 413
    await nothing_was_kept(intake)


async def test_an_excel_bomb_imports_no_people(intake: IntakeHarness) -> None:
    book = openpyxl.Workbook()
    book.active.append(["person_id", "name", "unit_id", "roles", "password"])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    bomb = repacked(out.getvalue(), {"xl/padding.xml": b"\0" * 5_000_000})
    files = {"file": ("people.xlsx", bomb, "application/octet-stream")}
    response = await intake.call("POST", "/org/people/import", as_="county-admin", files=files)
    assert response.status_code == 413
