"""The data itself: the first rows and a seeded random sample of the others, each column headed by its role.

Checked against the file read independently (polars): every shown row holds the file's values at the position
it names.
"""

from __future__ import annotations

import polars as pl

import edakit
from edakit.page import TableBlock
from tests.conftest import DATASETS


def _data(rep: edakit.Report) -> list[TableBlock]:
    (section,) = [s for s in rep.sections if s.id == "data"]
    return [b for b in section.blocks if isinstance(b, TableBlock)]


def test_rows_shown_are_the_file_rows_at_their_positions() -> None:
    rep = edakit.report("penguins", seed=3)
    raw = pl.read_csv(DATASETS / "penguins.csv", null_values="NA")
    head, sample = _data(rep)
    assert [c.name for c in head.columns] == ["Row", *raw.columns]
    assert [c.tag for c in head.columns[1:]] == [c.role for c in rep.columns]  # each column's role
    assert [r[0] for r in head.rows] == [1, 2, 3, 4, 5]
    positions = [r[0] for r in sample.rows]
    assert len(positions) == 10 == len(set(positions)) and all(5 < p <= raw.height for p in positions)
    assert positions == sorted(positions)
    for row in head.rows + sample.rows:
        assert row[1:] == list(raw.row(row[0] - 1)), row
    again = [r[0] for r in _data(edakit.report("penguins", seed=3))[1].rows]
    other = [r[0] for r in _data(edakit.report("penguins", seed=4))[1].rows]
    assert again == positions and other != positions  # seeded: the same rows each time, other rows for a new seed


def test_a_small_table_is_shown_whole_and_long_values_are_cut() -> None:
    frame = pl.DataFrame({"n": list(range(12)), "note": ["x" * 100] + ["short"] * 11})
    (table,) = _data(edakit.report(frame))
    assert table.caption == "All 12 rows" and [r[0] for r in table.rows] == list(range(1, 13))
    assert table.rows[0][2] == "x" * 39 + "…" and table.rows[1][2] == "short"
    html = edakit.report(frame).to_html()
    assert '<section class="ek-section" id="data"' in html and "All 12 rows" in html


def test_the_sample_is_numpys_seeded_draw_from_the_rows_after_the_head() -> None:
    """The drawn positions are numpy's `default_rng(seed).choice` without replacement over the 0-based positions
    after the head (`np.arange(head, rows)`), sorted: the rows a reader can reproduce."""
    import narwhals.stable.v2 as nw
    import numpy as np

    from edakit.engine.rows import preview_rows

    rows = 20_011
    frame = nw.from_native(pl.DataFrame({"i": np.arange(rows)}).lazy())
    for seed in (0, 7):
        preview = preview_rows(frame, ["i"], rows, 5, 10, seed)
        drawn = np.sort(np.random.default_rng(seed).choice(np.arange(5, rows), size=10, replace=False))
        assert [r[0] - 1 for r in preview.sample] == drawn.tolist() == [r[1] for r in preview.sample]
