"""The bundled teaching datasets: every card agrees with its CSV, and the data agree with their sources.

Reference values marked "R" come from tests/r/datasets.R (output in tests/r/datasets.out), run with
R 4.2.2 on R's own copy of each data set (base package `datasets`), independent of edakit's CSV files.
"""

from __future__ import annotations

import csv
import doctest
import importlib.util
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from edakit import datasets
from edakit._resources import resource_dir
from edakit.errors import EdakitError

FOLDER = resource_dir("datasets")
NAMES = sorted(p.stem for p in FOLDER.glob("*.toml"))


def _build_module():
    """datasets/_build/build.py, imported by path (it is a maintainer's script, not a package module)."""
    spec = importlib.util.spec_from_file_location("edakit_datasets_build", FOLDER / "_build" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ inside datasets/
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = saved
    return module


# --------------------------------------------------------------------------- the catalogue


def test_catalogue_has_at_least_ten_datasets_sorted_by_name():
    cards = datasets.list_datasets()
    assert len(cards) >= 10
    assert [c.name for c in cards] == sorted(c.name for c in cards) == NAMES


def test_folder_is_small():
    size = sum(p.stat().st_size for p in FOLDER.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert size < 2_000_000


@pytest.mark.parametrize("name", NAMES)
def test_card_matches_csv(name: str):
    card = datasets.card(name)
    assert card.name == name and re.fullmatch(r"[a-z][a-z0-9_]*", name)
    assert card.file == f"{name}.csv"
    assert card.path == datasets.path(name) == FOLDER / card.file
    frame = datasets.load(name)
    assert frame.height == card.rows
    assert frame.width == card.n_columns
    # every CSV column has a meaning in the card and vice versa, in the same order
    assert frame.columns == list(card.columns)
    assert all(meaning.strip() for meaning in card.columns.values())


@pytest.mark.parametrize("name", NAMES)
def test_card_fields_are_filled_in(name: str):
    card = datasets.card(name)
    for text in (card.title, card.description, card.long_description, card.source, card.licence):
        assert text.strip()
    assert card.licence_short.strip()
    assert "\n" not in card.description
    assert card.suggested_questions and all(q.strip() for q in card.suggested_questions)
    assert card.concepts and all(c.strip() for c in card.concepts)
    if card.url is not None:
        assert card.url.startswith("https://")


@pytest.mark.parametrize("name", NAMES)
def test_command_uses_only_report_with_group_or_target(name: str):
    card = datasets.card(name)
    pattern = rf"edakit report {name}(?: --(?:group|target) (\S+)(?: --pair (\S+))?)?(?: --design {card.design})?"
    match = re.fullmatch(pattern, card.command)
    assert match, card.command
    for named in match.groups():
        assert named is None or named in card.columns


@pytest.mark.parametrize("name", NAMES)
def test_csv_is_plain_comma_separated_utf8_with_header(name: str):
    raw = (FOLDER / f"{name}.csv").read_bytes()
    text = raw.decode("utf-8")
    assert "\r" not in text and text.endswith("\n") and not text.startswith("\ufeff")
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    assert header == list(datasets.card(name).columns)
    assert all(len(r) == len(header) for r in rows[1:])


def test_simulated_datasets_say_so():
    # None is simulated today; any simulated one must say so in its card.
    for card in datasets.list_datasets():
        if "simulat" in (card.long_description + card.source).lower():
            assert "SIMULATED" in card.title.upper() and "simulated" in card.description.lower()


def test_readme_index_is_up_to_date():
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    build = _build_module()
    assert build.index_table() in readme
    for name in NAMES:
        assert f"`{name}`" in readme
    # the build script knows how to rebuild every dataset
    assert sorted(build.BUILDERS) == NAMES


# --------------------------------------------------------------------------- the API


def test_unknown_name_lists_available_and_suggests_closest():
    with pytest.raises(EdakitError) as info:
        datasets.card("sleeep")
    message = str(info.value)
    assert "'sleep'" in message and "Did you mean" in message
    for name in NAMES:
        assert name in message
    for fn in (datasets.load, datasets.path, datasets.show):
        with pytest.raises(EdakitError, match="unknown dataset"):
            fn("no_such_data")
    assert "Did you mean" not in _message(lambda: datasets.card("qqqqqqqq"))


def _message(fn) -> str:
    try:
        fn()
    except EdakitError as exc:
        return str(exc)
    raise AssertionError("no EdakitError")


def test_names_are_case_insensitive_and_may_end_in_csv():
    assert datasets.exists("ToothGrowth") and datasets.exists("sleep.csv")
    assert not datasets.exists("nonexistent") and not datasets.exists("../pyproject")
    assert datasets.card("InsectSprays").name == "insectsprays"


def test_show_is_readable_text():
    text = datasets.show("sleep")
    card = datasets.card("sleep")
    assert text.startswith(f"sleep: {card.title}")
    parts = ("Columns:", "extra", "Licence:", "Source:", "Student (1908)", card.command, "20 rows x 3 col")
    for part in parts:
        assert part in text
    assert all(len(line) <= 88 for line in text.splitlines() if not line.startswith("Size:"))


def test_malformed_card_is_reported_by_file_name(tmp_path: Path):
    good = (FOLDER / "sleep.toml").read_text(encoding="utf-8")
    bad = tmp_path / "sleep.toml"
    bad.write_text(good.replace('licence = "', 'licenze = "'), encoding="utf-8")
    with pytest.raises(EdakitError, match=r"sleep\.toml lacks the field 'licence'"):
        datasets._read_card(bad)


def test_load_parses_dates_and_missing_values():
    air = datasets.load("airquality")
    assert air.schema["date"] == pl.Date
    assert air["Ozone"].null_count() == 37
    assert datasets.load("airpassengers").schema["month"] == pl.Date


def test_import_does_not_pull_in_polars():
    code = (
        "import sys, edakit; before = 'polars' in sys.modules; import edakit.datasets; "
        "print(before, 'polars' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    before, after = out.split()
    assert not (after == "True" and before == "False")


def test_doctests():
    failures, _ = doctest.testmod(datasets, verbose=False)
    assert failures == 0


# --------------------------------------------------------------------------- spot checks against the sources


def test_sleep_matches_r():
    sleep = datasets.load("sleep")
    # R: sum(sleep$extra) = 30.8 (tests/r/datasets.out)
    assert sleep["extra"].sum() == pytest.approx(30.8, rel=1e-12)
    wide = sleep.pivot(on="group", index="ID", values="extra")
    # R: mean(extra[group == 2] - extra[group == 1]) = 1.58 — the paired design: each ID once per drug
    assert (wide["2"] - wide["1"]).mean() == pytest.approx(1.58, rel=1e-12)
    assert sorted(sleep.group_by("ID").len()["len"].unique().to_list()) == [2]


def test_toothgrowth_and_plantgrowth_match_r():
    tooth = datasets.load("toothgrowth")
    means = dict(tooth.group_by("supp").agg(pl.col("len").mean()).iter_rows())
    # R: mean(ToothGrowth$len[supp == "OJ"]) = 20.6633333333333, VC 16.9633333333333
    assert means["OJ"] == pytest.approx(20.6633333333333, rel=1e-12)
    assert means["VC"] == pytest.approx(16.9633333333333, rel=1e-12)
    plant = datasets.load("plantgrowth")
    means = dict(plant.group_by("group").agg(pl.col("weight").mean()).iter_rows())
    # R: tapply(PlantGrowth$weight, PlantGrowth$group, mean) = 5.032 4.661 5.526
    assert means == pytest.approx({"ctrl": 5.032, "trt1": 4.661, "trt2": 5.526}, rel=1e-12)


def test_mtcars_matches_r():
    cars = datasets.load("mtcars")
    # R: mean(mtcars$mpg) = 20.090625; sd(mtcars$wt) = 0.978457442989697;
    #    cor(mtcars$mpg, mtcars$wt) = -0.867659376517228
    assert cars["mpg"].mean() == pytest.approx(20.090625, rel=1e-12)
    assert cars["wt"].std() == pytest.approx(0.978457442989697, rel=1e-12)
    assert cars.select(pl.corr("mpg", "wt")).item() == pytest.approx(-0.867659376517228, rel=1e-12)
    assert cars["model"][0] == "Mazda RX4" and cars["model"].n_unique() == 32


def test_titanic_rows_rebuild_rs_table():
    titanic = datasets.load("titanic")
    # R: sum(Titanic) = 2201; apply(Titanic, 4, sum) = 1490 711; apply(Titanic, 1, sum) = 325 285 706 885
    assert titanic.height == 2201
    survived = dict(titanic.group_by("survived").len().iter_rows())
    assert survived == {"No": 1490, "Yes": 711}
    by_class = dict(titanic.group_by("class").len().iter_rows())
    assert by_class == {"1st": 325, "2nd": 285, "3rd": 706, "Crew": 885}


def test_airquality_matches_r():
    air = datasets.load("airquality")
    # R: colSums(is.na(airquality)) = 37 7 0 0 0 0; mean(Ozone, na.rm = TRUE) = 42.1293103448276
    missing = [air[c].null_count() for c in ("Ozone", "Solar.R", "Wind", "Temp", "Month", "Day")]
    assert missing == [37, 7, 0, 0, 0, 0]
    assert air["Ozone"].mean() == pytest.approx(42.1293103448276, rel=1e-12)
    assert air["date"][0] == date(1973, 5, 1) and air["date"][-1] == date(1973, 9, 30)
    rebuilt = [date(1973, m, d) for m, d in zip(air["Month"], air["Day"], strict=True)]
    assert air["date"].to_list() == rebuilt


def test_faithful_rivers_insectsprays_match_r():
    faithful = datasets.load("faithful")
    # R: mean(faithful$eruptions) = 3.48778308823529; mean(faithful$waiting) = 70.8970588235294
    assert faithful["eruptions"].mean() == pytest.approx(3.48778308823529, rel=1e-12)
    assert faithful["waiting"].mean() == pytest.approx(70.8970588235294, rel=1e-12)
    rivers = datasets.load("rivers")["length_miles"]
    # R: median(rivers) = 425; mean(rivers) = 591.184397163121; max(rivers) = 3710
    assert rivers.median() == 425 and rivers.max() == 3710
    assert rivers.mean() == pytest.approx(591.184397163121, rel=1e-12)
    sprays = datasets.load("insectsprays")
    totals = dict(sprays.group_by("spray").agg(pl.col("count").sum()).iter_rows())
    # R: tapply(count, spray, sum) = 174 184 25 59 42 200; var(InsectSprays$count) = 51.887323943662
    assert totals == {"A": 174, "B": 184, "C": 25, "D": 59, "E": 42, "F": 200}
    assert sprays["count"].var() == pytest.approx(51.887323943662, rel=1e-12)


def test_airpassengers_matches_r():
    air = datasets.load("airpassengers")
    # R: sum(AirPassengers) = 40363; first and last values 112 and 432; start 1949 1, end 1960 12
    assert air["passengers"].sum() == 40363
    assert air["passengers"][0] == 112 and air["passengers"][-1] == 432
    expected = [date(1949 + i // 12, i % 12 + 1, 1) for i in range(144)]
    assert air["month"].to_list() == expected


def test_penguins_documented_facts():
    # palmerpenguins documentation: 344 penguins (152 Adelie, 68 Chinstrap, 124 Gentoo); 2 birds without
    # measurements and 11 without a recorded sex.
    penguins = datasets.load("penguins")
    assert penguins.height == 344
    species = dict(penguins.group_by("species").len().iter_rows())
    assert species == {"Adelie": 152, "Chinstrap": 68, "Gentoo": 124}
    assert penguins["bill_length_mm"].null_count() == 2 and penguins["sex"].null_count() == 11


def test_licorice_matches_published_trial():
    trial = datasets.load("licorice")
    # medicaldata::licorice_gargle help: 235 patients, outcomes missing for 2.
    assert trial.height == 235
    assert trial["sore_throat_4h"].null_count() == 2
    # Ruetzler et al. (2013), as reported: sore throat at 4 hours in 21% (licorice) vs 45% (sugar water).
    rates = dict(trial.group_by("treatment").agg(pl.col("sore_throat_4h").mean()).iter_rows())
    assert round(100 * rates["licorice"]) == 21 and round(100 * rates["sugar"]) == 45
    # the derived binary outcomes agree with the pain scores they come from
    check = trial.drop_nulls("throat_pain_4h")
    assert (check["sore_throat_4h"] == (check["throat_pain_4h"] > 0).cast(pl.Int64)).all()
    assert (check["sore_throat_30min"] == (check["throat_pain_30min"] > 0).cast(pl.Int64)).all()
    assert set(trial["treatment"]) == {"licorice", "sugar"}
