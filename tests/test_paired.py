"""Paired and repeated-measures comparisons (`--pair`): the tests against R's documented output and closed forms,
and the page of `edakit report sleep --group group --pair ID`."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest
from scipy import stats
from typer.testing import CliRunner

import edakit
from edakit.cli import app
from edakit.errors import EdakitError
from edakit.model import Report
from edakit.stats.paired import friedman, mcnemar, signed_rank

# R's datasets::sleep, drug 1 and drug 2 for patients 1..10
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# ?wilcox.test: Hollander & Wolfe (1973), p. 29, Hamilton depression scale before (x) and after (y) a tranquilizer
DEPRESSION_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
DEPRESSION_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
# ?friedman.test: Hollander & Wolfe (1973), p. 140, RoundingTimes (22 players × 3 methods of rounding first base)
ROUNDING = [
    [5.40, 5.50, 5.55], [5.85, 5.70, 5.75], [5.20, 5.60, 5.50], [5.55, 5.50, 5.40], [5.90, 5.85, 5.70],
    [5.45, 5.55, 5.60], [5.40, 5.40, 5.35], [5.45, 5.50, 5.35], [5.25, 5.15, 5.00], [5.85, 5.80, 5.70],
    [5.25, 5.20, 5.10], [5.65, 5.55, 5.45], [5.60, 5.35, 5.45], [5.05, 5.00, 4.95], [5.50, 5.50, 5.40],
    [5.45, 5.55, 5.50], [5.55, 5.55, 5.35], [5.45, 5.50, 5.55], [5.50, 5.45, 5.25], [5.65, 5.60, 5.40],
    [5.70, 5.65, 5.55], [6.30, 6.30, 6.25],
]  # fmt: skip


@pytest.fixture(scope="module")
def sleep_report() -> Report:
    return edakit.report("sleep", group="group", pair="ID", correlations=False)


def test_paired_t_on_sleep_matches_r(sleep_report: Report) -> None:
    # R: t.test(extra ~ group, data = sleep, paired = TRUE) (R < 4.4; or with(sleep, t.test(extra[group == 1],
    # extra[group == 2], paired = TRUE))): t = -4.0621, df = 9, p-value = 0.002833,
    # 95 percent confidence interval: -2.4598858 -0.7001142; mean difference -1.58
    a = sleep_report.comparisons
    assert a.pair == "ID" and a.units == 10
    t = a["extra"].primary
    assert t.key == "paired_t"
    assert t.statistic == pytest.approx(-4.0621, abs=1e-4)
    assert t.df == 9
    assert t.p_value == pytest.approx(0.002833, abs=1e-6)
    assert t.ci == pytest.approx((-2.4598858, -0.7001142), abs=1e-7)
    assert t.estimate == pytest.approx(-1.58)
    assert t.effect_size is not None and t.effect_size.ci is not None  # d_z with its interval


def test_signed_rank_on_sleep_matches_r() -> None:
    # R: wilcox.test(extra ~ group, data = sleep, paired = TRUE, conf.int = TRUE) warns about ties and zeros and
    # gives V = 0, p-value = 0.009091; 95 percent CI -2.949921 -1.050018; (pseudo)median -1.400031 (R's uniroot
    # stops within tol = 1e-4 of the step where the statistic crosses its quantile).
    r = signed_rank(SLEEP_1, SLEEP_2)
    assert r.method == "Wilcoxon signed rank test with continuity correction"
    assert r.statistic == 0
    assert r.p_value == pytest.approx(0.009091, abs=1e-6)
    assert r.ci == pytest.approx((-2.949921, -1.050018), abs=1e-4)
    assert r.estimate == pytest.approx(-1.400031, abs=1e-4)
    # scipy's equivalent gives the same p-value (zeros dropped, tie and continuity correction)
    d = np.subtract(SLEEP_1, SLEEP_2)
    assert r.p_value == pytest.approx(stats.wilcoxon(d[d != 0], correction=True, method="approx").pvalue)


def test_signed_rank_interval_inverts_scipys_test() -> None:
    """The interval is the set of shifts the test does not reject: scipy's p just inside each limit is at least
    0.05 and just outside below it (normal approximation on sleep; exact on the depression data)."""
    for x, y, method in ((SLEEP_1, SLEEP_2, "approx"), (DEPRESSION_X, DEPRESSION_Y, "exact")):
        r = signed_rank(x, y)
        d = np.subtract(x, y)
        d = d[d != 0]

        def p(mu: float, d: np.ndarray = d, method: str = method) -> float:
            return stats.wilcoxon(d - mu, correction=True, method=method).pvalue

        lo, hi = r.ci
        assert p(lo + 1e-9) >= 0.05 > p(lo - 1e-6)
        assert p(hi - 1e-9) >= 0.05 > p(hi + 1e-6)


def test_exact_signed_rank_matches_r() -> None:
    # R: wilcox.test(x, y, paired = TRUE, alternative = "greater") on the depression data (?wilcox.test):
    # V = 40, p-value = 0.01953, so the two-sided exact p is 2 × 0.01953 = 0.0390625 (= 20 / 512).
    r = signed_rank(DEPRESSION_X, DEPRESSION_Y)
    assert r.method == "Wilcoxon signed rank exact test"
    assert r.statistic == 40
    assert r.p_value == pytest.approx(20 / 512)
    # the exact estimate is the median of the 45 Walsh averages
    d = np.subtract(DEPRESSION_X, DEPRESSION_Y)
    walsh = [(d[i] + d[j]) / 2 for i in range(d.size) for j in range(i, d.size)]
    assert r.estimate == pytest.approx(float(np.median(walsh)))


def test_mcnemar_matches_r_and_agresti() -> None:
    # R: mcnemar.test(matrix(c(794, 86, 150, 570), nrow = 2)) (Agresti 1990, p. 350, presidential approval):
    # McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05; closed form (|150 - 86| - 1)² / 236.
    r = mcnemar([[794, 150], [86, 570]])
    assert r.statistic == pytest.approx(63**2 / 236)
    assert round(r.statistic, 3) == 16.818
    assert r.df == 1
    assert r.p_value == pytest.approx(4.115e-05, rel=1e-3)
    # Agresti (2002, §10.1.1): difference of the paired proportions 0.59 - 0.55 = 0.04, 95 % Wald CI 0.02 to 0.06
    assert r.estimate == pytest.approx(0.04)
    assert r.ci == pytest.approx((0.0213, 0.0587), abs=1e-4)
    assert r.details["exact_p"] == pytest.approx(stats.binomtest(150, 236).pvalue)


def test_friedman_matches_r() -> None:
    # R: friedman.test(RoundingTimes): Friedman chi-squared = 11.143, df = 2, p-value = 0.003805
    r = friedman(ROUNDING)
    assert r.statistic == pytest.approx(11.143, abs=1e-3)
    assert r.df == 2
    assert r.p_value == pytest.approx(0.003805, abs=1e-6)
    w = r.effect_size
    assert w is not None and w.value == pytest.approx(r.statistic / (22 * 2))  # Kendall's W = X² / (n (k - 1))
    assert w.ci is not None and w.ci[0] < w.value < w.ci[1]


def _long(blocks: list[list[float]], names: list[str], column: str = "y") -> pl.DataFrame:
    """A units × conditions table in long form: one row per unit and condition."""
    return pl.DataFrame(
        {
            "unit": [i for i, row in enumerate(blocks) for _ in row],
            "condition": [names[j] for row in blocks for j in range(len(row))],
            column: [v for row in blocks for v in row],
        }
    )


def test_report_runs_friedman_for_three_conditions() -> None:
    # three conditions: the repeated-measures ANOVA is primary (tests/test_repeated.py), Friedman its sensitivity
    df = _long(ROUNDING, ["a round out", "b narrow angle", "c wide angle"], "time")
    rep = edakit.report(df, group="condition", pair="unit", correlations=False)
    assert rep.comparisons["time"].primary.key == "rm_anova"
    t = rep.comparisons["time"].alternative
    assert t.key == "friedman"
    assert t.statistic == pytest.approx(11.143, abs=1e-3) and t.p_value == pytest.approx(0.003805, abs=1e-6)
    assert t.ci is not None and t.effect_size.ci == t.ci


def test_report_runs_mcnemar_for_a_binary_column() -> None:
    # 794 units approve twice, 150 approve then disapprove, 86 the reverse, 570 disapprove twice (Agresti's table)
    cells = [("approve", "approve", 794), ("approve", "disapprove", 150), ("disapprove", "approve", 86)]
    cells.append(("disapprove", "disapprove", 570))
    first = [a for a, _, n in cells for _ in range(n)]
    second = [b for _, b, n in cells for _ in range(n)]
    units = list(range(len(first)))
    df = pl.DataFrame(
        {"person": units * 2, "survey": ["1st"] * len(units) + ["2nd"] * len(units), "approval": first + second}
    )
    rep = edakit.report(df, group="survey", pair="person", correlations=False)
    c = rep.comparisons["approval"]
    assert c.primary.key == "mcnemar" and c.table == [[794, 150], [86, 570]]
    assert c.primary.statistic == pytest.approx(16.818, abs=1e-3)
    html = rep.to_html()
    assert "McNemar" in html and "150 units were approve in 1st but disapprove in 2nd" in html


def test_sleep_page_shows_the_paired_analysis(sleep_report: Report) -> None:
    html = sleep_report.to_html()
    assert "Paired comparison across group (units: ID)" in html
    assert "t(9) = −4.062" in html
    assert "runs from -2.46 to -0.7001" in html  # the paired t interval, in the words
    assert "Wilcoxon signed-rank test" in html and "V = 0" in html
    assert "-2.95 to -1.05" in html  # the Hodges–Lehmann interval
    assert "Welch" not in html.split('id="comparisons-paired"')[1].split("</section>")[0]
    assert "design: observational" in html
    data = json.loads(sleep_report.to_json())
    assert Report.from_dict(data).comparisons.paired[0].primary.p_value == pytest.approx(0.002833, abs=1e-6)


def test_unpaired_report_suggests_pair() -> None:
    rep = edakit.report("sleep", group="group", correlations=False)
    assert "run the report with --pair ID" in rep.to_html()


def test_pair_errors_are_one_line() -> None:
    df = pl.DataFrame({"unit": [1, 1, 1, 2], "g": ["a", "a", "b", "b"], "y": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(EdakitError, match="the unit 1 has 2 rows in group a"):
        edakit.report(df, group="g", pair="unit")
    with pytest.raises(EdakitError, match="--pair needs --group"):
        edakit.report(df, pair="unit")
    result = CliRunner().invoke(app, ["report", "sleep", "--group", "group", "--pair", "nope", "-o", "/dev/null"])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "values",
    [[1.0, float("nan"), 2.0, None, 1.0], [True, False, None, True], ["b", None, "a", "b"], [3, None, 1, 3]],
)
def test_wide_layout_writes_each_level_as_its_label(values: list) -> None:
    """The paired gather labels each distinct value once (not every row): the same text as `pairs.label` of each
    row, missing values kept missing."""
    from edakit.engine.paired import _labels
    from edakit.engine.pairs import label

    series = pl.Series(values)
    assert _labels(series).to_list() == [None if v is None else label(v) for v in values]
