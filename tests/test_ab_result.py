"""The typed A/B result (`Report.ab`, `edakit.ab(...)`): named fields a notebook user can read, the same numbers
as the page's tables and the JSON, a JSON form that reads back as itself, and one pipeline for both entry points.

The numbers themselves are checked against R in tests/test_ab.py.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

import edakit
from edakit import _present
from edakit.model import Report
from edakit.page import TableBlock
from edakit.stats.ab_results import ABComparison, ABResult, CupedAdjustment, SRMResult, VariantEstimate
from edakit.stats.result import EffectSize

OPTIONS = {"group": "treatment", "metrics": ["sore_throat_4h"], "control": "sugar"}
# as the `edakit ab` command builds its configuration (edakit/cli.py): no correlations or group comparisons
CLI = {**OPTIONS, "correlations": False, "comparisons": False, "conf_level": 0.95}


@pytest.fixture(scope="module")
def rep() -> Report:
    return edakit.report("licorice", **OPTIONS)


def _tables(rep: Report, subsection: int | None = None) -> dict[str, TableBlock]:
    (sec,) = [s for s in rep.sections if s.id == "ab-test"]
    blocks = sec.blocks if subsection is None else sec.subsections[subsection].blocks
    return {b.caption: b for b in blocks if isinstance(b, TableBlock)}


def test_report_ab_is_typed_named_and_matches_the_page(rep: Report) -> None:
    a = rep.ab
    assert isinstance(a, ABResult) and isinstance(a.srm, SRMResult)
    assert (a.group, a.control, a.labels) == ("treatment", "sugar", ["licorice", "sugar"])
    assert (a.alpha, a.power, a.conf_level) == (0.05, 0.8, 0.95)
    c = a.comparison("sore_throat_4h")
    assert isinstance(c, ABComparison) and a.metrics == {"sore_throat_4h": [c]}
    assert (c.kind, c.treatment, c.control, c.n_treatment, c.n_control) == ("binary", "licorice", "sugar", 117, 116)
    table = _tables(rep, 0)["sore_throat_4h: each variant against sugar"]
    assert table.rows == [
        [
            "licorice vs sugar",
            c.estimate,
            list(c.ci),
            c.n_treatment + c.n_control,
            c.relative_lift,
            list(c.relative_ci),
            c.p_value,
            c.effect_size.value,
            list(c.effect_size.ci),
            c.mde,
        ]
    ]
    # log-scale interval of the ratio from R's "lic4h rel" (r, se of the ratio; tests/r/ab.out):
    # ratio·exp(±qnorm(0.975)·se/ratio) − 1, se(log ratio) being se(ratio)/ratio
    ratio, se = 1 - 0.542406311637, 0.0956904202081
    expected = [ratio * math.exp(k * 1.959963984540054 * se / ratio) - 1 for k in (-1, 1)]
    assert c.relative_ci == pytest.approx(expected, rel=1e-9)
    assert c.relative_ci[0] > -1
    assert c.decision_p == c.p_value and c.significant is True and c.p_adjusted is None
    variants = _tables(rep, 0)["sore_throat_4h: rate per variant"]
    assert variants.rows == [
        [e.label + (" (control)" if e.label == "sugar" else ""), e.n, e.missing, e.mean, list(e.ci)]
        for e in a.variants["sore_throat_4h"]
    ]
    allocation = _tables(rep)["Allocation of rows to the variants of treatment"]
    assert [row[1] for row in allocation.rows] == [a.rows["licorice"], a.rows["sugar"]] == [118, 117]
    assert [row[3] for row in allocation.rows] == [a.srm.expected_share[k] for k in a.labels]
    data = json.loads(rep.to_json())["ab"]
    (cj,) = data["comparisons"]
    assert cj["relative_ci"] == list(c.relative_ci) and cj["p_value"] == c.p_value and cj["kind"] == "binary"
    assert cj["decision_p"] == c.decision_p and cj["significant"] is True and data["srm"]["mismatch"] is False
    assert data["kind"] == "ABResult" and cj["explanation"] == c.explanation


def test_repr_shows_lift_interval_and_decision_p(rep: Report) -> None:
    text = repr(rep.ab)
    # the interval is Newcombe's (R's Wald interval of prop.test was -0.3595 to -0.1268)
    assert "sore_throat_4h[licorice]: lift=-0.2431 (95% CI -0.3537 to -0.1233) p=7.55e-05" in text


def test_cli_configuration_gives_the_same_result(rep: Report) -> None:
    cli = edakit.report("licorice", **CLI)
    assert cli.ab == rep.ab and [s.id for s in cli.sections if s.id.startswith("ab")] == ["ab-test"]


def test_report_ab_reads_back_from_json_as_the_same_classes(rep: Report) -> None:
    back = Report.from_json(rep.to_json()).ab
    assert back == rep.ab
    c = back.comparison("sore_throat_4h")
    assert isinstance(back.srm, SRMResult) and isinstance(c, ABComparison) and isinstance(c.effect_size, EffectSize)
    assert isinstance(back.variants["sore_throat_4h"][0], VariantEstimate) and isinstance(c.relative_ci, tuple)
    assert (c.kind, c.significant, back.srm.mismatch) == ("binary", True, False)  # derived fields recomputed


def test_cuped_and_several_comparisons_read_back_from_json() -> None:
    from tests.test_ab import ANOREXIA

    rep = edakit.report(ANOREXIA, group="Treat", metrics=["Postwt", "gain"], control="Cont", covariate="Prewt")
    back = Report.from_json(rep.to_json()).ab
    assert back == rep.ab and len(back.comparisons) == 4
    c = back.comparison("Postwt", "FT")
    assert isinstance(c.cuped, CupedAdjustment) and c.cuped.p_value is not None
    assert c.p_adjusted is not None and c.decision_p == c.p_adjusted and c.p_adjust_method == "holm"
    assert [x.treatment for x in back.metrics["gain"]] == ["CBT", "FT"]
    assert back.comparison("Postwt", "FT").primary == (c.cuped.estimate, c.cuped.ci)
    assert "CUPED" in repr(back)


def test_edakit_ab_and_the_report_give_the_same_numbers(rep: Report) -> None:
    r = edakit.ab("licorice", **OPTIONS)
    assert isinstance(r, ABResult) and r == rep.ab
    assert r.comparison("sore_throat_4h").ci == rep.ab.comparison("sore_throat_4h").ci
    assert r.explanation == rep.ab.explanation


def test_alpha_power_conf_level_and_adjustment_come_from_the_config() -> None:
    frame = edakit.datasets.load("licorice")
    metrics = ["sore_throat_4h", "throat_pain_4h"]
    rep = edakit.report(frame, group="treatment", metrics=metrics, control="sugar", alpha=0.01, power=0.9,
                        conf_level=0.9, p_adjust="bh")  # fmt: skip
    a = rep.ab
    assert (a.alpha, a.power, a.conf_level, a.p_adjust) == (0.01, 0.9, 0.9, "bh")
    for c in a.comparisons:
        assert (c.alpha, c.target_power, c.conf_level, c.p_adjust_method, c.family_size) == (0.01, 0.9, 0.9, "bh", 2)
    same = edakit.ab(frame, group="treatment", metrics=metrics, control="sugar", alpha=0.01, power=0.9,
                     conf_level=0.9, p_adjust="bh")  # fmt: skip
    assert same == a


def test_notebook_view_goes_through_a_presenter(rep: Report) -> None:
    assert "ab_html" in _present.PRESENTERS
    html = rep.ab._repr_html_()
    assert html.startswith('<div class="edakit">') and "A/B test" in html and "sore_throat_4h" in html
    assert not hasattr(ABResult, "section")


def test_gathering_imports_no_scipy() -> None:
    code = "import sys, edakit.engine.ab; assert 'scipy' not in sys.modules, 'scipy imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
