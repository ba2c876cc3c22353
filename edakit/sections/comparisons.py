"""The group-comparison section: `edakit report data.csv --group COLUMN` (or `--target COLUMN`).

Group mode compares every numeric column across the levels of the group column and tests every categorical or
boolean column against it. Target mode takes the target as the outcome: a numeric target is compared across
the levels of each categorical column and correlated with each numeric column; a categorical target is
analysed like a group column.

What is computed where (sufficient statistics on the engine, raw values only from the seeded sample):

* per-group n, mean and variance of every numeric column: one `group_by` (`engine.pairs.group_moments`);
  Welch's t (`stats.ab.welch_from_moments`), Cohen's d, the classic ANOVA F with eta²
  (`stats.association.correlation_ratio_from_groups`), Welch's ANOVA, Tukey and Games–Howell
  (`stats.parametric.*_from_moments`) use nothing else, so they are exact on the full data;
* the rank tests (Wilcoxon–Mann–Whitney, Kruskal–Wallis with Dunn), the Shapiro–Wilk normality checks, the
  Brown–Forsythe test of equal spread and the box plots use the seeded uniform sample of at most
  `config.sample_size` rows (the whole table when it is smaller), and say so;
* categorical × group: the cross-table on the engine (`engine.pairs.cross_table`), R's `chisq.test` and, for a
  2×2 table, Fisher's exact test, with the bias-corrected Cramér's V and its interval;
* numeric target × numeric column: Pearson's r from full-data centred co-moments (`engine.pairs.pair_moments`),
  Spearman's rho from the sample.

The method is chosen from checked assumptions (`choose_numeric`): see `RULE` below, stated in the report too.
All primary p-values of a section are adjusted together (`config.p_adjust`: Holm by default, or BH). Work is
bounded: at most `MAX_COLUMNS` compared columns, post-hoc pairs only for up to `MAX_POSTHOC_GROUPS` groups and
at most `MAX_GAMES_HOWELL_PAIRS` Games–Howell pairs (one studentized-range quantile each, ~0.3 s in scipy), and
detailed subsections (tables and charts) for the first `MAX_DETAILED` comparisons.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np

from edakit.engine import pairs as engine
from edakit.engine.convert import apply_conversions
from edakit.engine.sample import draw_sample
from edakit.errors import EdakitError
from edakit.page import ChartBlock, Paragraph, Section, TableBlock, TableColumn
from edakit.sections import AnalysisContext
from edakit.stats.result import EffectSize

MAX_GROUP_LEVELS = 50  # a group (or categorical target) column with more levels is a user error
MAX_CATEGORY_LEVELS = 30  # categorical columns with more levels are not cross-tabulated
MAX_COLUMNS = 100  # compared columns per section
MAX_POSTHOC_GROUPS = 6  # 15 pairs
MAX_GAMES_HOWELL_PAIRS = 30  # per section
MAX_DETAILED = 25  # subsections with group tables, charts and assumption checks
MAX_CHART_BARS = 40
MAX_OUTLIER_POINTS = 30  # per group and side in a box plot
MIN_BOX_N = 5
SD_RATIO = 1.5  # classic ANOVA only when the largest group SD is at most this multiple of the smallest
ALPHA = 0.05
SECTION_ID = "comparisons"

#: The method-choice rule, in the words the report uses (`explain.comparisons.methods_paragraph` joins the parts
#: that apply): the test of means is primary unless a small group fails Shapiro–Wilk; for k groups the classic F
#: test needs similar spreads by both the SD ratio and Brown–Forsythe, else Welch's F.
RULE = {
    "primary": (
        "the test of means is the primary test, unless a group has fewer than {clt} values and the Shapiro–Wilk "
        "test rejects normality in it (p < {alpha:g}); then the rank test is primary. The other family of test is "
        "always shown alongside."
    ),
    "two": (
        "Two groups: Welch's t test on the full-data means and variances (R's t.test default), or the "
        "Wilcoxon–Mann–Whitney rank test."
    ),
    "k": (
        "Three or more groups: one-way ANOVA, the classic F test when the largest group standard deviation is at "
        "most {ratio:g} times the smallest and the Brown–Forsythe test finds no difference in spread "
        "(p ≥ {alpha:g}), Welch's F test otherwise; or the Kruskal–Wallis rank test."
    ),
}


# --------------------------------------------------------------------------------------------- results


@dataclass
class GroupTest:
    """One test's numbers as the section shows them (from a full-data or a sample-based procedure)."""

    key: str  # welch_t, mann_whitney, anova, welch_anova, kruskal, chisq, fisher, pearson, spearman
    name: str  # e.g. "Welch's t test"
    method: str  # R's method line, e.g. "Welch Two Sample t-test"
    statistic_name: str = ""
    statistic: float | None = None
    df: Any = None
    p_value: float | None = None
    estimate_name: str = ""
    estimate: float | None = None
    ci: tuple[float, float] | None = None
    effect_size: EffectSize | None = None
    n: int = 0
    on_sample: bool = False  # computed on the seeded sample (when the table is larger than the sample)
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def defined(self) -> bool:
        return self.p_value is not None and math.isfinite(self.p_value)


@dataclass
class GroupStats:
    """One group's full-data n, mean (t interval) and SD, and its median in the sample."""

    label: str
    n: int
    mean: float | None
    ci: tuple[float, float] | None
    sd: float | None
    median: float | None = None
    sample_n: int = 0


@dataclass
class Check:
    """An assumption check: Shapiro–Wilk per group, Brown–Forsythe, or the ratio of group SDs."""

    check: str  # normality, equal spread, SD ratio, expected counts
    test: str
    group: str | None = None
    n: int | None = None
    statistic: float | None = None
    p_value: float | None = None
    note: str = ""


@dataclass
class Comparison:
    """What every comparison shares: the column shown, the grouping, its tests and adjusted p-value."""

    label: str  # the column this row is about (not the group/target)
    column: str  # the outcome
    by: str  # the grouping (for correlations: the target)
    primary: GroupTest
    alternative: GroupTest | None = None
    others: list[GroupTest] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why the primary test was chosen
    p_adjusted: float | None = None
    notes: list[str] = field(default_factory=list)
    order: int = 0  # position of `label` in the table


@dataclass
class NumericComparison(Comparison):
    groups: list[GroupStats] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    posthoc: list[dict[str, Any]] = field(default_factory=list)
    posthoc_method: str | None = None
    posthoc_note: str | None = None
    box: list[dict[str, Any]] | None = None  # per-group box statistics from the sample
    overall_mean: float | None = None
    kind: str = "numeric"


@dataclass
class CategoricalComparison(Comparison):
    row_labels: list[str] = field(default_factory=list)  # levels of the column
    col_labels: list[str] = field(default_factory=list)  # groups
    table: list[list[int]] = field(default_factory=list)
    min_expected: float | None = None
    kind: str = "categorical"


@dataclass
class CorrelationComparison(Comparison):
    kind: str = "correlation"


@dataclass
class Skip:
    column: str
    reason: str


