"""Extreme inputs (issue 17): every public `edakit.stats` function and `edakit.report` finishes, and answers
with numbers that are finite or None — never a hang, never NaN, never a made-up number.

Each call runs under a per-call CPU-time budget (SIGPROF through `signal.setitimer`), so a hang fails as that call,
naming the function and the input. (A signal is only handled between Python bytecodes: a single C call that runs
for minutes is caught when it returns; every loop in edakit itself is Python and is interrupted at once.)
A call may raise `EdakitError` (bad input, said in words) or `NotComputable`; anything else fails.

Checked floats: `statistic`, `p_value`, `ci`, `estimate` (and the effect size's value and interval) of a
result, or the float(s) a function returns. They must be finite or None, with these documented exceptions,
where ±inf is the true (or correctly rounded) answer:

* one-sided intervals have an infinite end (not used below: every call here is two-sided);
* a perfect correlation, |r| = 1 (x = y, or moments with Sxy² ≥ Sxx·Syy), has t = ±inf (p = 0);
* the F of the correlation ratio / classic ANOVA is +inf (p = 0) when the variation within the groups is 0,
  or so small next to that between them that F overflows (its nearest float is inf) — the kinds.csv case;
* Fisher's conditional odds ratio is 0 or +inf, and an end of its interval is 0 or +inf, for a zero cell;
* a sample containing ±inf has an infinite mean / mean difference / Hodges–Lehmann estimate, and a
  variance that overflows is inf (its nearest float): inputs built from ±inf or 1e300 allow ±inf, never NaN;
* `power_proportions`, `power_means`, `mde_h`, `mde_d` return a bare float that is NaN for "undefined" (arms too
  small, no finite solution): their documented contract, which `stats.ab` tests with `_finite`.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import signal
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import edakit
import edakit.stats as S
from edakit.engine.groups import JointMoments
from edakit.errors import EdakitError, NotComputable
from edakit.stats.result import EffectSize, Result

BUDGET = 10.0  # CPU seconds per call; every call below takes well under 1 s
INF, NAN = math.inf, math.nan


@contextlib.contextmanager
def time_budget(label: str, seconds: float = BUDGET) -> Iterator[None]:
    """Fail with `label` if the block uses more than `seconds` of CPU time (a hang in a loop). CPU time, not wall
    time, so a busy shared machine cannot fail it; a hang that waits without computing is pytest-timeout's."""

    def on_budget(signum: int, frame: Any) -> None:
        raise TimeoutError(f"{label} used more than {seconds:g} CPU seconds (a hang)")

    old_handler = signal.signal(signal.SIGPROF, on_budget)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old_handler)


