"""The correlation analysis: every pair of usable columns measured on one 0–1 strength scale.

`CorrelationAnalysis` is what `Report.correlations` holds. In a notebook:

>>> import edakit
>>> p = edakit.report("penguins").correlations["bill_length_mm", "bill_depth_mm"]
>>> round(p.result.estimate, 4), [round(v, 4) for v in p.result.ci], f"{p.result.p_value:.3g}"  # R's cor.test
(-0.2351, [-0.3328, -0.1323], '1.12e-05')

`repr(rep.correlations)` lists the strongest pairs, one per line.

What is computed where, from the aggregates of `edakit.engine.correlations`:

* numeric × numeric — Pearson's r from full-data centred co-moments with pairwise deletion
  (`stats.correlations.pearson_from_moments`); Spearman's rho and Kendall's tau-b from the profile's seeded sample,
  for the numeric pairs among the `TOP_PAIRS` strongest;
* categorical × categorical — chi-square test and bias-corrected Cramér's V from the full cross-table
  (`stats.association.cramers_v_from_table`);
* numeric × categorical — correlation ratio eta and the one-way ANOVA F test from per-group counts, means and
  variances (`correlation_ratio_from_groups`).

All p-values are adjusted together by Benjamini–Hochberg (exploratory screening). The intervals of V and eta, which
need a root search each, are added for the `TOP_PAIRS` strongest pairs only.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.engine.chunkshare import Share
from edakit.engine.correlations import Aggregates, CrossTable, LeftOut
from edakit.engine.pairs import GroupMoments, PairMoments
from edakit.errors import EdakitError, NotComputable
from edakit.stats.association import (
    CHISQ_METHOD,
    ETA_METHOD,
    CorrelationRatioResult,
    CramersVResult,
    correlation_ratio_from_groups,
    cramers_v_from_table,
)
from edakit.stats.correlations import METHOD_NAMES, CorrelationResult, pearson_from_moments, rank_correlations
from edakit.stats.multitest import adjust_pvalues
from edakit.stats.ranks import SortedColumn
from edakit.stats.rmcorr import RepeatedCorrelations, repeated_correlations
from edakit.stats.within import WithinGroups, within_groups

TOP_PAIRS = 25  # pairs shown in the ranked table (and given rank correlations and intervals for V and eta)
ADJUST = "bh"  # exploratory screening of many pairs: control the false discovery rate

Association = CorrelationResult | CramersVResult | CorrelationRatioResult


@dataclass
class Pair:
    """One measured pair: `x` and `y` (for eta: the numeric column and the categorical one), its `kind` (numeric,
    categorical or mixed), its `result` (Pearson's r, Cramér's V or eta: estimate, ci, p_value, method, ...), the
    p-value adjusted across the analysis and, for a numeric pair that is shown, its rank correlations."""

    x: str
    y: str
    kind: str  # "numeric", "categorical" or "mixed"
    result: Association
    p_adjusted: float | None = None
    rank: dict[str, CorrelationResult] = field(default_factory=dict)  # spearman, kendall (shown numeric pairs)
    # the cross-table or group moments the result came from, to add its interval (not in the JSON)
    inputs: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def strength(self) -> float | None:
        """|r|, V or eta: 0 = none, 1 = perfect; None when undefined."""
        est = self.result.estimate
        return None if est is None else abs(float(est))

    @property
    def label(self) -> str:
        """'x × y'."""
        return f"{self.x} × {self.y}"

    @property
    def columns(self) -> tuple[str, str]:
        return self.x, self.y


@dataclass
class CorrelationAnalysis:
    """Every measured pair (`pairs`, in the order measured: numeric, categorical, then mixed pairs) with the
    columns paired and those left out. `analysis["a", "b"]` (or `analysis.pair("a", "b")`) is one pair, in either
    order; `ranked` gives the defined pairs strongest first, `shown` the first `top` of them (the page's table)."""

    numeric: list[str]  # numeric columns paired, table order
    categorical: list[str]  # categorical columns paired, table order
    rows: int
    conf_level: float  # level of every interval (config.conf_level)
    alpha: float  # decision threshold (config.alpha)
    p_adjust: str = ADJUST  # adjustment of every p-value across the analysis
    top: int = TOP_PAIRS  # pairs given intervals (V, eta) and rank correlations (numeric)
    pairs: list[Pair] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)  # columns not paired, and why
    sample_rows: int = 0  # rows of the seeded sample the rank correlations use
    sampled: bool = False  # the sample is a strict subset of the rows
    by: str | None = None  # with --group: the group within whose levels every numeric pair is also measured
    within: list[WithinGroups] = field(default_factory=list)
    # with --pair: the repeated-measures correlation of every numeric pair within the units (stats.rmcorr)
    repeated: RepeatedCorrelations | None = None

    @property
    def reversals(self) -> list[WithinGroups]:
        """Numeric pairs whose correlation has the opposite sign within every group (Simpson's paradox)."""
        return [w for w in self.within if w.reversal]

    def within_pair(self, a: str, b: str) -> WithinGroups:
        """The pair of `a` and `b` (either order) within each level of the group."""
        for w in self.within:
            if {w.x, w.y} == {a, b}:
                return w
        raise KeyError(f"the pair ({a!r}, {b!r}) was not measured within groups (give --group)")

    @property
    def too_few(self) -> bool:
        numeric, categorical = len(self.numeric), len(self.categorical)
        return numeric < 2 and categorical < 2 and not (numeric and categorical)

    @property
    def ranked(self) -> list[Pair]:
        """The defined pairs, strongest first (ties: smaller p, then the label)."""
        return rank_pairs(self.pairs)

    @property
    def shown(self) -> list[Pair]:
        return self.ranked[: self.top]

    @property
    def undefined(self) -> list[Pair]:
        return [p for p in self.pairs if p.strength is None]

    @property
    def n_tests(self) -> int:
        return sum(p.result.p_value is not None for p in self.pairs)

    @property
    def n_significant(self) -> int:
        """Pairs with an adjusted p-value below alpha."""
        return sum(p.p_adjusted is not None and p.p_adjusted < self.alpha for p in self.pairs)

    @property
    def notes(self) -> list[str]:
        """The columns left out, in words."""
        return [item.note for item in self.left_out]

    def pair(self, a: str, b: str) -> Pair:
        """The pair of columns `a` and `b`, in either order (a KeyError says why when it was not measured)."""
        for p in self.pairs:
            if {p.x, p.y} == {a, b}:
                return p
        for name in (a, b):
            why = next((item.reason for item in self.left_out if name in item.columns), None)
            if why is not None:
                raise KeyError(f"{name!r} was left out: {why}")
        paired = [*self.numeric, *self.categorical]
        for name in (a, b):
            if name not in paired:
                raise KeyError(f"{name!r} is not a paired column; paired: {', '.join(paired) or 'none'}")
        raise KeyError(f"the pair ({a!r}, {b!r}) was not measured")

    def __getitem__(self, key: tuple[str, str]) -> Pair:
        a, b = key
        return self.pair(a, b)

    def __iter__(self) -> Iterator[Pair]:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def __repr__(self) -> str:
        adjust = "BH" if self.p_adjust == "bh" else self.p_adjust
        head = (
            f"<CorrelationAnalysis: {len(self.pairs)} pair(s) of {len(self.numeric)} numeric and "
            f"{len(self.categorical)} categorical column(s); {self.n_significant} of {self.n_tests} tests with "
            f"{adjust}-adjusted p < {self.alpha:g}"
        )
        lines = [head]
        strongest = self.ranked[:10]
        width = max((len(p.label) for p in strongest), default=0)
        for p in strongest:
            r = p.result
            ci = f" [{r.ci[0]:.3g}, {r.ci[1]:.3g}]" if r.ci else ""
            lines.append(
                f"  {p.label:<{width}}  {measure_symbol(r)} = {float(r.estimate):.4g}{ci}, n = {r.n}, "
                f"p ({adjust}) = {_num(p.p_adjusted)}"
            )
        if len(self.ranked) > len(strongest):
            lines.append(f"  … and {len(self.ranked) - len(strongest)} more")
        return "\n".join(lines) + ">"


