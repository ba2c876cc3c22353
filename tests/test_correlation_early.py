"""The correlations section's early steps: the rank correlations of the numeric pairs that can be shown, taken once
the numeric co-moments are in (before the categorical pass ends), are those of the pairs finally shown, and equal
scipy's Spearman and Kendall tau-b on the sample's complete pairs."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import polars as pl
from scipy import stats

from edakit.config import ReportConfig
from edakit.engine.profile import profile
from edakit.loader import load
from edakit.schema import infer_schema
from edakit.sections import AnalysisContext, correlations
from edakit.stats import correlation_analysis


def _context(frame: pl.DataFrame) -> AnalysisContext:
    config = ReportConfig()
    table = load(frame)
    schema = infer_schema(table.frame)
    summary = profile(table.frame, schema, sample_size=config.sample_size, seed=config.seed)
    return AnalysisContext(table, schema, summary, [], config)


def _frame() -> pl.DataFrame:
    """Five numeric columns of graded strengths and a categorical column that explains `a` and `b` almost wholly
    (two mixed pairs near eta = 1 outrank every numeric pair), one column with gaps."""
    rng = np.random.default_rng(7)
    n = 400
    g = rng.integers(0, 3, n)
    a = g * 10.0 + rng.normal(0, 0.5, n)
    b = g * 10.0 + rng.normal(0, 0.7, n)
    c = a + rng.normal(0, 8, n)
    d = rng.normal(0, 1, n) + 0.3 * c
    e = rng.normal(0, 1, n)
    e_gaps = [None if i % 17 == 0 else float(v) for i, v in enumerate(e)]
    return pl.DataFrame({"a": a, "b": b, "c": c, "d": d, "e": e_gaps, "g": [f"level {v}" for v in g]})


def assert_ranks_are_scipys(pair: Any, sample: Any) -> None:
    """A shown numeric pair's Spearman and Kendall (tau-b) equal scipy's on the sample's complete pairs."""
    x, y = (np.asarray(sample[name], dtype=float) for name in (pair.x, pair.y))
    both = ~(np.isnan(x) | np.isnan(y))
    rho = stats.spearmanr(x[both], y[both]).statistic
    tau = stats.kendalltau(x[both], y[both], variant="b").statistic
    assert np.isclose(pair.rank["spearman"].estimate, rho, rtol=1e-12, atol=1e-15)
    assert np.isclose(pair.rank["kendall"].estimate, tau, rtol=1e-12, atol=1e-15)


def test_early_ranks_cover_the_shown_numeric_pairs_and_equal_scipy() -> None:
    ctx = _context(_frame())
    gathered = correlations.gather(ctx)
    sample, conf = ctx.summary.sample, 0.95
    for top in (1, 3, 5, 25):
        numeric = correlations.numeric_pairs(gathered.moments, gathered.rows, conf)
        early = correlation_analysis.numeric_ranks(numeric, sample, conf, top=top)
        analysis = correlation_analysis.analyse(gathered, sample, conf_level=conf, top=top, ranks=early)
        shown = [p for p in analysis.shown if p.kind == "numeric"]
        assert {(p.x, p.y) for p in shown} <= set(early)
        assert len(early) == min(top, len(numeric))  # the strongest numeric pairs, whatever the other kinds
        for p in shown:  # the sample is every row here: 400 < 100,000
            assert_ranks_are_scipys(p, sample)
        # stopped early (the categorical pass ended first): `analyse` takes the shown pairs still without them
        calls = itertools.count()  # stop() is asked before each pair: the third time says the pass has ended
        cut = correlation_analysis.numeric_ranks(
            numeric, sample, conf, top=top, stop=lambda calls=calls: next(calls) >= 2
        )
        assert len(cut) == min(2, top, len(numeric))
        again = correlation_analysis.analyse(gathered, sample, conf_level=conf, top=top, ranks=cut)
        assert [(p.x, p.y, p.rank) for p in again.shown] == [(p.x, p.y, p.rank) for p in analysis.shown]
    # the mixed pairs of g outrank every numeric pair: with top = 3 only one numeric pair is shown, yet the early
    # step ranked the three strongest numeric pairs (a superset)
    analysis = correlation_analysis.analyse(gathered, sample, conf_level=conf, top=3)
    assert [p.kind for p in analysis.shown][:2] == ["mixed", "mixed"]


def test_section_built_from_the_early_steps_equals_the_one_built_without() -> None:
    ctx = _context(_frame())
    (section,) = correlations.build(ctx)  # gathers: the early steps start from the engine's on_moments
    assert len(ctx.shared[correlations.EARLY]) == 2  # the aggregates and the steps started from on_moments
    with_early = ctx.results["correlations"]
    plain = correlation_analysis.analyse(correlations.gather(ctx), ctx.summary.sample)  # no ranks given
    assert [(p.x, p.y, p.rank) for p in with_early.shown] == [(p.x, p.y, p.rank) for p in plain.shown]
    assert any(p.rank for p in with_early.shown)
    assert section.id == "correlations"
