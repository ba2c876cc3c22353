"""The typed results of the A/B analysis (`edakit ab`, `edakit.ab(...)`, `Report.ab`).

`ABResult` is what `edakit.ab(...)` returns and what `Report.ab` holds: the allocation check (`srm`), one
estimate per variant and metric (`variants`) and every treatment-vs-control comparison (`comparisons`), each with
its numbers under named fields:

>>> import edakit
>>> rep = edakit.report("licorice", group="treatment", metrics=["sore_throat_4h"], control="sugar")
>>> c = rep.ab.comparison("sore_throat_4h")
>>> round(c.estimate, 4), [round(v, 4) for v in c.relative_ci], round(c.decision_p, 7), c.significant
(-0.2431, [-0.6963, -0.3106], 7.55e-05, True)
>>> rep.ab.metrics == {"sore_throat_4h": [c]}  # metric -> its comparisons, one per treatment
True

`repr(rep.ab)` shows one line per comparison (lift, interval, decision p-value); in a notebook it shows the
report's A/B section.

The procedures that fill them are in `edakit.stats.ab` (and `edakit.stats.ab_analysis` for a whole test); the
words in `edakit.explain.ab`. `mismatch`, `decision_p` and `significant` are derived from the other numbers:
they are read-only, written to the JSON (and its schema) beside the fields and recomputed when it is read back.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from edakit._present import present
from edakit.stats.result import EffectSize, Presentable, Result

#: below this p-value the allocation is called a sample-ratio mismatch (the usual, deliberately strict, level)
SRM_THRESHOLD = 0.001


def _derived(cls: type, name: str, compute: Callable[[Any], Any], doc: str) -> None:
    """Make the `init=False` field `name` of `cls` read-only and computed by `compute` from the other fields.

    Declared as a field, it is written to the JSON (`to_jsonable` writes every field) and described by the
    schema; not being an `__init__` argument, the JSON decoder skips it and the property recomputes it.
    """
    setattr(cls, name, property(compute, lambda self, value: None, doc=doc))


@dataclass
class VariantEstimate:
    """One variant's n and mean (the rate for a 0/1 metric) with its confidence interval."""

    label: str
    n: int  # non-missing values of the metric
    mean: float | None
    ci: tuple[float, float] | None
    sd: float | None = None
    successes: int | None = None  # binary metrics
    missing: int = 0  # rows of this variant without a value


@dataclass(repr=False)
class SRMResult(Result):
    """Result of `srm_test`: chi-square goodness-of-fit of the observed allocation to the planned split."""

    observed: dict[str, int] = field(default_factory=dict)
    expected: dict[str, float] = field(default_factory=dict)  # expected counts
    expected_share: dict[str, float] = field(default_factory=dict)
    threshold: float = SRM_THRESHOLD
    mismatch: bool = field(default=False, init=False)  # derived: p-value below the threshold


_derived(
    SRMResult,
    "mismatch",
    lambda self: self.p_value is not None and self.p_value < self.threshold,
    "Whether the allocation is off the planned split (p-value below `threshold`).",
)


@dataclass
class CupedAdjustment:
    """A comparison redone on the CUPED-adjusted metric y − θ·(x − x̄)."""

    covariate: str
    theta: float
    variance_reduction: float  # pooled within-arm, over all arms
    n_control: int  # complete cases (metric and covariate present)
    n_treatment: int
    control_mean: float
    treatment_mean: float
    estimate: float
    ci: tuple[float, float] | None
    statistic: float | None
    df: float | None
    p_value: float | None
    relative_lift: float | None = None
    relative_ci: tuple[float, float] | None = None
    conf_level: float = 0.95
    se: float | None = None  # standard error of the adjusted difference (the ANCOVA's, robust HC2 on the full data)
    method: str = "ANCOVA lm(y ~ variant + x), HC2 robust standard error"
    notes: list[str] = field(default_factory=list)


@dataclass
class EquivalenceTest:
    """Two one-sided tests (TOST, Schuirmann 1987) that the true lift lies within ±`margin`, the smallest lift that
    matters (in the metric's units: for a rate a difference of proportions, 0.01 = one percentage point).

    p = max(p_lower, p_upper): H0 lift ≤ −margin and H0 lift ≥ +margin are both rejected at alpha exactly when
    the (1 − 2·alpha) interval `ci` lies inside (−margin, +margin); then the variants are equivalent."""

    margin: float
    estimate: float
    se: float
    df: float | None  # None: normal reference (rates)
    p_lower: float  # H0: lift ≤ −margin
    p_upper: float  # H0: lift ≥ +margin
    p_value: float
    ci: tuple[float, float]  # the (1 − 2·alpha) interval
    alpha: float
    equivalent: bool
    method: str


