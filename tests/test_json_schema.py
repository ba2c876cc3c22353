"""The JSON form of a report: versioned schema shipped with the package, valid for real reports."""

from __future__ import annotations

import json

import jsonschema
import pytest

import edakit
from edakit.model import Report
from edakit.model_schema import SCHEMA_PATH, json_schema


def test_shipped_schema_is_up_to_date() -> None:
    """Regenerate with `python -m edakit.model_schema` after changing the model."""
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize(
    ("source", "options"),
    [
        ("penguins", {}),
        ("titanic", {}),
        ("airquality", {}),
        ("licorice", {"group": "treatment", "metrics": ["sore_throat_4h", "throat_pain_4h"]}),
    ],
)
def test_real_reports_validate_and_round_trip(source: str, options: dict) -> None:
    rep = edakit.report(source, **options)
    data = json.loads(rep.to_json())
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Report.from_dict(data).to_dict() == data


def test_schema_rejects_a_pre_formatted_number() -> None:
    data = json.loads(edakit.report("sleep").to_json())
    data["overview"]["rows"] = "20"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