@dataclass
class ComparisonAnalysis:
    """Everything one comparison section shows."""

    mode: str  # "group" or "target"
    by: str
    role: str  # role of the group/target column
    labels: list[str]  # levels of the group (or categorical target); [] for a numeric target
    rows: int
    group_rows: dict[str, int]
    missing: int  # rows without a value of `by`
    numeric: list[NumericComparison] = field(default_factory=list)
    categorical: list[CategoricalComparison] = field(default_factory=list)
    correlations: list[CorrelationComparison] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # beyond MAX_COLUMNS
    notes: list[str] = field(default_factory=list)
    p_adjust: str = "holm"
    alpha: float = ALPHA
    conf_level: float = 0.95
    sample_rows: int = 0
    sampled: bool = False

    @property
    def comparisons(self) -> list[Comparison]:
        """Every comparison in the adjusted family, in table order."""
        return sorted([*self.numeric, *self.categorical, *self.correlations], key=lambda c: c.order)

    @property
    def numeric_target(self) -> bool:
        return self.mode == "target" and not self.labels


# --------------------------------------------------------------------------------------------- build


def build(ctx: AnalysisContext) -> list[Section]:
    """The comparison section(s): one for `--group`, one for `--target` ([] when neither is given)."""
    config = ctx.config
    if not getattr(config, "comparisons", True) or getattr(config, "metrics", None):
        return []  # switched off, or an A/B test (`edakit ab`) owns the group column
    out = []
    for mode, by in (("group", config.group), ("target", config.target)):
        if by:
            out.append(section_of(analyse(ctx, by, mode)))
    return out


def analyse(ctx: AnalysisContext, by: str, mode: str = "group") -> ComparisonAnalysis:
    """Compare every usable column with `by` (a group column, or the target in `mode="target"`)."""
    config = ctx.config
    if by not in ctx.summary.columns:
        names = ", ".join(ctx.summary.columns)
        raise EdakitError(f"Unknown column {by!r}. Columns are: {names}.")
    summary = ctx.summary.columns[by]
    role = summary.role
    numeric_target = mode == "target" and role == "numeric"
    if not numeric_target:
        _check_grouping(by, summary, mode)
    numeric, categorical, skipped, left_out = plan_columns(ctx, by, mode)
    work = apply_conversions(ctx.table.frame, ctx.schema)
    rows = ctx.summary.rows
    sample_rows = min(config.sample_size, rows)
    a = ComparisonAnalysis(
        mode=mode,
        by=by,
        role=role,
        labels=[],
        rows=rows,
        group_rows={},
        missing=summary.missing,
        skipped=skipped,
        left_out=left_out,
        p_adjust=config.p_adjust,
        conf_level=config.conf_level,
        sample_rows=sample_rows,
        sampled=rows > config.sample_size,
    )
    order = {c.name: i for i, c in enumerate(ctx.schema.columns)}
    values = engine.finite_values([*numeric, *([by] if numeric_target else [])], ctx.schema)
    groupers = categorical if numeric_target else [by]
    sample = _sample(work, groupers, values, rows, config.sample_size, config.seed)
    index = {g: _sample_index(sample, g) for g in groupers}
    conf = config.conf_level
    if numeric_target:
        a.correlations, skips = _correlations(ctx, work, by, numeric, values, sample, conf)
        a.skipped += skips
        for col in categorical:
            gm = engine.group_moments(work, col, {by: values[by]})[by]
            groups = _sample_groups(sample, index[col], by)
            result = _safe(col, compare_numeric, by, col, gm, groups, conf, a.sampled, label=col)
            _collect(a, result, order)
    else:
        a.labels, a.group_rows = _group_levels(work, by)
        if len(a.labels) < 2:  # e.g. a level present only in rows that the conversion made missing
            raise EdakitError(f"The {mode} column {by!r} has one level; nothing to compare.")
        moments = engine.group_moments(work, by, {n: values[n] for n in numeric}) if numeric else {}
        for col in numeric:
            groups = _sample_groups(sample, index[by], col)
            result = _safe(col, compare_numeric, col, by, moments[col], groups, conf, a.sampled)
            _collect(a, result, order)
        for col in categorical:
            row_labels, col_labels, table = engine.cross_table(work, col, by)
            result = _safe(col, compare_categorical, col, by, row_labels, col_labels, table, conf)
            _collect(a, result, order)
    if a.missing:
        what = "group" if mode == "group" else "target"
        a.notes.append(f"{a.missing:,} row(s) without a value of the {what} column {by!r} were left out.")
    a.skipped.sort(key=lambda s: order.get(s.column, 0))
    adjust(a)
    add_posthoc(a)
    return a


def _safe(column: str, compare: Any, *args: Any, **kwargs: Any) -> Comparison | Skip:
    """`compare(*args, **kwargs)`, or a skip row saying why when the numbers cannot be used: one odd column never
    sinks the section."""
    try:
        return compare(*args, **kwargs)
    except (EdakitError, ArithmeticError, ValueError) as exc:
        return Skip(column, f"could not be computed ({type(exc).__name__}: {exc})")


def _collect(a: ComparisonAnalysis, result: Comparison | Skip, order: dict[str, int]) -> None:
    if isinstance(result, Skip):
        a.skipped.append(result)
        return
    result.order = order.get(result.label, 0)
    if isinstance(result, NumericComparison):
        a.numeric.append(result)
    else:
        a.categorical.append(result)


def _check_grouping(by: str, summary: Any, mode: str) -> None:
    """A group (or categorical target) column needs 2 to MAX_GROUP_LEVELS levels."""
    what = "group" if mode == "group" else "target"
    if summary.role == "unsupported":
        raise EdakitError(f"The {what} column {by!r} holds values that cannot be grouped ({summary.role}).")
    if summary.count == 0:
        raise EdakitError(f"The {what} column {by!r} has no values; nothing to compare.")
    if summary.distinct < 2:
        raise EdakitError(
            f"The {what} column {by!r} has one level; nothing to compare. Choose a column with at least two groups."
        )
    if summary.distinct == summary.count:
        raise EdakitError(
            f"The {what} column {by!r} has a different value in every row ({summary.distinct:,} levels for "
            f"{summary.count:,} rows): there is nothing to compare within groups. Choose a coarser column."
        )
    if summary.distinct > MAX_GROUP_LEVELS:
        raise EdakitError(
            f"The {what} column {by!r} has {summary.distinct:,} levels; group comparisons handle at most "
            f"{MAX_GROUP_LEVELS}. Choose a coarser column (or bin this one into a few groups)."
        )


def plan_columns(ctx: AnalysisContext, by: str, mode: str) -> tuple[list[str], list[str], list[Skip], list[str]]:
    """Numeric and categorical columns to compare with `by` (table order, at most MAX_COLUMNS), and the skips."""
    profile_skips = {c.name: c.skipped for c in ctx.columns if getattr(c, "skipped", None)}
    numeric: list[str] = []
    categorical: list[str] = []
    skipped: list[Skip] = []
    chosen: list[str] = []
    for col in ctx.schema.columns:
        name, s = col.name, ctx.summary.columns[col.name]
        if name == by:
            skipped.append(Skip(name, f"the {'group' if mode == 'group' else 'target'} column itself"))
        elif name in profile_skips:
            skipped.append(Skip(name, f"it could not be profiled ({profile_skips[name]})"))
        elif col.role == "numeric":
            chosen.append(name)
            numeric.append(name)
        elif col.role in ("categorical", "boolean"):
            if s.distinct > MAX_CATEGORY_LEVELS:
                skipped.append(
                    Skip(name, f"{s.distinct:,} levels (more than {MAX_CATEGORY_LEVELS}): too many for a cross-table")
                )
            elif s.distinct < 2:
                skipped.append(Skip(name, "a single level: nothing to compare"))
            else:
                chosen.append(name)
                categorical.append(name)
        else:
            skipped.append(Skip(name, _ROLE_SKIPS.get(col.role, f"{col.role} columns are not compared")))
    left_out = chosen[MAX_COLUMNS:]
    keep = set(chosen[:MAX_COLUMNS])
    return [n for n in numeric if n in keep], [n for n in categorical if n in keep], skipped, left_out


