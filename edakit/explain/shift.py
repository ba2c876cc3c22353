"""Words for the dataset comparison (`edakit compare`): what each shift is, how big, how sure, and what it does
not mean. Every sentence is built from the numbers of a `stats.shift_results` result; nothing is computed here
beyond choosing words for sizes by the conventions named in the sentence."""

from __future__ import annotations

from edakit._format import fmt_num, fmt_p, fmt_pct, level_pct
from edakit.stats.multitest import METHOD_NAMES
from edakit.stats.shift_results import (
    PSI,
    CategoricalShift,
    DatasetComparison,
    MissingShift,
    NumericShift,
    SchemaChanges,
)

PSI_BANDS = "PSI below 0.1: no real change, 0.1 to 0.25: a moderate shift, 0.25 and above: a major shift (Siddiqi 2006)"
RARELY_FILLED = 0.2  # a column with values in fewer than this share of rows gets the rarely-filled caveat


def psi_size(value: float | None) -> str:
    """The conventional word for a PSI (`PSI_BANDS`)."""
    if value is None:
        return "not computable"
    return "negligible" if value < 0.1 else "moderate" if value < 0.25 else "major"


def _ci(ci: tuple[float, float] | None, pct: bool = False) -> str:
    if not ci:
        return "no interval"
    if pct:
        return f"{100 * ci[0]:+.2f} to {100 * ci[1]:+.2f} points"
    return f"{fmt_num(ci[0])} to {fmt_num(ci[1])}"


def summary(c: DatasetComparison, alpha: float = 0.05) -> str:
    """The comparison in one paragraph: sizes, how many columns shifted, the largest shift, how it was ranked."""
    compared = len(c.ranking)
    parts = [
        f"{c.name_b} ({fmt_num(c.rows_b)} rows) is compared with {c.name_a} ({fmt_num(c.rows_a)} rows), the "
        f"reference: {compared} column(s) by their distributions"
        + (f" and {len(c.other)} by their missing values only" if c.other else "")
        + ", every statistic on all rows."
    ]
    if c.passed:
        parts.append(f"{len(c.passed)} column(s) shifted past the thresholds stated below: {', '.join(c.passed)}.")
    else:
        parts.append("No column's shift reached the thresholds stated below.")
    measured = [r for r in c.ranking if r.psi is not None]
    if measured:
        top = max(measured, key=lambda r: r.psi)
        parts.append(f"The largest shift is in {top.column} (PSI {fmt_num(top.psi, 3)}, {psi_size(top.psi)}).")
    parts.append(
        "Columns are ranked by the size of their shift, not by p-value: with many rows even a shift too small to "
        "matter gives a tiny p-value."
    )
    return " ".join(parts)


def method_note(c: DatasetComparison) -> str:
    t = c.thresholds
    return (
        f"Ranking: the columns past a threshold first, each group by the population stability index (PSI) of each "
        f"column, numeric ones on {c.name_a}'s deciles "
        f"(10 bins), categorical ones on their levels; {PSI_BANDS}. A column counts as shifted when its PSI is at "
        f"least {t.psi:g}, its |Cohen's d| at least {t.smd:g}, its Cramér's V at least {t.cramers_v:g}, or its "
        f"share of missing values moved by at least {100 * t.missing:g} percentage points (options --psi-threshold, "
        f"--smd-threshold, --v-threshold and --missing-threshold). The p-values (Kolmogorov-Smirnov for numeric "
        f"columns, chi-square for categorical ones, one per column) are adjusted for the {len(c.ranking)} tests by "
        f"{METHOD_NAMES.get(c.p_adjust, c.p_adjust)}; intervals are {level_pct(c.conf_level)} intervals."
    )


def schema_words(s: SchemaChanges, name_a: str, name_b: str) -> str:
    if not (s.added or s.removed or s.changed):
        return "Both tables have the same columns, each with the same role and type."
    parts = []
    if s.added:
        parts.append(f"Only in {name_b}: {', '.join(s.added)}.")
    if s.removed:
        parts.append(f"Only in {name_a}: {', '.join(s.removed)}.")
    for ch in s.changed:
        parts.append(
            f"{ch.column} is {ch.role_a} ({ch.dtype_a}) in {name_a} but {ch.role_b} ({ch.dtype_b}) in {name_b}"
            + (": it is compared by its missing values only." if ch.role_a != ch.role_b else ".")
        )
    return " ".join(parts)


