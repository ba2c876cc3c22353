# Reference values for tests/test_correlation_section.py (the report's "Correlations and associations" section).
# Run from the repository root:  Rscript tests/r/correlation_section.R > tests/r/correlation_section.out
# Base R (stats) for every estimate and p-value; the effectsize package (Debian: r-cran-effectsize) only for
# the intervals of Cramér's V and eta².
# Output lines are `label key=value ...` (read by tests/conftest.py::read_r_output); labels are
# kind|column|column.

options(warn = 1)
suppressPackageStartupMessages(library(effectsize))
cat("#", R.version.string, "| effectsize", as.character(packageVersion("effectsize")), "\n")

show <- function(label, ...) {
  vals <- c(...)
  cat(label, paste(names(vals), sprintf("%.17g", vals), sep = "=", collapse = " "), "\n")
}

d <- read.csv("datasets/penguins.csv", stringsAsFactors = FALSE)   # "NA" is missing, as R's default
numeric_cols <- c("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year")
categorical_cols <- c("species", "island", "sex")
pvals <- c()

# Pearson: cor.test drops incomplete pairs (pairwise deletion); Fisher-z interval, t test on n - 2 df.
# Spearman and Kendall: cor.test(exact = FALSE), the large-sample p-values (penguins has ties anyway).
for (pair in combn(numeric_cols, 2, simplify = FALSE)) {
  x <- d[[pair[1]]]; y <- d[[pair[2]]]
  r <- cor.test(x, y)
  label <- paste("pearson", pair[1], pair[2], sep = "|")
  show(label, r = unname(r$estimate), lo = r$conf.int[1], hi = r$conf.int[2], t = unname(r$statistic),
       p = r$p.value, n = sum(complete.cases(x, y)))
  pvals[label] <- r$p.value
  s <- cor.test(x, y, method = "spearman", exact = FALSE)
  k <- cor.test(x, y, method = "kendall", exact = FALSE)
  show(paste("rank", pair[1], pair[2], sep = "|"), rho = unname(s$estimate), rho_p = s$p.value,
       tau = unname(k$estimate), tau_p = k$p.value)
}

# Chi-square test of independence without continuity correction on table() counts; Cramér's V plain and
# bias-corrected by Bergsma (2013), written out; interval from effectsize (noncentral chi-square inversion).
for (pair in combn(categorical_cols, 2, simplify = FALSE)) {
  tab <- table(d[[pair[1]]], d[[pair[2]]])     # table() leaves out NA
  ch <- suppressWarnings(chisq.test(tab, correct = FALSE))
  n <- sum(tab); nr <- nrow(tab); nc <- ncol(tab)
  x2 <- unname(ch$statistic)
  phi2 <- max(0, x2 / n - (nr - 1) * (nc - 1) / (n - 1))
  rt <- nr - (nr - 1)^2 / (n - 1); kt <- nc - (nc - 1)^2 / (n - 1)
  v_bc <- sqrt(phi2 / min(rt - 1, kt - 1))
  v <- sqrt(x2 / (n * (min(nr, nc) - 1)))
  es <- cramers_v(tab, adjust = FALSE, alternative = "two.sided")
  label <- paste("cramer", pair[1], pair[2], sep = "|")
  show(label, v = v_bc, v_raw = v, x2 = x2, df = unname(ch$parameter), p = ch$p.value, n = n,
       lo = es$CI_low, hi = es$CI_high)
  pvals[label] <- ch$p.value
}

# Correlation ratio: eta² = SS_between / SS_total from summary(aov(y ~ g)) on the complete rows; F test;
# interval for eta² from effectsize (noncentral F inversion), eta's interval its square root.
for (g in categorical_cols) for (y in numeric_cols) {
  ok <- complete.cases(d[[y]], d[[g]])
  fit <- aov(d[[y]][ok] ~ factor(d[[g]][ok]))
  tab <- summary(fit)[[1]]
  ss <- tab[["Sum Sq"]]
  es <- eta_squared(fit, partial = FALSE, alternative = "two.sided")
  label <- paste("eta", y, g, sep = "|")
  show(label, eta = sqrt(ss[1] / sum(ss)), eta2 = ss[1] / sum(ss), F = tab[["F value"]][1], df1 = tab$Df[1],
       df2 = tab$Df[2], p = tab[["Pr(>F)"]][1], n = sum(ok), lo2 = es$CI_low, hi2 = es$CI_high)
  pvals[label] <- tab[["Pr(>F)"]][1]
}

# Benjamini-Hochberg adjustment across every pair tested above (28 p-values).
adj <- p.adjust(pvals, method = "BH")
for (label in names(adj)) show(paste("bh", label, sep = ":"), p = pvals[[label]], p_bh = adj[[label]])

# Group summaries (count, mean, variance with n - 1) of body_mass_g by species on the complete rows, for the
# direct check of correlation_ratio_from_groups against summary(aov(...)) above.
ok <- complete.cases(d$body_mass_g, d$species)
for (g in sort(unique(d$species[ok]))) {
  v <- d$body_mass_g[ok & d$species == g]
  show(paste("groups", "body_mass_g", g, sep = "|"), n = length(v), mean = mean(v), var = var(v))
}