_ROLE_SKIPS = {
    "identifier": "an identifier (a label per row, not a measurement)",
    "text": "free text (too many distinct values to compare)",
    "constant": "constant: a single value, nothing to compare",
    "empty": "every value is missing",
    "datetime": "dates and times are not compared across groups",
    "unsupported": "values of an unsupported type (lists, structs or binary)",
}


# --------------------------------------------------------------------------------------------- engine work


def _group_levels(work: Any, by: str) -> tuple[list[str], dict[str, int]]:
    """Levels of `by` (sorted as the engine helpers sort them) and the rows of each, missing values left out."""
    counts = work.select(nw.col(by).alias("g")).filter(~nw.col("g").is_null()).group_by("g").agg(nw.len().alias("n"))
    df = counts.collect()
    records = dict(zip(df["g"].to_list(), df["n"].to_list(), strict=True))
    levels = engine._levels(records)
    return [engine._label(v) for v in levels], {engine._label(v): int(records[v]) for v in levels}


def _sample(work: Any, groupers: list[str], values: dict[str, Any], rows: int, size: int, seed: int) -> Any:
    """The seeded uniform sample (as the profile draws it) of the grouping columns and finite numeric values."""
    columns = [*groupers, *[n for n in values if n not in groupers]]
    if not columns:
        return None
    prepared = work.select(*[nw.col(g) for g in groupers], *[values[n].alias(n) for n in values if n not in groupers])
    sample, _ = draw_sample(prepared, columns, rows, size, seed)
    return sample


def _sample_index(sample: Any, by: str) -> dict[str, np.ndarray]:
    """Row positions of each level of `by` in the sample (labels as the engine writes them)."""
    if sample is None or by not in sample.columns:
        return {}
    codes = sample[by]
    return {
        engine._label(value): np.flatnonzero((codes == value).fill_null(False).to_numpy())
        for value in codes.drop_nulls().unique().to_list()
    }


def _sample_groups(sample: Any, index: dict[str, np.ndarray], column: str) -> dict[str, np.ndarray]:
    """Finite values of `column` in the sample, per level of the grouping that `index` locates."""
    if sample is None or column not in sample.columns:
        return {}
    values = sample[column].cast(float, strict=False).fill_null(math.nan).to_numpy()
    out = {label: values[rows][np.isfinite(values[rows])] for label, rows in index.items()}
    return {k: v for k, v in out.items() if v.size}


# --------------------------------------------------------------------------------------------- numeric


def compare_numeric(
    column: str,
    by: str,
    gm: Any,
    sample_groups: dict[str, np.ndarray],
    conf: float,
    sampled: bool,
    label: str | None = None,
) -> NumericComparison | Skip:
    """Compare `column` across the groups of `by` from full-data moments `gm` (engine.pairs.GroupMoments) and
    the sample's values per group; the primary test is chosen by `choose_numeric`."""
    from edakit.stats.ab import mean_estimate

    label = label or column
    names = list(gm.labels)
    sizes = [int(s) for s in gm.sizes]
    empty = [g for g, n in zip(names, sizes, strict=True) if n == 0]
    what = f"{column} by {by}"
    if len(names) < 2:
        return Skip(label, f"{what}: fewer than two groups have values")
    if empty:
        return Skip(
            label,
            f"every value of {column} is missing in {_group_list(empty, by)}; each group needs values to be compared",
        )
    means = [float(m) for m in gm.means]
    variances = [None if v is None or n < 2 else max(float(v), 0.0) for v, n in zip(gm.variances, sizes, strict=True)]
    if all(not v for v in variances) and max(means) - min(means) <= 1e-12 * max(1.0, *map(abs, means)):
        return Skip(label, f"every value of {column} is the same ({means[0]:g}) in every group: nothing to compare")
    groups = []
    for g, n, m, v in zip(names, sizes, means, variances, strict=True):
        e = mean_estimate(g, m, math.nan if v is None else v, n, conf)
        s = sample_groups.get(g, np.array([]))
        groups.append(GroupStats(g, n, m, e.ci, e.sd, float(np.median(s)) if s.size else None, int(s.size)))
    total = sum(sizes)
    comp = NumericComparison(
        label=label,
        column=column,
        by=by,
        primary=GroupTest("none", "", ""),
        groups=groups,
        overall_mean=sum(n * m for n, m in zip(sizes, means, strict=True)) / total,
    )
    comp.checks = _checks(names, variances, sample_groups)
    tests = (
        _two_group_tests(comp, means, variances, sizes, sample_groups, conf, sampled)
        if len(names) == 2
        else _k_group_tests(comp, means, variances, sizes, sample_groups, conf, sampled)
    )
    chosen = choose_numeric(comp, tests)
    if chosen is None:
        reasons = [n for t in tests.values() if t is not None for n in t.notes[-1:]]
        return Skip(label, f"no test is defined for {what}: " + " ".join(dict.fromkeys(reasons)))
    comp.box = _box_stats(names, sample_groups)
    return comp


def _group_list(labels: list[str], by: str) -> str:
    return f"{'group' if len(labels) == 1 else 'groups'} {', '.join(labels)} of {by}"


def _checks(names: list[str], variances: list[float | None], sample: dict[str, np.ndarray]) -> list[Check]:
    """Shapiro–Wilk per group and Brown–Forsythe on the sample; the ratio of full-data SDs."""
    from edakit.stats.nonparametric import shapiro
    from edakit.stats.parametric import variance_test

    checks = []
    for g in names:
        values = sample.get(g, np.array([]))
        r = shapiro(values)
        checks.append(
            Check(
                "normality", "Shapiro–Wilk", g, r.n, r.statistic, r.p_value, " ".join(r.notes[-1:]) if r.notes else ""
            )
        )
    sds = [math.sqrt(v) for v in variances if v is not None]
    if len(sds) == len(names) and min(sds) > 0:
        checks.append(Check("SD ratio", "largest / smallest group SD", statistic=max(sds) / min(sds)))
    else:
        checks.append(
            Check("SD ratio", "largest / smallest group SD", note="a group has fewer than 2 values or no spread")
        )
    usable = {g: v for g, v in sample.items() if v.size}
    if len(usable) >= 2:
        try:
            bf = variance_test(usable, center="median")
        except EdakitError as exc:
            checks.append(Check("equal spread", "Brown–Forsythe", note=str(exc)))
        else:
            n = sum(int(v.size) for v in usable.values())
            checks.append(
                Check("equal spread", "Brown–Forsythe", None, n, bf.statistic, bf.p_value, " ".join(bf.notes))
            )
    return checks


def _check(comp: NumericComparison, kind: str) -> Check | None:
    return next((c for c in comp.checks if c.check == kind), None)


