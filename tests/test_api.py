"""The public API is discoverable: tab completion lists it, help documents every option, a result's repr shows
its key numbers."""

from __future__ import annotations

import dataclasses
import re

import pytest

import edakit
from edakit.config import GROUPS, ReportConfig


def test_dir_lists_the_public_api_only() -> None:
    names = dir(edakit)
    for name in ("report", "ab", "load", "datasets", "stats", "Report", "ReportConfig", "EdakitError"):
        assert name in names
    assert "Any" not in names and "TYPE_CHECKING" not in names and "annotations" not in names


def test_help_of_report_documents_every_option_in_its_group() -> None:
    doc = edakit.report.__doc__
    for f in dataclasses.fields(ReportConfig):
        assert re.search(rf"^\s+{f.name} \(.*\): \S", doc, re.M), f.name
        assert f.metadata["group"] in GROUPS
    assert doc.index("Loading the table:") < doc.index("encoding (") < doc.index("Analyses:")


def test_describe_repr_shows_its_numbers() -> None:
    # R: x <- c(4.17, 5.58, 5.18, 6.11, 4.50); mean(x) 5.108; sd(x) 0.7876...; median 5.18; t.test(x)$conf.int
    text = repr(edakit.stats.describe([4.17, 5.58, 5.18, 6.11, 4.50]))
    assert "mean=5.108" in text and "median=5.18" in text and "sd=0.787636" in text
    assert "mean_ci=(4.13002, 6.08598)" in text


@pytest.mark.parametrize(
    ("option", "value"), [("alpha", 0.0), ("alpha", 1.5), ("power", 1.0), ("power", 0.01), ("conf_level", 1.0)]
)
def test_a_threshold_outside_its_range_is_a_user_error(option: str, value: float) -> None:
    with pytest.raises(edakit.EdakitError, match="between"):
        ReportConfig(**{option: value})