def analyse(
    aggregates: Aggregates,
    sample: Any,
    *,
    conf_level: float = 0.95,
    alpha: float = 0.05,
    sample_rows: int = 0,
    sampled: bool = False,
    top: int = TOP_PAIRS,
    ranks: dict[tuple[str, str], Any] | None = None,
) -> CorrelationAnalysis:
    """Every pair of the gathered aggregates measured, the p-values adjusted together, and the `top` strongest pairs
    finished (intervals of V and eta; Spearman and Kendall from `sample`, the profile's seeded sample of rows).
    `ranks`: the numeric pairs' rank correlations taken already (`numeric_ranks`, the same `top`)."""
    plan, rows = aggregates.plan, aggregates.rows
    out = CorrelationAnalysis(
        list(plan.numeric),
        list(plan.categorical),
        rows,
        conf_level,
        alpha,
        top=top,
        left_out=list(plan.left_out),
        sample_rows=sample_rows,
        sampled=sampled,
    )
    if aggregates.too_few:
        return out
    found = numeric_pairs(aggregates.moments, rows, conf_level)
    found += categorical_pairs(aggregates.tables, rows, conf_level)
    found += mixed_pairs(aggregates.groups, rows, conf_level)
    for pair, p_adj in zip(found, adjust_pvalues([p.result.p_value for p in found], ADJUST), strict=True):
        pair.p_adjusted = p_adj
    finish_shown(rank_pairs(found)[:top], sample, conf_level, ranks)
    out.pairs = found
    if aggregates.by is not None and aggregates.within:
        out.by = aggregates.by
        overall = {(p.x, p.y): p.result.estimate for p in found if p.kind == "numeric"}
        out.within = within_groups(aggregates.by, aggregates.within, overall, conf_level)
    if aggregates.unit is not None and aggregates.unit_counts is not None:
        out.repeated = repeated_correlations(
            aggregates.unit,
            aggregates.within_units,
            aggregates.unit_counts,
            rows,
            conf_level,
            overall=aggregates.moments,
        )
    return out