def _two_group_tests(
    comp: NumericComparison,
    means: list[float],
    variances: list[float | None],
    sizes: list[int],
    sample: dict[str, np.ndarray],
    conf: float,
    sampled: bool,
) -> dict[str, GroupTest | None]:
    """Welch's t (full-data moments) with Cohen's d, and the Wilcoxon–Mann–Whitney test (sample)."""
    import polars as pl

    from edakit.stats.ab import welch_from_moments
    from edakit.stats.nonparametric import mann_whitney
    from edakit.stats.parametric import cohens_d_from_moments

    a, b = comp.groups[0].label, comp.groups[1].label
    welch = GroupTest(
        "welch_t",
        "Welch's t test",
        "Welch Two Sample t-test",
        "t",
        estimate_name=f"difference in means ({a} − {b})",
        estimate=means[0] - means[1],
        n=sum(sizes),
    )
    small = [g.label for g in comp.groups if g.n < 2]
    if small:
        welch.notes.append(
            f"Welch's t test needs at least 2 values in each group; {', '.join(small)} has only one value of "
            f"{comp.column}."
        )
    else:
        w = welch_from_moments(means[0], variances[0], sizes[0], means[1], variances[1], sizes[1], conf)
        if w["p_value"] is None:
            welch.notes.append(
                f"Both groups are constant ({comp.column} does not vary within either group), so the t statistic is "
                "undefined."
            )
        else:
            welch.statistic, welch.df, welch.p_value, welch.ci = w["statistic"], w["df"], w["p_value"], w["ci"]
            welch.details["se"] = w["se"]
    try:
        d, g = cohens_d_from_moments(
            means[0], variances[0] or 0.0, sizes[0], means[1], variances[1] or 0.0, sizes[1], conf
        )
        welch.effect_size, welch.details["hedges_g"] = d, g
    except EdakitError as exc:
        welch.notes.append(str(exc))
    except (ArithmeticError, ValueError) as exc:  # the interval's root search failed: keep the test, say so
        welch.notes.append(f"Cohen's d and its interval could not be computed ({exc}).")
    xs, ys = sample.get(a, np.array([])), sample.get(b, np.array([]))
    mw = GroupTest(
        "mann_whitney",
        "Mann–Whitney test",
        "Wilcoxon rank sum test with continuity correction",
        "W",
        estimate_name=f"Hodges–Lehmann shift ({a} − {b})",
        n=int(xs.size + ys.size),
        on_sample=sampled,
    )
    if xs.size and ys.size:
        r = mann_whitney(pl.Series(a, xs), pl.Series(b, ys), conf_level=conf)
        mw.method, mw.statistic, mw.p_value = r.method, r.statistic, r.p_value
        mw.estimate, mw.ci, mw.effect_size, mw.notes = r.estimate, r.ci, r.effect_size, list(r.notes)
        mw.details["medians"] = r.details.get("medians", {})
    else:
        mw.notes.append("The rank test needs values in both groups of the sample.")
    return {"parametric": welch, "rank": mw, "other": None}


def _k_group_tests(
    comp: NumericComparison,
    means: list[float],
    variances: list[float | None],
    sizes: list[int],
    sample: dict[str, np.ndarray],
    conf: float,
    sampled: bool,
) -> dict[str, GroupTest | None]:
    """Classic and Welch one-way ANOVA (full-data moments) with eta², and Kruskal–Wallis with Dunn (sample)."""
    from edakit.stats.association import correlation_ratio_from_groups
    from edakit.stats.nonparametric import kruskal
    from edakit.stats.parametric import welch_anova_from_moments

    labels = [g.label for g in comp.groups]
    n = sum(sizes)
    eta = correlation_ratio_from_groups(
        sizes, means, variances, conf, labels=labels, values_name=comp.column, groups_name=comp.by
    )
    common = {"estimate_name": "eta²", "estimate": eta.eta_squared, "ci": eta.eta_squared_ci, "n": n}
    classic = GroupTest("anova", "classic ANOVA", "One-way analysis of means", "F", **common)
    if eta.p_value is not None and math.isfinite(eta.statistic):
        classic.statistic, classic.df, classic.p_value = eta.statistic, eta.df, eta.p_value
        classic.effect_size = eta.effect_size
    else:
        classic.notes.append(" ".join(eta.notes[:1]) or "The F test is undefined for these groups.")
    welch = GroupTest(
        "welch_anova",
        "Welch's ANOVA",
        "One-way analysis of means (not assuming equal variances)",
        "F",
        **common,
    )
    welch.effect_size = classic.effect_size
    try:
        w = welch_anova_from_moments(sizes, means, variances)
        welch.statistic, welch.df, welch.p_value = w["statistic"], w["df"], w["p_value"]
    except EdakitError as exc:
        welch.notes.append(str(exc))
    usable = {g: sample[g] for g in labels if g in sample and sample[g].size}
    kw = GroupTest(
        "kruskal",
        "Kruskal–Wallis test",
        "Kruskal-Wallis rank sum test",
        "H",
        estimate_name="epsilon² (rank)",
        n=sum(int(v.size) for v in usable.values()),
        on_sample=sampled,
    )
    if len(usable) >= 2:
        r = kruskal(usable)
        kw.statistic, kw.df, kw.p_value, kw.effect_size = r.statistic, r.df, r.p_value, r.effect_size
        kw.estimate = r.effect_size.value if r.effect_size is not None else None
        kw.notes = list(r.notes)
        kw.details = {"posthoc": r.details.get("posthoc", []), "mean_ranks": r.details.get("mean_ranks", {})}
        missing = [g for g in labels if g not in usable]
        if missing and kw.defined:
            kw.notes.append(f"The sample has no values in {', '.join(missing)}; the rank test compares the others.")
    else:
        kw.notes.append("The rank test needs values in at least two groups of the sample.")
    similar, why = _similar_spread(comp)
    parametric, other = (classic, welch) if similar and classic.defined else (welch, classic)
    comp.reasons.append(why)
    if not parametric.defined and other.defined:
        comp.reasons.append(f"{parametric.name} is undefined here, so {other.name} is used instead.")
        parametric, other = other, parametric
    return {"parametric": parametric, "rank": kw, "other": other}


def _similar_spread(comp: NumericComparison) -> tuple[bool, str]:
    """The variance rule for k groups: SD ratio at most SD_RATIO and Brown–Forsythe p ≥ ALPHA."""
    ratio, bf = _check(comp, "SD ratio"), _check(comp, "equal spread")
    if ratio is None or ratio.statistic is None:
        return False, "A group has fewer than 2 values or no spread, so the group variances cannot be compared."
    bf_p = bf.p_value if bf is not None else None
    r = ratio.statistic
    bf_text = "" if bf_p is None else f" and the Brown–Forsythe test gives p = {bf_p:.3g}"
    if r <= SD_RATIO and (bf_p is None or bf_p >= ALPHA):
        return True, (
            f"The largest group SD is {r:.3g} times the smallest (at most {SD_RATIO:g}){bf_text}: the spreads are "
            "similar, so the ANOVA is the classic F test (pooled variance)."
        )
    why = f"{r:.3g} times the smallest (more than {SD_RATIO:g})" if r > SD_RATIO else f"{r:.3g} times the smallest"
    return False, (
        f"The largest group SD is {why}{bf_text}: the spreads may differ, so the ANOVA is Welch's F test, which "
        "does not assume equal variances."
    )


