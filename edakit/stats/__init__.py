"""Statistics: each function takes array-likes and returns a result with numbers, interval and words.

Functions are imported on first use so that `import edakit.stats` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "describe": "edakit.stats.descriptive",
    "Describe": "edakit.stats.descriptive",
    "wilson_interval": "edakit.stats.proportion",
    "Result": "edakit.stats.result",
    "EffectSize": "edakit.stats.result",
    "correlation": "edakit.stats.correlations",
    "pearson_from_moments": "edakit.stats.correlations",
    "cramers_v": "edakit.stats.association",
    "cramers_v_from_table": "edakit.stats.association",
    "correlation_ratio": "edakit.stats.association",
    "CorrelationResult": "edakit.stats.correlations",
    "CramersVResult": "edakit.stats.association",
    "CorrelationRatioResult": "edakit.stats.association",
    "adjust_pvalues": "edakit.stats.multitest",
    "ttest": "edakit.stats.parametric",
    "anova": "edakit.stats.parametric",
    "variance_test": "edakit.stats.parametric",
    "TTestResult": "edakit.stats.parametric",
    "AnovaResult": "edakit.stats.parametric",
    "VarianceTestResult": "edakit.stats.parametric",
    "mann_whitney": "edakit.stats.nonparametric",
    "signed_rank": "edakit.stats.paired",
    "mcnemar": "edakit.stats.paired",
    "friedman": "edakit.stats.paired",
    "SignedRankResult": "edakit.stats.paired",
    "McNemarResult": "edakit.stats.paired",
    "FriedmanResult": "edakit.stats.paired",
    "rm_anova": "edakit.stats.repeated",
    "gg_epsilon": "edakit.stats.repeated",
    "cochran_q": "edakit.stats.repeated",
    "RMAnovaResult": "edakit.stats.repeated",
    "rm_corr": "edakit.stats.rmcorr",
    "rmcorr_from_moments": "edakit.stats.rmcorr",
    "RepeatedCorrelationResult": "edakit.stats.rmcorr",
    "CochranQResult": "edakit.stats.repeated",
    "kruskal": "edakit.stats.nonparametric",
    "shapiro": "edakit.stats.nonparametric",
    "MannWhitneyResult": "edakit.stats.nonparametric",
    "KruskalResult": "edakit.stats.nonparametric",
    "ShapiroResult": "edakit.stats.nonparametric",
    "prop_test": "edakit.stats.contingency",
    "chi_square": "edakit.stats.contingency",
    "fisher_exact": "edakit.stats.contingency",
    "PropTestResult": "edakit.stats.contingency",
    "ChiSquareResult": "edakit.stats.contingency",
    "FisherExactResult": "edakit.stats.contingency",
    "cohens_d": "edakit.stats.effect_sizes",
    "rank_biserial": "edakit.stats.effect_sizes",
    "eta_squared": "edakit.stats.effect_sizes",
    "omega_squared": "edakit.stats.effect_sizes",
    "epsilon_squared": "edakit.stats.effect_sizes",
    "cohens_h": "edakit.stats.effect_sizes",
    "sample_size": "edakit.stats.power",
    "SampleSizeResult": "edakit.stats.power",
    "power_proportions": "edakit.stats.power",
    "power_means": "edakit.stats.power",
    "mde_h": "edakit.stats.power",
    "mde_d": "edakit.stats.power",
    "srm_test": "edakit.stats.ab",
    "compare_proportions": "edakit.stats.ab",
    "compare_means": "edakit.stats.ab",
    "cuped_compare": "edakit.stats.ab",
    "ABResult": "edakit.stats.ab",
    "ABComparison": "edakit.stats.ab",
    "SRMResult": "edakit.stats.ab",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'edakit.stats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
