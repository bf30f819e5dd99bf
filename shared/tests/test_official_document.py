"""The national format (GB/T 9704-2012): the .docx read back, then printed by LibreOffice and measured."""

from __future__ import annotations

import io
import itertools
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import docx
import docx.document
import docx.text.paragraph
import pytest

from shared.documents import CHINESE, GBT9704, OfficialDocument, proof

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARAGRAPH = "各单位要高度重视政务信息工作明确专人负责严格审核把关确保信息真实准确报送及时" * 3


def sample() -> OfficialDocument:
    doc = OfficialDocument(masthead="政务信息", number="2026年第45期", signer="吴浩",
                           issued_by="东溪县人民政府办公室", issued_on="2026年12月8日",
                           title="关于秋粮收购的报告", addressees="县人民政府：")
    for n in "一二三":
        doc.add_heading(f"{n}、收购进度", level=1)
        doc.add_heading("（一）基本情况", level=2)
        for _ in range(4):
            doc.add_paragraph(PARAGRAPH)
    doc.add_table(["名次", "单位", "得分"], [[1, "河山镇", "12.5"], [2, "柳山镇", "8"]], caption="得分表")
    doc.add_signature("东溪县人民政府办公室", "2026年12月8日")
    doc.colophon(report_to=["临江市人民政府办公室", "县政府领导"], send_to=[],
                 printed_by="东溪县人民政府办公室", printed_on=date(2026, 12, 8))
    return doc


@pytest.fixture(scope="module")
def content() -> bytes:
    return sample().to_bytes()