def _floats(value: Any) -> Iterator[float]:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float, np.floating, np.integer)):
        yield float(value)
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _floats(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _floats(v)
    elif isinstance(value, EffectSize):
        yield from _floats(value.value)
        yield from _floats(value.ci)


def checked_numbers(out: Any) -> Iterator[tuple[str, float]]:
    """(field, value) of every float the result `out` gives in the checked fields."""
    if isinstance(out, Result) or hasattr(out, "p_value"):
        for name in ("statistic", "p_value", "ci", "estimate", "effect_size"):
            for v in _floats(getattr(out, name, None)):
                yield name, v
    else:
        for v in _floats(out):
            yield "value", v


def perfect_correlation(out: Any) -> bool:
    """|r| = 1: t = ±inf is the true answer (see the module docstring)."""
    return out.estimate is not None and abs(out.estimate) == 1


def call(label: str, fn: Callable[..., Any], *args: Any, inf_ok: Any = False, nan_ok: bool = False, **kw: Any) -> Any:
    """fn(*args, **kw) within the time budget; EdakitError/NotComputable are answers, anything else fails.

    `inf_ok`: whether ±inf is a true answer here, or a predicate on the result saying so."""
    with time_budget(label):
        try:
            out = fn(*args, **kw)
        except NotComputable as exc:
            assert str(exc).startswith("not computable: "), label
            return None
        except EdakitError:
            return None
        except Exception as exc:  # noqa: BLE001 - any other exception is the failure being tested for
            pytest.fail(f"{label} raised {type(exc).__name__}: {exc}")
    if callable(inf_ok):
        inf_ok = inf_ok(out)
    for name, v in checked_numbers(out):
        assert not math.isnan(v) or nan_ok, f"{label}: {name} is NaN"
        assert math.isfinite(v) or inf_ok or math.isnan(v), f"{label}: {name} is {v} (not finite)"
    return out


# ------------------------------------------------------------------------------------------------ inputs

RNG = np.random.default_rng(17)
NORMAL = [1.0, 2.5, 3.0, 4.5, 5.0, 6.0]
ARRAYS: dict[str, tuple[list[float], bool]] = {  # name -> (values, whether ±inf is a true answer)
    "tiny 1e-300": ([1e-300, 2e-300, 3e-300, 1e-300, 5e-300], False),
    "huge 1e300": ([1e300, -1e300, 5e299, 1e300, 2e299], True),
    "with +inf": ([1.0, 2.0, INF, 3.0, 4.0], True),
    "with -inf": ([1.0, -INF, 2.0, 3.0, 4.0], True),
    "+inf and -inf": ([INF, -INF, 1.0, 2.0], True),
    "with NaN": ([1.0, NAN, 2.0, 3.0, 4.0], False),
    "all NaN": ([NAN, NAN, NAN], False),
    "all ties": ([5.0] * 6, False),
    "n = 1": ([1.0], False),
    "n = 2": ([1.0, 2.0], False),
    "empty": ([], False),
    "subnormal spread": ([1e-160, 2e-160, 1e-160, 1e-160], False),
    "1e300 ties plus one": ([1e300] * 5 + [-1e300], True),
}
BIG = RNG.normal(size=100_000)  # the 10^5-to-1 cases for raw values


def _arr(values: list[float]) -> np.ndarray:
    return np.asarray(values, dtype=float)


def two_sample_cases() -> Iterator[tuple[str, np.ndarray, np.ndarray, bool]]:
    for name, (values, inf_ok) in ARRAYS.items():
        yield f"x={name}, y=normal", _arr(values), _arr(NORMAL), inf_ok
        yield f"x=normal, y={name}", _arr(NORMAL), _arr(values), inf_ok
        same = _arr(values)
        yield f"x=y={name}", same, same, inf_ok
    yield "10^5 vs 1", BIG, _arr([0.5]), False
    yield "1 vs 10^5", _arr([0.5]), BIG, False


def group_cases() -> Iterator[tuple[str, dict[str, np.ndarray], bool]]:
    for name, (values, inf_ok) in ARRAYS.items():
        yield f"groups with {name}", {"a": _arr(values), "b": _arr(NORMAL), "c": _arr(NORMAL) + 1}, inf_ok
        yield f"all groups {name}", {"a": _arr(values), "b": _arr(values)}, inf_ok
    yield "a constant group", {"a": _arr([2.0] * 5), "b": _arr(NORMAL), "c": _arr(NORMAL) * 2}, False
    yield "every group constant", {"a": _arr([2.0] * 5), "b": _arr([3.0] * 4)}, True  # F = inf: see the docstring
    yield "a single-value group", {"a": _arr([2.0]), "b": _arr(NORMAL), "c": _arr(NORMAL) * 2}, False
    yield "single-value groups", {"a": _arr([2.0]), "b": _arr([3.0]), "c": _arr([4.0])}, False
    yield "10^5 vs 1", {"big": BIG, "one": _arr([3.0])}, False
    yield "10^5 vs 1 vs 2", {"big": BIG, "one": _arr([3.0]), "two": _arr([1.0, 1.5])}, False
    yield (
        "kinds.csv",
        {
            "a": _arr([1e-160, 2e-160, 1e-160]),
            **{k: _arr([v]) for k, v in zip("bcdef", [5.0, 9.0, 7.0, 3.0, 4.0], strict=True)},
        },
        True,
    )


# --------------------------------------------------------------------------- every public stats function


def public_functions() -> set[str]:
    return {n for n in S._EXPORTS if inspect.isfunction(getattr(S, n))}


COVERED: set[str] = set()


def covers(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    COVERED.update(names)
    return lambda f: f


@covers("describe", "shapiro", "cohens_d", "ttest")
@pytest.mark.parametrize("name", list(ARRAYS))
def test_one_sample_functions(name: str) -> None:
    values, inf_ok = ARRAYS[name]
    x = _arr(values)
    call(f"describe({name})", S.describe, x, inf_ok=inf_ok)
    call(f"shapiro({name})", S.shapiro, x, inf_ok=inf_ok)
    call(f"ttest({name})", S.ttest, x, inf_ok=inf_ok)
    call(f"cohens_d({name})", S.cohens_d, x, inf_ok=inf_ok)


def test_one_sample_functions_on_a_large_sample() -> None:
    call("describe(10^5)", S.describe, BIG)
    call("shapiro(10^5)", S.shapiro, BIG)
    call("ttest(10^5)", S.ttest, BIG)


@covers("ttest", "mann_whitney", "cohens_d", "correlation")
@pytest.mark.parametrize("case", list(two_sample_cases()), ids=lambda c: c[0])
def test_two_sample_functions(case: tuple[str, np.ndarray, np.ndarray, bool]) -> None:
    label, x, y, inf_ok = case
    call(f"ttest({label})", S.ttest, x, y, inf_ok=inf_ok)
    call(f"ttest({label}, equal_var)", S.ttest, x, y, equal_var=True, inf_ok=inf_ok)
    call(f"mann_whitney({label})", S.mann_whitney, x, y, inf_ok=inf_ok)
    call(f"cohens_d({label})", S.cohens_d, x, y, inf_ok=inf_ok)
    if x.size == y.size:
        call(f"ttest({label}, paired)", S.ttest, x, y, paired=True, inf_ok=inf_ok)
        for method in ("pearson", "spearman", "kendall"):  # x = y: r = 1 and t = inf (see the docstring)
            call(f"correlation({label}, {method})", S.correlation, x, y, method, inf_ok=inf_ok or perfect_correlation)
    elif min(x.size, y.size) > 1:
        n = min(x.size, y.size)
        call(f"correlation({label}, first {n})", S.correlation, x[:n], y[:n], inf_ok=inf_ok or perfect_correlation)


@covers("anova", "variance_test", "kruskal", "eta_squared", "omega_squared", "correlation_ratio")
@pytest.mark.parametrize("case", list(group_cases()), ids=lambda c: c[0])
def test_group_functions(case: tuple[str, dict[str, np.ndarray], bool]) -> None:
    label, groups, inf_ok = case
    call(f"anova({label})", S.anova, groups, inf_ok=inf_ok)
    call(f"anova({label}, welch)", S.anova, groups, welch=True, inf_ok=inf_ok)
    call(f"variance_test({label})", S.variance_test, groups, inf_ok=inf_ok)
    call(f"kruskal({label})", S.kruskal, groups, inf_ok=inf_ok)
    call(f"eta_squared({label})", S.eta_squared, list(groups.values()), inf_ok=inf_ok)
    call(f"omega_squared({label})", S.omega_squared, list(groups.values()), inf_ok=inf_ok)
    values = np.concatenate(list(groups.values()))
    labels = [g for g, v in groups.items() for _ in range(v.size)]
    call(f"correlation_ratio({label})", S.correlation_ratio, values, labels, inf_ok=inf_ok)


def test_kinds_csv_gives_no_interval_instead_of_hanging() -> None:
    r = call(
        "correlation_ratio(kinds.csv)",
        S.correlation_ratio,
        [1e-160, 2e-160, 1e-160, 5, 9, 7, 3, 4],
        list("aaabcdef"),
        inf_ok=True,
    )
    assert r.statistic == math.inf and r.p_value == 0.0  # F overflows: its nearest float is inf
    assert r.ci is None and r.eta_squared_ci is None
    assert any("not computable" in n for n in r.notes)
    assert "not computable" in r.explanation


LABELS = {
    "n = 1": (["a"], ["u"]),
    "n = 2": (["a", "b"], ["u", "v"]),
    "all ties": (["a"] * 6, ["u"] * 6),
    "one column": (["a", "b", "a", "b"], ["u"] * 4),
    "missing": (["a", None, "b", None], [None, "u", "v", "v"]),
    "10^5 vs 1": (["a"] * 100_000 + ["b"], ["u"] * 50_000 + ["v"] * 50_000 + ["v"]),
    "perfect": (["a", "b"] * 50, ["u", "v"] * 50),
}


@covers("cramers_v")
@pytest.mark.parametrize("name", list(LABELS))
def test_cramers_v_on_labels(name: str) -> None:
    x, y = LABELS[name]
    call(f"cramers_v({name})", S.cramers_v, x, y)
    call(f"cramers_v({name}, uncorrected)", S.cramers_v, x, y, bias_correction=False)


TABLES: dict[str, Any] = {
    "10^7 to 1": [[10_000_000, 1], [1, 10_000_000]],
    "10^7 and zeros": [[10_000_000, 0], [0, 1]],
    "10^7 balanced": [[5_000_000, 5_000_000], [5_000_000, 5_000_001]],
    "10^12 to 1": [[10**12, 1], [1, 10**12]],
    "identity": [[1, 0], [0, 1]],
    "all ties": [[5, 5], [5, 5]],
    "empty": [[0, 0], [0, 0]],
    "one cell": [[7]],
    "one row": [[3, 4, 5]],
    "zero row": [[3, 4], [0, 0]],
    "3x3 huge": [[10**9, 1, 1], [1, 10**9, 1], [1, 1, 10**9]],
    "NaN": [[1, NAN], [2, 3]],
    "inf": [[1, INF], [2, 3]],
    "negative": [[1, -1], [2, 3]],
}


@covers("cramers_v_from_table", "chi_square", "fisher_exact")
@pytest.mark.parametrize("name", list(TABLES))
def test_table_functions(name: str) -> None:
    table = TABLES[name]
    # Fisher's odds ratio is 0 or inf for a zero cell (see the docstring)
    zero_cell = any(v == 0 for row in table for v in row)
    call(f"cramers_v_from_table({name})", S.cramers_v_from_table, table)
    call(f"chi_square({name})", S.chi_square, table)
    call(f"fisher_exact({name})", S.fisher_exact, table, inf_ok=zero_cell)


def test_cramers_v_interval_of_a_huge_table_is_not_computable() -> None:
    r = call("cramers_v_from_table(10^12)", S.cramers_v_from_table, TABLES["10^12 to 1"])
    assert r.p_value == 0.0 and r.estimate is not None and r.ci is None
    assert any("not computable" in n for n in r.notes)


@covers("prop_test", "wilson_interval", "compare_proportions", "srm_test", "cohens_h")
@pytest.mark.parametrize(
    "xt,nt,xc,nc",
    [
        (1, 1, 5_000_000, 10_000_000),
        (0, 10_000_000, 0, 1),
        (10_000_000, 10_000_000, 0, 1),
        (1, 10_000_000, 1, 1),
        (0, 1, 0, 1),
        (1, 1, 1, 1),
        (1, 2, 1, 2),
        (0, 0, 1, 2),
        (5_000_000, 10_000_000, 5_000_001, 10_000_000),
    ],
)
def test_count_functions(xt: int, nt: int, xc: int, nc: int) -> None:
    label = f"({xt}, {nt}, {xc}, {nc})"
    call(f"prop_test{label}", S.prop_test, [xt, xc], [nt, nc])
    call(f"prop_test{label}, uncorrected", S.prop_test, [xt, xc], [nt, nc], correct=False)
    call(f"wilson_interval({xt}, {nt})", S.wilson_interval, xt, nt)
    call(f"compare_proportions{label}", S.compare_proportions, xt, nt, xc, nc)
    call(f"srm_test([{nt}, {nc}])", S.srm_test, [nt, nc])
    call(f"srm_test([{nt}, {nc}], 1e-300 split)", S.srm_test, [nt, nc], [1e-300, 1.0])
    if nt and nc:
        call(f"cohens_h({xt / nt}, {xc / nc})", S.cohens_h, xt / nt, xc / nc)


@covers("pearson_from_moments")
@pytest.mark.parametrize("n", [1, 2, 3, 10_000_000])
@pytest.mark.parametrize(
    "sxx,syy,sxy",
    [(1.0, 1.0, 0.5), (0.0, 1.0, 0.0), (1e-300, 1e-300, 1e-300), (1e300, 1e300, 1e300), (1.0, 1.0, 1.0)]
    + [(INF, 1.0, 1.0), (NAN, 1.0, 0.0), (1.0, 1.0, 2.0), (1e-320, 1.0, 1e-161)],
)
def test_pearson_from_moments(n: int, sxx: float, syy: float, sxy: float) -> None:
    label = f"pearson_from_moments({n}, {sxx}, {syy}, {sxy})"
    call(label, S.pearson_from_moments, n, sxx, syy, sxy, inf_ok=perfect_correlation)


@covers("compare_means", "cuped_compare")
@pytest.mark.parametrize(
    "mt,vt,nt,mc,vc,nc",
    [
        (1e300, 1e300, 10_000_000, 0.0, 1.0, 2),
        (1.0, 0.0, 10_000_000, 1.0, 0.0, 2),
        (1.0, 1e-320, 2, 2.0, 1e-320, 2),
        (1.0, 1.0, 1, 2.0, 1.0, 2),
        (INF, 1.0, 5, 0.0, 1.0, 5),
        (NAN, 1.0, 5, 0.0, 1.0, 5),
        (1.0, INF, 5, 0.0, 1.0, 5),
        (5.0, 2.0, 10_000_000, 5.0, 2.0, 2),
        (5.0, 2.0, 2, 5.1, 2.0, 2),
    ],
)
def test_moment_functions(mt: float, vt: float, nt: int, mc: float, vc: float, nc: int) -> None:
    label = f"({mt}, {vt}, {nt}, {mc}, {vc}, {nc})"
    inf_ok = not all(math.isfinite(v) and abs(v) < 1e200 for v in (mt, vt, mc, vc))
    call(f"compare_means{label}", S.compare_means, mt, vt, nt, mc, vc, nc, inf_ok=inf_ok)

    def arm(n: int, my: float, vy: float) -> JointMoments:
        ss = vy * max(n - 1, 0)
        return JointMoments(n, my, my / 2, vy, vy, vy / 2, ss, ss, ss / 2)

    joint = {"A": arm(nc, mc, vc), "B": arm(nt, mt, vt)}
    call(f"cuped_compare{label}", S.cuped_compare, joint, "A", "B", "pre", inf_ok=inf_ok)


@covers("sample_size", "power_proportions", "power_means", "mde_h", "mde_d")
@pytest.mark.parametrize("n_c,n_t", [(1, 1), (2, 2), (1, 10_000_000), (10_000_000, 1), (1e15, 1e15), (0.5, 3)])
def test_power_functions(n_c: float, n_t: float) -> None:
    label = f"({n_c}, {n_t})"
    # bare floats: NaN is their documented "undefined" (see the docstring)
    for h in (0.0, 1e-300, 0.2, 1e300, INF):
        call(f"power_proportions({h}, {label})", S.power_proportions, h, n_c, n_t, nan_ok=True)
        call(f"power_means({h}, {label})", S.power_means, h, n_c, n_t, nan_ok=True)
    call(f"mde_h{label}", S.mde_h, n_c, n_t, nan_ok=True)
    call(f"mde_d{label}", S.mde_d, n_c, n_t, nan_ok=True)


@pytest.mark.parametrize(
    "kw",
    [
        {"mde": 1e-300, "baseline": 0.5},
        {"mde": 0.49, "baseline": 0.5},
        {"mde": 1e-9, "baseline": 0.5},
        {"mde": 1e300, "sd": 1.0},
        {"mde": 1e-300, "sd": 1.0},
        {"mde": 1.0, "sd": 1e-300},
        {"mde": 1.0, "sd": 1e300},
        {"mde": 0.02, "baseline": 0.1, "ratio": 1e7},
        {"mde": 0.02, "baseline": 0.1, "ratio": 1e-7},
        {"mde": INF, "sd": 1.0},
        {"mde": NAN, "sd": 1.0},
    ],
    ids=str,
)
def test_sample_size(kw: dict[str, float]) -> None:
    r = call(f"sample_size({kw})", S.sample_size, **kw)
    assert r is None or (r.n_control >= 1 and r.n_treatment >= 1)


@covers("adjust_pvalues", "rank_biserial", "epsilon_squared")
def test_small_helpers() -> None:
    for ps in ([], [NAN], [None, 0.0, 1.0, 1e-300], [0.5] * 3, [1e-320, 1e-300, 1.0]):
        for method in ("holm", "bonferroni", "BH", "BY", "hochberg"):
            out = call(f"adjust_pvalues({ps}, {method})", S.adjust_pvalues, ps, method)
            assert out is None or len(out) == len(ps)
    for u, n1, n2 in ((0, 1, 1), (0.5, 1, 1), (0, 10_000_000, 1), (10_000_000, 10_000_000, 1), (NAN, 3, 3)):
        call(f"rank_biserial({u}, {n1}, {n2})", S.rank_biserial, u, n1, n2)
    for h, n in ((0.0, 1), (INF, 10), (NAN, 5), (1e300, 2), (5.0, 10_000_000), (-1.0, 3)):
        call(f"epsilon_squared({h}, {n})", S.epsilon_squared, h, n)


def test_every_public_function_is_driven() -> None:
    assert public_functions() <= COVERED, f"not driven: {sorted(public_functions() - COVERED)}"


# ------------------------------------------------------------------------------------- hypothesis

EXTREME = st.sampled_from([0.0, 1.0, -1.0, 1e-300, -1e-300, 1e300, -1e300, 5e-324, INF, -INF, NAN, 1e-160])
VALUES = st.lists(st.one_of(EXTREME, st.floats(-1e6, 1e6)), min_size=0, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=VALUES, y=VALUES)
def test_two_sample_functions_on_random_extremes(x: list[float], y: list[float]) -> None:
    inf_ok = any(not math.isnan(v) and abs(v) >= 1e200 for v in x + y)
    xs, ys = _arr(x), _arr(y)
    call(f"ttest({x}, {y})", S.ttest, xs, ys, inf_ok=inf_ok)
    call(f"mann_whitney({x}, {y})", S.mann_whitney, xs, ys, inf_ok=inf_ok)
    call(f"cohens_d({x}, {y})", S.cohens_d, xs, ys, inf_ok=inf_ok)
    groups = {"a": xs, "b": ys, "c": _arr(NORMAL)}
    call(f"anova({x}, {y})", S.anova, groups, posthoc=False, inf_ok=True)  # F = inf: constant groups (docstring)
    call(f"kruskal({x}, {y})", S.kruskal, groups, inf_ok=inf_ok)
    n = min(xs.size, ys.size)
    call(f"correlation({x[:n]}, {y[:n]})", S.correlation, xs[:n], ys[:n], inf_ok=inf_ok or perfect_correlation)


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.sampled_from([0, 1, 2, 3, 10_000_000]), min_size=1, max_size=4),
    means=st.lists(EXTREME, min_size=4, max_size=4),
    variances=st.lists(st.sampled_from([0.0, 1e-320, 1e-300, 1.0, 1e300, INF, NAN]), min_size=4, max_size=4),
)
def test_group_moments_on_random_extremes(sizes: list[int], means: list[float], variances: list[float]) -> None:
    from edakit.stats.association import correlation_ratio_from_groups
    from edakit.stats.means import welch_anova_from_moments
    from edakit.stats.posthoc import games_howell_from_moments, tukey_from_moments

    k = len(sizes)
    args = (sizes, means[:k], variances[:k])
    label = f"groups {args}"
    call(f"correlation_ratio_from_groups({label})", correlation_ratio_from_groups, *args, inf_ok=True)
    call(f"welch_anova_from_moments({label})", welch_anova_from_moments, *args, inf_ok=True)
    names = [f"g{i}" for i in range(k)]
    for fn in (tukey_from_moments, games_howell_from_moments):
        rows = call(f"{fn.__name__}({label})", fn, names, *args, inf_ok=True)
        for row in rows or []:
            assert not math.isnan(row["p_adj"]), f"{fn.__name__}({label}): p_adj is NaN"