def choose_numeric(comp: NumericComparison, tests: dict[str, GroupTest | None]) -> GroupTest | None:
    """Set the primary and alternative tests of `comp` by the rule in `RULE`; None when no test is defined."""
    from edakit.stats.parametric import CLT_N

    parametric, rank, other = tests["parametric"], tests["rank"], tests["other"]
    sizes = {g.label: g.n for g in comp.groups}
    non_normal = [
        c.group
        for c in comp.checks
        if c.check == "normality" and c.p_value is not None and c.p_value < ALPHA and sizes.get(c.group, 0) < CLT_N
    ]
    if parametric is not None and parametric.defined and not non_normal:
        comp.primary, comp.alternative = parametric, rank
        small = [g.label for g in comp.groups if g.n < CLT_N]
        if not small:
            why = f"Every group has at least {CLT_N} values, so the group means are close to normally distributed "
            why += "(central limit theorem) unless the data are very skewed"
        else:
            why = f"Shapiro–Wilk finds no clear departure from normality in the groups with fewer than {CLT_N} values"
        test = "Welch's t test (which does not assume equal variances)" if len(comp.groups) == 2 else "a one-way ANOVA"
        comp.reasons.insert(0, f"{why}, so the comparison of means by {test} is the primary test.")
    elif rank is not None and rank.defined:
        comp.primary, comp.alternative = rank, parametric
        if non_normal:
            which = "has" if len(non_normal) == 1 else "have"
            why = (
                f"Shapiro–Wilk rejects normality (p < {ALPHA:g}) in {', '.join(non_normal)}, which {which} fewer than "
                f"{CLT_N} values, so the rank test is the primary test and the test of means is shown alongside."
            )
        else:
            name = parametric.name if parametric else "The test of means"
            why = f"{name} is undefined here, so the rank test is the primary test."
        comp.reasons.insert(0, why)
    else:
        return None
    if other is not None:
        comp.others.append(other)
    return comp.primary


def _box_stats(names: list[str], sample: dict[str, np.ndarray]) -> list[dict[str, Any]] | None:
    """Per-group quartiles (type 7), Tukey whiskers and up to MAX_OUTLIER_POINTS outliers per side, from the
    sample; None when a group has fewer than MIN_BOX_N values there."""
    from edakit.stats.chartdata import _spread_pick

    out = []
    for g in names:
        v = np.sort(sample.get(g, np.array([])))
        if v.size < MIN_BOX_N:
            return None
        q1, med, q3 = (float(x) for x in np.quantile(v, [0.25, 0.5, 0.75]))
        lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        inside = v[(v >= lo) & (v <= hi)]
        out.append(
            {
                "q25": q1,
                "median": med,
                "q75": q3,
                "mean": float(v.mean()),
                "whisker_low": float(inside.min()),
                "whisker_high": float(inside.max()),
                "outliers": _spread_pick(v[v < lo], MAX_OUTLIER_POINTS) + _spread_pick(v[v > hi], MAX_OUTLIER_POINTS),
                "n": int(v.size),
            }
        )
    return out


# --------------------------------------------------------------------------------------------- categorical


def compare_categorical(
    column: str, by: str, row_labels: list[str], col_labels: list[str], table: list[list[int]], conf: float
) -> CategoricalComparison | Skip:
    """Chi-square test of independence of `column` (rows) and `by` (columns), R's `chisq.test` (Yates for 2×2);
    Fisher's exact test for a 2×2 table, primary when an expected count is below 5; Cramér's V (bias-corrected)
    with its interval as the effect size."""
    import pandas as pd

    from edakit.stats.association import cramers_v_from_table
    from edakit.stats.contingency import chi_square, fisher_exact

    counts = np.asarray(table, dtype=float).reshape(len(row_labels), len(col_labels))
    keep_r, keep_c = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    counts = counts[keep_r][:, keep_c]
    rows = [r for r, k in zip(row_labels, keep_r, strict=True) if k]
    cols = [c for c, k in zip(col_labels, keep_c, strict=True) if k]
    if len(rows) < 2:
        return Skip(column, f"only one level of {column} occurs in rows with a value of {by}: nothing to test")
    if len(cols) < 2:
        return Skip(column, f"only one group of {by} has values of {column}: nothing to compare")
    n = int(counts.sum())
    chi = chi_square(pd.DataFrame(counts, index=rows, columns=cols))  # labelled, for the residuals' words
    v = cramers_v_from_table(counts, conf_level=conf, row_labels=rows, col_labels=cols, x_name=column, y_name=by)
    test = GroupTest(
        "chisq",
        "chi-square test",
        chi.method,
        "X-squared",
        chi.statistic,
        chi.df,
        chi.p_value,
        estimate_name="Cramér's V (bias-corrected)",
        estimate=v.estimate,
        ci=v.ci,
        effect_size=v.effect_size,
        n=n,
    )
    test.details.update(v_uncorrected=v.v_uncorrected, cells=chi.details)
    min_expected = chi.details.get("min_expected")
    comp = CategoricalComparison(
        label=column,
        column=column,
        by=by,
        primary=test,
        row_labels=rows,
        col_labels=cols,
        table=counts.astype(int).tolist(),
        min_expected=min_expected,
    )
    small = min_expected is not None and min_expected < 5
    if counts.shape == (2, 2):
        f = fisher_exact(counts, conf_level=conf)
        fisher = GroupTest(
            "fisher",
            "Fisher's exact test",
            f.method,
            "",
            None,
            None,
            f.p_value,
            estimate_name=f"odds ratio (conditional MLE; odds of {rows[0]} in {cols[0]} vs {cols[1]})",
            estimate=f.estimate,
            ci=f.ci,
            effect_size=v.effect_size,
            n=n,
            notes=list(f.notes),
        )
        if small:
            comp.primary, comp.alternative = fisher, test
            comp.reasons.append(
                f"The table is 2×2 and its smallest expected count is {min_expected:.3g} (below 5), so Fisher's exact "
                "test, which needs no large-sample approximation, is the primary test."
            )
        else:
            comp.alternative = fisher
            comp.reasons.append(
                f"Every expected count is at least 5 (smallest {min_expected:.3g}), so the chi-square approximation "
                "holds (with Yates' continuity correction, as R does for 2×2 tables); Fisher's exact test is shown "
                "alongside."
            )
    else:
        comp.reasons.append(
            f"For a {len(rows)}×{len(cols)} table the chi-square test of independence is the test (R's chisq.test; "
            "the continuity correction applies to 2×2 tables only)."
        )
        if small:
            comp.notes.append(
                f"Some expected counts are below 5 (smallest {min_expected:.3g}): the chi-square p-value is "
                f"approximate; merging rare levels of {column} would make it more reliable."
            )
    return comp


# --------------------------------------------------------------------------------------------- target


