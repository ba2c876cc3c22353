"""Principal components of standardised columns.

PCA (`pca`): R's `prcomp(x, scale. = TRUE)` on complete rows — each column centred and divided by its sd
(n − 1), then the singular value decomposition Z = U D Vᵀ; eigenvalues of the correlation matrix
λ_j = d_j² / (n − 1), loadings V, scores Z V. Each component's sign is arbitrary; here the loading of largest
absolute value is made positive, so results are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from edakit.stats.result import Result

MAX_SCORE_POINTS = 2_000


@dataclass(repr=False)
class PCAResult(Result):
    """Principal components of standardised columns (prcomp(scale. = TRUE) on complete rows).
    `loadings[i][j]` is column i's loading on component j; `estimate` maps PC1, PC2, … to eigenvalues."""

    columns: list[str] = field(default_factory=list)
    n_dropped: int = 0  # rows left out for a missing value in a used column
    center: list[float] = field(default_factory=list)
    scale: list[float] = field(default_factory=list)
    eigenvalues: list[float] = field(default_factory=list)
    explained: list[float] = field(default_factory=list)  # share of the total variance (eigenvalue / columns)
    cumulative: list[float] = field(default_factory=list)
    loadings: list[list[float]] = field(default_factory=list)
    sampled: bool = False
    scores: Any = field(default=None, repr=False, compare=False)  # n × components array (not in the JSON)


def pca(data: Any, columns: list[str] | None = None, *, sampled: bool = False) -> PCAResult:
    """PCA of the columns of `data` (n × p array-like, NaN/inf = missing) on its complete rows, standardised.

    >>> r = pca([[1.0, 2.0], [2.0, 4.1], [3.0, 5.9], [4.0, 8.2]], ["a", "b"])
    >>> [round(v, 4) for v in r.eigenvalues], [round(v, 4) for v in r.explained]
    ([1.999, 0.001], [0.9995, 0.0005])
    """
    x = np.asarray(data, dtype=float)
    if x.ndim != 2:
        raise ValueError("PCA needs a two-dimensional table of numbers")
    names = list(columns) if columns is not None else [f"x{i + 1}" for i in range(x.shape[1])]
    complete = np.all(np.isfinite(x), axis=1)
    x = x[complete]  # a copy (boolean indexing), overwritten by `_standardised`
    n, p = x.shape
    out = PCAResult(method="Principal component analysis of standardised columns (correlation matrix)")
    out.n, out.n_dropped, out.columns, out.sampled, out.conf_level = n, int((~complete).sum()), names, sampled, None
    out.alternative = None
    if p < 2:
        raise ValueError("PCA needs at least two columns")
    if n < 3:
        raise ValueError(f"only {n} complete row(s); PCA needs at least 3")
    z, center, scale = _standardised(x, names)
    del x  # its squares are summed: freed, so that the QR factor's copies can take its memory, not new pages
    d, vt = _singular_values_and_vt(z)
    v = vt.T
    signs = np.sign(v[np.argmax(np.abs(v), axis=0), np.arange(v.shape[1])])
    signs[signs == 0] = 1
    v = v * signs
    eigen = d**2 / (n - 1)
    out.center, out.scale = center.tolist(), scale.tolist()
    out.eigenvalues = eigen.tolist()
    total = float(eigen.sum())  # = p up to rounding (the trace of the correlation matrix)
    out.explained = (eigen / total).tolist()
    out.cumulative = np.cumsum(eigen / total).tolist()
    out.loadings = v.tolist()
    out.scores = z @ v
    out.estimate = {f"PC{j + 1}": float(e) for j, e in enumerate(eigen)}
    if n <= p:
        out.notes.append(
            f"Only {n} complete rows for {p} columns: at most {n - 1} components carry variance; the rest are 0."
        )
    return out


def _standardised(x: np.ndarray, names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x − mean) / sd (n − 1), the mean and the sd: the numbers of `x.mean(axis=0)`, `x.std(axis=0, ddof=1)` and
    `(x − mean) / sd` in numpy's own operations (its `_mean` and `_var`), with the centred values computed once and
    divided in place and their squares written over `x` (the complete rows' copy, not needed after): two fewer
    passes and two fewer n × p arrays, each a fresh allocation of pages on a 100,000-row sample."""
    n = x.shape[0]
    center = np.add.reduce(x, axis=0)
    np.true_divide(center, n, out=center)
    z = np.subtract(x, center)
    squares = np.square(z, out=x)
    scale = np.add.reduce(squares, axis=0)
    np.true_divide(scale, n - 1, out=scale)
    np.sqrt(scale, out=scale)
    if np.any(scale == 0):
        flat = [names[i] for i in np.flatnonzero(scale == 0)]
        raise ValueError(f"no spread in {', '.join(flat)} on the complete rows; standardising needs some")
    np.true_divide(z, scale, out=z)
    return z, center, scale


def _singular_values_and_vt(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The singular values and Vᵀ of `np.linalg.svd(z, full_matrices=False)`, to the last bit, without its n × p
    U. LAPACK's dgesdd, which numpy calls, factors a matrix of m ≥ ⌊11p/6⌋ rows as QR first (dgeqrf) and takes
    both from the p × p R (its "path 3"); R from `np.linalg.qr(z, mode="r")` (the same dgeqrf) has the same
    singular values and Vᵀ, and skips forming Q and U (half the time on a 100,000 × 12 sample). Fewer rows: the
    plain svd. `tests/test_pca_svd.py` checks equality with the plain svd over shapes on both sides of the bound."""
    m, p = z.shape
    r = np.linalg.qr(z, mode="r") if m >= int(p * 11 / 6) else z
    _, d, vt = np.linalg.svd(r, full_matrices=False)
    return d, vt
