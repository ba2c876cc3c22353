"""PCA's standardisation and singular value decomposition (`edakit.stats.pca`) against numpy's plain forms.

`pca` centres and scales with numpy's reductions written out (the centred values computed once) and takes the
singular values and Vᵀ from the QR factor R of a tall matrix (`_singular_values_and_vt`), as LAPACK's dgesdd does
inside `np.linalg.svd` for m ≥ ⌊11p/6⌋ rows. Both are checked here for equality to the last bit with the plain
calls, `x.mean(axis=0)`, `x.std(axis=0, ddof=1)`, `(x − mean) / sd` and `np.linalg.svd(z, full_matrices=False)`,
over shapes on both sides of that bound; R's `prcomp` values are asserted in tests/test_probability.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from edakit.stats.pca import _singular_values_and_vt, _standardised, pca


def _matrices(rng: np.random.Generator, m: int, p: int) -> list[np.ndarray]:
    """Correlated columns, the same rounded to one decimal (ties), and whole numbers of very different scales."""
    mixed = rng.normal(size=(m, p)) @ rng.normal(size=(p, p))
    scales = 10.0 ** rng.integers(1, 6, p)
    return [mixed, np.round(mixed, 1), np.round(rng.normal(size=(m, p)) * scales + scales * 7)]


@pytest.mark.parametrize("p", [2, 3, 5, 12, 19, 30, 40])
def test_singular_values_and_vt_equal_numpy_svd_bit_for_bit(p: int) -> None:
    rng = np.random.default_rng(p)
    bound = int(p * 11 / 6)  # dgesdd's MNTHR: from this many rows it factors QR first
    for m in sorted({3, p - 1, p, bound - 1, bound, bound + 1, 4 * p, 2_500}):
        if m < 3:
            continue
        for a in _matrices(rng, m, p):
            _, d, vt = np.linalg.svd(a, full_matrices=False)
            ours = _singular_values_and_vt(a)
            assert np.array_equal(ours[0], d) and np.array_equal(ours[1], vt), (m, p)


def test_standardised_equals_numpy_mean_std_and_division_bit_for_bit() -> None:
    rng = np.random.default_rng(4)
    for m, p in [(3, 2), (50, 7), (1_000, 12), (20_011, 5)]:
        for a in _matrices(rng, m, p):
            mean, sd = a.mean(axis=0), a.std(axis=0, ddof=1)
            z, center, scale = _standardised(a.copy(), [f"x{i}" for i in range(p)])
            assert np.array_equal(center, mean) and np.array_equal(scale, sd)
            assert np.array_equal(z, (a - mean) / sd)


def test_pca_equals_the_plain_numpy_computation() -> None:
    """The whole result, with missing values, against prcomp's steps written with numpy's plain calls."""
    rng = np.random.default_rng(12)
    a = rng.normal(size=(30_000, 12)) @ rng.normal(size=(12, 12))
    a[rng.integers(0, 30_000, 800), rng.integers(0, 12, 800)] = np.nan
    r = pca(a)
    x = a[np.all(np.isfinite(a), axis=1)]
    mean, sd = x.mean(axis=0), x.std(axis=0, ddof=1)
    z = (x - mean) / sd
    _, d, vt = np.linalg.svd(z, full_matrices=False)
    v = vt.T
    v = v * np.sign(v[np.argmax(np.abs(v), axis=0), np.arange(12)])
    assert r.center == mean.tolist() and r.scale == sd.tolist()
    assert r.eigenvalues == (d**2 / (x.shape[0] - 1)).tolist()
    assert r.loadings == v.tolist()
    assert np.array_equal(r.scores, z @ v)


def test_a_constant_column_is_refused_before_dividing() -> None:
    a = np.column_stack([np.arange(10.0), np.full(10, 3.0)])
    with np.errstate(all="raise"), pytest.raises(ValueError, match="no spread in x2"):
        pca(a)