def rank_pairs(pairs: list[Pair]) -> list[Pair]:
    """The defined pairs, strongest first; ties by smaller p-value, then by label."""
    return sorted(
        (p for p in pairs if p.strength is not None),
        key=lambda p: (-p.strength, p.result.p_value if p.result.p_value is not None else 1.0, p.label),
    )


def measure_symbol(r: Association) -> str:
    if isinstance(r, CramersVResult):
        return "V"
    if isinstance(r, CorrelationRatioResult):
        return "eta"
    return {"pearson": "r", "spearman": "rho", "kendall": "tau-b"}.get(r.coefficient, "r")


# --------------------------------------------------------------------------------------------- pairs


def numeric_pairs(moments: dict[tuple[str, str], PairMoments], rows: int, conf: float) -> list[Pair]:
    """Pearson's r of every pair from its co-moments."""
    out = []
    for (a, b), m in moments.items():

        def pearson(m: PairMoments = m, a: str = a, b: str = b) -> Association:
            _check_sums({a: m.sxx, b: m.syy}, m.sxy)
            return pearson_from_moments(
                m.n, m.sxx, m.syy, m.sxy, conf_level=conf, n_dropped=rows - m.n, x_name=a, y_name=b
            )

        out.append(Pair(a, b, "numeric", _safe("numeric", a, b, m.n, conf, pearson)))
    return out


def categorical_pairs(tables: dict[tuple[str, str], CrossTable], rows: int, conf: float) -> list[Pair]:
    """Chi-square test and bias-corrected Cramér's V of every pair from its cross-table (interval added by
    `finish`)."""
    out = []
    for (a, b), (row_labels, col_labels, table) in tables.items():
        n = sum(map(sum, table))
        inputs = {"table": table, "row_labels": row_labels, "col_labels": col_labels, "n_dropped": rows - n}
        result = _safe("categorical", a, b, n, conf, lambda i=inputs, a=a, b=b: _cramers_v(i, a, b, conf, False))
        out.append(Pair(a, b, "categorical", result, inputs=inputs))
    return out


