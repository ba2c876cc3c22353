"""Words for the time-series view (`edakit.stats.timeseries`): the series, its STL decomposition, its
autocorrelations and the ADF and KPSS tests read together. Every sentence comes from the result's numbers."""

from __future__ import annotations

from edakit.explain import register
from edakit.explain.charts import period_label
from edakit.explain.words import fmt_num, fmt_p, fmt_pct
from edakit.stats.timeseries import SeriesAnalysis, StationarityTest, TimeSeriesAnalysis

GROWTH = 1.5  # a ratio of last to first beyond this is called growth in the words

UNITS = {"minute": "minutes", "hour": "hours", "day": "days", "month": "months", "quarter": "quarters", "year": "years"}


def plural(count: int, word: str) -> str:
    """'1 lag', '3 lags'."""
    return f"{fmt_num(count)} {word}" if count == 1 else f"{fmt_num(count)} {word}s"


STL_METHOD = (
    "STL (Seasonal and Trend decomposition using Loess; Cleveland et al. 1990, as statsmodels' STL computes it with a "
    "seasonal window of 7) splits the series into trend + seasonal + remainder, which add up to the series exactly. "
    "Strength of a component: max(0, 1 − Var(remainder) / Var(component + remainder)) (Hyndman and Athanasopoulos, "
    "Forecasting: Principles and Practice, §4.3), 0 when the remainder is as variable as the component with it, 1 "
    "when the remainder is negligible."
)
ACF_METHOD = (
    "Autocorrelation at lag k: the correlation of the series with itself k periods earlier (R's acf). The band is "
    "±z/√n, where autocorrelations of white noise (independent values) fall at the stated level, as R's plot.acf draws."
)
TESTS_METHOD = (
    "ADF as R's tseries::adf.test (a regression on a constant, a linear trend and ⌊(n − 1)^(1/3)⌋ lagged differences; "
    "MacKinnon's p-value); KPSS as R's tseries::kpss.test(null = \"Trend\") (⌊4 (n/100)^(1/4)⌋ lags; its p-value "
    "comes from a table and is only known to lie between 0.01 and 0.10). Both are run on the series as shown."
)


def _unit(s: SeriesAnalysis) -> str:
    return UNITS.get(s.resolution, s.resolution + "s")


def series_words(s: SeriesAnalysis) -> str:
    """What the plotted series is, its span, its lowest and highest point."""
    known = [(p, v) for p, v in zip(s.periods, s.values, strict=True) if v is not None]
    if not known:
        return f"{s.column} has no value in any {s.resolution}."
    what = (
        f"one value of {s.column} per {s.resolution}"
        if s.aggregate == "value"
        else f"the mean of {s.column} over the rows of each {s.resolution}"
    )
    lo = min(known, key=lambda pv: pv[1])
    hi = max(known, key=lambda pv: pv[1])
    label = lambda p: period_label(p, s.resolution)  # noqa: E731
    text = (
        f"The line shows {what}, from {label(s.periods[0])} to {label(s.periods[-1])} ({fmt_num(len(s.periods))} "
        f"{_unit(s)}, {fmt_num(s.n)} with a value). It is lowest in {label(lo[0])} ({fmt_num(lo[1])}) and highest "
        f"in {label(hi[0])} ({fmt_num(hi[1])})."
    )
    if s.filled:
        text += (
            f" {fmt_num(s.filled)} {_unit(s) if s.filled > 1 else s.resolution} without a value "
            f"{'were' if s.filled > 1 else 'was'} filled in by linear interpolation for the analyses below."
        )
    return text


