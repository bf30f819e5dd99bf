"""Bulletins rendered as a person receives them: .docx read back, PDF rasterised, HTML."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import docx.document
import numpy as np
import pytest
from PIL import Image

from services.notify.bulletins import (
    MEDIA_TYPES,
    Commendation,
    compose_bulletin,
    render,
    render_docx,
    render_html,
    render_pdf,
)
from services.notify.bulletins.samples import sample_city_bulletin, sample_english_bulletin


@pytest.fixture(scope="module")
def city_pdf() -> bytes:
    return render_pdf(sample_city_bulletin())


@pytest.fixture(scope="module")
def city_docx() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(sample_city_bulletin())))


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} not installed (Debian: apt-get install poppler-utils)")
    return path


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "bulletin.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        [_poppler("pdftotext"), "-enc", "UTF-8", str(source), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def _first_page_png(pdf: bytes, tmp_path: Path) -> Image.Image:
    source = tmp_path / "bulletin.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            _poppler("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Image.open(tmp_path / "page.png").convert("RGB")


def test_docx_reads_back_with_title_block_and_one_table_row_per_unit(
    city_docx: docx.document.Document,
) -> None:
    data, document = sample_city_bulletin(), city_docx
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "政务信息工作通报"
    assert texts[1] == "2026年第11期"
    assert texts[2] == "清江市人民政府办公室\t2026年12月5日"
    assert "关于2026年11月全市政务信息工作情况的通报" in texts
    assert "五、通报批评" in texts
    *content, colophon = document.tables  # the colophon (版记) is a table floated to the foot
    *scores, items = content  # a score table per unit class, then the adopted items
    assert sum(len(t.rows) - 1 for t in scores) == len(data.rankings)
    assert [c.text for c in scores[0].rows[0].cells] == [
        "名次",
        "单位",
        "类别",
        "报送（条）",
        "采用（条）",
        "得分",
    ]
    assert [c.text for c in scores[0].rows[1].cells][:2] == ["1", "临川区"]
    assert {row.cells[1].text for t in scores for row in t.rows[1:]} == {r.unit_name for r in data.rankings}
    assert len(items.rows) == 1 + len(data.adopted_items)
    assert len(document.inline_shapes) == 2  # the trend and the ranking chart
    assert texts[-2:] == ["清江市人民政府办公室", "2026年12月5日"]
    assert [c.text for r in colophon.rows for c in r.cells] == ["清江市人民政府办公室\t2026年12月5日印发"]


def test_docx_masthead_is_red_and_chinese_fonts_are_set(city_docx: docx.document.Document) -> None:
    masthead = city_docx.paragraphs[0].runs[0]
    assert str(masthead.font.color.rgb) == "D40000"
    fonts = masthead._r.rPr.rFonts
    east_asian = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert fonts.get(east_asian) == "方正小标宋简体"


def test_pdf_text_carries_the_title_and_the_criticised_units(city_pdf: bytes, tmp_path: Path) -> None:
    assert city_pdf.startswith(b"%PDF")
    text = re.sub(r"\s+", "", _pdf_text(city_pdf, tmp_path))
    assert "关于2026年11月全市政务信息工作情况的通报" in text
    assert "2026年第11期" in text
    assert "未按要求报送信息：北塘县" in text
    assert "市科技和工业信息化局" in text


def test_pdf_first_page_shows_ink_and_a_red_masthead(city_pdf: bytes, tmp_path: Path) -> None:
    pixels = np.asarray(_first_page_png(city_pdf, tmp_path), dtype=int)
    height, width, _ = pixels.shape
    assert height > width  # portrait A4
    inked = (pixels.sum(axis=2) < 600).mean()
    assert inked > 0.02, "page looks blank"
    r, g, b = (pixels[: height // 4, :, channel] for channel in range(3))
    red = ((r > 150) & (g < 80) & (b < 80)).sum()
    assert red > 200, "no red masthead at the top of the first page"


def test_english_pdf_text_has_the_english_title(tmp_path: Path) -> None:
    text = " ".join(_pdf_text(render_pdf(sample_english_bulletin()), tmp_path).split())
    assert "Bulletin on Government Information Work, Q3 2026" in text
    assert "Riverside City Government Office" in text


def test_html_has_the_score_table_and_embedded_charts() -> None:
    data = sample_city_bulletin()
    page = render_html(compose_bulletin(data)).decode("utf-8")
    assert "<title>关于2026年11月全市政务信息工作情况的通报</title>" in page
    assert '<p class="masthead">政务信息工作通报</p>' in page
    assert page.count("<table>") == 1 + len({r.group for r in data.rankings})
    assert "<th>得分</th>" in page
    assert page.count("<tr>") == page.count("<table>") + len(data.rankings) + len(data.adopted_items)
    assert page.count('src="data:image/png;base64,') == 2
    assert "http" not in page.split("<body>")[1]  # nothing fetched from elsewhere


def test_html_escapes_text_from_the_data() -> None:
    data = dataclasses.replace(
        sample_english_bulletin(), commended=(Commendation("<script>x</script>", "a & b"),)
    )
    page = render_html(data).decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;: a &amp; b." in page


@pytest.mark.parametrize("fmt", sorted(MEDIA_TYPES))
def test_render_by_format_name(fmt: str) -> None:
    data = sample_english_bulletin()
    output = render(data, fmt)  # type: ignore[arg-type]
    magic = {"pdf": b"%PDF", "docx": b"PK", "html": b"<!doctype html>"}[fmt]
    assert output.startswith(magic)


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown bulletin format"):
        render(sample_english_bulletin(), "odt")  # type: ignore[arg-type]