def _correlations(
    ctx: AnalysisContext,
    work: Any,
    target: str,
    numeric: list[str],
    values: dict[str, Any],
    sample: Any,
    conf: float,
) -> tuple[list[CorrelationComparison], list[Skip]]:
    """Pearson's r of the numeric target with each numeric column (full data), Spearman's rho from the sample."""
    from edakit.stats.association import correlation, pearson_from_moments

    if not numeric:
        return [], []
    rows = ctx.summary.rows
    stats = {n: ctx.summary.columns[n].numeric for n in [target, *numeric]}
    complete = {n for n in stats if stats[n].get("count") == rows}
    shifts = {n: stats[n].get("mean") for n in stats}
    pairs = [(x, target) for x in numeric]
    moments = engine.pair_moments(work, values, pairs, rows=rows, shifts=shifts, complete=complete)
    order = {c.name: i for i, c in enumerate(ctx.schema.columns)}
    out, skips = [], []
    for x in numeric:
        m = moments[(x, target)]
        try:
            r = pearson_from_moments(
                m.n, m.sxx, m.syy, m.sxy, conf_level=conf, n_dropped=rows - m.n, x_name=x, y_name=target
            )
        except (EdakitError, ArithmeticError, ValueError) as exc:
            skips.append(Skip(x, f"Pearson's r could not be computed ({exc})"))
            continue
        if r.p_value is None:
            skips.append(Skip(x, " ".join(r.notes[:1]) or "Pearson's r is undefined"))
            continue
        test = GroupTest(
            "pearson",
            "Pearson correlation",
            r.method,
            "t",
            r.statistic,
            r.df,
            r.p_value,
            estimate_name="Pearson's r",
            estimate=r.estimate,
            ci=r.ci,
            effect_size=r.effect_size,
            n=r.n,
            notes=list(r.notes),
        )
        comp = CorrelationComparison(label=x, column=target, by=x, primary=test, order=order.get(x, 0))
        comp.reasons.append(
            "Pearson's r measures the straight-line association on every row with both values (full data); "
            "Spearman's rho, on ranks, is shown alongside for a monotone but curved relation."
        )
        if sample is not None and x in sample.columns and target in sample.columns:
            rho = correlation(sample[x], sample[target], "spearman", conf_level=conf, x_name=x, y_name=target)
            comp.alternative = GroupTest(
                "spearman",
                "Spearman correlation",
                rho.method,
                "S",
                rho.statistic,
                None,
                rho.p_value,
                estimate_name="Spearman's rho",
                estimate=rho.estimate,
                ci=rho.ci,
                effect_size=rho.effect_size,
                n=rho.n,
                on_sample=rows > ctx.config.sample_size,
                notes=list(rho.notes),
            )
        out.append(comp)
    return out, skips


# --------------------------------------------------------------------------------------------- family


def adjust(a: ComparisonAnalysis) -> None:
    """Adjust the primary p-values of every comparison together (Holm or BH, as `a.p_adjust`)."""
    from edakit.stats.multitest import adjust_pvalues

    family = a.comparisons
    for comp, p in zip(family, adjust_pvalues([c.primary.p_value for c in family], a.p_adjust), strict=True):
        comp.p_adjusted = p


def add_posthoc(a: ComparisonAnalysis) -> None:
    """Pairwise comparisons for k ≥ 3 groups whose overall test is significant after adjustment: Tukey (classic
    ANOVA), Games–Howell (Welch's ANOVA, at most MAX_GAMES_HOWELL_PAIRS per section) or Dunn with Holm (rank)."""
    from edakit.stats.parametric import games_howell_from_moments, tukey_from_moments

    budget = MAX_GAMES_HOWELL_PAIRS
    for comp in sorted(a.numeric, key=lambda c: c.order):
        k = len(comp.groups)
        if k < 3:
            continue
        pairs = k * (k - 1) // 2
        if k > MAX_POSTHOC_GROUPS:
            comp.posthoc_note = (
                f"Pairwise comparisons were not computed: {k} groups make {pairs} pairs (at most "
                f"{MAX_POSTHOC_GROUPS} groups are compared pair by pair, to keep the report readable and quick)."
            )
            continue
        if comp.p_adjusted is None or comp.p_adjusted >= a.alpha:
            comp.posthoc_note = (
                "Pairwise comparisons are shown only when the overall test is significant after adjustment; "
                "here it is not."
            )
            continue
        key = comp.primary.key
        args = (
            [g.label for g in comp.groups],
            [g.n for g in comp.groups],
            [g.mean for g in comp.groups],
            [None if g.sd is None else g.sd**2 for g in comp.groups],
            a.conf_level,
        )
        try:
            if key == "kruskal":
                comp.posthoc_method = "Dunn's test (Holm-adjusted)" + (", on the sample" if a.sampled else "")
                comp.posthoc = comp.primary.details.get("posthoc", [])
            elif key == "anova":
                comp.posthoc_method = "Tukey's HSD (Tukey–Kramer)"
                comp.posthoc = tukey_from_moments(*args)
            elif budget >= pairs:
                comp.posthoc_method = "Games–Howell"
                comp.posthoc = games_howell_from_moments(*args)
                budget -= pairs
            else:
                comp.posthoc_note = (
                    f"Games–Howell comparisons were not computed: this section already computed "
                    f"{MAX_GAMES_HOWELL_PAIRS - budget} pairs (each needs a slow studentized-range quantile); the "
                    "Dunn comparisons of the rank test answer the same question."
                )
        except EdakitError as exc:
            comp.posthoc_note = f"Pairwise comparisons could not be computed ({exc})."


# --------------------------------------------------------------------------------------------- presentation


def section_of(a: ComparisonAnalysis) -> Section:
    """The report section for `a`: how tests were chosen, overview tables, then one subsection per column."""
    from edakit.explain import comparisons as words

    blocks: list[Any] = [Paragraph(words.methods_paragraph(a), tone="method")]  # left out of brief reports
    if a.numeric:
        blocks.append(numeric_table(a))
    if a.correlations:
        blocks.append(correlation_table(a))
    if a.categorical:
        blocks.append(categorical_table(a))
    if a.skipped:
        blocks.append(
            TableBlock(
                caption="Columns not compared",
                columns=[TableColumn("Column", "text"), TableColumn("Why", "text")],
                rows=[[s.column, s.reason] for s in a.skipped],
            )
        )
    notes = list(a.notes)
    if a.left_out:
        notes.append(words.left_out_note(a.left_out, MAX_COLUMNS))
    detailed = [c for c in a.comparisons if not isinstance(c, CorrelationComparison)]
    subsections = [_detail_section(a, c, i) for i, c in enumerate(detailed[:MAX_DETAILED])]
    if len(detailed) > MAX_DETAILED:
        notes.append(words.detail_note(MAX_DETAILED, len(detailed)))
    return Section(
        f"{SECTION_ID}-{a.mode}",
        words.section_title(a),
        summary=words.section_summary(a),
        blocks=blocks,
        subsections=subsections,
        notes=notes,
    )


def _adjust_name(a: ComparisonAnalysis) -> str:
    return "Holm" if a.p_adjust == "holm" else "BH"


def _effect_text(effect: EffectSize | None) -> str | None:
    from edakit.explain.words import fmt_num

    if effect is None or effect.value is None or not math.isfinite(effect.value):
        return None
    return f"{effect.name} = {fmt_num(effect.value, 3)}"


def _ci_cell(ci: tuple[float, float] | None) -> list[float] | None:
    return [float(ci[0]), float(ci[1])] if ci else None


def _p_cell(test: GroupTest | None) -> float | None:
    return test.p_value if test is not None and test.defined else None


def _size_cell(t: GroupTest | None) -> str | None:
    """The effect's magnitude, with its value when the effect is not the estimate itself (e.g. d for a difference)."""
    from edakit.explain.words import fmt_num

    e = t.effect_size if t is not None else None
    if e is None or e.value is None or not math.isfinite(e.value):
        return None
    if t.estimate is not None and e.value == t.estimate:
        return e.magnitude
    short = {"Cohen's d": "d", "rank-biserial correlation": "r"}.get(e.name, e.name)
    return f"{e.magnitude} ({short} = {fmt_num(e.value, 3)})" if e.magnitude else f"{short} = {fmt_num(e.value, 3)}"