def decomposition_words(s: SeriesAnalysis) -> str:
    """The period chosen and why, the trend's change, the seasonal pattern's peak and trough and both strengths."""
    d = s.decomposition
    if d is None:
        return f"No seasonal decomposition: {s.period_reason}"
    peak = max(range(len(d.season_means)), key=lambda i: d.season_means[i])
    low = min(range(len(d.season_means)), key=lambda i: d.season_means[i])
    direction = "rises" if d.trend[-1] > d.trend[0] else "falls" if d.trend[-1] < d.trend[0] else "stays"
    text = (
        f"Period: {s.period_reason} The trend {direction} from {fmt_num(d.trend[0])} to {fmt_num(d.trend[-1])}; "
        f"trend strength {d.trend_strength:.2f}. The seasonal pattern has strength {d.seasonal_strength:.2f}: "
        f"{_strength_reading(d.seasonal_strength)} On average the seasonal part is highest in {d.season_labels[peak]} "
        f"({_signed(d.season_means[peak])}) and lowest in {d.season_labels[low]} ({_signed(d.season_means[low])}), "
        f"relative to the trend."
    )
    a = s.acf
    if a is None or s.period not in a.lags or s.period in a.outside:
        text += " " + swing_words(s)
    else:
        text += (
            f" But the autocorrelation at lag {s.period} ({fmt_num(a.values[a.lags.index(s.period)], 3)}) lies within "
            "the white-noise band, so this cycle may be no more than noise: STL finds some seasonal pattern in any "
            "series."
        )
    return text


def swing_words(s: SeriesAnalysis) -> str:
    """Whether the seasonal swings grow with the level (multiplicative) or keep their size (additive)."""
    d = s.decomposition
    assert d is not None
    (first, last), (lo, hi) = d.swings, d.levels
    span = "cycle" if d.swing_cycles == 1 else f"{d.swing_cycles} cycles"
    text = (
        f"The seasonal swing (highest minus lowest seasonal value within a cycle) is {fmt_num(first)} in the first "
        f"{span} and {fmt_num(last)} in the last{'' if d.swing_cycles == 1 else ' (on average)'}, while the trend's "
        f"level goes from {fmt_num(lo)} to {fmt_num(hi)}"
    )
    grows = first > 0 and last > GROWTH * first
    if grows and lo > 0 and hi > GROWTH * lo:
        return text + (
            ": the swings grow with the level (multiplicative seasonality), which the logarithm of the series "
            "would make roughly constant."
        )
    if grows:
        return text + ": the swings grow over time."
    if last > 0 and first > GROWTH * last:
        return text + ": the swings shrink over time."
    return text + ": the swings keep about the same size (additive seasonality)."


def _strength_reading(value: float) -> str:
    return (
        f"once the trend is removed, the remainder's variance is {fmt_pct(1 - value, 0)} of the variance of "
        "seasonal part and remainder together"
        + (", so the cycle is clear." if value >= 0.5 else ", so the cycle is weak next to the noise.")
    )


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + fmt_num(value).replace("-", "−")


def acf_words(s: SeriesAnalysis) -> str:
    """Lag-1 autocorrelation, how many lags leave the white-noise band, the seasonal lag and a slow decay."""
    a = s.acf
    if a is None:
        return ""
    first = a.values[0]
    if abs(first) <= a.band:
        reading = "no more than independent values would show by chance."
    elif first > 0.5:
        reading = f"each {s.resolution}'s value is close to the previous one's."
    elif first > 0:
        reading = "neighbouring values move together, loosely."
    else:
        reading = "a high value tends to be followed by a low one."
    outside = len(a.outside)
    expected = fmt_num(round((1 - a.conf_level) * len(a.lags)))
    text = (
        f"At lag 1 the autocorrelation is {fmt_num(first, 3)}: {reading} {fmt_num(outside)} of "
        f"{plural(len(a.lags), 'lag')} {'lies' if outside == 1 else 'lie'} outside the ±{fmt_num(a.band, 3)} band "
        f"where white noise would fall ({100 * a.conf_level:g} %; by chance alone about {expected} would)."
    )
    if s.period and s.period in a.lags:
        r = a.values[a.lags.index(s.period)]
        text += f" At lag {s.period} (one {_cycle(s)}) it is {fmt_num(r, 3)}."
    if first > 0.8 and a.lags[-1] in a.outside and a.values[-1] > 0:
        text += (
            " A slow decay from a high start, still outside the band at the last lag, is what a trend or a "
            "wandering level produces: values far apart in time are still alike."
        )
    return text


