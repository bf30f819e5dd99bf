"""Starting an item from a Word file: title, paragraphs, images kept as attachments."""

from __future__ import annotations

from services.intake.adapters.docx_reader import ImageLimits, read_docx
from services.intake.tests.conftest import IntakeHarness
from services.intake.tests.docs import png, word_file

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
