"""The command's process settings, made before numpy and polars are imported (they read them when they load).

Used by `edakit._launch` (the command's entry point, which may import both to start the read before typer) and
`edakit.cli.main`; `edakit.report()` leaves the caller's process as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os

M_ARENA_MAX = -8  # glibc's mallopt parameter
MALLOC_ARENAS = 2


def prepare_process() -> None:
    """The garbage collector's threshold, the allocators' and OpenBLAS's settings, for one short command.

    A command is one short process: refcounting frees almost everything it allocates, so the cyclic garbage
    collector is asked to run after 250,000 net allocations instead of 700. What it scans is mostly the ~190,000
    objects the imports create and keep: at 20,000 it ran 9 times in every report (8 inside imports, 0.03 CPU-s,
    finding nothing; 330 times at 700); now never in a plain report, once for a 1,500-column table (0.15 → 0.08
    CPU-s), the peak memory unchanged (benchmarks/README.md). Calling it twice changes nothing."""
    gc.set_threshold(250_000, 20, 20)
    _limit_malloc_arenas()
    _single_threaded_blas()


def _limit_malloc_arenas() -> None:
    """What the allocators keep of freed memory, in the command's process only (`edakit.report()` runs in the caller's):
    at most `MALLOC_ARENAS` glibc arenas (eight a core by default; each thread keeps its frees in its own: flights 10x
    peak 701 -> 660 MB), and polars' jemalloc (`_RJEM_MALLOC_CONF`, read when polars loads; a user's value kept) purges
    freed pages after 250 ms, not polars' 500 (the profile's freed hash tables beside the builders: 706 -> 676 MB)."""
    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:250")
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def _single_threaded_blas() -> None:
    """One OpenBLAS thread in the command's process (numpy's and scipy's; a value the user set is kept). The
    report's linear algebra is small (co-moment matrix products of chunks of rows, PCA's SVD of the 100,000-row
    sample) and already runs beside the other analyses on their threads: OpenBLAS's own threads, one a core, only
    spun while waiting for a core (flights 10x: PCA 0.30 -> 0.05 CPU-s; the whole report 0.3-0.4 CPU-s less;
    benchmarks/README.md). It also makes the last digits of a product independent of the machine's core count.
    Read by OpenBLAS when numpy is first imported; `edakit.report()` leaves the caller's process as it is."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
