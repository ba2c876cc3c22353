"""Spark on more than one executor process: a `local-cluster` master starts a master and two worker JVMs on this
machine, so the rows are split over separate executor processes and every aggregate is merged from their partial
results, as on a real cluster. The report must be the one polars gives, field by field.

Marked slow: the three JVMs take a minute or more to start and each report runs a few hundred small Spark jobs
(CI runs the slow tests). `local-cluster` launches each executor with `bin/spark-class` from SPARK_HOME, which
pyspark sets to its own package directory when unset (a pip-installed pyspark ships the launcher), so nothing
beyond pyspark and Java is needed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

import edakit
from tests.test_engines import PARITY_RUNS, assert_same_report, mixed_table, spark_session

pytestmark = pytest.mark.slow

EXECUTORS = 2
REGISTER_WAIT = 300  # seconds for the worker JVMs to start and register their executors


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A session on a master and EXECUTORS worker JVMs ([workers, cores per worker, MB per worker]), handed out
    once every executor has registered. Spark's own wait (`spark.scheduler.minRegisteredResourcesRatio`) did not
    hold it back: on a busy machine CI saw one executor of two when the test began, the second JVM still
    starting."""
    sessions = spark_session(f"local-cluster[{EXECUTORS},1,1024]")
    session = next(sessions)
    try:
        deadline = time.monotonic() + REGISTER_WAIT
        while _executors(session) < EXECUTORS and time.monotonic() < deadline:
            time.sleep(0.5)
        if _executors(session) < EXECUTORS:
            pytest.fail(f"{_executors(session)} of {EXECUTORS} executors registered within {REGISTER_WAIT} s")
        yield session
    finally:
        next(sessions, None)  # stops the session


def _executors(session: Any) -> int:
    return int(session.sparkContext._jsc.sc().getExecutorIds().size())


@pytest.mark.timeout(1200)  # three JVMs and a few hundred small Spark jobs: 9 minutes on a busy 2-core machine
@pytest.mark.parametrize("run", range(len(PARITY_RUNS)))
def test_report_on_a_two_executor_cluster_matches_polars(cluster: Any, run: int) -> None:
    """Every field of the JSON as polars gives it. The rows keep their order in one partition per executor (a
    shuffle would reorder them, and the page's first rows are then other rows: a Spark table has no row order)."""
    reference = [edakit.report(mixed_table(), max_charted_columns=0, **options) for options in PARITY_RUNS]
    assert _executors(cluster) == EXECUTORS  # two executor processes
    frame = cluster.createDataFrame(mixed_table().to_arrow())
    assert frame.rdd.getNumPartitions() == EXECUTORS  # the rows split over both executors
    assert_same_report(frame, run, reference)
