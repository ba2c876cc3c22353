"""Run one command and print its wall time and peak resident memory as JSON (standard library only).

    python benchmarks/_measure.py [--log FILE] [--timeout S] -- COMMAND ...

Why a wrapper process: `getrusage(RUSAGE_CHILDREN).ru_maxrss` is the peak of the largest process this process
ever waited for, so it is only meaningful around exactly one command. The harness starts a fresh wrapper per
measurement. `ru_maxrss` counts one process at a time (the largest of the tree, grandchildren included once
reaped), so the wrapper also polls /proc for the summed RSS of the whole live tree (Linux only); the reported
peak is the larger of the two. Wall time is taken here, around the command alone, so the wrapper's own start-up
is not counted; the command's interpreter start-up and imports are.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

POLL_SECONDS = 0.02


def _children(pid: int) -> list[int]:
    """Direct children of `pid`, from /proc/PID/task/*/children (empty when unavailable)."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                out += [int(p) for p in handle.read().split()]
        except OSError:
            continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            resident_pages = int(handle.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return resident_pages * os.sysconf("SC_PAGE_SIZE") // 1024


def tree_rss_kb(pid: int) -> int:
    """Summed RSS (KiB) of `pid` and all its live descendants."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_kb(current)
        stack += _children(current)
    return total


class _Poller(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self._stop_event.wait(POLL_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _end_tree_on_signals(proc: subprocess.Popen) -> None:
    """If the harness is interrupted (Ctrl-C, SIGTERM), end the measured tree too: it has its own session."""

    def handler(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        raise SystemExit(128 + signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handler)


def measure(command: list[str], log: Path | None = None, timeout: float | None = None) -> dict[str, object]:
    """Run `command` once; return wall seconds, exit code and peak RSS (MiB) of its process tree."""
    sink = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            stdout=sink,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so a timeout can end the whole tree
        )
        _end_tree_on_signals(proc)
        poller = _Poller(proc.pid) if Path("/proc").is_dir() else None
        if poller:
            poller.start()
        timed_out = False
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, AttributeError):
                proc.kill()
            returncode, timed_out = proc.wait(), True
        wall = time.perf_counter() - start
        if poller:
            poller.stop()
    finally:
        if log:
            sink.close()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024  # macOS reports bytes
    polled_kb = poller.peak_kb if poller else 0
    return {
        "wall_s": round(wall, 4),
        "returncode": returncode,
        "timed_out": timed_out,
        "peak_rss_mb": round(max(maxrss_kb, polled_kb) / 1024, 1),
        "maxrss_largest_process_mb": round(maxrss_kb / 1024, 1),
        "polled_tree_peak_mb": round(polled_kb / 1024, 1),
        "user_s": round(usage.ru_utime, 3),
        "sys_s": round(usage.ru_stime, 3),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, help="write the command's stdout and stderr here")
    parser.add_argument("--timeout", type=float, help="kill the command after this many seconds")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    print(json.dumps(measure(command, args.log, args.timeout)))


if __name__ == "__main__":
    main()