def mixed_pairs(groups: dict[str, dict[str, GroupMoments]], rows: int, conf: float) -> list[Pair]:
    """Correlation ratio eta of every numeric column on every categorical one, from per-group moments."""
    out = []
    for g, by_column in groups.items():
        for y, gm in by_column.items():
            inputs = {"groups": gm, "n_dropped": rows - gm.n}
            if not all(v is None or math.isfinite(v) for v in [*gm.means, *gm.variances]):
                out.append(Pair(y, g, "mixed", _safe("mixed", y, g, gm.n, conf, lambda y=y: _overflow(y))))
                continue
            result = _safe("mixed", y, g, gm.n, conf, lambda i=inputs, y=y, g=g: _eta(i, y, g, conf, False))
            out.append(Pair(y, g, "mixed", result, inputs=inputs))
    return out


def _check_sums(squares: dict[str, float], cross: float) -> None:
    """Raise NotComputable, naming the column, when a pair's sums of squares overflowed (values near ±1.8e308)."""
    for name, ss in squares.items():
        if not math.isfinite(ss):
            _overflow(name)
    if not math.isfinite(cross):
        _overflow(" and ".join(squares))


def _overflow(name: str) -> Association:
    raise NotComputable(
        f"the values of {name} are too large for double-precision arithmetic: their sums of squares overflow "
        "(beyond about 1.8e308), so this association cannot be measured"
    )


def _safe(kind: str, a: str, b: str, n: int, conf: float, compute: Callable[[], Association]) -> Association:
    """`compute()`, or an undefined result saying why when the numbers cannot be used (e.g. overflow)."""
    try:
        return compute()
    except (EdakitError, ArithmeticError, ValueError) as exc:
        text = str(exc)
        if isinstance(exc, NotComputable):  # its reason in words: "Not computable: ..."
            reason = text[0].upper() + text[1:]
        else:
            reason = f"It could not be computed from these values ({text})"
        reason = reason if reason.endswith(".") else reason + "."
        details = {"undefined": True}
        if kind == "numeric":
            return CorrelationResult(
                METHOD_NAMES["pearson"], conf_level=conf, n=n, notes=[reason], details=details, x_name=a, y_name=b
            )
        if kind == "categorical":
            return CramersVResult(
                CHISQ_METHOD,
                conf_level=conf,
                alternative=None,
                n=n,
                notes=[reason],
                details=details,
                x_name=a,
                y_name=b,
            )
        return CorrelationRatioResult(
            ETA_METHOD,
            conf_level=conf,
            alternative=None,
            n=n,
            notes=[reason],
            details=details,
            values_name=a,
            groups_name=b,
        )


def _cramers_v(inputs: dict[str, Any], a: str, b: str, conf: float, interval: bool) -> CramersVResult:
    rows, cols = inputs["row_labels"], inputs["col_labels"]
    return cramers_v_from_table(
        np.asarray(inputs["table"], dtype=float).reshape(len(rows), len(cols)),
        conf_level=conf,
        row_labels=rows,
        col_labels=cols,
        n_dropped=inputs["n_dropped"],
        x_name=a,
        y_name=b,
        interval=interval,
    )


def _eta(inputs: dict[str, Any], y: str, g: str, conf: float, interval: bool) -> CorrelationRatioResult:
    gm = inputs["groups"]
    return correlation_ratio_from_groups(
        gm.sizes,
        gm.means,
        gm.variances,
        conf,
        labels=gm.labels,
        n_dropped=inputs["n_dropped"],
        values_name=y,
        groups_name=g,
        interval=interval,
    )


def numeric_ranks(
    pairs: list[Pair], sample: Any, conf: float, top: int = TOP_PAIRS, stop: Callable[[], bool] = lambda: False
) -> dict[tuple[str, str], dict[str, CorrelationResult] | Exception]:
    """The rank correlations `finish` gives the `top` strongest of the numeric `pairs` (or the error it would note),
    by their columns, strongest first until `stop()`: the numeric pairs among the `top` strongest of all pairs are
    the first of them (`rank_pairs` orders every pair by one key), so they can be taken as soon as the numeric
    pairs' co-moments are known, while the categorical pass still runs (the report's last builder: its rank
    correlations leave its critical path); once that pass ends (`stop`), `analyse` takes those still needed."""
    out: dict[tuple[str, str], dict[str, CorrelationResult] | Exception] = {}
    sorted_columns: dict[str, SortedColumn] = {}
    for pair in rank_pairs([p for p in pairs if p.kind == "numeric"])[:top]:
        if stop():
            break
        r = pair.result
        if r.x_name in sample.columns and r.y_name in sample.columns:
            try:
                out[r.x_name, r.y_name] = _ranks(r, sample, conf, sorted_columns)
            except (EdakitError, ArithmeticError, ValueError) as exc:
                out[r.x_name, r.y_name] = exc
    return out