def duplicates_words(c: DatasetComparison) -> str:
    parts = []
    for name, rows, dup in ((c.name_a, c.rows_a, c.duplicates_a), (c.name_b, c.rows_b, c.duplicates_b)):
        if dup is not None:
            parts.append(f"{name} has {fmt_num(dup)} row(s) repeating an earlier row of its own ({_share(dup, rows)}).")
    if c.across is None:
        parts.append("Rows across the tables were not matched: a column's type differs between them.")
    elif c.across:
        parts.append(
            f"{fmt_num(c.across)} row(s) of {c.name_b} ({_share(c.across, c.rows_b)}) equal a row of {c.name_a} in "
            f"every common column. If {c.name_a} trains a model and {c.name_b} tests it, these rows leak: the model "
            "is scored on rows it has seen, and the test overstates how well it does on new data (unless the rows "
            "are genuinely distinct records with identical values)."
        )
    else:
        parts.append(f"No row of {c.name_b} equals a row of {c.name_a}: no exact leakage between the tables.")
    return " ".join(parts)


def _share(count: int, rows: int) -> str:
    return fmt_pct(count / rows) if rows else "no rows"


def missing_words(column: str, m: MissingShift, name_a: str, name_b: str, conf_level: float) -> str:
    if m.rate_a is None or m.rate_b is None:
        return ""
    if not m.missing_a and not m.missing_b:
        return f"{column} has no missing value in either table."
    return (
        f"{column} is missing in {fmt_pct(m.rate_a)} of {name_a}'s rows and {fmt_pct(m.rate_b, 1)} of {name_b}'s: "
        f"a difference of {100 * (m.difference or 0):+.2f} percentage points ({level_pct(conf_level)} interval "
        f"{_ci(m.ci, pct=True)}, Newcombe's score method)."
    )


def numeric_words(s: NumericShift, c: DatasetComparison, alpha: float = 0.05) -> str:
    """The shift of one numeric column in words, with its caveats."""
    a, b = c.name_a, c.name_b
    if s.mean_a is None or s.mean_b is None:
        return f"{s.column} could not be compared: " + " ".join(s.notes)
    parts = [
        f"The mean of {s.column} is {fmt_num(s.mean_b)} in {b} against {fmt_num(s.mean_a)} in {a}: "
        f"{fmt_num(s.mean_difference)} ({level_pct(c.conf_level)} Welch interval {_ci(s.mean_difference_ci)})."
    ]
    if s.smd is not None:
        parts.append(
            f"In standard deviations that is Cohen's d = {fmt_num(s.smd.value, 3)} (interval {_ci(s.smd.ci)}), "
            f"{s.smd.magnitude or 'of unlabelled size'}."
        )
    if s.sd_ratio is not None:
        parts.append(
            f"The spread changes by a factor {fmt_num(s.sd_ratio, 3)} (SD of {b} over SD of {a}; interval "
            f"{_ci(s.sd_ratio_ci)}, which assumes normal values)."
        )
    if s.ks_d is not None:
        parts.append(
            f"The largest gap between the two distribution functions is D = {fmt_num(s.ks_d, 3)} "
            f"(Kolmogorov-Smirnov, {s.ks_method} {fmt_p(s.ks_p)}, adjusted {fmt_p(s.p_adjusted)}); values move by "
            f"{fmt_num(s.wasserstein)} on average (Wasserstein distance"
            + (f", {fmt_num(s.wasserstein_sd, 3)} SD of {a})." if s.wasserstein_sd is not None else ").")
        )
    parts += _psi_words(s.psi, s.p_adjusted, s.smd.magnitude if s.smd else None, alpha)
    parts += _rare_words(s.column, s.n_a, s.missing.rows_a, s.n_b, s.missing.rows_b, s.psi)
    return " ".join(parts)


