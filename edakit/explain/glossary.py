"""The report's glossary: each statistical term it uses, in plain words, with the caveat that matters.

`TERMS` feeds two things: the glossary section at the end of the report (`edakit.sections.guide`) and the
links from explanations to it (`edakit.render.html.glossary_links`), which wrap the first mention of each
term in a paragraph with a link to `#glossary-<key>`. `aliases` are the phrases that count as a mention:
all-capital aliases (CI, IQR, MAD, BH) match only in capitals, the others in any case, and a plural "s" is
allowed after any alias.

    >>> term("p-value").title
    'p-value'
    >>> anchor(term("p-value"))
    'glossary-p-value'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str  # the anchor is glossary-<key>
    title: str
    definition: str
    aliases: tuple[str, ...] = ()


TERMS: tuple[Term, ...] = (
    Term(
        "anova",
        "ANOVA (analysis of variance) and the F test",
        "Tests whether several group means are all equal, by comparing the spread between the group means with "
        "the spread within the groups: F = (between-group mean square) / (within-group mean square). A small "
        "p-value says at least one mean differs, not which one or by how much; post-hoc comparisons (Tukey, "
        "Games–Howell) say which, adjusted for multiple testing. The classic version assumes equal variances in "
        "the groups; Welch's ANOVA does not.",
        ("ANOVA", "analysis of variance", "F test", "F-test"),
    ),
    Term(
        "benjamini-hochberg",
        "Benjamini–Hochberg (BH) adjustment",
        "A multiple-testing adjustment that controls the false discovery rate: among the results called "
        "significant, the expected share of false positives is at most alpha (when the tests are independent or "
        "positively related). With m tests sorted by p-value, the adjusted p of the i-th is the smallest "
        "m·p(j)/j over j ≥ i. It is less strict than Holm, so it suits screening many pairs for leads to check "
        "on new data.",
        ("Benjamini–Hochberg", "Benjamini-Hochberg", "BH", "false discovery rate"),
    ),
    Term(
        "chi-square",
        "Chi-square test of independence",
        "Compares the counts in a table with the counts expected if the two variables were unrelated (row total "
        "× column total / n): X² = Σ (observed − expected)² / expected, referred to a chi-square distribution "
        "with (rows − 1)(columns − 1) degrees of freedom. The approximation needs expected counts of about 5 or "
        "more; Fisher's exact test does without it for 2 × 2 tables. A large X² says the variables are related, "
        "not how strongly (see Cramér's V) or why.",
        ("chi-square", "chi-squared", "X²", "X-squared"),
    ),
    Term(
        "confidence-interval",
        "Confidence interval",
        "A range for an unknown population value (a mean, a share, a correlation), built by a procedure that "
        "captures the true value in the stated share of samples (95 % by default) if its assumptions hold. "
        "Values inside it are compatible with the data; a narrow interval means a precise estimate. It is not a "
        "95 % probability statement about this one interval, it covers only the error from sampling (not bias "
        "in how the rows were collected, nor measurement error), and an interval for a mean is not a range for "
        "individual values.",
        ("confidence interval", "confidence bound", "CI"),
    ),
    Term(
        "correlation",
        "Correlation and causation",
        "Pearson's r measures how closely pairs of values follow a straight line, from −1 to 1; Spearman's rho "
        "and Kendall's tau-b measure, from ranks, whether one variable tends to rise (or fall) as the other "
        "rises. A correlation, however strong and however small its p-value, does not show that one variable "
        "causes the other: a third variable may drive both (confounding), the influence may run the other way, "
        "or the pattern may come from how the rows were selected. Only a randomised experiment, or a careful "
        "causal analysis, supports a causal claim.",
        ("correlation", "causation", "confounding", "Pearson", "Spearman", "Kendall"),
    ),
    Term(
        "cramers-v",
        "Cramér's V",
        "The strength of the association between two categorical variables, from the chi-square statistic: "
        "V = √(X² / (n·(k − 1))), k the smaller of the numbers of rows and columns. 0 means independence, 1 "
        "that one variable determines the other; it has no direction. edakit shows Bergsma's (2013) "
        "bias-corrected V, because the plain V is inflated in small samples and large tables.",
        ("Cramér's V", "Cramer's V"),
    ),
    Term(
        "degrees-of-freedom",
        "Degrees of freedom",
        "The number of independent pieces of information left to estimate the variability; it picks which t, "
        "F or chi-square distribution the p-value and interval come from. For the mean of n values it is "
        "n − 1. Welch's t-test has fractional degrees of freedom.",
        ("degrees of freedom", "degree of freedom", "df"),
    ),
    Term(
        "effect-size",
        "Effect size",
        "How large a difference or association is, on a scale that does not grow with the sample size: Cohen's "
        "d (a difference in means in standard deviations), Cohen's h (a difference of proportions), r, "
        "Cramér's V, eta². The labels negligible, small, medium and large follow Cohen's (1988) rules of thumb; "
        "whether an effect matters depends on the subject, not on the label. With very many rows a negligible "
        "effect can be statistically significant; with few rows a large one can fail to be.",
        ("effect size", "Cohen's d", "Cohen's h", "Hedges' g"),
    ),
    Term(
        "eta",
        "Correlation ratio eta and eta²",
        "For a numeric variable split by a categorical one, eta² = between-group sum of squares / total sum of "
        "squares: the share of the variance that lies between the group means (0 to 1); eta is its square "
        "root. It says how much the groups differ on average, not which groups differ or why. eta² from a "
        "sample overstates the population value a little; omega² corrects for that.",
        ("eta²", "eta", "correlation ratio", "omega²"),
    ),
    Term(
        "fisher-z",
        "Fisher's z (interval for a correlation)",
        "Pearson's r is transformed to z = atanh(r), which is roughly normal with standard error 1/√(n − 3); "
        "the interval is built on that scale and mapped back with tanh. That keeps it within −1 to 1, and "
        "makes it lopsided when r is near ±1.",
        ("Fisher's z", "Fisher-z", "Fisher z"),
    ),
    Term(
        "holm",
        "Holm adjustment",
        "A multiple-testing adjustment that keeps the chance of even one false positive among all the tests "
        "(the family-wise error rate) at most alpha. With m tests sorted by p-value, the smallest p is "
        "multiplied by m, the next by m − 1, and so on, never decreasing. It is strict: fewer false leads, more "
        "missed effects than Benjamini–Hochberg.",
        ("Holm",),
    ),
    Term(
        "kendalls-w",
        "Kendall's W (coefficient of concordance)",
        "How much the units agree in the way they rank the conditions, with Friedman's rank test: W = Friedman's "
        "chi-squared / (n·(k − 1)) for n units and k conditions. 0 means no common ordering (each unit ranks "
        "the conditions differently), 1 that every unit ranks them the same way. It is not Kendall's tau, which "
        "measures the association of two variables.",
        ("Kendall's W", "coefficient of concordance"),
    ),
    Term(
        "kurtosis",
        "Kurtosis",
        "How heavy the tails of a distribution are compared with a normal distribution. edakit reports the "
        "excess kurtosis G2 (as SAS, SPSS and Excel): about 0 for normal data, positive for more extreme "
        "values than a normal distribution would give, negative for fewer. Like skewness, it is very noisy "
        "with few values.",
        ("kurtosis", "G2"),
    ),
    Term(
        "mad",
        "MAD (median absolute deviation)",
        "A spread that outliers barely move: the median of the distances of the values from their median, "
        "times 1.4826 so that it estimates the standard deviation when the data are normal. A MAD much smaller "
        "than the sd points to outliers or heavy tails.",
        ("MAD", "median absolute deviation"),
    ),
    Term(
        "missing-values",
        "Missing values",
        "Each statistic uses the rows where its own column (or pair of columns) has a value, and the report "
        "says how many were left out. If values are missing for reasons related to the values themselves "
        "(the sickest patients skip the follow-up), the remaining rows are not representative and no interval "
        "corrects for it.",
        ("missing values", "missing value"),
    ),
    Term(
        "multiple-testing",
        "Multiple testing",
        "Each test at alpha = 0.05 has a 5 % chance of a false positive when there is nothing to find, so among "
        "20 such tests about one false positive is expected by chance alone. Adjusted p-values (Holm, "
        "Benjamini–Hochberg) compensate for the number of tests run. Results found by screening many pairs "
        "are leads to confirm on new data, not findings.",
        ("multiple testing", "multiple comparisons", "adjusted p-value", "adjusted p"),
    ),
    Term(
        "normality",
        "Normality checks (Shapiro–Wilk, QQ plot)",
        "t-tests, ANOVA and the Pearson test assume roughly normal data when samples are small. Shapiro–Wilk "
        "tests it and a QQ plot shows it (points on the line look normal). With many values the test flags "
        "harmless departures, and means are close to normal anyway (central limit theorem); with few values "
        "it misses real ones. A non-significant Shapiro–Wilk test does not show the data are normal.",
        ("Shapiro-Wilk", "Shapiro–Wilk", "QQ plot", "normal distribution", "normality"),
    ),
    Term(
        "outlier",
        "Outlier",
        "A value far from the bulk of the data. edakit counts values beyond Tukey's fences, 1.5 × IQR below "
        "the first quartile or above the third. An outlier is unusual, not necessarily wrong: check it (typo, "
        "unit error, or a real extreme) before removing it. In large samples of long-tailed data many values "
        "lie beyond the fences quite naturally.",
        ("outlier", "Tukey's fences"),
    ),
    Term(
        "p-value",
        "p-value",
        "The probability, computed as if the null hypothesis (e.g. no difference) and the test's assumptions "
        "were true, of data at least as extreme as those observed. A small p-value means the data would be "
        "surprising if the null hypothesis were true. It is not the probability that the null hypothesis is "
        "true, nor the probability that the result is a fluke, and it says nothing about how large or "
        "important an effect is. A p-value above 0.05 does not show that there is no effect.",
        ("p-value", "p value"),
    ),
    Term(
        "power",
        "Power and minimum detectable effect",
        "Power is the probability that a test gives p < alpha when a true effect of a given size exists. With "
        "low power real effects are often missed, so a non-significant result from a small sample says little. "
        "The minimum detectable effect (MDE) is the smallest true effect detected with the target power "
        "(usually 80 %). Power computed from the observed effect ('observed power') adds nothing to the "
        "p-value.",
        ("power", "minimum detectable effect", "MDE"),
    ),
    Term(
        "quantile",
        "Quantiles, quartiles and IQR",
        "A quantile splits the sorted values: about 25 % lie at or below the first quartile Q1, half at or "
        "below the median, 75 % at or below the third quartile Q3. edakit uses R's default (type 7), which "
        "interpolates between neighbouring sorted values. The interquartile range IQR = Q3 − Q1 is the spread "
        "of the middle half of the values, untouched by extreme values.",
        ("quantile", "quartile", "IQR", "interquartile range"),
    ),
    Term(
        "rank-tests",
        "Rank-based tests (Mann–Whitney, Kruskal–Wallis)",
        "Tests that use the ranks of the values instead of the values, so they need no normality and resist "
        "outliers. They compare whole distributions (does one group tend to have larger values?); they read "
        "as a comparison of medians only if the groups' distributions have the same shape.",
        ("Mann-Whitney", "Mann–Whitney", "Kruskal-Wallis", "Kruskal–Wallis", "Wilcoxon", "rank-based"),
    ),
    Term(
        "repeated-measures-correlation",
        "Repeated-measures correlation (r_rm)",
        "The association of two variables within units measured several times (a chick weighed at each age, a "
        "patient seen at each visit; Bakdash & Marusich 2017, R's rmcorr): each unit's values are centred on "
        "its own means, so every unit has its own intercept and all share one slope, and only the change within "
        "units counts, on N − k − 1 degrees of freedom for N rows of k units. Pearson's r over all the rows "
        "treats them as independent: it counts each unit many times, so its p-value and interval are too "
        "optimistic, and it mixes the differences between units with the association within them.",
        ("repeated-measures correlation", "repeated-measures r", "r_rm", "rmcorr"),
    ),
    Term(
        "sampling-bias",
        "Sampling bias and the population",
        "Intervals and tests treat the rows as a random sample of a larger population. If the rows were "
        "selected in a way related to the values (volunteers, survivors, customers who complained), the "
        "estimates are biased and no interval or p-value fixes that. If the rows are the whole population "
        "(every passenger of a ship), an interval describes chance variation in the process that produced "
        "the data, not uncertainty from sampling.",
        ("sampling bias", "selection bias", "population", "representative"),
    ),
    Term(
        "seeded-sample",
        "Seeded random sample",
        "Methods that need every raw value in memory (ranks, Shapiro–Wilk, Kendall's tau, QQ plots) use a "
        "uniform random sample of the rows, drawn with a fixed seed so the numbers repeat from run to run. "
        "Their results carry a little extra sampling error; the report says next to them when they do. "
        "Counts, means, standard deviations, quantiles, Pearson's r and contingency tables use every row.",
        ("seeded random sample", "seeded sample", "random sample"),
    ),
    Term(
        "significance",
        "Statistical significance",
        "A result is called statistically significant when its p-value falls below a threshold chosen in "
        "advance (alpha, usually 0.05). That only says the data would be unusual if there were no effect. It "
        "does not mean the effect is large, important or certainly real; and 'not significant' does not mean "
        "there is no effect.",
        ("statistically significant", "statistical significance", "significant", "significance"),
    ),
    Term(
        "skewness",
        "Skewness",
        "The asymmetry of a distribution: positive for a long tail of large values (the mean then usually lies "
        "above the median), negative for a long tail of small values. edakit reports the sample skewness G1 "
        "(as SAS, SPSS and Excel); by Bulmer's (1979) rule of thumb |G1| < 0.5 is roughly symmetric and "
        "|G1| > 1 highly skewed. With few values the estimate itself is very noisy.",
        ("skewness", "skewed", "G1"),
    ),
    Term(
        "standard-deviation",
        "Standard deviation",
        "The typical distance of the values from their mean: the square root of the average squared distance, "
        "with divisor n − 1 (as R's sd). It describes the spread of individual values and does not shrink as "
        "more rows are collected.",
        ("standard deviation", "sd"),
    ),
    Term(
        "standard-error",
        "Standard error",
        "How much an estimate would vary from one sample to another of the same size: the standard deviation "
        "of the estimate, not of the values. For a mean it is sd / √n, so it shrinks as n grows; a confidence "
        "interval is roughly the estimate ± 2 standard errors.",
        ("standard error", "SE"),
    ),
    Term(
        "t-test",
        "t-test (Welch's and Student's)",
        "Compares a mean with a reference value, or two means. Welch's version, R's default, does not assume "
        "equal variances: t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite degrees of "
        "freedom. A paired t-test works on the differences within pairs. It assumes independent observations "
        "(or independent pairs) and roughly normal data or large samples.",
        ("t-test", "t test", "Welch"),
    ),
    Term(
        "wilson",
        "Wilson interval (for a proportion)",
        "A confidence interval for a share (Wilson 1927): the proportions that a score test would not reject. "
        "Unlike the textbook p ± 1.96·√(p(1 − p)/n) it stays within 0 to 1 and keeps close to its stated "
        "coverage with small counts or shares near 0 or 1.",
        ("Wilson",),
    ),
)

_BY_KEY = {t.key: t for t in TERMS}


def term(key: str) -> Term:
    """The glossary entry with this key (KeyError if there is none)."""
    return _BY_KEY[key]


def anchor(t: Term) -> str:
    """The id of the term's glossary entry in the report."""
    return f"glossary-{t.key}"
