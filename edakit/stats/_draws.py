"""Seeded draws shared by the columns of one analysis.

A bootstrap of the centre and the KS test's parametric bootstrap draw, from a generator seeded alike for every
column, numbers that depend on the generator's state and how many numbers are drawn, not on the values: the
bootstrap's resampled ranks, the KS test's standard normal or exponential samples before the fitted parameters
scale them. That state is the seed's, or the one left by the seeded subset of a column with more values than are
resampled, which depends on the seed and the column's count only (and is often the same for different counts:
numpy draws a subset of 2,000 from 97,145 or from 97,488 values with the same number of draws). A report's sample
gives most columns one of few states, so `SharedDraws` lets the first column of a key draw them and the others
take them: the same numbers, drawn (and sorted) once.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from typing import Any

import numpy as np


def state_key(rng: np.random.Generator) -> str:
    """The generator's state, as a key: the draws from it depend on it (and on what is drawn) alone."""
    return repr(rng.bit_generator.state)


@lru_cache(maxsize=1024)  # a few counts per report
def subset_state(count: int, seed: int, max_n: int) -> str:
    """`state_key` of `np.random.default_rng(seed)` after drawing the seeded subset of `max_n` of `count` values
    (`rng.choice(values, max_n, replace=False)`, which draws as `rng.choice(count, …)` does), or none drawn when
    `count` ≤ `max_n`: the state a column's bootstrap and KS test draw from."""
    rng = np.random.default_rng(seed)
    if count > max_n:
        rng.choice(count, max_n, replace=False)
    return state_key(rng)


class SharedDraws:
    """Draws computed once per key by the first column that asks, and taken by the others (thread-safe: a column
    of a key being drawn waits for it). `expected`: the keys the columns will ask for, one per column, so that a
    key's draws are let go after its last column. `groups`: one group per column, for keys known only as the
    columns go (a tuple whose first item is the group): they are let go once each column of their group has said
    it is `done`. Any other key is kept as long as this object."""

    def __init__(self, expected: Iterable[Hashable] = (), groups: Iterable[Hashable] = ()) -> None:
        self._lock = threading.Lock()
        self._drawn: dict[Hashable, list[Any]] = {}  # key -> [its lock, its draws or None]
        self._left = Counter(expected)
        self._columns = Counter(groups)  # group -> its columns not yet done

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

    def done(self, group: Hashable) -> None:
        """A column of `group` asks for no more draws: after the group's last column, its keys' draws are let go."""
        with self._lock:
            self._columns[group] -= 1
            if self._columns[group] == 0:
                for key in [k for k in self._drawn if isinstance(k, tuple) and k and k[0] == group]:
                    del self._drawn[key]
