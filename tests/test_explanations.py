"""The words of the report: what explanations say for representative results, what they must never claim, the
guide and glossary, glossary links (escaping first), and the explanation level (full / brief).

These tests check wording, not numbers: every number a statistic produces is checked against R in the tests of
its own module. Where a sentence quotes a count (n, rows), the count is the input's size, known here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from markupsafe import Markup

from edakit.config import ReportConfig
from edakit.errors import EdakitError
from edakit.explain import explain
from edakit.explain.correlation import short_explanation
from edakit.explain.glossary import TERMS, anchor, term
from edakit.explain.report import first_sentence
from edakit.model import Report
from edakit.page import ChartBlock, Paragraph, Section, TableBlock
from edakit.pipeline import build_report
from edakit.render.html import glossary_links
from edakit.stats import (
    anova,
    chi_square,
    compare_means,
    correlation,
    cramers_v_from_table,
    describe,
    pearson_from_moments,
    shapiro,
    ttest,
)

# Student's sleep data (R: datasets::sleep), extra hours of sleep on drug 1 and drug 2 for the same 10 patients.
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

# ---------------------------------------------------------------------------------------------- forbidden claims
# Each pattern finds a claim; a claim is allowed only when the clause before it negates it ("this is not evidence
# that there is no effect", "does not show that one variable causes the other"). A clause starts after . ! ? (when
# followed by a space, so decimals do not count), ; or :.

NEGATION = re.compile(r"\b(not|no|never|cannot|nor|neither|without|none)\b|n't\b", re.IGNORECASE)
# "not significant" and "not below 0.05" describe the result; they do not negate the claim that follows them
_NOT_A_NEGATION = re.compile(r"\bnot (statistically )?significant\w*|\bnot below\b|\bno clear\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?](?=\s)|[;:]")

# Each pattern marks the claim's verb as group "v"; the claim is negated when the clause before "v" negates it.
FORBIDDEN: dict[str, re.Pattern[str]] = {
    # "the difference is significant, which proves the effect", "confirming the hypothesis"
    "a result proves an effect or a hypothesis": re.compile(
        r"\b(?P<v>prov(e[sdn]?|ing)|proof|confirm(s|ed|ing)?|establish(es|ed|ing)?|demonstrat(e[sd]?|ing)|"
        r"guarantee[sd]?)\b[^.;:]{0,60}?\b(effect|difference|association|correlation|relationship|hypothesis|"
        r"(is|are) real)\b",
        re.IGNORECASE,
    ),
    # "the alternative hypothesis is true", "the null hypothesis is proven"
    "a hypothesis declared true or proven": re.compile(
        r"\bhypothesis (?P<v>is|must be|has been|was) (true|correct|proven|proved|confirmed|accepted|false|wrong|"
        r"disproved)\b",
        re.IGNORECASE,
    ),
    # "the p-value is the probability that the null hypothesis is true", "a 3 % chance that there is no effect"
    "p-value as the probability of the null": re.compile(
        r"\b(?P<v>probability|chance|likelihood|odds) (that |of |the )?(the )?(null hypothesis|null|hypothesis|"
        r"there is no (real )?(effect|difference|association)|no (real )?(effect|difference|association))\b",
        re.IGNORECASE,
    ),
    # "the probability that the result is due to chance", "a 95 % chance the effect is real"
    "p-value as the probability of chance or of a real effect": re.compile(
        r"\b(?P<v>probability|chance|likelihood) (that )?(the |this )?(result|difference|effect|association|"
        r"finding|correlation)s? (is|are|was|were) (due to|caused by|explained by|just|merely|a fluke|"
        r"a coincidence|real|genuine)\b",
        re.IGNORECASE,
    ),
    # "the correlation shows that x causes y", "this association implies causation"
    "correlation proves causation": re.compile(
        r"\b(correlat\w*|associat\w*|related|relationship|r =)[^.;:]{0,80}?\b(?P<v>proves?|shows?|means?|"
        r"impl(y|ies)|demonstrates?|establish(es)?|confirms?|indicates?)\b[^.;:]{0,40}?\bcaus\w*",
        re.IGNORECASE,
    ),
    # "x causes y", "drug 2 leads to more sleep"
    "a causal claim": re.compile(
        r"\b(?P<v>causes|caused by|leads to(?! (check|confirm|test))|results in)\b", re.IGNORECASE
    ),
    # "not significant, so there is no effect", "this shows there is no difference"
    "non-significance proves no effect": re.compile(
        r"\b(?P<v>prove[sdn]?|proof|shows?|showing|confirms?|establish(es)?|demonstrates?|(which|this|that) means|"
        r"evidence|conclude[sd]?|so|therefore|hence|thus)\b (that )?(there (is|was|are|were) )?no (real |true )?"
        r"(effect|difference|association|correlation|relationship)\b",
        re.IGNORECASE,
    ),
    # "a large p-value is evidence that the groups are the same", "which means the variants perform the same"
    "non-significance proves equality": re.compile(
        r"\b(?P<v>prove[sdn]?|proof|shows?|confirms?|establish(es)?|demonstrates?|evidence|(which|this|that) means|"
        r"conclude[sd]?)\b (that )?[^.;:]{0,50}?\b(are|is|perform) (the same|equal|identical|equivalent)\b",
        re.IGNORECASE,
    ),
    # "significant, so the effect is large / important"
    "significance read as importance": re.compile(
        r"\bsignifican\w*\b[^.;:]{0,40}?\b(?P<v>so|therefore|hence|thus|which means|meaning)\b[^.;:]{0,30}?"
        r"\b(large|important|meaningful|substantial|big|strong)\b",
        re.IGNORECASE,
    ),
}


def forbidden_claims(text: str) -> list[tuple[str, str]]:
    """(rule, clause) for every un-negated forbidden claim in `text`."""
    found = []
    for rule, pattern in FORBIDDEN.items():
        for match in pattern.finditer(text):
            starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())]
            begin = starts[-1] if starts else 0
            prefix = _NOT_A_NEGATION.sub("", text[begin : match.start("v")])
            if not NEGATION.search(prefix):
                found.append((rule, text[begin : match.end() + 40].strip()))
    return found


BAD = [
    "The difference is statistically significant, which proves the effect is real.",
    "p < 0.001, confirming the hypothesis that drug 2 works.",
    "Since p < 0.05, the alternative hypothesis is true.",
    "The p-value is the probability that the null hypothesis is true.",
    "There is a 3 % chance that there is no effect.",
    "p = 0.03 means a 3 % probability that the result is due to chance.",
    "There is a 95 % chance the effect is real.",
    "The strong correlation shows that smoking causes cancer.",
    "This association implies causation.",
    "Higher ozone causes warmer days.",
    "p = 0.4, so there is no difference between the groups.",
    "The non-significant result shows that there is no effect.",
    "A large p-value is evidence that the groups are the same.",
    "The test was not significant, which means the variants perform the same.",
    "The result is significant, so the effect is important.",
]
GOOD = [
    "The p-value is not the probability that the null hypothesis is true.",
    "This is not evidence that there is no effect, only that this sample cannot rule it out.",
    "Correlation alone does not show that one variable causes the other: a third variable may drive both.",
    "An association is not causation.",
    "A non-significant result does not show that there is no effect.",
    "That is not proof of normality, and it is no proof that the variances are equal.",
    "This does not show that B and A perform the same: the interval still includes lifts from -1 to +2.",
    "A small p-value does not by itself say the effect is large or important.",
    "The correlation is statistically significant but negligible: with 1,000,000 observations even a tiny "
    "correlation gives a small p-value.",
    "p = 0.079: if every group had the same mean, data at least this extreme would turn up with probability 0.079.",
]


@pytest.mark.parametrize("sentence", BAD)
def test_forbidden_patterns_catch_the_claims(sentence: str) -> None:
    assert forbidden_claims(sentence), sentence


@pytest.mark.parametrize("sentence", GOOD)
def test_forbidden_patterns_let_the_caveats_through(sentence: str) -> None:
    assert forbidden_claims(sentence) == []


# ---------------------------------------------------------------------------------------------- real reports

REPORTS: dict[str, tuple[str, dict[str, Any]]] = {
    "penguins": ("penguins", {"max_charted_columns": 0}),
    "titanic": ("titanic", {"max_charted_columns": 0}),
    "sleep": ("sleep", {}),
    "airquality": ("airquality", {}),
    "sleep by group": ("sleep", {"group": "group", "max_charted_columns": 0}),
    "plantgrowth by group": ("plantgrowth", {"group": "group", "max_charted_columns": 0}),
    "licorice A/B": (
        "licorice",
        {
            "group": "treatment",
            "metrics": ["sore_throat_4h", "throat_pain_4h"],
            "control": "sugar",
            "correlations": False,
            "comparisons": False,
            "max_charted_columns": 0,
        },
    ),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: build_report(source, ReportConfig(**opts)) for name, (source, opts) in REPORTS.items()}


def section_texts(section: Section) -> Iterator[str]:
    yield section.title
    yield section.summary
    for block in section.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, TableBlock):
            yield block.caption
            yield from (c.help for c in block.columns)
            yield from block.row_notes
            yield from (str(cell) for row in block.rows for cell in row if isinstance(cell, str))
        elif isinstance(block, ChartBlock):
            yield block.caption
            yield block.alt
    yield from section.notes
    for sub in section.subsections:
        yield from section_texts(sub)


def report_texts(rep: Report) -> Iterator[str]:
    """Every sentence the report shows: summaries, facts, alerts, notes, captions, alt texts, sections."""
    yield rep.overview.summary
    yield rep.chart_note
    yield from rep.notes
    yield from (a.message for a in rep.alerts)
    for col in rep.columns:
        yield col.summary
        yield from (f.explanation for f in col.facts)
        yield from (t for c in col.charts for t in (c.caption, c.alt))
    yield from (t for c in rep.charts for t in (c.caption, c.alt))
    for section in rep.sections:
        yield from section_texts(section)


@pytest.mark.parametrize("name", list(REPORTS))
def test_no_report_sentence_makes_a_forbidden_claim(reports: dict[str, Report], name: str) -> None:
    claims = [claim for text in report_texts(reports[name]) if text for claim in forbidden_claims(text)]
    assert claims == []


@pytest.mark.parametrize("name", list(REPORTS))
def test_every_result_is_explained(reports: dict[str, Report], name: str) -> None:
    rep = reports[name]
    assert rep.overview.summary and all(a.message for a in rep.alerts)
    for col in rep.columns:
        assert col.summary
        assert all(f.explanation for f in col.facts), col.name
        assert all(c.alt for c in col.charts)
        assert all(c.caption for c in col.charts if not c.note)

    def check(section: Section) -> None:
        for block in section.blocks:
            if isinstance(block, ChartBlock):
                assert block.caption and block.alt, section.id
        for sub in section.subsections:
            check(sub)

    for section in rep.sections:
        assert section.summary or section.blocks or section.subsections, section.id
        check(section)


def test_report_caveats_appear(reports: dict[str, Report]) -> None:
    penguins = "\n".join(report_texts(reports["penguins"]))
    assert "does not show that one variable causes the other" in penguins
    assert "false discovery rate" in penguins and "leads to check on new data" in penguins
    assert "not the probability that the null hypothesis is true" in penguins  # the guide
    titanic = next(s for s in reports["titanic"].sections if s.id == "correlations")
    assert "does not show that one variable causes the other" in titanic.summary
    # the non-significant comparison of the sleep data: no "no effect" claim, the caveat instead
    grouped = "\n".join(report_texts(reports["sleep by group"]))
    assert "not evidence that there is no effect" in grouped
    ab = "\n".join(report_texts(reports["licorice A/B"]))
    assert "Significance is not size" in ab and "peeking" in ab
    assert "random assignment" in ab  # the guide: a randomised experiment supports a causal reading


def test_numeric_facts_say_what_each_number_means(reports: dict[str, Report]) -> None:
    mass = reports["penguins"].column("body_mass_g")
    facts = {f.label: f.explanation for f in mass.facts}
    n_text = facts["n (non-missing)"]
    assert n_text.startswith("342 of 344 rows have a value") and "2 missing" in n_text
    assert "not for individual values" in facts["mean"] and "341 degrees of freedom" in facts["mean"]
    assert "sd / √n" in facts["standard error"] and "√342" in facts["standard error"]
    assert "type-7" in facts["first quartile (Q1)"].lower() or "Type-7" in facts["first quartile (Q1)"]
    assert "estimates the standard deviation when the data are normal" in facts["MAD"]
    assert "not necessarily wrong" in facts["outliers (Tukey)"] or facts["outliers (Tukey)"].startswith("No value")
    assert "2 missing left out" in mass.summary


# ---------------------------------------------------------------------------------------------- single results


def test_significant_paired_t_test() -> None:
    text = ttest(SLEEP_1, SLEEP_2, paired=True).explanation
    assert "paired t-test on the 10 differences" in text
    assert "below 0.05" in text and "hard to reconcile" in text
    assert "does not by itself say the effect is large or important" in text
    assert "not the probability that the null hypothesis is true" in text
    assert "Statistical significance is not size" in text
    assert "not evidence" not in text
    # failed assumption: Shapiro-Wilk rejects normality of the 10 differences (R: shapiro.test gives p = 0.03334)
    assert "not normally distributed" in text and "rank-based test or a bootstrap is a safer check" in text
    assert forbidden_claims(text) == []


def test_non_significant_welch_test_with_a_large_estimate() -> None:
    text = ttest(SLEEP_1, SLEEP_2).explanation  # R: t.test(extra ~ group, sleep) gives p = 0.07939
    assert "Welch's two-sample t-test" in text and "20 values (10 in x, 10 in y)" in text
    assert "compatible with" in text and "not evidence that there is no effect" in text
    assert "It includes 0." in text
    assert "large, yet not statistically significant" in text and "open, not answered with a no" in text
    assert "Welch's version does not assume equal variances" in text
    assert forbidden_claims(text) == []


def test_tiny_sample() -> None:
    text = ttest([1.2, 3.4, 2.2]).explanation
    assert "3 values" in text and "With only 3 values the estimate is imprecise" in text
    assert "little power" in text
    w = shapiro([1.2, 3.4, 2.2, 2.9]).explanation
    assert "not proof of normality" in w and "little power" in w
    r = correlation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).explanation
    assert "With only 5 pairs the estimate is very imprecise" in r
    d = describe([4.2, 9.9, 1.1]).to_dict()["explanation"]
    assert "3 values" in d
    assert forbidden_claims(text + w + r + d) == []


def test_huge_sample_trivial_correlation_is_significant_but_negligible() -> None:
    r = pearson_from_moments(1_000_000, 1.0, 1.0, 0.02, x_name="x", y_name="y")  # r = 0.02 exactly
    assert r.p_value < 1e-50  # t = 0.02·√999998 / √(1 − 0.0004) ≈ 20
    text = r.explanation
    assert "statistically significant but negligible" in text
    assert "1,000,000" in text and "does not show that one variable causes the other" in text
    short = short_explanation(r, 1e-80)
    assert "statistically significant but negligible" in short
    assert forbidden_claims(text + short) == []


def test_huge_sample_ab_lift_is_judged_by_its_interval_not_by_cohens_label() -> None:
    # two arms of a million rows whose means differ by 0.2 (Cohen's d = 0.02). Issue 20: Cohen's conventions are not
    # applied to A/B lifts; the lift and its interval (Welch: 0.2 ± 1.96·sqrt(2·100/10⁶)) are the effect size.
    c = compare_means(100.2, 100.0, 1_000_000, 100.0, 100.0, 1_000_000, metric="m", treatment="b", control="a")
    assert c.p_value < 1e-10 and c.effect_size.magnitude is None
    text = c.explanation
    assert "negligible" not in text and "no label such as" in text
    assert "between +0.172 and +0.228" in text  # 0.2 ± 1.96·0.01414
    assert "the data indicate that b has a higher mean m than a, though they do not prove it" in text
    assert forbidden_claims(text) == []


def test_failed_equal_variance_assumption_recommends_welch() -> None:
    groups = {
        "a": [1.0, 1.1, 0.9, 1.05, 0.95, 1.0, 1.02, 0.98],
        "b": [2.0, 5.0, -1.0, 8.0, 0.0, 3.0, 6.0, -2.0],
        "c": [3.0, 3.2, 2.8, 3.1, 2.9, 3.05, 2.95, 3.0],
    }
    text = anova(groups).explanation
    assert "suggests the group variances differ" in text and "Welch's ANOVA" in text and "safer choice" in text
    assert "not evidence that there is no effect" in text
    assert forbidden_claims(text) == []


def test_significant_association_is_not_causation() -> None:
    # R: datasets::HairEyeColor summed over sex, hair (rows) by eye colour (columns)
    table = [[68, 20, 15, 5], [119, 84, 54, 29], [26, 17, 14, 14], [7, 94, 10, 16]]
    chi = chi_square(table).explanation
    assert "An association is not causation" in chi and "not the probability" in chi
    v = cramers_v_from_table(table, x_name="hair", y_name="eye").explanation
    assert "does not show that one causes the other" in v
    assert forbidden_claims(chi + v) == []


def test_every_representative_explanation_is_clean() -> None:
    results = [
        ttest(SLEEP_1, SLEEP_2, equal_var=True),
        ttest(SLEEP_1, mu=1.0, alternative="less"),
        anova({"a": SLEEP_1, "b": SLEEP_2}, welch=True),
        correlation(SLEEP_1, SLEEP_2, "spearman"),
        correlation(SLEEP_1, SLEEP_2, "kendall"),
        shapiro(SLEEP_1 + SLEEP_2),
    ]
    for r in results:
        assert r.explanation and forbidden_claims(explain(r)) == [], type(r).__name__


# ---------------------------------------------------------------------------------------------- guide and glossary


def test_guide_is_first_and_glossary_last(reports: dict[str, Report]) -> None:
    for rep in reports.values():
        ids = [s.id for s in rep.sections]
        assert ids[:2] == ["data", "how-to-read"] and ids[-1] == "glossary"  # the rows, then the guide
    guide = reports["penguins"].sections[1]
    text = " ".join(section_texts(guide))
    assert "344 rows" in text and "95 %" in text and "every row too" in text
    assert "Benjamini–Hochberg" in text  # the correlations screen
    formulas = [b.text for s in guide.subsections for b in s.blocks if b.tone == "formula"]
    for needle in (
        "x̄ ± t(q; n − 1)",
        "h = (n − 1)·p + 1",
        "1.4826",
        "G1 = g1",
        "Wilson",
        "atanh(r)",
        "X² = Σ",
        "eta² =",
    ):
        assert any(needle in f for f in formulas), needle
    grouped = " ".join(section_texts(next(s for s in reports["sleep by group"].sections if s.id == "how-to-read")))
    assert "adjusted by Holm" in grouped and "Welch's t-test: t = " in grouped


def test_glossary_has_the_required_terms_and_anchors(reports: dict[str, Report]) -> None:
    glossary = reports["sleep"].sections[-1]
    ids = {s.id for s in glossary.subsections}
    assert ids == {anchor(t) for t in TERMS}
    titles = " ".join(s.title for s in glossary.subsections).lower()
    for needed in (
        "confidence interval",
        "standard error",
        "p-value",
        "effect size",
        "power",
        "multiple testing",
        "skewness",
        "outlier",
        "causation",
        "sampling bias",
        "quantile",
        "iqr",
        "mad",
        "wilson",
        "cramér's v",
        "eta",
        "holm",
        "benjamini–hochberg",
    ):
        assert needed in titles, needed
    assert all(s.blocks and s.blocks[0].text for s in glossary.subsections)
    assert forbidden_claims(" ".join(t.definition for t in TERMS)) == []


def test_glossary_links_escape_first() -> None:
    hostile = '<script>alert("p-value")</script> <img src=x onerror=alert(1)> & a p-value of "0.01"'
    html = str(glossary_links(hostile))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp;" in html
    assert html.count('<a href="#glossary-p-value" class="ek-term">p-value</a>') == 1  # the first mention only
    assert re.sub(r"<a [^>]*>|</a>", "", html) == str(Markup.escape(hostile))  # nothing else changed
    assert isinstance(glossary_links("x"), Markup)
    # an alias inside quotes and entities, a term with an apostrophe, plurals, capitals-only aliases
    out = str(glossary_links("Cramér's V, two CIs, a ci, the 95 % CI; Tukey's fences; outliers"))
    assert '<a href="#glossary-cramers-v" class="ek-term">Cramér&#39;s V</a>' in out
    assert '<a href="#glossary-confidence-interval" class="ek-term">CIs</a>' in out and "a ci," in out
    assert '<a href="#glossary-outlier" class="ek-term">Tukey&#39;s fences</a>' in out and "; outliers" in out
    # a glossary entry does not link to itself; existing markup and links are left alone
    assert "<a " not in str(glossary_links("A p-value is", skip="glossary-p-value"))
    kept = str(glossary_links(Markup('<a href="#x">p-value</a> <b title="p-value">p-value</b>')))
    assert kept.startswith('<a href="#x">p-value</a> <b title="p-value"><a href="#glossary-p-value"')


def test_glossary_pattern_matches_as_one_longest_first_alternation(reports: dict[str, Report]) -> None:
    """The pattern tries at a word start only the aliases beginning with its letter; it must find exactly what the
    plain pattern finds: every alias in one alternation, longest first (built here as it was before)."""
    from edakit.render.html import _glossary_pattern

    parts = []
    for alias in sorted((a for t in TERMS for a in t.aliases), key=lambda a: -len(a)):
        text = str(Markup.escape(alias))
        parts.append(re.escape(text) if alias.isupper() else f"(?i:{re.escape(text)})")
    plain = re.compile(
        r"(?P<link><a\b[^>]*>.*?</a>)|(?P<tag><[^>]*>)|(?<![\w-])(?P<term>(?:" + "|".join(parts) + r")s?)(?![\w-])",
        re.DOTALL,
    )
    aliases = [a for t in TERMS for a in t.aliases]
    variants = [v for a in aliases for v in (a, a.lower(), a.upper(), a.title(), a + "s", "x" + a, a + "-x", f"-{a}")]
    page = " ".join(t for rep in reports.values() for t in re.findall(r">([^<>]+)<", rep.to_html(), re.DOTALL))
    text = (
        str(Markup.escape(" ".join(variants) + " ; " + ", ".join(aliases)))
        + page
        + '<a href="#x">p-value</a> <b title="CI">CI</b>'
    )
    pattern, _ = _glossary_pattern()

    def matches(p: re.Pattern[str]) -> list[tuple[int, int, dict[str, str | None]]]:
        return [(m.start(), m.end(), m.groupdict()) for m in p.finditer(text)]

    found = matches(pattern)
    assert found == matches(plain)
    assert sum(1 for _, _, groups in found if groups["term"]) > len(aliases)  # the aliases are found, and more


def test_rendered_links_point_at_glossary_entries(reports: dict[str, Report]) -> None:
    import copy

    rep = copy.deepcopy(reports["sleep"])  # without charts and the other sections: no drawing, fast
    rep.sections = [s for s in rep.sections if s.id in ("how-to-read", "glossary")]
    rep.charts = []
    for col in rep.columns:
        col.charts = []
    html = rep.to_html()
    links = set(re.findall(r'href="#(glossary-[^"]+)"', html))
    ids = set(re.findall(r'id="(glossary-[^"]+)"', html))
    assert links and links <= ids
    assert anchor(term("p-value")) in links and anchor(term("quantile")) in links  # a column summary links too


# ---------------------------------------------------------------------------------------------- explanation level


def test_first_sentence() -> None:
    assert first_sentence("About 25 % are below 2.5. Type-7 quantile.") == "About 25 % are below 2.5."
    assert first_sentence("Use e.g. the median. Then more.") == "Use e.g. the median."
    assert first_sentence("One sentence only") == "One sentence only"


def test_brief_level_keeps_one_sentence_and_drops_methods() -> None:
    full = build_report("sleep", ReportConfig(group="group"))
    brief = build_report("sleep", ReportConfig(group="group", explain="brief"))
    assert brief.settings["explain"] == "brief" and full.settings["explain"] == "full"
    for f_col, b_col in zip(full.columns, brief.columns, strict=True):
        for f, b in zip(f_col.facts, b_col.facts, strict=True):
            assert b.explanation == first_sentence(f.explanation) and len(b.explanation) <= len(f.explanation)
        assert b_col.summary == first_sentence(f_col.summary)
        for fc, bc in zip(f_col.charts, b_col.charts, strict=True):
            assert bc.alt == fc.alt and bc.caption == first_sentence(fc.caption)

    def tones(sections: list[Section]) -> set[str]:
        out = set()
        for s in sections:
            out |= {b.tone for b in s.blocks if isinstance(b, Paragraph)} | tones(s.subsections)
        return out

    assert {"method", "formula"} <= tones(full.sections)
    assert not {"method", "formula"} & tones(brief.sections)
    guide = next(s for s in brief.sections if s.id == "how-to-read")
    assert not guide.subsections and not guide.blocks and "brief version" in guide.notes[-1]
    assert brief.sections[-1].id == "glossary"


def test_explain_option_is_validated() -> None:
    with pytest.raises(EdakitError, match="full' or 'brief"):
        ReportConfig(explain="short")


def test_cli_explain_option(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """--explain reaches the config from both commands (the pipeline is stubbed: this is about the option)."""
    from typer.testing import CliRunner

    import edakit.pipeline
    from edakit.cli import app

    seen: list[ReportConfig] = []

    class Written:
        def to_html(self, path: Any) -> None:
            pass

    def fake_build(source: Any, config: ReportConfig, on_stage: Any = None, **options: Any) -> Written:
        seen.append(config)
        return Written()

    monkeypatch.setattr(edakit.pipeline, "build_report", fake_build)
    runner = CliRunner()
    out = str(tmp_path / "r.html")
    assert runner.invoke(app, ["report", "sleep", "--explain", "brief", "-o", out, "-q"]).exit_code == 0
    assert runner.invoke(app, ["report", "sleep", "-o", out, "-q"]).exit_code == 0
    ab = ["ab", "licorice", "--group", "treatment", "--metric", "sore_throat_4h", "-o", out, "-q"]
    assert runner.invoke(app, [*ab, "--explain", "brief"]).exit_code == 0
    assert [c.explain for c in seen] == ["brief", "full", "brief"]
    assert seen[-1].metrics == ["sore_throat_4h"]
    bad = runner.invoke(app, ["report", "sleep", "--explain", "short", "-o", out])
    assert bad.exit_code == 2 and "--explain must be 'full' or 'brief'" in bad.output


def test_kendalls_w_links_to_its_own_entry_and_tau_to_correlation() -> None:
    html = str(glossary_links("Friedman's test with Kendall's W; Spearman's rho and Kendall's tau-b"))
    assert '<a href="#glossary-kendalls-w" class="ek-term">Kendall&#39;s W</a>' in html
    assert '<a href="#glossary-correlation" class="ek-term">Spearman</a>' in html
    assert "W" not in term("correlation").aliases and "Kendall's W" in term("kendalls-w").aliases


def test_each_result_module_names_the_family_that_explains_its_results() -> None:
    """`explain` imports only the family its result's module maps to: every registered result class must be in a
    module mapped to the family that registered it, or its explanation would come from the generic fallback."""
    import importlib

    import edakit.explain as words

    for family in words._FAMILIES:
        importlib.import_module(f"edakit.explain.{family}")
    registered = {cls: func for cls, func in words._explain.registry.items() if cls is not object}
    assert len(registered) >= 30
    for cls, func in registered.items():
        assert words._FAMILY_OF.get(cls.__module__) == func.__module__.rsplit(".", 1)[1], cls
    assert set(words._FAMILY_OF.values()) == set(words._FAMILIES)


FRESH_PROCESS = """
import dataclasses, sys
from edakit.explain import explain
from edakit.stats import describe, ttest
from edakit.stats.parametric import TTestResult

families = ("edakit.explain.ab", "edakit.explain.paired", "edakit.stats.ab_results", "edakit.explain.hypothesis")
text = explain(describe([1.0, 2.0, 4.0]))
print(bool(text), "edakit.explain.describe" in sys.modules, *(m in sys.modules for m in families))

@dataclasses.dataclass
class MyTTest(TTestResult):  # a class in a module the map does not name
    pass

result = ttest([0.7, -1.6, -0.2, 3.4, 3.7], [1.9, 0.8, 1.1, 4.4, 5.5])
mine = MyTTest(**{f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.init})
text = explain(mine)
print(text == explain(result), "Welch" in text, *(m in sys.modules for m in families))
"""


def test_a_result_imports_only_its_own_family() -> None:
    """In a fresh process, explaining a description imports the describe family, not the A/B, paired or hypothesis
    ones (nor the stats modules they import); a result class the map does not name (a subclass defined elsewhere)
    imports every family and gets its base class's explanation."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True, check=True)
    first, second = (line.split() for line in done.stdout.splitlines())
    assert first == ["True", "True", "False", "False", "False", "False"]
    assert second == ["True", "True", "True", "True", "True", "True"]
