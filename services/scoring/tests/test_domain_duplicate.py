"""Duplicate: SimHash fingerprints, LSH bands and the closest earlier submission."""

from hypothesis import given
from hypothesis import strategies as st

from services.scoring.domain import (
    CriterionScore,
    DuplicateCandidate,
    ItemText,
    hamming_distance,
    load_rubric,
    score_item,
    simhash,
    simhash_bands,
)

RUBRIC = load_rubric()
BODY = (
    "11月20日，瓯海区农业农村局通报，今年以来该区通过健全秸秆收储运体系，全区秸秆综合利用率达到"
    "95.2%，比去年同期提高4.1个百分点。全区今年共建成秸秆收储点126个，年收储能力达到8.6万吨。"
    "由于收储点就近设置，秸秆离田成本下降约30%，带动农户增收3200万元。"
)
OTHER = (
    "6月12日，襄州区人力资源和社会保障局举办首场高校毕业生直播带岗招聘活动，86家企业在线提供岗位"
    "3400个，当天观看人数达到5.7万人次，达成就业意向2160人。"
)
ITEM = ItemText(title="瓯海区秸秆综合利用率达95.2%", body=BODY)


def _duplicate(earlier: list[DuplicateCandidate]) -> CriterionScore:
    card = score_item(ITEM, RUBRIC, earlier=earlier)
    return next(c for c in card.criteria if c.criterion == "duplicate")


def test_simhash_is_a_stable_64_bit_integer() -> None:
    assert simhash(BODY) == simhash(BODY)
    assert 0 <= simhash(BODY) < 2**64
    assert simhash(BODY) == 0xDF3A2A157BEB45EE  # stored fingerprints depend on this value


def test_simhash_ignores_spacing_and_punctuation() -> None:
    assert simhash("秸秆，综合 利用。") == simhash("秸秆综合利用")


def test_small_edit_stays_within_the_threshold_and_unrelated_text_is_far() -> None:
    edited = BODY.replace("95.2%", "95.3%").replace("126个", "128个")
    limit = RUBRIC.settings.duplicate.max_distance
    assert hamming_distance(simhash(BODY), simhash(edited)) <= limit
    assert hamming_distance(simhash(BODY), simhash(OTHER)) > limit


def test_english_is_fingerprinted_by_words() -> None:
    text = "The council opened 85 warm spaces in libraries across the city on Monday."
    assert simhash(text) == simhash(text.upper().replace(" ", "  "))
    assert (
        hamming_distance(simhash(text), simhash("Potholes in south Auckland now take two days to fix.")) > 12
    )


def test_hamming_distance_counts_differing_bits() -> None:
    assert hamming_distance(0b1011, 0b0001) == 2
    assert hamming_distance(0, 2**64 - 1) == 64


@given(st.integers(0, 2**64 - 1), st.sets(st.integers(0, 63), max_size=3))
def test_fingerprints_within_three_bits_share_a_band(fp: int, flips: set[int]) -> None:
    other = fp
    for bit in flips:
        other ^= 1 << bit
    assert set(simhash_bands(fp)) & set(simhash_bands(other))


@given(st.integers(0, 2**64 - 1))
def test_band_values_encode_their_position(fp: int) -> None:
    bands = simhash_bands(fp, bands=4)
    assert len(bands) == 4
    assert [band >> 16 for band in bands] == [0, 1, 2, 3]


def test_no_earlier_submissions_gives_full_marks() -> None:
    assert _duplicate([]).score == 100


def test_near_duplicate_is_reported_by_submission_id() -> None:
    near = simhash(BODY.replace("126个", "128个"))
    duplicate = _duplicate([DuplicateCandidate("sub-7", "unit-3", near)])
    assert duplicate.score < 50
    assert any("sub-7" in line for line in duplicate.evidence)


def test_closest_candidate_is_the_one_reported() -> None:
    exact = DuplicateCandidate("sub-exact", "unit-1", simhash(BODY))
    near = DuplicateCandidate("sub-near", "unit-2", simhash(BODY) ^ 0b1111)
    duplicate = _duplicate([near, exact])
    assert "sub-exact" in duplicate.explanation
    assert duplicate.score == 0


def test_candidate_beyond_the_threshold_is_not_a_duplicate() -> None:
    far = DuplicateCandidate("sub-far", "unit-9", simhash(OTHER))
    assert _duplicate([far]).score == 100