@dataclass(repr=False)
class ABComparison(Result):
    """One treatment against the control on one metric. `estimate` is the absolute lift (treatment − control)."""

    metric: str = ""
    kind: str = "continuous"  # binary (a rate) or continuous (a mean)
    control: str = ""
    treatment: str = ""
    control_mean: float | None = None
    treatment_mean: float | None = None
    n_control: int = 0
    n_treatment: int = 0
    relative_lift: float | None = None
    relative_ci: tuple[float, float] | None = None
    target_power: float = 0.8
    # smallest true absolute lift detected with `target_power`, a size without a sign: the same either way for a
    # mean; for a rate the increase (details["mde_increase"], details["mde_decrease"] hold both directions)
    mde: float | None = None
    mde_relative: float | None = None
    alpha: float = 0.05
    p_adjusted: float | None = None
    p_adjust_method: str | None = None
    family_size: int = 1
    cuped: CupedAdjustment | None = None
    # the effect sizes with their intervals: Cohen's h, the risk difference and risk ratio (rates); Cohen's d and
    # Hedges' g (means). Cohen's labels ("small") are not attached: the lift and its interval are the effect size
    effect_sizes: list[EffectSize] = field(default_factory=list)
    equivalence: EquivalenceTest | None = None  # with an equivalence margin (TOST)
    decision_p: float | None = field(default=None, init=False)  # derived, see the property
    significant: bool | None = field(default=None, init=False)  # derived: decision_p < alpha

    @property
    def primary(self) -> tuple[float | None, tuple[float, float] | None]:
        """The lift the decision rests on and its interval: of the CUPED analysis when there is one."""
        return (self.cuped.estimate, self.cuped.ci) if self.cuped is not None else (self.estimate, self.ci)

    def _json_extra(self) -> dict[str, Any]:
        # the field `kind` (binary or continuous) stays in the JSON, not the class name, so that it reads back
        return {k: v for k, v in super()._json_extra().items() if k != "kind"}


def _decision_p(self: ABComparison) -> float | None:
    if self.p_adjusted is not None:
        return self.p_adjusted
    return self.cuped.p_value if self.cuped is not None else self.p_value


_derived(
    ABComparison,
    "decision_p",
    _decision_p,
    "The p-value the decision rests on: adjusted if adjusted, of the CUPED analysis when there is one.",
)
_derived(
    ABComparison,
    "significant",
    lambda self: None if (p := self.decision_p) is None else p < self.alpha,
    "Whether `decision_p` is below `alpha` (None when there is no test).",
)


@dataclass(repr=False)
class ABResult(Presentable):
    """An A/B test: allocation check, per-variant estimates and every treatment-vs-control comparison."""

    group: str
    control: str
    labels: list[str]
    rows: dict[str, int]
    srm: SRMResult | None
    variants: dict[str, list[VariantEstimate]]  # metric -> one estimate per variant (in `labels` order)
    kinds: dict[str, str]  # metric -> binary / continuous
    comparisons: list[ABComparison]
    skipped: dict[str, str] = field(default_factory=dict)  # metric (or "metric: variant") -> reason
    covariate: str | None = None
    alpha: float = 0.05
    power: float = 0.8
    conf_level: float = 0.95
    p_adjust: str = "holm"
    notes: list[str] = field(default_factory=list)
    method: str = "A/B test"
    design: str = "randomised"  # how the variants were assigned (`--design`): causal wording only when randomised

    def comparison(self, metric: str, treatment: str | None = None) -> ABComparison:
        """The comparison of `treatment` (default: the only one) against the control on `metric`."""
        found = [c for c in self.comparisons if c.metric == metric and treatment in (None, c.treatment)]
        if len(found) != 1:
            raise KeyError(f"{len(found)} comparisons for metric={metric!r}, treatment={treatment!r}")
        return found[0]

    @property
    def metrics(self) -> dict[str, list[ABComparison]]:
        """Metric name -> the list of its comparisons, one per treatment in label order (a list even when there is
        one treatment: `rep.ab.metrics["sore_throat_4h"][0]`), for every analysed metric (a metric whose
        comparisons were all skipped maps to []). Not a field: it is not written to the JSON."""
        return {m: [c for c in self.comparisons if c.metric == m] for m in self.variants}

    def __repr__(self) -> str:
        parts = [f"group={self.group!r}", f"control={self.control!r}", f"variants={self.labels}"]
        for c in self.comparisons:
            lift, ci = c.primary
            text = f"{c.metric}[{c.treatment}]: lift={_num(lift)}"
            if ci is not None:
                text += f" ({100 * self.conf_level:g}% CI {_num(ci[0])} to {_num(ci[1])})"
            text += " CUPED" if c.cuped is not None else ""
            p = c.decision_p
            parts.append(text + (f" p={p:.3g}" if p is not None else " p=None"))
        return "<ABResult " + " ".join(parts) + ">"

    def _repr_html_(self) -> str:
        return present("ab_html", self)


def _num(value: float | None) -> str:
    return "None" if value is None or not math.isfinite(value) else f"{value:.4g}"
