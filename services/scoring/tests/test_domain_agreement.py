"""Agreement of scores with editors' decisions."""

from services.scoring.domain.agreement import agreement


def test_perfect_separation_gives_auc_one() -> None:
    report = agreement([(90, True), (85, True), (40, False)])
    assert report.auc == 1.0 and report.adopted == 2 and report.returned == 1


def test_reversed_ranking_gives_auc_zero_and_ties_count_half() -> None:
    assert agreement([(30, True), (80, False)]).auc == 0.0
    assert agreement([(50, True), (50, False)]).auc == 0.5


def test_without_both_groups_there_is_no_auc() -> None:
    report = agreement([(70, True)])
    assert report.auc is None and report.mean_returned is None