def categorical_words(s: CategoricalShift, c: DatasetComparison, alpha: float = 0.05) -> str:
    a, b = c.name_a, c.name_b
    if not (s.n_a and s.n_b):
        return f"{s.column} could not be compared: " + " ".join(s.notes)
    parts = []
    if s.new_levels:
        parts.append(f"New in {b}: {_levels(s.new_levels)} (never seen in {a}).")
    if s.vanished_levels:
        parts.append(f"Gone from {b}: {_levels(s.vanished_levels)} (seen in {a}).")
    moved = max(s.levels, key=lambda lv: abs((lv.share_b or 0) - (lv.share_a or 0)), default=None)
    if moved is not None and moved.share_a is not None and moved.share_b is not None:
        parts.append(
            f"The share that moves most is {moved.level}: {fmt_pct(moved.share_a)} in {a}, {fmt_pct(moved.share_b)} "
            f"in {b}."
        )
    if s.chi_square is not None:
        parts.append(
            f"Chi-square = {fmt_num(s.chi_square)} on {s.df} df ({fmt_p(s.p_value)}, adjusted {fmt_p(s.p_adjusted)}); "
            f"Cramér's V = {fmt_num(s.cramers_v, 3)} (interval {_ci(s.cramers_v_ci)}); Jensen-Shannon distance "
            f"{fmt_num(s.js_distance, 3)} (0: the same shares, 1: no level in common)."
        )
    v_size = None
    if s.cramers_v is not None:
        v_size = "negligible" if s.cramers_v < 0.1 else "small" if s.cramers_v < 0.3 else "medium"
    parts += _psi_words(s.psi, s.p_adjusted, v_size, alpha)
    parts += _rare_words(s.column, s.n_a, s.missing.rows_a, s.n_b, s.missing.rows_b, s.psi)
    return " ".join(parts)


def _levels(levels: list[str], limit: int = 8) -> str:
    shown = ", ".join(levels[:limit])
    return shown + (f" and {len(levels) - limit} more" if len(levels) > limit else "")


def _psi_words(psi: PSI | None, p: float | None, size: str | None, alpha: float) -> list[str]:
    if psi is None:
        return []
    out = [f"PSI = {fmt_num(psi.value, 3)}: {psi_size(psi.value)} by the usual bands."]
    if p is not None and p < alpha and psi.value < 0.1 and size in ("negligible", None):
        out.append(
            "The shift is statistically significant but negligible in size: with this many rows a difference too "
            "small to matter is still detected. Significant does not mean important."
        )
    elif p is not None and p >= alpha and psi.value >= 0.1:
        out.append(
            "The shift looks sizeable but is not statistically significant after adjustment: too few rows to tell "
            "it from chance, so the question stays open."
        )
    return out


def _rare_words(column: str, n_a: int, rows_a: int, n_b: int, rows_b: int, psi: PSI | None) -> list[str]:
    filled = min(n_a / rows_a if rows_a else 0, n_b / rows_b if rows_b else 0)
    if filled >= RARELY_FILLED or psi is None:
        return []
    return [
        f"{column} has a value in only {fmt_pct(filled)} of one table's rows: its shift, however large, concerns "
        "those rows only, and says nothing about the rows where it is missing."
    ]


READING = [
    "Difference in means (Welch's interval): how far the average moved, in the column's units. It misses a change "
    "of spread or shape that leaves the mean in place.",
    "Cohen's d: that difference in pooled standard deviations, so columns can be compared; 0.2 small, 0.5 medium, "
    "0.8 large (Cohen 1988).",
    "SD ratio: whether the values spread more (above 1) or less (below 1) in the second table.",
    "Kolmogorov-Smirnov D: the largest gap between the two cumulative distributions (0 to 1), sensitive to any "
    "change of location, spread or shape; its p-value says whether the gap could be chance, not how large it is.",
    "Wasserstein distance: how far, on average, values must move to turn one distribution into the other, in the "
    "column's units.",
    "PSI: how much the shares of rows in fixed bins (the first table's deciles, or the levels) changed; 0 when "
    "identical, unbounded above. Bins with no rows take a share of 0.0001 so that the logarithm stays finite.",
    "Chi-square and Cramér's V: whether the level shares differ (the test) and by how much (V, 0 to 1).",
    "Jensen-Shannon distance: the divergence of the level shares, 0 (identical) to 1 (no level in common).",
    "A shift is a difference between these two tables; it does not say why they differ (a new source, a changed "
    "definition, a seasonal effect) or whether a model trained on one will do worse on the other.",
]