@pytest.fixture(scope="module")
def document(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


@pytest.fixture(scope="module")
def printed(content: bytes, tmp_path_factory: pytest.TempPathFactory) -> proof.Proof:
    reason = proof.unavailable()
    if reason:
        pytest.skip(reason)
    return proof.proof_docx(content, tmp_path_factory.mktemp("official"))


def test_the_page_is_a4_with_the_standard_type_area(document: docx.document.Document) -> None:
    section = document.sections[0]

    def mm(*lengths: object) -> tuple[float, ...]:
        return tuple(round(length.mm, 1) for length in lengths)  # type: ignore[attr-defined]

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (
        37, 35, 28, 26,  # so the type area (版心) is 156 mm × 225 mm
    )
    assert GBT9704.line_pitch_twips == 579  # 28.95 pt: 22 lines in 225 mm
    assert GBT9704.condense_twentieths == 5  # 15.75 pt a character: 28 in 156 mm


def test_faces_are_named_in_the_runs_and_their_fallbacks_in_the_font_table(
    document: docx.document.Document, content: bytes
) -> None:
    def east_asian(text: str) -> str:
        paragraph = next(p for p in document.paragraphs if p.text == text)
        return str(paragraph.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia"))

    assert east_asian("政务信息") == "方正小标宋简体"
    assert east_asian("关于秋粮收购的报告") == "方正小标宋简体"
    assert east_asian("一、收购进度") == "黑体"
    assert east_asian("（一）基本情况") == "楷体_GB2312"
    assert east_asian(PARAGRAPH) == "仿宋_GB2312"
    body = next(p for p in document.paragraphs if p.text == PARAGRAPH).runs[0]
    assert body.font.size.pt == 16  # 三号
    assert body._r.rPr.find(f"{W}spacing").get(f"{W}val") == "-5"  # 28 to a line
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        table = ElementTree.fromstring(package.read("word/fontTable.xml"))
    fallbacks = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")  # type: ignore[union-attr]
                 for f in table if f.find(f"{W}altName") is not None}
    assert fallbacks["仿宋_GB2312"] == "方正仿宋_GBK,仿宋,FangSong,Noto Serif CJK SC"
    assert fallbacks["方正小标宋简体"].startswith("方正小标宋_GBK,")
    assert fallbacks["黑体"].endswith("Noto Sans CJK SC") and "KaiTi" in fallbacks["楷体_GB2312"]
    assert set(fallbacks) == {face.name for face in CHINESE.all()}


def test_the_body_keeps_a_fixed_line_pitch_and_two_characters_indent(
    document: docx.document.Document,
) -> None:
    paragraph = next(p for p in document.paragraphs if p.text == PARAGRAPH)
    assert paragraph.paragraph_format.first_line_indent.pt == 32
    spacing = document.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")


def test_the_head_carries_the_number_with_the_signer_and_the_red_rule(
    document: docx.document.Document,
) -> None:
    texts = [p.text for p in document.paragraphs]
    assert texts[:5] == ["政务信息", "2026年第45期\t签发人：吴浩", "东溪县人民政府办公室\t2026年12月8日",
                         "关于秋粮收购的报告", "县人民政府："]
    assert str(document.paragraphs[0].runs[0].font.color.rgb) == "D40000"
    signer = document.paragraphs[1].runs[-1]
    assert signer.text == "吴浩" and signer._r.rPr.rFonts.get(f"{W}eastAsia") == "楷体_GB2312"  # §7.2.6
    rule = document.paragraphs[2]._p.pPr.find(f"{W}pBdr/{W}bottom")
    assert (rule.get(f"{W}color"), rule.get(f"{W}val")) == ("D40000", "single")


def test_pages_are_numbered_on_the_outside_of_odd_and_even_pages(document: docx.document.Document) -> None:
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    def shown(paragraph: docx.text.paragraph.Paragraph) -> str:
        return "".join(t.text or "" for t in paragraph._p.iter(f"{W}t"))  # with the field's placeholder

    assert shown(odd) == shown(even) == "— 1 —"
    assert (odd.alignment, even.alignment) == (docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT,
                                               docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT)
    assert odd.runs[0].font.size.pt == 14 and odd.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == "宋体"
    assert odd._p.find(f"{W}fldSimple").get(f"{W}instr") == "PAGE"


def test_the_colophon_is_a_table_floated_to_the_foot_between_thick_and_thin_rules(
    document: docx.document.Document,
) -> None:
    colophon = document.tables[-1]
    assert [row.cells[0].text for row in colophon.rows] == [
        "报：临江市人民政府办公室、县政府领导。", "送：", "东溪县人民政府办公室\t2026年12月8日印发",
    ]
    position = colophon._tbl.tblPr.find(f"{W}tblpPr")
    assert (position.get(f"{W}vertAnchor"), position.get(f"{W}tblpYSpec")) == ("margin", "bottom")
    borders = colophon._tbl.tblPr.find(f"{W}tblBorders")
    widths = [borders.find(f"{W}{edge}").get(f"{W}sz") for edge in ("top", "insideH", "bottom")]
    assert widths == ["8", "6", "8"]  # eighths of a point: thick 0.35 mm, thin 0.25 mm
    assert document.paragraphs[-1].text == "2026年12月8日"  # its anchor: the last paragraph


def test_an_unknown_printing_date_is_left_blank_and_nothing_follows_the_colophon() -> None:
    doc = OfficialDocument(masthead="政务信息")
    doc.colophon(printed_by=None, printed_on=None)
    lines = [row.cells[0].text for row in docx.Document(io.BytesIO(doc.to_bytes())).tables[0].rows]
    assert lines == ["\t\u3000\u3000年\u3000\u3000月\u3000\u3000日印发"]
    with pytest.raises(RuntimeError, match="colophon ends the document"):
        doc.add_paragraph("after")
    with pytest.raises(ValueError, match="levels 1 and 2"):
        OfficialDocument(masthead="x").add_heading("1.", level=3)


def test_printed_pages_are_a4_text_stays_in_the_type_area_and_numbers_sit_outside(
    printed: proof.Proof,
) -> None:
    assert len(printed.pages) >= 3  # odd and even pages both numbered
    assert proof.layout_problems(printed) == []


def test_a_printed_page_holds_22_lines_of_28_characters(printed: proof.Proof) -> None:
    page = printed.pages[1]  # body text only
    bottom = GBT9704.type_area_pt()[3]
    lines: dict[int, str] = {}
    for word in page.words:
        if word.y1 <= bottom:
            lines[round(word.y1)] = lines.get(round(word.y1), "") + word.text
    assert len(lines) == 22
    tops = sorted(lines)
    assert all(abs(b - a - 28.95) < 1.1 for a, b in itertools.pairwise(tops))
    full = [text for text in lines.values() if not text.startswith(("一", "（"))]
    assert max(len(text) for text in full) == 28


def test_the_masthead_and_its_rule_are_red_across_the_type_area(printed: proof.Proof) -> None:
    left, top, right, _ = GBT9704.type_area_pt()
    box = printed.red_box(1)
    assert box is not None
    x0, y0, x1, y1 = box
    assert abs(x0 - left) < 3 and abs(x1 - right) < 3  # the rule: as wide as the type area
    assert top <= y0 < top + 40 and y1 < top + 250
    assert printed.red_box(2) is None


def test_the_proof_finds_a_document_that_is_not_in_the_national_format(tmp_path: Path) -> None:
    if reason := proof.unavailable():
        pytest.skip(reason)
    letter = docx.Document()  # python-docx's template: US Letter, 1 inch and 1.25 inch margins
    letter.add_paragraph("政务信息" * 40)
    out = io.BytesIO()
    letter.save(out)
    problems = proof.layout_problems(proof.proof_docx(out.getvalue(), tmp_path))
    assert any("is 612×792 pt, not 595×842" in p for p in problems)
    assert any("outside the type area" in p for p in problems)
    assert any("the page number reads ''" in p for p in problems)
    assert "the last page has no colophon (…印发)" in problems