def _alternative_cell(c: Comparison, alpha: float) -> str | None:
    from edakit.explain import comparisons as words
    from edakit.explain.words import fmt_p

    alt = c.alternative
    if alt is None:
        return None
    where = " (sample)" if alt.on_sample else ""
    if not alt.defined:
        return f"{alt.name}{where}: undefined"
    agree = words.agreement(c, alpha)
    verdict = {"yes": "agrees", "no": "disagrees"}.get(agree or "", "")
    return f"{alt.name}{where}: {fmt_p(alt.p_value)}" + (f", {verdict}" if verdict else "")


def numeric_table(a: ComparisonAnalysis) -> TableBlock:
    from edakit.explain import comparisons as words

    level = f"{100 * a.conf_level:g} %"
    adj = _adjust_name(a)
    rows = []
    for c in sorted(a.numeric, key=lambda c: c.order):
        p = c.primary
        rows.append(
            [
                c.label,
                sum(g.n for g in c.groups),
                p.name + (" (sample)" if p.on_sample else ""),
                p.estimate_name,
                p.estimate,
                _ci_cell(p.ci),
                _size_cell(p),
                _p_cell(p),
                c.p_adjusted,
                _alternative_cell(c, a.alpha),
            ]
        )
    what = f"{a.by} across each categorical column" if a.numeric_target else f"numeric columns across {a.by}"
    return TableBlock(
        caption=f"Comparisons of {what}: chosen test, estimate, effect size, raw and {adj}-adjusted p",
        columns=[
            TableColumn("Column" if not a.numeric_target else "Grouping column", "text"),
            TableColumn("n", "int", "values present in all groups together (full data); per group in the details"),
            TableColumn("Test chosen", "text", "chosen from the checked assumptions by the rule above"),
            TableColumn("Estimate of", "text"),
            TableColumn("Estimate", "num"),
            TableColumn(f"{level} CI", "ci", f"{level} confidence interval of the estimate"),
            TableColumn("Effect size", "text", "Cohen's (1988) conventions, named in the details"),
            TableColumn("p", "p", "unadjusted p-value of the chosen test"),
            TableColumn(f"p ({adj})", "p", f"{words.adjust_long(a.p_adjust)} adjustment across this section"),
            TableColumn(
                "Alternative test",
                "text",
                f"the other family of test (unadjusted p) and whether it falls on the same side of {a.alpha:g}",
            ),
        ],
        rows=rows,
    )


def categorical_table(a: ComparisonAnalysis) -> TableBlock:
    from edakit.explain import comparisons as words

    level = f"{100 * a.conf_level:g} %"
    adj = _adjust_name(a)
    rows = []
    for c in sorted(a.categorical, key=lambda c: c.order):
        chi = c.primary if c.primary.key == "chisq" else c.alternative
        effect = c.primary.effect_size
        rows.append(
            [
                c.column,
                c.primary.n,
                f"{len(c.row_labels)} × {len(c.col_labels)}",
                c.primary.name,
                _statistic_cell(chi),
                effect.value if effect else None,
                _ci_cell(effect.ci) if effect else None,
                effect.magnitude if effect else None,
                _p_cell(c.primary),
                c.p_adjusted,
                _alternative_cell(c, a.alpha),
            ]
        )
    return TableBlock(
        caption=f"Categorical columns tested against {a.by}: association, raw and {adj}-adjusted p",
        columns=[
            TableColumn("Column", "text"),
            TableColumn("n", "int", f"rows with both the column and {a.by} present"),
            TableColumn("Table", "text", f"levels of the column × groups of {a.by}"),
            TableColumn("Test chosen", "text"),
            TableColumn("X²(df)", "text", "Pearson's chi-square statistic (Yates-corrected for 2×2 tables, as R)"),
            TableColumn("Cramér's V", "num", "bias-corrected (Bergsma 2013): 0 none, 1 complete association"),
            TableColumn(f"{level} CI", "ci", "interval for V"),
            TableColumn("Size", "text", "Cohen's (1988) w thresholds scaled to V"),
            TableColumn("p", "p", "unadjusted p-value of the chosen test"),
            TableColumn(f"p ({adj})", "p", f"{words.adjust_long(a.p_adjust)} adjustment across this section"),
            TableColumn("Alternative test", "text", "Fisher's exact test for 2×2 tables (or the chi-square test)"),
        ],
        rows=rows,
    )


def _statistic_cell(t: GroupTest | None) -> str | None:
    """E.g. "F(2, 339) = 410.6", "t(17.78) = −1.861", "W = 25.5"."""
    from edakit.explain.words import fmt_num

    if t is None or t.statistic is None or not t.statistic_name:
        return None
    name = "X²" if t.statistic_name == "X-squared" else t.statistic_name
    if isinstance(t.df, (tuple, list)):
        name += "(" + ", ".join(fmt_num(float(v), 4) for v in t.df) + ")"
    elif t.df is not None:
        name += f"({fmt_num(float(t.df), 4)})"
    return f"{name} = {fmt_num(t.statistic, 4)}".replace("-", "−")


