"""The section runner: builders run two at a time on threads, yet the report is the same as one at a time, a
failing builder becomes a note, and a user error still stops the report."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import edakit
from edakit.errors import EdakitError
from edakit.sections import correlations, distributions
from tests.conftest import ROOT


def test_threaded_sections_equal_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from edakit import sections

    threaded = edakit.report("penguins")
    monkeypatch.setattr(sections, "WORKERS", 1)
    serial = edakit.report("penguins")
    assert [s.id for s in threaded.sections] == [s.id for s in serial.sections]
    _assert_same(threaded.to_dict()["sections"], serial.to_dict()["sections"])


def _assert_same(a: object, b: object, where: str = "") -> None:
    """Equal structures; floats to 1e-12 (polars' parallel sums may add in another order from run to run)."""
    if isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-300, nan_ok=True), where
    elif isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            _assert_same(a[key], b[key], f"{where}/{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def test_a_failing_section_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx: object, *gathered: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(distributions, "build", boom)
    report = edakit.report("penguins")
    assert "The distributions section could not be computed (RuntimeError: boom)." in report.notes
    assert any(s.id.startswith("correlations") for s in report.sections)
    assert not any(s.id == distributions.SECTION_ID for s in report.sections)


def test_a_user_error_in_a_section_stops_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(ctx: object, *gathered: object) -> list:
        raise EdakitError("Unknown column: nope.")

    monkeypatch.setattr(correlations, "build", refuse)
    with pytest.raises(EdakitError, match="Unknown column: nope"):
        edakit.report("penguins")


@pytest.mark.parametrize(
    ("source", "options"),
    [
        ("penguins", {}),  # none of the optional builders applies
        ("penguins", {"group": "species", "comparisons": False}),  # comparisons switched off
        ("airpassengers", {}),  # a date column: the time series builder runs
    ],
)
def test_builders_left_unimported_would_have_laid_out_nothing(
    monkeypatch: pytest.MonkeyPatch, source: str, options: dict
) -> None:
    """`WHEN` skips a builder only where the builder itself gives nothing: the same report with every builder run."""
    from edakit import sections

    lazy = edakit.report(source, **options)
    monkeypatch.setattr(sections, "WHEN", {})
    eager = edakit.report(source, **options)
    assert [s.id for s in lazy.sections] == [s.id for s in eager.sections]
    assert lazy.notes == eager.notes
    lazy_dict, eager_dict = lazy.to_dict(), eager.to_dict()
    for key in ("created", "timings"):
        lazy_dict.pop(key), eager_dict.pop(key)
    _assert_same(lazy_dict, eager_dict)


def test_a_plain_report_does_not_import_the_optional_analyses() -> None:
    """A report without --group, --target, metrics or a date column imports none of the A/B, comparison, paired,
    model or time series modules (checked in a fresh interpreter: this one has imported them all)."""
    code = "import sys, edakit; edakit.report('penguins'); print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    assert "edakit.sections.distributions" in imported  # the check can see what is imported
    optional = [
        "edakit.sections.ab",
        "edakit.sections.comparisons",
        "edakit.sections.paired",
        "edakit.sections.models",
        "edakit.sections.timeseries",
        "edakit.engine.ab",
        "edakit.engine.paired",
        "edakit.explain.ab",
        "edakit.explain.paired",
        "edakit.stats.paired_analysis",
    ]
    assert [name for name in optional if name in imported] == []


@pytest.mark.parametrize(
    "source, options, section",
    [
        ("penguins", "group='species'", "pca"),  # PCA coloured by the group
        ("penguins", "target='body_mass_g'", "distributions"),
        ("chickweight", "group='Time', pair='Chick'", "correlations"),  # r within chicks (rmcorr)
    ],
)
def test_builders_started_before_scipy_stats_is_imported_import_none_of_it(
    source: str, options: str, section: str
) -> None:
    """The builders outside `NEEDS_SCIPY_STATS` start while the runner imports scipy.stats for those in it; run
    alone in a fresh interpreter on a report's context with options that need it (comparisons, models), their
    gathers and builds import none of it, nor any other part of scipy (scipy.special is imported before: two
    threads importing scipy's subpackages at once could deadlock), and lay out their sections."""
    code = (
        "import importlib, sys, edakit, edakit.sections as s\n"
        "real = s.start_sections\n"
        "def probe(ctx):\n"
        "    ids, before = [], set(sys.modules)\n"
        "    for name in s.BUILDERS:\n"
        "        if name in s.NEEDS_SCIPY_STATS or (name in s.WHEN and not s.WHEN[name](ctx)):\n"
        "            continue\n"
        "        m = importlib.import_module('edakit.sections.' + name)\n"
        "        got = m.build(ctx, m.gather(ctx)) if hasattr(m, 'gather') else m.build(ctx)\n"
        "        ids += [section.id for section in got]\n"
        "    new = {m for m in set(sys.modules) - before if m.startswith('scipy')}\n"
        f"    print('scipy.stats' in sys.modules, sorted(new) or 'none', {section!r} in ids)\n"
        "    return real(ctx)\n"
        "s.start_sections = probe\n"
        f"edakit.report({source!r}, {options})"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "none", "True"]


def test_the_builders_imported_during_the_read_are_those_every_report_runs_and_import_no_scipy() -> None:
    """`import_builders` (called by the command while it waits for its read, beside scipy.special's import on a
    thread) imports every builder that `WHEN` does not decide on, the ones `start_sections` imports for any report,
    and no part of scipy: two threads importing scipy's subpackages at once could deadlock. Checked in a fresh
    interpreter (this one has imported them all)."""
    code = (
        "import sys, edakit.sections as s\n"
        "before = set(sys.modules)\n"
        "s.import_builders()\n"
        "new = set(sys.modules) - before\n"
        "print(' '.join(sorted(m.removeprefix('edakit.sections.') for m in new if m.startswith('edakit.sections.'))))\n"
        "print(sorted(m for m in new if m.startswith('scipy')) or 'none')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    builders, scipy = done.stdout.splitlines()
    always = {"rows", "guide", "correlations", "distributions", "pca"}  # BUILDERS less those WHEN decides on
    assert always <= set(builders.split())
    assert not {"ab", "comparisons", "models", "timeseries"} & set(builders.split())
    assert scipy == "none"
