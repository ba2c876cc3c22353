"""A `--group` report computes its chi-square residuals and studentized-range quantiles without statsmodels, whose
import takes pandas with it (0.4-0.5 CPU-s and 75 MB): the residuals are checked against R's `chisq.test` and
statsmodels' `Table`, the quantiles against scipy's own `studentized_range.ppf` and R's `qtukey`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from edakit.stats.contingency import chi_square, standardized_residuals
from edakit.stats.posthoc import studentized_range_ppf

ROOT = Path(__file__).resolve().parents[1]

# R 4.2.2, the example of ?chisq.test:
#   M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))); Xsq <- chisq.test(M); Xsq$stdres
#        Democrat Independent Republican
#   F   4.5020535   0.6994517 -5.3159455
#   M  -4.5020535  -0.6994517  5.3159455
R_STDRES = [[4.5020535, 0.6994517, -5.3159455], [-4.5020535, -0.6994517, 5.3159455]]


def test_standardized_residuals_match_r_and_statsmodels() -> None:
    table = np.array([[762.0, 327, 468], [484, 239, 477]])
    r = chi_square(table, labels=(["F", "M"], ["Democrat", "Independent", "Republican"]))
    assert np.asarray(r.details["stdres"]) == pytest.approx(np.asarray(R_STDRES), abs=5e-8)
    assert r.details["rows"] == ["F", "M"] and r.details["columns"] == ["Democrat", "Independent", "Republican"]
    from statsmodels.stats.contingency_tables import Table

    rng = np.random.default_rng(7)
    for shape in [(2, 2), (3, 4), (5, 2), (6, 7)]:
        counts = rng.integers(1, 500, size=shape).astype(float)
        expected = Table(counts, shift_zeros=False).standardized_resids
        np.testing.assert_allclose(standardized_residuals(counts), expected, rtol=1e-14, atol=0)


def test_studentized_range_quantile_matches_scipy() -> None:
    """The secant search from `_start` lands on scipy's bracketed root (each a root of the same CDF): few and many
    groups, few and many degrees of freedom (scipy's bracket costs ~0.1 s a quantile, so the grid is small)."""
    for p, k, df in [(0.95, 3, 4.5), (0.99, 3, 47.3), (0.95, 7, 12.0), (0.9, 12, 2.5e5), (0.99, 2, 8.0)]:
        assert studentized_range_ppf(p, k, df) == pytest.approx(stats.studentized_range.ppf(p, k, df), rel=1e-9)


def test_studentized_range_quantile_matches_r_and_tables() -> None:
    # R 4.2.2: qtukey(0.95, 3, 12) = 3.772929; qtukey(0.95, 2, 10) = sqrt(2) * qt(0.975, 10) = sqrt(2) * 2.228139
    assert studentized_range_ppf(0.95, 3, 12.0) == pytest.approx(3.772929, abs=1e-6)
    assert studentized_range_ppf(0.95, 2, 10.0) == pytest.approx(np.sqrt(2) * 2.228139, abs=1e-6)
    # the printed table of upper points of the studentized range (Harter 1960, as reprinted in Montgomery's
    # Design and Analysis of Experiments): q.05(4, 20) = 3.96, q.01(4, 20) = 5.02, q.05(10, 60) = 4.65,
    # q.01(3, 10) = 5.27 (two decimals)
    table = {(0.95, 4, 20.0): 3.96, (0.99, 4, 20.0): 5.02, (0.95, 10, 60.0): 4.65, (0.99, 3, 10.0): 5.27}
    for (p, k, df), q in table.items():
        assert studentized_range_ppf(p, k, df) == pytest.approx(q, abs=0.005)


def test_a_grouped_report_imports_neither_pandas_nor_statsmodels() -> None:
    """Penguins by species: Games-Howell pairs (three species) and chi-square tables with residuals (island, sex),
    in a fresh interpreter (this one has imported statsmodels above)."""
    code = (
        "import sys, json, edakit\n"
        "rep = edakit.report('penguins', group='species')\n"
        "a = rep.comparisons\n"
        "print(json.dumps({'modules': sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'statsmodels')),"
        " 'posthoc': sorted({c.posthoc_method for c in a.numeric if c.posthoc}),"
        " 'stdres': [bool(c.primary.details.get('cells', {}).get('stdres')) for c in a.categorical]}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["posthoc"] == ["Games–Howell"]
    assert found["stdres"] and all(found["stdres"])
    assert found["modules"] == []