def correlation_table(a: ComparisonAnalysis) -> TableBlock:
    from edakit.explain import comparisons as words

    level = f"{100 * a.conf_level:g} %"
    adj = _adjust_name(a)
    rows, notes = [], []
    for c in sorted(a.correlations, key=lambda c: c.order):
        p, s = c.primary, c.alternative
        rows.append(
            [
                c.label,
                p.n,
                p.estimate,
                _ci_cell(p.ci),
                p.effect_size.magnitude if p.effect_size else None,
                _p_cell(p),
                c.p_adjusted,
                s.estimate if s else None,
                _p_cell(s),
            ]
        )
        notes.append(words.correlation_note(c, a))
    sample = " (from the sample)" if a.sampled else ""
    return TableBlock(
        caption=f"Correlation of {a.by} with each numeric column: Pearson's r, raw and {adj}-adjusted p",
        columns=[
            TableColumn("Column", "text"),
            TableColumn("n", "int", "rows with both values present"),
            TableColumn("Pearson's r", "num", "straight-line association, −1 to 1 (full data)"),
            TableColumn(f"{level} CI", "ci", "Fisher's z interval"),
            TableColumn("Size", "text", "Cohen (1988): |r| 0.1 small, 0.3 medium, 0.5 large"),
            TableColumn("p", "p"),
            TableColumn(f"p ({adj})", "p", f"{words.adjust_long(a.p_adjust)} adjustment across this section"),
            TableColumn("Spearman's rho", "num", "rank correlation" + sample),
            TableColumn("rho p", "p"),
        ],
        rows=rows,
        row_notes=notes,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "column"


def _detail_section(a: ComparisonAnalysis, c: Comparison, index: int) -> Section:
    from edakit.explain import comparisons as words

    sid = f"{SECTION_ID}-{a.mode}-{index + 1}-{_slug(c.label)}"
    if isinstance(c, NumericComparison):
        blocks = _numeric_blocks(a, c)
        text = words.numeric_paragraph(c, a)
    else:
        blocks = _categorical_blocks(a, c)
        text = words.categorical_paragraph(c, a)
    blocks.append(Paragraph(text))
    return Section(sid, f"{c.column} by {c.by}", blocks=blocks, notes=list(c.notes))


def _test_rows(c: Comparison) -> tuple[list[list[Any]], list[str]]:
    rows, notes = [], []
    for role, t in (("chosen", c.primary), ("alternative", c.alternative), *(("also computed", o) for o in c.others)):
        if t is None:
            continue
        effect = _effect_text(t.effect_size)
        if effect and t.effect_size.magnitude:
            effect += f" ({t.effect_size.magnitude})"
        rows.append(
            [
                t.name,
                role,
                _statistic_cell(t),
                _p_cell(t),
                c.p_adjusted if role == "chosen" else None,
                t.estimate_name or None,
                t.estimate,
                _ci_cell(t.ci),
                effect,
                "sample" if t.on_sample else "all rows",
            ]
        )
        note = f"{t.name}: R's “{t.method}”"
        if not t.defined:
            note += " — undefined here: " + (" ".join(t.notes) or "no test statistic can be computed.")
        notes.append(note)
    return rows, notes


def _tests_block(a: ComparisonAnalysis, c: Comparison) -> TableBlock:
    level = f"{100 * a.conf_level:g} %"
    rows, notes = _test_rows(c)
    return TableBlock(
        caption=f"Tests of {c.column} by {c.by}",
        columns=[
            TableColumn("Test", "text"),
            TableColumn("Role", "text", "the chosen test, the alternative family, and any other test computed"),
            TableColumn("Statistic", "text", "test statistic with its degrees of freedom"),
            TableColumn("p", "p"),
            TableColumn(f"p ({_adjust_name(a)})", "p", "adjusted across every test of this section"),
            TableColumn("Estimate of", "text"),
            TableColumn("Estimate", "num"),
            TableColumn(f"{level} CI", "ci"),
            TableColumn("Effect size", "text"),
            TableColumn("Data", "text", "all rows, or the seeded random sample"),
        ],
        rows=rows,
        row_notes=notes,
    )


def _numeric_blocks(a: ComparisonAnalysis, c: NumericComparison) -> list[Any]:
    from edakit.explain import comparisons as words

    level = f"{100 * a.conf_level:g} %"
    blocks: list[Any] = [
        TableBlock(
            caption=f"{c.column} in each group of {c.by}",
            columns=[
                TableColumn("Group", "text"),
                TableColumn("n", "int", "values present (full data)"),
                TableColumn("Mean", "num"),
                TableColumn(f"{level} CI", "ci", "t interval of the mean"),
                TableColumn("SD", "num", "standard deviation (n − 1)"),
                TableColumn("Median", "num", "from the sample" if a.sampled else "exact"),
            ],
            rows=[[g.label, g.n, g.mean, _ci_cell(g.ci), g.sd, g.median] for g in c.groups],
        )
    ]
    blocks += _numeric_charts(a, c)
    blocks.append(_tests_block(a, c))
    blocks.append(
        TableBlock(
            caption="Assumption checks",
            columns=[
                TableColumn("Check", "text"),
                TableColumn("Test", "text"),
                TableColumn("Group", "text"),
                TableColumn("n", "int"),
                TableColumn("Statistic", "num"),
                TableColumn("p", "p"),
                TableColumn("Reading", "text"),
            ],
            rows=[
                [k.check, k.test, k.group, k.n, k.statistic, k.p_value, words.check_reading(k, c, a)] for k in c.checks
            ],
        )
    )
    if c.posthoc:
        dunn = c.primary.key == "kruskal"
        blocks.append(
            TableBlock(
                caption=f"Pairwise comparisons: {c.posthoc_method}",
                columns=[
                    TableColumn("Pair", "text"),
                    TableColumn(
                        "Difference in mean ranks" if dunn else "Difference in means", "num", "first minus second"
                    ),
                    TableColumn(f"{level} simultaneous CI", "ci"),
                    TableColumn("adjusted p", "p", "adjusted for the pairs of this column"),
                ],
                rows=[[" − ".join(r["groups"]), r["diff"], _ci_cell(r.get("ci")), r["p_adj"]] for r in c.posthoc],
            )
        )
    return blocks


def _numeric_charts(a: ComparisonAnalysis, c: NumericComparison) -> list[ChartBlock]:
    from edakit.explain import comparisons as words

    charts = []
    shown = [g for g in c.groups if g.ci is not None]
    if shown:
        charts.append(
            ChartBlock(
                kind="group_means_ci",
                data={
                    "labels": [g.label for g in shown],
                    "means": [g.mean for g in shown],
                    "cis": [list(g.ci) for g in shown],
                    "overall": c.overall_mean,
                    "value_label": c.column,
                },
                caption=words.means_caption(c, a, len(shown)),
                alt=words.means_alt(c, a),
            )
        )
    if c.box is not None:
        charts.append(
            ChartBlock(
                kind="group_box",
                data={"labels": [g.label for g in c.groups], "stats": c.box, "value_label": c.column},
                caption=words.box_caption(c, a),
                alt=words.box_alt(c),
            )
        )
    return charts


def _categorical_blocks(a: ComparisonAnalysis, c: CategoricalComparison) -> list[Any]:
    from edakit.explain import comparisons as words
    from edakit.stats.proportion import wilson_interval

    totals = [sum(row[j] for row in c.table) for j in range(len(c.col_labels))]
    blocks: list[Any] = [
        TableBlock(
            caption=f"Counts of {c.column} (rows) in each group of {c.by} (columns), with the share within the group",
            columns=[
                TableColumn(c.column, "text"),
                *[
                    TableColumn(g, "text", f"count and share of the {totals[j]:,} rows of {g}")
                    for j, g in enumerate(c.col_labels)
                ],
            ],
            rows=[
                [lvl, *[f"{row[j]:,} ({100 * row[j] / totals[j]:.1f} %)" for j in range(len(c.col_labels))]]
                for lvl, row in zip(c.row_labels, c.table, strict=True)
            ],
        )
    ]
    levels = list(enumerate(c.row_labels))
    if len(levels) == 2:
        levels = levels[1:]  # two levels: the share of one says everything
    bars = [(g, i, lvl, j) for i, lvl in levels for j, g in enumerate(c.col_labels)]
    if len(bars) <= MAX_CHART_BARS:
        labels, shares, lows, highs = [], [], [], []
        for g, i, lvl, j in sorted(bars, key=lambda b: (b[3], b[1])):
            count, total = c.table[i][j], totals[j]
            lo, hi = wilson_interval(count, total, a.conf_level)
            labels.append(g if len(levels) == 1 else f"{g} · {lvl}")
            shares.append(count / total)
            lows.append(lo)
            highs.append(hi)
        blocks.append(
            ChartBlock(
                kind="bars",
                data={
                    "labels": labels,
                    "proportions": shares,
                    "ci_low": lows,
                    "ci_high": highs,
                    "other": None,
                    "distinct": len(labels),
                    "conf_level": a.conf_level,
                },
                caption=words.bars_caption(c, a, levels[0][1] if len(levels) == 1 else None),
                alt=words.bars_alt(c, levels[0][1] if len(levels) == 1 else None),
            )
        )
    else:
        c.notes.append(f"No chart: {len(bars)} bars would be too many to read; the table above has every count.")
    blocks.append(_tests_block(a, c))
    return blocks
