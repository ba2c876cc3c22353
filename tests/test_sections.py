"""The section runner: builders run two at a time on threads, yet the report is the same as one at a time, a
failing builder becomes a note, and a user error still stops the report."""

from __future__ import annotations

import pytest

import edakit
from edakit.errors import EdakitError
from edakit.sections import correlations, distributions


def test_threaded_sections_equal_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from edakit import sections

    threaded = edakit.report("penguins")
    monkeypatch.setattr(sections, "WORKERS", 1)
    serial = edakit.report("penguins")
    assert [s.id for s in threaded.sections] == [s.id for s in serial.sections]
    assert repr(threaded.to_dict()["sections"]) == repr(serial.to_dict()["sections"])


def test_a_failing_section_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(distributions, "build", boom)
    report = edakit.report("penguins")
    assert "The distributions section could not be computed (RuntimeError: boom)." in report.notes
    assert any(s.id.startswith("correlations") for s in report.sections)
    assert not any(s.id == distributions.SECTION_ID for s in report.sections)


def test_a_user_error_in_a_section_stops_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(ctx: object) -> list:
        raise EdakitError("Unknown column: nope.")

    monkeypatch.setattr(correlations, "build", refuse)
    with pytest.raises(EdakitError, match="Unknown column: nope"):
        edakit.report("penguins")
