"""Key findings: the few things in a table a reader should learn first, ranked, one sentence each.

Each kind of result has one small finder: a function from the Report to a list of `Finding`s, registered in
`FINDERS` (in the order they are tried) with `@finder`. A finding carries its sentence (with its number and
interval), a score between 0 and 1 that ranks it among all others, and where its evidence is on the page (a
section id or a column). `key_findings` keeps the strongest `LIMIT`, at most `PER_KIND` of one kind, so that
one long list (thirty strong correlations) cannot crowd out a duplicated row. A later analysis (a Simpson's
reversal, a model, a time series) adds its findings by registering one more finder.

Scores, documented so the ranking can be argued with: a data-quality problem that invalidates rows or columns
(empty or constant column, duplicated rows) 0.85 to 0.95; heavy missingness 0.6 plus 0.4 × the missing share;
an association or group difference that survives the multiple-testing adjustment, its strength on the 0–1
scale (|r|, V, eta; a group difference's effect size by its conventional label: large 0.8, medium 0.6, small
0.4); a strikingly shaped distribution 0.45 to 0.6; an identifier 0.5. Negligible effects are never findings.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from edakit._format import fmt_num, fmt_p, fmt_pct, level_pct
from edakit.explain.words import ONE_SIDED
from edakit.stats.quality import HEAVY_SKEW

LIMIT = 10  # findings shown at most
PER_KIND = 5  # findings of one kind at most
HEAVY_TAILS = 3.0  # excess kurtosis G2 above this: tails far heavier than a normal distribution's
BIMODAL = 5 / 9  # Sarle's bimodality coefficient of a uniform distribution; above it, two modes are likely
MAGNITUDE_SCORE = {"large": 0.8, "medium": 0.6, "small": 0.4}
ADJUST_SHORT = {"bh": "BH", "holm": "Holm"}
ADVERB = {"large": "strongly", "medium": "moderately", "small": "weakly"}
SOME_MISSING = 0.01  # a column missing in more than 1 % of rows (below the alert's threshold) is worth a line


@dataclass
class Finding:
    """One key finding: its sentence, its rank score (0–1, higher first) and where its evidence is."""

    kind: str  # association, group difference, data quality, distribution, ...
    text: str
    score: float
    section: str | None = None  # id of the section holding the evidence
    column: str | None = None  # or the column whose card holds it


Finder = Callable[[Any], list[Finding]]
FINDERS: list[Finder] = []


def finder(fn: Finder) -> Finder:
    """Register `fn` as a source of key findings (a function of the Report)."""
    FINDERS.append(fn)
    return fn


def key_findings(report: Any, limit: int = LIMIT, per_kind: int = PER_KIND) -> list[Finding]:
    """The strongest findings of every registered finder, ranked; a finder that fails adds nothing."""
    found: list[Finding] = []
    for fn in FINDERS:
        try:
            found += fn(report)
        except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError):
            continue  # one odd result never sinks the report's findings
    found.sort(key=lambda f: -f.score)
    kept: list[Finding] = []
    taken: dict[str, int] = {}
    for f in found:
        if len(kept) < limit and taken.get(f.kind, 0) < per_kind:
            kept.append(f)
            taken[f.kind] = taken.get(f.kind, 0) + 1
    return kept


def _section_ids(sections: list[Any]) -> set[str]:
    ids: set[str] = set()
    for s in sections:
        ids |= {s.id} | _section_ids(s.subsections)
    return ids


def _where(report: Any, section: str) -> str | None:
    """`section` when the page has it (a finding only links to evidence that is there)."""
    return section if section in _section_ids(report.sections) else None


def _ci(ci: Any, level: str, digits: int = 3, sep: str = " (", kind: str | None = None, raw: bool = True) -> str:
    """' (95 % CI low to high, unadjusted)', or with `sep` ', ' inside parentheses already: ', 95 % CI low to
    high, unadjusted'; a one-sided interval [0, U] (`kind`, an estimate at its boundary 0) gives its upper limit.
    `raw`: the finding quotes an adjusted p beside it, so the interval says it is not adjusted."""
    if not ci or ci[0] is None or ci[1] is None:
        return ""
    text = f"{level} CI {fmt_num(float(ci[0]), digits)} to {fmt_num(float(ci[1]), digits)}"
    if kind == ONE_SIDED:
        text = f"one-sided {level} upper limit {fmt_num(float(ci[1]), digits)}"
    if raw:
        text += ", unadjusted"
    return f"{sep}{text}{')' if sep == ' (' else ''}"


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


# ---------------------------------------------------------------------------------------------- associations


@finder
def associations(report: Any) -> list[Finding]:
    """The pairs of columns most strongly associated after the adjustment across all pairs."""
    a = report.correlations
    if a is None:
        return []
    out = []
    adjust = ADJUST_SHORT.get(a.p_adjust, a.p_adjust)
    by_groups: dict[str, list[Any]] = {}  # numeric columns that differ across one categorical column
    compared = {c.by for c in (report.comparisons, report.target) if c is not None}  # their own findings say it
    repeated = getattr(a, "repeated", None)  # --pair: rows repeat units
    for pair in a.ranked:
        if pair.kind != "numeric" and compared & {pair.x, pair.y}:
            continue
        if pair.kind == "numeric" and repeated is not None:
            out += _within_units(pair, repeated, a.alpha, adjust, _where(report, "correlations"))
            continue
        r = pair.result
        size = r.effect_size.magnitude if r.effect_size else None
        p = pair.p_adjusted if pair.p_adjusted is not None else r.p_value
        if pair.strength is None or p is None or p >= a.alpha or size in (None, "negligible"):
            continue
        how = ADVERB.get(size, size)
        if pair.kind == "numeric":
            sign = "positively" if r.estimate > 0 else "negatively"
            what, stat = f"{pair.x} and {pair.y} are {how} {sign} correlated", f"Pearson's r = {fmt_num(r.estimate, 3)}"
        elif pair.kind == "categorical":
            what, stat = f"{pair.x} and {pair.y} are {how} associated", f"Cramér's V = {fmt_num(r.estimate, 3)}"
        else:
            what, stat = f"{r.values_name} differs {how} across {r.groups_name}", f"eta = {fmt_num(r.estimate, 3)}"
        ci = _ci(r.ci, level_pct(a.conf_level), kind=getattr(r, "ci_kind", None))
        text = f"{what}: {stat}{ci}, {adjust}-adjusted {fmt_p(p)}."
        if repeated is not None:
            text += (
                f" The rows repeat units of {repeated.unit} (up to {fmt_num(repeated.most)} each) and are counted as "
                "independent here, so this p-value overstates the evidence."
            )
        if pair.kind == "mixed":
            by_groups.setdefault(r.groups_name, []).append((pair, p, text))
            continue
        out.append(Finding("association", text, float(pair.strength), _where(report, "correlations")))
    for groups, found in by_groups.items():
        if len(found) <= 2:
            out += [
                Finding("association", t, float(pair.strength), _where(report, "correlations")) for pair, _, t in found
            ]
            continue
        level = level_pct(a.conf_level)
        listed = ", ".join(
            f"{p.result.values_name} (eta = {fmt_num(p.result.estimate, 3)}"
            f"{_ci(p.result.ci, level, sep=', ', kind=p.result.ci_kind)})"
            for p, _, _ in found
        )
        worst = fmt_p(max(p for _, p, _ in found)).replace("p =", "p ≤")
        text = f"{len(found)} numeric columns differ across {groups}, strongest first: {listed}; "
        text += f"each {adjust}-adjusted {worst}."
        out.append(Finding("association", text, float(found[0][0].strength), _where(report, "correlations")))
    return out


def _within_units(pair: Any, repeated: Any, alpha: float, adjust: str, where: str | None) -> list[Finding]:
    """A numeric pair in a design whose rows repeat units: its repeated-measures correlation (stats.rmcorr), not
    the r over all rows that counts each unit many times."""
    try:
        found = repeated.pair(pair.x, pair.y)
    except KeyError:
        return []
    r = found.result
    size = r.effect_size.magnitude if r.effect_size else None
    p = found.p_adjusted if found.p_adjusted is not None else r.p_value
    if r.estimate is None or p is None or p >= alpha or size in (None, "negligible"):
        return []
    sign = "positively" if r.estimate > 0 else "negatively"
    text = (
        f"Within {repeated.unit}, {pair.x} and {pair.y} are {ADVERB.get(size, size)} {sign} correlated: "
        f"repeated-measures r = {fmt_num(r.estimate, 3)}{_ci(r.ci, level_pct(r.conf_level))}, "
        f"{fmt_num(r.n)} rows of {fmt_num(r.units)} units, {adjust}-adjusted {fmt_p(p)} (over all rows, counting "
        f"each unit up to {fmt_num(repeated.most)} times, r = {fmt_num(pair.result.estimate, 3)})."
    )
    if pair.result.estimate is not None and pair.result.estimate * r.estimate < 0:
        text += " The sign is reversed over all rows: the differences between units run against the change within them."
    return [Finding("association", text, abs(float(r.estimate)), where)]


# ---------------------------------------------------------------------------------------------- Simpson's reversals


@finder
def reversals(report: Any) -> list[Finding]:
    """Numeric pairs whose correlation has one sign over all rows and the other within every group (--group)."""
    a = report.correlations
    if a is None or not getattr(a, "within", None):
        return []
    out = []
    level = level_pct(a.conf_level)
    for w in a.reversals:
        groups = [g for g in w.groups if g.r is not None]
        overall, inside = ("negatively", "positively") if w.overall < 0 else ("positively", "negatively")
        listed = ", ".join(f"{fmt_num(g.r, 3)}{_ci(g.ci, level, raw=False)} in {g.group}" for g in groups[:4])
        more = f" and {len(groups) - 4} more groups" if len(groups) > 4 else ""
        text = (
            f"Simpson's reversal: {w.x} and {w.y} are {overall} correlated over all rows (r = {fmt_num(w.overall, 3)}) "
            f"but {inside} within every level of {w.by}: r = {listed}{more}."
        )
        out.append(Finding("reversal", text, 0.97, _where(report, "correlations")))
    return out


# ---------------------------------------------------------------------------------------------- group differences


def _comparison_findings(report: Any, a: Any) -> list[Finding]:
    if a is None:
        return []
    out = []
    adjust = ADJUST_SHORT.get(a.p_adjust, a.p_adjust)
    level = level_pct(a.conf_level)
    for c in a.comparisons:
        t, e = c.primary, c.primary.effect_size
        p = c.p_adjusted if c.p_adjusted is not None else t.p_value
        if p is None or p >= a.alpha or e is None or e.magnitude not in MAGNITUDE_SCORE or not _finite(e.value):
            continue
        if a.mode == "target":
            head = f"{c.label} is related to the target {a.by} ({e.magnitude})"
        else:
            head = f"{c.column} differs across {a.by} ({e.magnitude})"
        parts = [f"{e.name} = {fmt_num(e.value, 3)}{_ci(e.ci, level, kind=e.ci_kind)}"]
        if t.estimate_name and _finite(t.estimate) and not math.isclose(t.estimate, e.value):  # not the same number
            parts.append(f"{t.estimate_name} {fmt_num(t.estimate, 4)}{_ci(t.ci, level, 4, kind=t.ci_kind)}")
        text = f"{head}: {', '.join(parts)}, {adjust}-adjusted {fmt_p(p)}."
        score = MAGNITUDE_SCORE[e.magnitude] + 0.1 * min(abs(e.value), 1.0) / 10
        section = "comparisons-paired" if getattr(a, "pair", None) else f"comparisons-{a.mode}"
        out.append(Finding("group difference", text, score, _where(report, section)))
    return out


@finder
def group_differences(report: Any) -> list[Finding]:
    """The columns that differ most across the groups (--group) or relate to the target (--target)."""
    return _comparison_findings(report, report.comparisons) + _comparison_findings(report, report.target)


# ---------------------------------------------------------------------------------------------- data quality


@finder
def data_quality(report: Any) -> list[Finding]:
    """Duplicated rows, empty, constant and mostly missing columns, identifiers, many outliers."""
    rows = report.overview.rows
    out = []
    alerted = {a.column for a in report.alerts if a.kind in ("missing", "empty")}
    for col in report.columns:
        if col.name not in alerted and col.rows and col.missing_fraction > SOME_MISSING:
            share = fmt_pct(col.missing_fraction)
            text = f"{col.name} is missing in {fmt_num(col.missing)} of {fmt_num(col.rows)} rows ({share})."
            out.append(Finding("data quality", text, 0.25 + col.missing_fraction, column=col.name))
    for alert in report.alerts:
        c = alert.column
        if alert.kind == "duplicates" and rows:
            text = (
                f"{fmt_num(int(alert.value))} of {fmt_num(rows)} rows ({fmt_pct(alert.value / rows)}) are exact "
                "copies of an earlier row: real repeats or double entries?"
            )
            out.append(Finding("data quality", text, 0.9, "alerts"))  # the page always has the alerts
        elif alert.kind == "empty":
            out.append(Finding("data quality", f"{c} has no values at all.", 0.95, column=c))
        elif alert.kind == "constant":
            out.append(
                Finding("data quality", f"{c} holds one single value: it carries no information.", 0.85, column=c)
            )
        elif alert.kind == "missing":
            col = report.column(c)
            text = (
                f"{c} is missing in {fmt_num(col.missing)} of {fmt_num(col.rows)} rows ({fmt_pct(alert.value)}): "
                "results on it use only the rows with a value."
            )
            out.append(Finding("data quality", text, 0.6 + 0.4 * float(alert.value), column=c))
        elif alert.kind == "identifier":
            col = report.column(c)
            text = f"{c} looks like an identifier ({col.role_reason}), so it is not analysed as a measurement."
            out.append(Finding("data quality", text, 0.5, column=c))
        elif alert.kind == "outliers" and rows:
            text = (
                f"{c} has {fmt_num(int(alert.value))} values beyond Tukey's fences ({fmt_pct(alert.value / rows)} "
                "of rows): errors or a long tail?"
            )
            out.append(Finding("data quality", text, 0.4, column=c))
    return out


# ---------------------------------------------------------------------------------------------- distributions


@finder
def distributions(report: Any) -> list[Finding]:
    """Numeric columns whose shape is striking: heavily skewed, heavy-tailed, or likely two-peaked."""
    out = []
    for col in report.columns:
        d = col.numeric
        if d is None or col.skipped or d.n < 20 or col.kind == "year" or col.distinct < 10:
            continue
        bc = d.bimodality_coefficient
        if _finite(d.skewness) and abs(d.skewness) > HEAVY_SKEW:
            side = "right (a long tail of large values)" if d.skewness > 0 else "left (a long tail of small values)"
            text = (
                f"{col.name} is heavily skewed to the {side}: skewness G1 = {fmt_num(d.skewness, 3)}; "
                f"its median {fmt_num(d.median)} describes it better than its mean {fmt_num(d.mean)}."
            )
            out.append(Finding("distribution", text, 0.45 + min(abs(d.skewness) / 50, 0.15), column=col.name))
        elif _finite(d.kurtosis) and d.kurtosis > HEAVY_TAILS:
            text = (
                f"{col.name} is heavy-tailed: excess kurtosis G2 = {fmt_num(d.kurtosis, 3)} (0 for a normal "
                "distribution), so extreme values are far more common than a normal curve predicts."
            )
            out.append(Finding("distribution", text, 0.45 + min(d.kurtosis / 100, 0.15), column=col.name))
        elif bc is not None and bc > BIMODAL:
            text = (
                f"{col.name} may have two peaks: its bimodality coefficient is {fmt_num(bc, 3)}, above the "
                f"{fmt_num(BIMODAL, 3)} of a flat distribution; a mix of groups is a common cause."
            )
            out.append(Finding("distribution", text, 0.5, column=col.name))
    return out