def _cycle(s: SeriesAnalysis) -> str:
    return f"{s.period}-{s.resolution} cycle"


def stationarity_words(s: SeriesAnalysis, alpha: float) -> str:
    """ADF and KPSS read together: each null hypothesis, each result, and what the pair means."""
    adf, kpss = s.adf, s.kpss
    if adf is None or kpss is None:
        return ""
    text = (
        f"The two tests ask opposite questions. ADF's null hypothesis is that {adf.null}; a small p-value is evidence "
        f"against it. Here ADF = {fmt_num(adf.statistic, 4)}, {fmt_p(adf.p_value)} ({adf.lags} lagged differences), "
        f"so it {'rejects' if adf.rejected else 'does not reject'} a unit root at {alpha:g}. KPSS's null hypothesis "
        f"is the reverse, that {kpss.null}. Here KPSS = {fmt_num(kpss.statistic, 4)}, {p_text(kpss)}, so it "
        f"{'rejects' if kpss.rejected else 'does not reject'} trend stationarity. "
    )
    return text + VERDICTS[s.verdict or "inconclusive"]


VERDICTS = {
    "trend-stationary": (
        "Together: the series is stationary around its trend. Its ups and downs around the trend line die out, so "
        "a trend plus a stable pattern describes it; taking differences is not needed."
    ),
    "unit root": (
        "Together: the series has a unit root. It wanders, and shocks never die out, so its level a year from now "
        "is not pulled back to a trend line; model its changes (differences) instead of its level."
    ),
    "conflicting": (
        "Together they conflict: ADF rejects a unit root and KPSS rejects trend stationarity. That often means "
        "something neither test models, such as a break in level or trend, a changing variance or a strong "
        "seasonal pattern; look at the plots before choosing a model."
    ),
    "inconclusive": (
        "Together they are inconclusive: neither test rejects its null hypothesis, so the series is too short or "
        "too noisy to tell a unit root from stationarity around a trend."
    ),
}


def p_text(t: StationarityTest) -> str:
    if t.p_bound == "below":
        return "p < 0.01 (beyond its table)"
    if t.p_bound == "above":
        return "p > 0.10 (beyond its table)"
    return fmt_p(t.p_value)


def series_summary(s: SeriesAnalysis) -> str:
    """One sentence per series for the section summary."""
    parts = [f"{s.column}: {fmt_num(len(s.periods))} {_unit(s)}"]
    d = s.decomposition
    if d is not None:
        parts.append(
            f"trend strength {d.trend_strength:.2f}, seasonal strength {d.seasonal_strength:.2f} (period {s.period})"
        )
    if s.verdict:
        parts.append(f"ADF and KPSS: {s.verdict}")
    return "; ".join(parts) + "."


def analysis_summary(r: TimeSeriesAnalysis) -> str:
    """The section's summary: the time column, the resolution and a line per series."""
    unit = UNITS.get(r.resolution, r.resolution + "s")
    text = f"{plural(len(r.series), 'numeric column')} against {r.time_column}, per {r.resolution}."
    if r.natural != r.resolution:
        text += (
            f" The timestamps are {UNITS.get(r.natural, r.natural)} apart; they are grouped into {unit} (on the full "
            "data) so that the series stays readable and few periods are empty."
        )
    return text + " " + " ".join(series_summary(s) for s in r.series)


@register(StationarityTest)
def _(t: StationarityTest) -> str:
    p = p_text(t) if t.p_bound else fmt_p(t.p_value)
    decision = "rejected" if t.rejected else "not rejected"
    return f"{t.method}: statistic {fmt_num(t.statistic, 4)}, {p}. Null hypothesis ({decision}): {t.null}."