@settings(max_examples=25, deadline=None)
@given(a=st.integers(0, 10**7), b=st.integers(0, 10**7), c=st.integers(0, 10), d=st.integers(0, 10**7))
def test_tables_on_random_extremes(a: int, b: int, c: int, d: int) -> None:
    table = [[a, b], [c, d]]
    call(f"cramers_v_from_table({table})", S.cramers_v_from_table, table)
    call(f"fisher_exact({table})", S.fisher_exact, table, inf_ok=0 in (a, b, c, d))
    call(f"compare_proportions({a}, {a + b}, {c}, {c + d})", S.compare_proportions, a, a + b, c, c + d)


# ------------------------------------------------------------------------------------------ reports


def report(df: pl.DataFrame, label: str, **options: Any) -> Any:
    with time_budget(f"edakit.report({label})", 60.0):
        try:
            return edakit.report(df, correlations=True, **options)
        except EdakitError:
            return None


def _texts(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _texts(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _texts(v)


def test_kinds_csv_report_returns_and_says_the_interval_is_not_computable() -> None:
    df = pl.DataFrame({"kind": list("aaabcdef"), "value": [1e-160, 2e-160, 1e-160, 5.0, 9.0, 7.0, 3.0, 4.0]})
    rep = report(df, "kinds.csv", group="kind")
    assert rep is not None
    section = next(s for s in rep.to_dict()["sections"] if s["title"].startswith("Comparison"))
    text = " ".join(_texts(section))
    assert "not computable" in text and "interval of eta²" in text


def test_kinds_csv_report_without_group_says_so_in_the_correlations() -> None:
    """`edakit report kinds.csv` (issue 17): the eta of value by kind is shown without an interval, and why."""
    df = pl.DataFrame({"kind": list("aaabcdef"), "value": [1e-160, 2e-160, 1e-160, 5.0, 9.0, 7.0, 3.0, 4.0]})
    rep = report(df, "kinds.csv")
    assert rep is not None
    section = next(s for s in rep.to_dict()["sections"] if s["title"].startswith("Correlations"))
    assert "interval of eta² is not computable" in " ".join(_texts(section))


REPORT_FRAMES = {
    "n = 1": {"g": ["a"], "v": [1.0], "w": [2.0]},
    "n = 2": {"g": ["a", "b"], "v": [1.0, 2.0], "w": [1.0, 1e300]},
    "all ties": {"g": ["a", "a", "b", "b"], "v": [5.0] * 4, "w": [5.0] * 4},
    "constant group": {"g": ["a"] * 3 + ["b"] * 3, "v": [2.0] * 3 + [1.0, 2.0, 3.0], "w": [1.0, 2, 3, 4, 5, 6]},
    "single-value group": {"g": ["a"] + ["b"] * 4, "v": [9.0, 1.0, 2.0, 3.0, 4.0], "w": [1.0, 2, 3, 4, 5]},
    "extremes": {
        "g": ["a", "a", "b", "b", "c", "c"],
        "v": [1e-300, 1e300, INF, -INF, NAN, 1.0],
        "w": [1e300, 1e300, -1e300, 1e-300, 0.0, 1.0],
    },
    "tiny spread": {"g": ["a", "a", "b", "b"], "v": [1e-160, 2e-160, 3.0, 3.0], "w": [1.0, 2.0, 3.0, 4.0]},
    "10^5 to 1": {
        "g": ["a"] * 100_000 + ["b"],
        "v": list(BIG) + [3.0],
        "w": list(RNG.normal(size=100_000)) + [1e300],
    },
}


@pytest.mark.parametrize("name", list(REPORT_FRAMES))
def test_report_on_extreme_frames(name: str) -> None:
    df = pl.DataFrame(REPORT_FRAMES[name])
    grouped = report(df, f"{name}, group='g'", group="g")
    assert grouped is not None or name in ("n = 1", "n = 2")  # too few rows to compare groups: an EdakitError
    report(df, name)


def test_an_interval_that_is_not_computable_leaves_the_test_intact() -> None:
    from edakit.stats.association import correlation_ratio_from_groups
    from edakit.stats.effect_sizes import cohens_d_from_moments

    # F·df1 far above the noncentral F's range (1e10): F, p and eta² stay, the interval is None with a note
    r = call(
        "correlation_ratio_from_groups(F ~ 1e13)", correlation_ratio_from_groups, [50, 50], [0.0, 1.0], [1e-12] * 2
    )
    assert r.statistic is not None and math.isfinite(r.statistic) and r.p_value == 0.0 and r.eta_squared is not None
    assert r.ci is None and any(n.startswith("The interval of eta² is not computable: ") for n in r.notes)
    # t = d·sqrt(n/2) far above the noncentral t's range (1e6): d stays, its interval is None with a note
    notes: list[str] = []
    d, g = cohens_d_from_moments(1.0, 1e-6, 10**7, 0.0, 1e-6, 10**7, 0.95, notes)
    assert d.value == pytest.approx(1000.0) and d.ci is None and g.ci is None
    assert any("not computable" in n for n in notes)
    with pytest.raises(NotComputable, match="^not computable: "):
        cohens_d_from_moments(1.0, 1e-6, 10**7, 0.0, 1e-6, 10**7, 0.95)


@covers("signed_rank", "friedman", "mcnemar")
@pytest.mark.parametrize("case", list(two_sample_cases()), ids=lambda c: c[0])
def test_paired_functions(case: tuple[str, np.ndarray, np.ndarray, bool]) -> None:
    label, x, y, inf_ok = case
    if x.size == y.size:
        call(f"signed_rank({label})", S.signed_rank, x, y, inf_ok=inf_ok)
        call(f"friedman({label})", S.friedman, np.column_stack([x, y, y[::-1]]), inf_ok=inf_ok)
    else:
        call(f"signed_rank({label}, x alone)", S.signed_rank, x, inf_ok=inf_ok)


@covers("rm_anova", "gg_epsilon")
@pytest.mark.parametrize("case", list(two_sample_cases()), ids=lambda c: c[0])
def test_repeated_measures_functions(case: tuple[str, np.ndarray, np.ndarray, bool]) -> None:
    label, x, y, inf_ok = case
    if x.size == y.size:
        blocks = np.column_stack([x, y, y[::-1]])
        call(f"rm_anova({label})", S.rm_anova, blocks, inf_ok=inf_ok)
        call(f"gg_epsilon({label})", S.gg_epsilon, blocks)


@covers("rm_corr")
@pytest.mark.parametrize("case", list(two_sample_cases()), ids=lambda c: c[0])
def test_repeated_measures_correlation_on_extreme_values(case: tuple[str, np.ndarray, np.ndarray, bool]) -> None:
    label, x, y, inf_ok = case
    n = min(x.size, y.size)
    for per_unit in (1, 2, 3):  # one row per unit (nothing within units), pairs and triples of rows
        units = [f"u{i // per_unit}" for i in range(n)]
        out = call(
            f"rm_corr({label}, {per_unit} per unit)",
            S.rm_corr,
            x[:n],
            y[:n],
            units,
            inf_ok=inf_ok or perfect_correlation,
        )
        assert out is None or out.estimate is None or -1 <= out.estimate <= 1, label


@covers("rmcorr_from_moments")
@pytest.mark.parametrize(
    "moments",
    [(0, 0, 0.0, 0.0, 0.0), (5, 4, 1.0, 1.0, 0.5), (6, 2, 1e-300, 1e-300, 1e-300), (6, 2, 1e300, 1e300, -1e300),
     (6, 2, 4.0, 9.0, 6.0), (10**9, 10**5, 1.0, 2.0, 0.3), (6, 2, INF, 1.0, 0.0), (6, 2, NAN, 1.0, 0.0),
     (6, 2, -1.0, 1.0, 0.0), (3, 7, 1.0, 1.0, 0.0)],
)  # fmt: skip
def test_rmcorr_from_moments_on_extreme_sums(moments: tuple[int, int, float, float, float]) -> None:
    out = call(f"rmcorr_from_moments{moments}", S.rmcorr_from_moments, *moments, inf_ok=perfect_correlation)
    assert out is None or out.estimate is None or -1 <= out.estimate <= 1


@covers("cochran_q")
@pytest.mark.parametrize(
    "blocks",
    [[[0, 0, 0], [0, 0, 0]], [[1, 1, 1], [0, 0, 0]], [[1, 0, 0]], [[1, 0, 0], [1, 0, 0]], [[1, 0, 1], [0, 1, 1]]],
)
def test_cochran_q_on_extreme_tables(blocks: list[list[int]]) -> None:
    call(f"cochran_q({blocks})", S.cochran_q, blocks)
    call(f"cochran_q({blocks} * 10^4)", S.cochran_q, blocks * 10**4)


@pytest.mark.parametrize(
    "table", [[[0, 0], [0, 0]], [[5, 0], [0, 5]], [[0, 3], [0, 0]], [[10**9, 1], [0, 10**9]], [[1, 2], [3, 4]]]
)
def test_mcnemar_on_extreme_tables(table: list[list[int]]) -> None:
    call(f"mcnemar({table})", S.mcnemar, table)
