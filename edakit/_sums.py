"""Sums of products whose last digits do not depend on the machine.

`np.dot(a, b)` and `a @ b` on two vectors go to BLAS's ddot, which OpenBLAS splits among its threads, one a core,
and adds up in a kernel chosen for the CPU: the same data gave other last digits in `edakit.report()` (which leaves
the caller's BLAS threads as they are) than in the `edakit` command (one BLAS thread), and on another machine.
numpy's own sum adds pairwise in a fixed order on every machine and thread count.
"""

from __future__ import annotations

import numpy as np


def dot(a: np.ndarray, b: np.ndarray) -> float:
    """Σ aᵢ·bᵢ of two vectors of the same length, in numpy's pairwise order (NaN and inf propagate as in `np.dot`).

    >>> dot(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0]))
    32.0
    """
    return float(np.sum(np.multiply(a, b, dtype=np.float64)))
