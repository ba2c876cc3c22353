"""Engine passes that two sections' gathers share, computed once per report.

The section runner starts every gather on its own thread (`sections.build_sections`), so two gathers that need the
same pass would both run it: under `--group`, the correlations' chunked pass within the levels of the group column
holds each numeric column's per-group count, mean and variance, which the group comparison needs too. `once` runs
such a pass for the first caller; a second caller waits for its result (or its error) instead of repeating it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_LOCK = threading.Lock()


def once(ctx: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` for the first caller with `key` in `ctx.shared` (an `AnalysisContext`'s), its result for the
    others; computed each time when `ctx` has no `shared` store.

    >>> from types import SimpleNamespace
    >>> ctx, calls = SimpleNamespace(shared={}), []
    >>> [once(ctx, "k", lambda: calls.append(1) or len(calls)) for _ in range(3)], calls
    ([1, 1, 1], [1])
    """
    store = getattr(ctx, "shared", None)
    if store is None:
        return compute()
    with _LOCK:
        future = store.get(key)
        first = future is None
        if first:
            future = store[key] = Future()
    if first:
        try:
            future.set_result(compute())
        except BaseException as exc:
            future.set_exception(exc)
            raise
    return future.result()
