"""Seeded draws shared by the columns of one analysis.

A bootstrap of the centre and the KS test's parametric bootstrap draw, from a generator seeded alike for every
column, numbers that depend on how many values a column has, not on the values: the bootstrap's resampled ranks,
the KS test's standard normal or exponential samples before the fitted parameters scale them. A report's sample
gives most columns the same count, so `SharedDraws` lets the first column of a key draw them and the others take
them: the same numbers, drawn (and sorted) once.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any


class SharedDraws:
    """Draws computed once per key by the first column that asks, and taken by the others (thread-safe: a column
    of a key being drawn waits for it). `expected`: the keys the columns will ask for, one per column, so that a
    key's draws are let go after its last column; a key not expected is kept as long as this object."""

    def __init__(self, expected: Iterable[Hashable] = ()) -> None:
        self._lock = threading.Lock()
        self._drawn: dict[Hashable, list[Any]] = {}  # key -> [its lock, its draws or None]
        self._left = Counter(expected)

    def get(self, key: Hashable, draw: Callable[[], Any]) -> Any:
        """The draws of `key`: `draw()` for the first caller (each caller's `draw` gives the same numbers)."""
        with self._lock:
            entry = self._drawn.setdefault(key, [threading.Lock(), None])
        with entry[0]:
            if entry[1] is None:
                entry[1] = draw()
            drawn = entry[1]
        with self._lock:
            self._left[key] -= 1
            if self._left[key] == 0:  # the key's last column: its reference is the last one
                del self._drawn[key]
        return drawn
