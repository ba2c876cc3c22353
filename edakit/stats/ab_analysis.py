"""Analyse an A/B test from the engine's aggregates (`edakit.engine.ab.gather`) into the typed `ABResult`.

For every metric: its kind (binary when every value is 0 or 1 or the column is boolean, continuous otherwise,
unless declared), each variant's rate or mean with its interval, and each treatment against the control
(`edakit.stats.ab`: the two-proportion z test or Welch's t test, the relative lift, power and MDE; CUPED with a
covariate); then the allocation check and the multiple-testing adjustment across all comparisons. Alpha, power,
the confidence level, the expected split and the adjustment method come from the configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from edakit.stats import ab as procedures
from edakit.stats.ab_results import ABComparison, ABResult, VariantEstimate

if TYPE_CHECKING:
    from edakit.engine.ab import ABAggregates
    from edakit.engine.groups import MetricScan, Moments


class _Skip(Exception):
    """A comparison that cannot be computed (its reason is shown in the report)."""


def analyse(gathered: ABAggregates, config: Any) -> ABResult:
    """The A/B test's result from `gathered` under `config` (a ReportConfig: alpha, power, conf_level, p_adjust,
    expected_split, metric_types)."""
    agg, control, covariate = gathered.aggregates, gathered.control, gathered.covariate
    level = config.conf_level
    srm = procedures.srm_test(agg.rows, config.expected_split)
    result = ABResult(
        group=gathered.group,
        control=control,
        labels=agg.labels,
        rows=agg.rows,
        srm=srm,
        variants={},
        kinds={},
        comparisons=[],
        covariate=covariate,
        alpha=float(config.alpha),
        power=float(config.power),
        conf_level=level,
        p_adjust=config.p_adjust,
        notes=list(agg.notes),
        design=config.design,
    )
    for metric in gathered.metrics:
        kind, reason = metric_kind(agg.scans[metric], (config.metric_types or {}).get(metric))
        if reason:
            result.skipped[metric] = reason
            continue
        result.kinds[metric] = kind
        moments = agg.metrics[metric]
        if agg.scans[metric].non_finite:
            result.notes.append(
                f"{agg.scans[metric].non_finite:,} non-finite value(s) (NaN or infinity) of {metric} were treated "
                "as missing."
            )
        result.variants[metric] = [_estimate(lab, moments[lab], agg.rows[lab], kind, level) for lab in agg.labels]
        for t in gathered.treatments:
            key = f"{metric}: {t} vs {control}"
            try:
                comp = _compare(metric, kind, moments, t, control, config)
            except _Skip as exc:
                result.skipped[key] = str(exc)
                continue
            if covariate:
                arms = {lab: j for lab, j in agg.joint[metric].items() if j.n > 0}
                if control in arms and t in arms:
                    robust = gathered.ancova.get(metric)
                    comp.cuped = procedures.cuped_compare(arms, control, t, covariate, level, robust)
                if comp.cuped is None:
                    comp.notes.append(
                        f"CUPED could not be applied (too few rows with both {metric} and {covariate}, or a "
                        "constant covariate); the unadjusted comparison is the primary one."
                    )
            margin = getattr(config, "equivalence_margin", None)
            if margin is not None:
                comp.equivalence = procedures.equivalence_test(comp, margin)
            result.comparisons.append(comp)
    procedures.adjust_comparisons(result.comparisons, config.p_adjust)
    if abs((1 - level) - result.alpha) > 1e-12:
        result.notes.append(
            f"The intervals are {100 * level:g} % intervals while decisions use alpha = {result.alpha:g}; an "
            "interval may then exclude 0 for a non-significant comparison, or the reverse."
        )
    return result


def metric_kind(scan: MetricScan, declared: str | None) -> tuple[str, str | None]:
    """(kind, None), or ("", the reason the metric is skipped): binary when the values are within {0, 1} (or
    boolean), else continuous; `declared` overrides."""
    if not scan.numeric:
        return "", f"not numeric ({scan.dtype}); an A/B metric must be 0/1, boolean or a number"
    if scan.count == 0:
        return "", "no values in any variant"
    if declared == "binary" and scan.not_01:
        neg = f", {scan.negatives:,} of them negative" if scan.negatives else ""
        return "", (
            f"declared binary but {scan.not_01:,} value(s) are neither 0 nor 1{neg}; recode it to 0/1 or declare "
            "it continuous"
        )
    if declared:
        return declared, None
    return ("binary" if scan.dtype == "Boolean" or scan.not_01 == 0 else "continuous"), None


def _estimate(label: str, m: Moments, rows: int, kind: str, level: float) -> VariantEstimate:
    if kind == "binary":
        return procedures.rate_estimate(label, round(m.total), m.n, level, missing=rows - m.n)
    return procedures.mean_estimate(label, m.mean, m.var, m.n, level, missing=rows - m.n)


def _compare(metric: str, kind: str, moments: dict[str, Moments], t: str, c: str, config: Any) -> ABComparison:
    mt, mc = moments[t], moments[c]
    need = 1 if kind == "binary" else 2
    for label, m in ((c, mc), (t, mt)):
        if m.n < need:
            raise _Skip(
                f"every value of {metric} is missing in variant {label}"
                if m.n == 0
                else f"variant {label} has only {m.n} value of {metric}; a variance needs two"
            )
    common = {
        "metric": metric,
        "treatment": t,
        "control": c,
        "conf_level": config.conf_level,
        "alpha": float(config.alpha),
        "power": float(config.power),
    }
    if kind == "binary":
        return procedures.compare_proportions(round(mt.total), mt.n, round(mc.total), mc.n, **common)
    return procedures.compare_means(mt.mean, mt.var, mt.n, mc.mean, mc.var, mc.n, **common)
