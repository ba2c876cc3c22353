"""A chunked pass whose chunks a second thread can take a share of, the chunks' results added in chunk order.

On rows polars holds, the correlations' gather runs its categorical `group_by` on a thread beside the numeric
co-moments pass (`engine.correlations.gather`); on flights the `group_by` ends first and its thread then idled
while the numeric pass, the report's last gather, went on alone. `Helper` lets that thread take the pass's
remaining chunks: each chunk's result is kept by its index, and the thread that runs the pass adds them up in the
order of the chunks (`Share.results`), so every float sum is the one the pass computes alone, to the last bit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Share(Generic[T]):
    """The `count` chunks of a pass, `work(i)` computing chunk i's result, handed out one at a time to whichever
    thread asks (`work_through`); `results()` yields them in chunk order.

    >>> share = Share(4, lambda i: i * i)
    >>> list(share.results())
    [0, 1, 4, 9]
    """

    def __init__(self, count: int, work: Callable[[int], T]) -> None:
        self._count = count
        self._work = work
        self._next = 0
        self._done: dict[int, tuple[bool, Any]] = {}  # index -> (computed, result or the error raised)
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)

    def work_through(self) -> None:
        """Take chunks and compute them until none is left (an error is kept for `results` to raise)."""
        while True:
            with self._lock:
                i = self._next
                if i >= self._count:
                    return
                self._next += 1
            try:
                found: tuple[bool, Any] = (True, self._work(i))
            except BaseException as exc:  # re-raised on the thread that runs the pass
                found = (False, exc)
            with self._ready:
                self._done[i] = found
                self._ready.notify_all()

    def results(self) -> Iterator[T]:
        """Every chunk's result in chunk order, once this thread has taken its share (each is dropped once
        yielded, so at most the chunks a helper is ahead by are held)."""
        self.work_through()
        for i in range(self._count):
            with self._ready:
                self._ready.wait_for(lambda i=i: i in self._done)
                ok, found = self._done.pop(i)
            if not ok:
                raise found
            yield found


class Helper:
    """Where a pass offers its chunks (`offer`) to a thread that has ended its own work (`help`): that thread then
    computes chunks until none is left. The caller that runs the pass calls `close` once it has returned, so a
    `help` never waits for a pass that offers nothing (not in polars' memory, a failed pass)."""

    def __init__(self) -> None:
        self._share: Share[Any] | None = None
        self._posted = threading.Event()

    def offer(self, share: Share[Any]) -> None:
        self._share = share
        self._posted.set()

    def close(self) -> None:
        self._posted.set()

    def help(self) -> None:
        """Compute the offered pass's remaining chunks (none when it has ended or offered none)."""
        self._posted.wait()
        if self._share is not None:
            self._share.work_through()


def shared(count: int, work: Callable[[int], T], helper: Helper | None) -> Iterator[T]:
    """`work(i)` for i in range(count), in order, a helper thread taking a share of them when one is given."""
    share = Share(count, work)
    if helper is not None:
        helper.offer(share)
    return share.results()
