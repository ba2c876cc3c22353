"""The typed results behind the correlations, distributions and PCA sections (issue 18).

`rep.correlations`, `rep.distributions` and `rep.pca` hold the results the sections are laid out from: their named
fields equal the page's table cells and the JSON, and `Report.from_json` reads them back as the same classes.
Reference numbers come from R (tests/r/correlation_section.R → correlation_section.out: `cor.test`, `p.adjust`).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import edakit
from edakit.model import Report
from edakit.page import TableBlock
from edakit.stats.association import CorrelationRatioResult, CramersVResult
from edakit.stats.bootstrap import BootstrapResult
from edakit.stats.correlation_analysis import CorrelationAnalysis, Pair
from edakit.stats.correlations import CorrelationResult
from edakit.stats.distributions import ColumnDistribution, DistributionAnalysis
from edakit.stats.fitting import DistributionFit
from edakit.stats.pca import PCAResult
from tests.conftest import read_r_output

R = read_r_output("correlation_section.out")
#: penguins' JSON (indent 2) was 353,026 characters before the typed results were kept; it is about 613,000 with
#: them (the correlations' results carry their explanations). The bound is under twice the size before.
MAX_PENGUINS_JSON = 700_000


@pytest.fixture(scope="module")
def penguins() -> Report:
    return edakit.report("penguins")


def section(rep: Report, section_id: str):
    (sec,) = [s for s in rep.sections if s.id == section_id]
    return sec


def table(blocks, caption_start: str) -> TableBlock:
    (found,) = [b for b in blocks if isinstance(b, TableBlock) and b.caption.startswith(caption_start)]
    return found


def test_correlations_are_typed_named_and_match_r_the_page_and_the_json(penguins: Report) -> None:
    a = penguins.correlations
    assert isinstance(a, CorrelationAnalysis)
    assert a.numeric == ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
    assert a.categorical == ["species", "island", "sex"] and a.left_out == []
    assert a.alpha == 0.05 and a.conf_level == 0.95 and a.p_adjust == "bh" and len(a.pairs) == 28
    p = a["bill_length_mm", "bill_depth_mm"]
    assert p is a["bill_depth_mm", "bill_length_mm"] is a.pair("bill_length_mm", "bill_depth_mm")
    assert isinstance(p, Pair) and (p.x, p.y, p.kind) == ("bill_length_mm", "bill_depth_mm", "numeric")
    r, ref = p.result, R["pearson|bill_length_mm|bill_depth_mm"]  # R: cor.test(bill_length_mm, bill_depth_mm)
    assert isinstance(r, CorrelationResult) and r.method == "Pearson's product-moment correlation"
    assert r.estimate == pytest.approx(-0.23505287035553274, rel=1e-9) == pytest.approx(ref["r"], rel=1e-9)
    assert r.ci == (pytest.approx(ref["lo"], rel=1e-9), pytest.approx(ref["hi"], rel=1e-9))
    assert r.p_value == pytest.approx(ref["p"], rel=1e-7) and r.n == 342 and r.df == 340
    bh = R["bh:pearson|bill_length_mm|bill_depth_mm"]["p_bh"]  # R: p.adjust(<the 28 p-values>, "BH")
    assert p.p_adjusted == pytest.approx(bh, rel=1e-7) and p.strength == abs(r.estimate)
    rank = R["rank|bill_length_mm|bill_depth_mm"]  # R: cor.test(..., method = "spearman" / "kendall")
    assert p.rank["spearman"].estimate == pytest.approx(rank["rho"], rel=1e-9)
    assert p.rank["kendall"].estimate == pytest.approx(rank["tau"], rel=1e-9)
    # the page's ranked table is laid out from these fields
    ranked = table(section(penguins, "correlations").blocks, "The 25 strongest associations")
    row = next(row for row in ranked.rows if row[0] == "bill_length_mm × bill_depth_mm")
    assert row[1:] == [
        "Pearson's r",
        p.strength,
        r.estimate,
        list(r.ci),
        r.n,
        r.p_value,
        p.p_adjusted,
        p.rank["spearman"].estimate,
        p.rank["kendall"].estimate,
    ]
    # ... and the JSON carries the same numbers under the same names
    (entry,) = [e for e in penguins.to_dict()["correlations"]["pairs"] if (e["x"], e["y"]) == p.columns]
    assert entry["kind"] == "numeric" and entry["result"]["kind"] == "CorrelationResult"
    assert entry["result"]["estimate"] == row[3] and entry["result"]["ci"] == row[4]
    assert entry["result"]["p_value"] == row[6] and entry["p_adjusted"] == row[7]
    assert entry["rank"]["spearman"]["estimate"] == row[8] and "inputs" not in entry
    # the ranked order, the kinds and the summary's count of adjusted p below alpha
    assert [q.label for q in a.shown] == [row[0] for row in ranked.rows] and a.shown == a.ranked[: a.top]
    assert isinstance(a["species", "island"].result, CramersVResult) and a["species", "island"].result.ci
    assert isinstance(a["body_mass_g", "species"].result, CorrelationRatioResult)
    assert (
        f"{a.n_significant} have a Benjamini–Hochberg-adjusted p-value below 0.05"
        in section(penguins, "correlations").summary
    )


def test_correlations_repr_and_missing_pairs(penguins: Report) -> None:
    a = penguins.correlations
    lines = repr(a).splitlines()
    assert lines[0].startswith("<CorrelationAnalysis: 28 pair(s) of 5 numeric and 3 categorical column(s)")
    strongest = a.ranked[0]
    assert lines[1].split()[:3] == strongest.label.split() and f"= {strongest.result.estimate:.4g}" in lines[1]
    assert len(lines) == 12 and lines[-1].endswith("18 more>")
    with pytest.raises(KeyError, match="not a paired column"):
        a["bill_length_mm", "nope"]


def test_correlations_left_out_columns_say_why() -> None:
    import polars as pl

    df = pl.DataFrame({"a": [1.0, 2, 3, 5, 4], "b": [2.0, 1, 4, 3, 6], "flat": [1.0] * 5})
    a = edakit.report(df, max_charted_columns=0).correlations
    assert [item.columns for item in a.left_out] == [["flat"]]
    assert a.notes == ["1 column left out (constant columns are not measured): flat."]
    with pytest.raises(KeyError, match="'flat' was left out: constant columns are not measured"):
        a["a", "flat"]


def test_correlations_alpha_comes_from_the_config() -> None:
    rep = edakit.report("penguins", alpha=0.001, max_charted_columns=0)
    a = rep.correlations
    assert a.alpha == 0.001
    assert a.n_significant == sum(p.p_adjusted is not None and p.p_adjusted < 0.001 for p in a.pairs)
    assert "adjusted p-value below 0.001" in section(rep, "correlations").summary


def test_distributions_are_typed_and_match_the_page(penguins: Report) -> None:
    d = penguins.distributions
    # year holds years (issue 19): it is correlated but no distribution is fitted to it
    assert isinstance(d, DistributionAnalysis) and d.columns == penguins.correlations.numeric[:-1]
    c = d["body_mass_g"]
    assert isinstance(c, ColumnDistribution) and c.column == "body_mass_g" and "body_mass_g" in d
    assert isinstance(c.fit, DistributionFit) and isinstance(c.bootstrap, BootstrapResult)
    assert c.fit is d.fits["body_mass_g"] and c.bootstrap is d.bootstraps["body_mass_g"]
    assert c.fit.kind == "continuous" and c.fit.best.family == "log-normal" and c.fit.n == 342
    sub = next(s for s in section(penguins, "distributions").subsections if s.title == "Distribution of body_mass_g")
    families = table(sub.blocks, "Families fitted to body_mass_g")
    assert [row[0] for row in families.rows] == [f.family for f in c.fit.fits]
    assert [row[4] for row in families.rows] == [f.aic for f in c.fit.fits]
    boot = table(sub.blocks, "Intervals for the centre of body_mass_g").rows[0]
    b = c.bootstrap
    assert boot == ["mean", b.mean, list(b.mean_t_ci), list(b.mean_boot_ci), b.mean_se, b.mean_boot_se]
    assert repr(d).splitlines()[4].split()[:3] == ["body_mass_g", "best", "log-normal"]
    with pytest.raises(KeyError, match="not a fitted column"):
        d["species"]


def test_pca_is_typed_and_matches_the_page(penguins: Report) -> None:
    r = penguins.pca
    assert isinstance(r, PCAResult) and r.columns == penguins.correlations.numeric and r.n == 342
    eigen = table(section(penguins, "pca").blocks, "Eigenvalues of the correlation matrix").rows
    assert [row[1] for row in eigen] == r.eigenvalues and [row[3] for row in eigen] == r.cumulative
    assert r.scores.shape == (342, 5)


def test_json_reads_back_as_the_same_classes(penguins: Report) -> None:
    text = penguins.to_json()
    again = Report.from_json(text)
    a, d, r = again.correlations, again.distributions, again.pca
    assert isinstance(a, CorrelationAnalysis) and a == penguins.correlations
    assert isinstance(a["species", "island"].result, CramersVResult)
    assert isinstance(a["body_mass_g", "island"].result, CorrelationRatioResult)
    assert isinstance(a["bill_length_mm", "bill_depth_mm"].rank["kendall"], CorrelationResult)
    assert a["body_mass_g", "species"].result.df == penguins.correlations["body_mass_g", "species"].result.df
    assert isinstance(d, DistributionAnalysis) and d == penguins.distributions
    assert isinstance(d["body_mass_g"].fit, DistributionFit) and d["body_mass_g"].fit.kind == "continuous"
    assert isinstance(d["flipper_length_mm"].bootstrap, BootstrapResult)
    assert "year" not in d  # years are not fitted (issue 19)
    assert isinstance(r, PCAResult) and r == penguins.pca and r.scores is None  # scores stay out of the JSON
    assert again.to_dict() == json.loads(text)


def test_penguins_json_stays_a_reasonable_size(penguins: Report) -> None:
    text = penguins.to_json()
    assert len(text) < MAX_PENGUINS_JSON, len(text)
    data = json.loads(text)
    assert "scores" not in data["pca"] and all("inputs" not in p for p in data["correlations"]["pairs"])


def test_gathering_imports_no_scipy() -> None:
    code = "import sys, edakit.engine.correlations, edakit.engine.pca; assert 'scipy' not in sys.modules, 'scipy'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
