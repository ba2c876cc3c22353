"""Analyse, within groups: every numeric correlation also measured within each level of `--group`, from the
engine's per-group co-moments (`engine.pairs.group_pair_moments`), and a reversal of sign named (Simpson's
paradox: penguins' bill length and depth correlate negatively overall, positively within every species).

Each group's Pearson r, t test and Fisher-z interval come from `stats.correlations.pearson_from_moments`, as
R's `cor.test` on that group's complete pairs; the pooled within-group r is ΣSxy / sqrt(ΣSxx·ΣSyy) over the
groups (the correlation after removing the group means, as a regression on the group would). The groups' p-values
describe each group and are not adjusted; the screening's adjusted p-values are those of the overall pairs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from edakit.engine.pairs import PairMoments
from edakit.errors import EdakitError


@dataclass
class GroupCorrelation:
    """Pearson's r of one pair within one level of the group."""

    group: str
    n: int
    r: float | None
    ci: tuple[float, float] | None
    p_value: float | None


@dataclass
class WithinGroups:
    """One numeric pair measured overall and within each level of `by`; `reversal` when every group with a
    defined r (at least two) has the opposite sign to the overall r."""

    x: str
    y: str
    by: str
    overall: float | None
    groups: list[GroupCorrelation]
    pooled: float | None  # pooled within-group r
    reversal: bool = False

    @property
    def label(self) -> str:
        return f"{self.x} × {self.y}"

    def group(self, name: str) -> GroupCorrelation:
        """The correlation within level `name` of the group."""
        for g in self.groups:
            if g.group == name:
                return g
        raise KeyError(f"{name!r} is not a level of {self.by}; levels: {', '.join(g.group for g in self.groups)}")


def within_groups(
    by: str,
    within: dict[tuple[str, str], dict[str, PairMoments]],
    overall: dict[tuple[str, str], float | None],
    conf: float,
) -> list[WithinGroups]:
    """Pearson's r of every pair within each level of `by`, the pooled within-group r, and the reversals."""
    from edakit.stats.correlations import pearson_from_moments

    out = []
    for (x, y), levels in within.items():
        groups = []
        for name, m in levels.items():
            try:
                res = pearson_from_moments(m.n, m.sxx, m.syy, m.sxy, conf_level=conf, x_name=x, y_name=y)
            except (EdakitError, ArithmeticError, ValueError):
                res = None
            if res is None or res.estimate is None or not math.isfinite(res.estimate):
                groups.append(GroupCorrelation(name, m.n, None, None, None))
            else:
                ci = None if res.ci is None else (float(res.ci[0]), float(res.ci[1]))
                groups.append(GroupCorrelation(name, m.n, float(res.estimate), ci, res.p_value))
        sxx = sum(m.sxx for m in levels.values())
        syy = sum(m.syy for m in levels.values())
        sxy = sum(m.sxy for m in levels.values())
        pooled = sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else None
        r = overall.get((x, y))
        signs = [g.r for g in groups if g.r is not None and g.r != 0]
        reversal = r is not None and r != 0 and len(signs) >= 2 and all(v * r < 0 for v in signs)
        out.append(WithinGroups(x, y, by, r, groups, pooled, reversal))
    return out
