"""Turn numbers, booleans and dates stored as text, and Unix timestamps, into typed values for profiling.

The conversion is lenient (a value that does not parse becomes missing) and applies to the profiling
view only: the loaded table keeps its raw text. Lenient casts are backend-specific, so this is the one
place that speaks to polars directly; other engines keep such columns as text, with a note.
"""

from __future__ import annotations

import narwhals.stable.v2 as nw

from edakit.schema import Schema

TRUE_WORDS = ["true", "yes", "y", "t"]


def apply_conversions(frame: nw.LazyFrame, schema: Schema) -> nw.LazyFrame:
    """Return `frame` with converted columns replaced by their typed values."""
    todo = [c for c in schema.columns if c.conversion]
    if not todo:
        return frame
    if nw.get_native_namespace(frame).__name__ != "polars":
        for col in todo:
            if col.conversion.startswith("epoch_"):
                col.notes.append("Looks like Unix timestamps; this engine keeps them as numbers.")
                col.role, col.conversion = "numeric", None
                continue
            col.notes.append(f"Looks like {col.role} stored as text; this engine keeps it as text.")
            col.role, col.conversion = "categorical", None
        return frame
    import polars as pl

    exprs = []
    for col in todo:
        text = pl.col(col.name).cast(pl.String).str.strip_chars()
        if col.conversion.startswith("epoch_"):  # Unix time in s, ms or us (`edakit.dates.epoch_unit`)
            unit = col.conversion.removeprefix("epoch_")
            exprs.append(pl.from_epoch(pl.col(col.name).cast(pl.Int64), time_unit=unit).alias(col.name))
        elif col.conversion == "number_text":
            exprs.append(text.str.replace_all(",", "").cast(pl.Float64, strict=False).alias(col.name))
        elif col.conversion == "bool_text":
            exprs.append(text.str.to_lowercase().is_in(TRUE_WORDS).alias(col.name))
            exprs[-1] = pl.when(text.is_null()).then(None).otherwise(exprs[-1]).alias(col.name)
        else:
            target = pl.Datetime if "%H" in col.conversion else pl.Date
            exprs.append(text.str.strptime(target, col.conversion, strict=False).alias(col.name))
    native = frame.to_native().with_columns(exprs)
    return nw.from_native(native)