def _ranks(r: CorrelationResult, sample: Any, conf: float, cache: dict[str, SortedColumn]) -> dict:
    """Spearman's and Kendall's coefficients of the pair `r` measures, from `sample` (`cache`: columns sorted)."""
    for name in (r.x_name, r.y_name):
        if name not in cache:
            cache[name] = SortedColumn(sample[name], name)
    return rank_correlations(cache[r.x_name], cache[r.y_name], conf_level=conf, x_name=r.x_name, y_name=r.y_name)


SPLIT_SAMPLE = 20_000  # from this many sampled rows, the shown pairs are finished on two threads


def finish_shown(shown: list[Pair], sample: Any, conf: float, ranks: dict[tuple[str, str], Any] | None = None) -> None:
    """`finish` every shown pair: the report's last builder spends most of its build here (rank correlations on
    the sample: 0.28 CPU-s of 0.3 on flights × 10, after its gather), so from `SPLIT_SAMPLE` sampled rows a second
    thread takes a share (numpy's sorts and sums release the GIL). The columns the rank correlations need are
    sorted first, once each, so the threads share them; every pair's figures are those of one thread."""
    sorted_columns: dict[str, SortedColumn] = {}  # each sampled column sorted once for all its rank correlations
    if len(shown) < 2 or len(sample) < SPLIT_SAMPLE:
        for pair in shown:
            finish(pair, sample, conf, sorted_columns, ranks)
        return
    known = ranks or {}
    needed = [
        (p.result.x_name, p.result.y_name)
        for p in shown
        if p.kind == "numeric" and (p.result.x_name, p.result.y_name) not in known
    ]
    names = [n for n in dict.fromkeys(n for pair in needed for n in pair) if n in sample.columns]

    def sort(i: int) -> None:
        with suppress(EdakitError, ArithmeticError, ValueError):  # `finish` meets the error again and notes it
            sorted_columns[names[i]] = SortedColumn(sample[names[i]], names[i])

    _on_two_threads(len(names), sort)
    _on_two_threads(len(shown), lambda i: finish(shown[i], sample, conf, sorted_columns, ranks))


def _on_two_threads(count: int, work: Callable[[int], None]) -> None:
    """`work(i)` for every i < `count`, this thread and one more taking them one at a time."""
    share = Share(count, work)
    side = threading.Thread(target=share.work_through, name="edakit-finish")
    side.start()
    try:
        for _ in share.results():
            pass
    finally:
        side.join()


def finish(
    pair: Pair,
    sample: Any,
    conf: float,
    sorted_columns: dict[str, SortedColumn] | None = None,
    ranks: dict[tuple[str, str], Any] | None = None,
) -> None:
    """For a pair that is shown: the interval of V or eta, and rank correlations of a numeric pair (from `sample`,
    the seeded sample of rows; `sorted_columns` keeps each column's sort for its other pairs; `ranks`: those
    taken already, `numeric_ranks`)."""
    r = pair.result
    try:
        if isinstance(r, CramersVResult):
            pair.result = _cramers_v(pair.inputs, r.x_name, r.y_name, conf, interval=True)
        elif isinstance(r, CorrelationRatioResult):
            pair.result = _eta(pair.inputs, r.values_name, r.groups_name, conf, interval=True)
        elif r.x_name in sample.columns and r.y_name in sample.columns:
            known = (ranks or {}).get((r.x_name, r.y_name))
            if isinstance(known, Exception):
                raise known
            cache = {} if sorted_columns is None else sorted_columns
            pair.rank = known if known is not None else _ranks(r, sample, conf, cache)
    except (EdakitError, ArithmeticError, ValueError) as exc:  # keep the screening result, say what is missing
        pair.result.notes.append(f"The interval or rank correlations could not be added ({exc}).")


def _num(value: float | None) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value:.4g}"
