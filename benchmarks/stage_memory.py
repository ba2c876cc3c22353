"""Peak resident memory, wall time and CPU time of each edakit stage, in one process (a diagnostic, not a benchmark).

    python benchmarks/stage_memory.py FILE [-o OUT.html]

Runs `build_report` with a stage callback while a thread samples this process's RSS every 10 ms, then renders
the HTML; prints one JSON object: per stage its seconds, its CPU seconds (every thread of the process, so on a
busy machine a steadier figure than the wall), the RSS when it started and the peak RSS while it ran.
The harness's numbers (fresh process, whole tree) are the reference; this says which stage makes the peak.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _measure import _rss_kb  # noqa: E402


class StageMeter:
    def __init__(self) -> None:
        self.stages: dict[str, dict[str, float]] = {}
        self.current: str | None = None
        self.start = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        pid = os.getpid()
        while not self._stop.is_set():
            rss = _rss_kb(pid) / 1024
            if self.current:
                stage = self.stages[self.current]
                stage["peak_rss_mb"] = max(stage["peak_rss_mb"], rss)
            self._stop.wait(0.01)

    def enter(self, name: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        if self.current:
            self.stages[self.current]["seconds"] = now - self.stages[self.current]["seconds"]
            self.stages[self.current]["cpu_seconds"] = cpu - self.stages[self.current]["cpu_seconds"]
        rss = _rss_kb(os.getpid()) / 1024
        self.stages[name] = {"seconds": now, "cpu_seconds": cpu, "rss_start_mb": rss, "peak_rss_mb": rss}
        self.current = name

    def close(self) -> dict[str, dict[str, float]]:
        self.enter("(end)")
        self._stop.set()
        self._thread.join()
        self.stages.pop("(end)")
        return {k: {m: round(v, 2) for m, v in s.items()} for k, s in self.stages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("-o", "--output", type=Path, default=Path("/dev/null"))
    args = parser.parse_args()
    meter = StageMeter()
    meter.enter("imports")
    from edakit.config import ReportConfig
    from edakit.pipeline import build_report

    report = build_report(args.source, ReportConfig(), on_stage=meter.enter)
    meter.enter("render")
    error = None
    try:
        report.to_html(args.output)
    except Exception as exc:  # a broken template should not hide the other stages' figures
        error = f"render failed: {type(exc).__name__}: {exc}"
    result: dict[str, object] = dict(meter.close())
    if error:
        result["error"] = error
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
