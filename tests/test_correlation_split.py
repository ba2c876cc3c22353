"""The shown pairs finished on two threads (`correlation_analysis.finish_shown`, from `SPLIT_SAMPLE` sampled rows):
the same analysis as on one thread, and the rank correlations of the shown numeric pairs equal scipy's
`spearmanr` and `kendalltau` (tau-b) on the sample's complete pairs; the intervals of V and eta too.

The second thread is made to take pairs for certain: the calling thread waits, at its first pair, until the
other has finished one."""

from __future__ import annotations

import threading

import polars as pl
import pytest

from edakit.sections import correlations
from edakit.stats import correlation_analysis
from tests.test_correlation_early import _context, _frame, assert_ranks_are_scipys

GUARD = 60  # seconds before a missing second thread fails the test instead of hanging it


@pytest.fixture
def two_threads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Split from any sample size; the calling thread's first pair waits until the other thread has finished one.
    Returns the pairs finished per thread."""
    monkeypatch.setattr(correlation_analysis, "SPLIT_SAMPLE", 1)
    done: dict[str, int] = {}
    other = threading.Event()
    plain = correlation_analysis.finish

    def finish(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        caller = threading.current_thread() is threading.main_thread()
        if caller:
            assert other.wait(GUARD), "the second thread took no pair"
        plain(*args, **kwargs)
        name = "caller" if caller else "other"
        done[name] = done.get(name, 0) + 1
        if not caller:
            other.set()

    monkeypatch.setattr(correlation_analysis, "finish", finish)
    return done


def _frame_with_a_text_pair() -> pl.DataFrame:
    """`_frame` (numeric pairs of graded strengths, mixed pairs near eta = 1) and a second categorical column, so
    that a Cramér's V interval is finished too."""
    df = _frame()
    return df.with_columns(pl.Series("h", [f"h{i % 4}" if i % 5 else "h0" for i in range(df.height)]))


def test_two_threads_finish_the_shown_pairs_as_one_does_and_as_scipy(monkeypatch, two_threads) -> None:  # noqa: ANN001
    ctx = _context(_frame_with_a_text_pair())
    gathered = correlations.gather(ctx)
    sample, conf = ctx.summary.sample, 0.95
    split = correlation_analysis.analyse(gathered, sample, conf_level=conf)
    assert two_threads.get("other", 0) >= 1 and sum(two_threads.values()) == len(split.shown)
    monkeypatch.setattr(correlation_analysis, "SPLIT_SAMPLE", 10**12)  # one thread
    one = correlation_analysis.analyse(gathered, sample, conf_level=conf)
    assert split == one
    assert {p.kind for p in split.shown} == {"numeric", "mixed", "categorical"}
    for p in split.shown:
        if p.kind == "numeric":  # scipy on the sample's complete pairs (the sample is every row here)
            assert_ranks_are_scipys(p, sample)
        else:  # the interval of V or eta is added for every shown pair
            assert p.result.ci is not None


def test_two_threads_complete_the_early_ranks_as_one_does(monkeypatch, two_threads) -> None:  # noqa: ANN001
    """Some ranks taken early (`numeric_ranks` stopped after two pairs): the threads take the others."""
    ctx = _context(_frame())
    gathered = correlations.gather(ctx)
    sample, conf = ctx.summary.sample, 0.95
    numeric = correlations.numeric_pairs(gathered.moments, gathered.rows, conf)
    cut = correlation_analysis.numeric_ranks(numeric, sample, conf)
    cut = dict(list(cut.items())[:2])
    split = correlation_analysis.analyse(gathered, sample, conf_level=conf, ranks=cut)
    monkeypatch.setattr(correlation_analysis, "SPLIT_SAMPLE", 10**12)
    one = correlation_analysis.analyse(gathered, sample, conf_level=conf)
    assert [(p.x, p.y, p.rank, p.result) for p in split.shown] == [(p.x, p.y, p.rank, p.result) for p in one.shown]
