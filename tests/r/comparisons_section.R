# Reference values for tests/test_comparisons_section.py (the report's group-comparison section).
# Run from the repository root:  Rscript tests/r/comparisons_section.R > tests/r/comparisons_section.out
# Base R (stats) for every test, estimate and p-value; car for the Brown-Forsythe test (leveneTest, center =
# median); effectsize for the intervals of eta², Cohen's d and Cramér's V. Games-Howell and Dunn are written out
# from their definitions with R's ptukey/qtukey/pnorm (base R has neither). The method-choice rule of the section
# is re-implemented here (choose_k, normality rule) so the adjusted p-values are checked end to end.
# Output lines are `label key=value ...` (read by tests/conftest.py::read_r_output); labels are
# kind|dataset|column[|pair].

options(warn = 1)
suppressPackageStartupMessages({
  library(effectsize)
  library(car)
})
cat("#", R.version.string, "| effectsize", as.character(packageVersion("effectsize")),
    "| car", as.character(packageVersion("car")), "\n")

show <- function(label, ...) {
  vals <- c(...)
  cat(label, paste(names(vals), sprintf("%.17g", vals), sep = "=", collapse = " "), "\n")
}
lab <- function(...) paste(..., sep = "|")
as_group <- function(g) factor(g, levels = sort(unique(g[!is.na(g)]), method = "radix"))  # C-locale order

# ---------------------------------------------------------------- numeric column across k >= 2 groups
# Returns the p-value of the test the section's rule chooses.
compare_numeric <- function(ds, col, y, g) {
  ok <- !is.na(y) & !is.na(g)
  y <- y[ok]; g <- as_group(g[ok]); lv <- levels(g); k <- nlevels(g)
  n <- tapply(y, g, length); m <- tapply(y, g, mean); v <- tapply(y, g, var)
  for (l in lv) {
    ci <- t.test(y[g == l])$conf.int
    sw <- shapiro.test(y[g == l])
    show(lab("group", ds, col, l), n = n[[l]], mean = m[[l]], var = v[[l]], lo = ci[1], hi = ci[2],
         sw_w = unname(sw$statistic), sw_p = sw$p.value)
  }
  bf <- leveneTest(y ~ g, center = median)
  sd_ratio <- max(sqrt(v)) / min(sqrt(v))
  show(lab("spread", ds, col), bf_f = bf$`F value`[1], bf_p = bf$`Pr(>F)`[1], sd_ratio = sd_ratio)
  non_normal <- any(sapply(lv, function(l) n[[l]] < 30 && shapiro.test(y[g == l])$p.value < 0.05))
  if (k == 2) {
    tt <- t.test(y ~ g)                                     # Welch, mean(group 1) - mean(group 2)
    wt <- wilcox.test(y ~ g, exact = FALSE, correct = TRUE)
    d <- cohens_d(y ~ g, ci = 0.95)                          # pooled SD, noncentral-t interval
    show(lab("welch_t", ds, col), t = unname(tt$statistic), df = unname(tt$parameter), p = tt$p.value,
         diff = unname(tt$estimate[1] - tt$estimate[2]), lo = tt$conf.int[1], hi = tt$conf.int[2],
         d = d$Cohens_d, d_lo = d$CI_low, d_hi = d$CI_high)
    show(lab("wilcox", ds, col), W = unname(wt$statistic), p = wt$p.value)
    return(if (non_normal) wt$p.value else tt$p.value)
  }
  welch <- oneway.test(y ~ g)
  fit <- aov(y ~ g); a <- summary(fit)[[1]]
  eta2 <- a[1, "Sum Sq"] / sum(a[, "Sum Sq"])
  es <- eta_squared(fit, partial = FALSE, alternative = "two.sided", ci = 0.95)
  kw <- kruskal.test(y, g)
  show(lab("welch_anova", ds, col), F = unname(welch$statistic), df1 = unname(welch$parameter[1]),
       df2 = unname(welch$parameter[2]), p = welch$p.value)
  show(lab("anova", ds, col), F = a[1, "F value"], df1 = a[1, "Df"], df2 = a[2, "Df"], p = a[1, "Pr(>F)"],
       eta2 = eta2, lo = es$CI_low, hi = es$CI_high)
  show(lab("kruskal", ds, col), H = unname(kw$statistic), df = unname(kw$parameter), p = kw$p.value,
       eps2 = unname(kw$statistic) / (length(y) - 1))
  classic <- sd_ratio <= 1.5 && bf$`Pr(>F)`[1] >= 0.05
  # post-hoc for all three families (the test reads the one the section shows)
  tk <- TukeyHSD(fit)$g
  for (i in seq_len(nrow(tk))) show(lab("tukey", ds, col, rownames(tk)[i]), diff = tk[i, "diff"],
                                    lo = tk[i, "lwr"], hi = tk[i, "upr"], p = tk[i, "p adj"])
  pr <- combn(k, 2)
  for (c in seq_len(ncol(pr))) {   # Games-Howell (Games & Howell 1976)
    i <- pr[1, c]; j <- pr[2, c]
    diff <- m[[j]] - m[[i]]; se2 <- v[[i]] / n[[i]] + v[[j]] / n[[j]]
    df <- se2^2 / ((v[[i]] / n[[i]])^2 / (n[[i]] - 1) + (v[[j]] / n[[j]])^2 / (n[[j]] - 1))
    q <- qtukey(0.95, k, df) / sqrt(2)
    show(lab("games_howell", ds, col, paste0(lv[j], "-", lv[i])), diff = diff, lo = diff - q * sqrt(se2),
         hi = diff + q * sqrt(se2), p = ptukey(abs(diff) / sqrt(se2) * sqrt(2), k, df, lower.tail = FALSE))
  }
  N <- length(y); r <- rank(y); tt <- table(y)           # Dunn (1964), Holm-adjusted
  s2 <- N * (N + 1) / 12 - sum(tt^3 - tt) / (12 * (N - 1))
  mr <- tapply(r, g, mean)
  z <- apply(pr, 2, function(c) (mr[[c[2]]] - mr[[c[1]]]) / sqrt(s2 * (1 / n[[c[1]]] + 1 / n[[c[2]]])))
  pv <- 2 * pnorm(-abs(z)); pa <- p.adjust(pv, "holm")
  for (c in seq_len(ncol(pr)))
    show(lab("dunn", ds, col, paste0(lv[pr[2, c]], "-", lv[pr[1, c]])), diff = mr[[pr[2, c]]] - mr[[pr[1, c]]],
         z = z[c], p_adj = pa[c])
  if (non_normal) kw$p.value else if (classic) a[1, "Pr(>F)"] else welch$p.value
}

# fisher.test finds the conditional MLE and its CI with uniroot at its default tolerance (~1e-4), so its printed
# odds ratio and limits are good to ~3 digits; the same algorithm (stats:::fisher.test, R 4.2, two-sided) at
# tol = 1e-15 gives a full-precision reference (as in tests/r/hypothesis_tests.R).
fisher_precise <- function(tab, conf.level = 0.95) {
  m <- sum(tab[, 1L]); n <- sum(tab[, 2L]); k <- sum(tab[1L, ]); x <- tab[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) { if (ncp == 0) return(lo); if (ncp == Inf) return(hi); sum(support * dnhyper(ncp)) }
  pnhyper <- function(q, ncp, upper.tail = FALSE) {
    if (ncp == 1) return(if (upper.tail) phyper(x - 1, m, n, k, lower.tail = FALSE) else phyper(x, m, n, k))
    if (ncp == 0) return(as.numeric(if (upper.tail) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper.tail) q <= hi else q >= hi))
    sum(dnhyper(ncp)[if (upper.tail) support >= q else support <= q])
  }
  ur <- function(f, int) uniroot(f, int, tol = 1e-15, maxiter = 10000)$root
  mu <- mnhyper(1)
  mle <- if (mu > x) ur(function(t) mnhyper(t) - x, c(0, 1)) else
    if (mu < x) 1 / ur(function(t) mnhyper(1 / t) - x, c(.Machine$double.eps, 1)) else 1
  a <- (1 - conf.level) / 2
  p <- pnhyper(x, 1)
  upper <- if (p < a) ur(function(t) pnhyper(x, t) - a, c(0, 1)) else
    1 / ur(function(t) pnhyper(x, 1 / t) - a, c(.Machine$double.eps, 1))
  p <- pnhyper(x, 1, upper.tail = TRUE)
  lower <- if (p > a) ur(function(t) pnhyper(x, t, upper.tail = TRUE) - a, c(0, 1)) else
    1 / ur(function(t) pnhyper(x, 1 / t, upper.tail = TRUE) - a, c(.Machine$double.eps, 1))
  c(mle, lower, upper)
}

# ---------------------------------------------------------------- categorical column against the groups
compare_categorical <- function(ds, col, x, g) {
  ok <- !is.na(x) & !is.na(g)
  tab <- table(as_group(x[ok]), as_group(g[ok]))
  ch <- suppressWarnings(chisq.test(tab))                 # R's default: Yates' correction for 2x2 only
  raw <- suppressWarnings(chisq.test(tab, correct = FALSE))
  n <- sum(tab); nr <- nrow(tab); nc <- ncol(tab); x2 <- unname(raw$statistic)
  phi2 <- max(0, x2 / n - (nr - 1) * (nc - 1) / (n - 1))  # Bergsma (2013) bias correction, written out
  rt <- nr - (nr - 1)^2 / (n - 1); kt <- nc - (nc - 1)^2 / (n - 1)
  es <- cramers_v(tab, adjust = FALSE, alternative = "two.sided")
  show(lab("chisq", ds, col), X2 = unname(ch$statistic), df = unname(ch$parameter), p = ch$p.value, n = n,
       v = sqrt(phi2 / min(rt - 1, kt - 1)), lo = es$CI_low, hi = es$CI_high, min_expected = min(ch$expected))
  if (all(dim(tab) == 2)) {
    f <- fisher.test(tab)
    show(lab("fisher", ds, col), p = f$p.value, or = unname(f$estimate), lo = f$conf.int[1], hi = f$conf.int[2])
    pr <- fisher_precise(unclass(tab))
    show(lab("fisher_precise", ds, col), or = pr[1], lo = pr[2], hi = pr[3])
    if (min(ch$expected) < 5) return(f$p.value)
  }
  ch$p.value
}

correlate <- function(ds, col, x, y) {
  r <- cor.test(x, y)
  s <- cor.test(x, y, method = "spearman", exact = FALSE)
  show(lab("pearson", ds, col), r = unname(r$estimate), lo = r$conf.int[1], hi = r$conf.int[2],
       t = unname(r$statistic), p = r$p.value, n = sum(complete.cases(x, y)), rho = unname(s$estimate),
       rho_p = s$p.value)
  r$p.value
}

adjusted <- function(ds, p) {
  h <- p.adjust(p, "holm"); b <- p.adjust(p, "BH")
  for (i in seq_along(p)) show(lab("adjusted", ds, names(p)[i]), p = p[[i]], holm = h[[i]], bh = b[[i]])
}

pen <- read.csv("datasets/penguins.csv", stringsAsFactors = FALSE)   # "NA" is missing, as R's default

# penguins --group species: every other column, in table order
p <- c()
for (col in c("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year")) {
  p[col] <- if (is.numeric(pen[[col]])) compare_numeric("penguins", col, pen[[col]], pen$species)
            else compare_categorical("penguins", col, pen[[col]], pen$species)
}
adjusted("penguins", p)

# penguins --target body_mass_g: the target across each categorical column, correlated with each numeric one
p <- c()
for (col in c("species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "sex", "year")) {
  p[col] <- if (is.numeric(pen[[col]])) correlate("target", col, pen[[col]], pen$body_mass_g)
            else compare_numeric("target", col, pen$body_mass_g, pen[[col]])
}
adjusted("target", p)

# penguins by sex (two groups): large |t| where a fixed ±10 bracket of the noncentral-t search for Cohen's d's
# interval reached scipy's NaN region; the helpers are also checked on these moments directly
for (col in c("bill_depth_mm", "flipper_length_mm")) invisible(compare_numeric("sex", col, pen[[col]], pen$sex))

# sleep --group group (the integers 1/2 as labels): two groups
sl <- read.csv("datasets/sleep.csv")
p <- c(extra = compare_numeric("sleep", "extra", sl$extra, sl$group),
       ID = compare_numeric("sleep", "ID", sl$ID, sl$group))
adjusted("sleep", p)

# ToothGrowth --group supp
tg <- read.csv("datasets/toothgrowth.csv", stringsAsFactors = FALSE)
p <- c(len = compare_numeric("toothgrowth", "len", tg$len, tg$supp),
       dose = compare_numeric("toothgrowth", "dose", tg$dose, tg$supp))
adjusted("toothgrowth", p)

# InsectSprays --group spray: sprays C and D (12 values each) fail Shapiro-Wilk, so Kruskal-Wallis is primary
ins <- read.csv("datasets/insectsprays.csv", stringsAsFactors = FALSE)
invisible(compare_numeric("insectsprays", "count", ins$count, ins$spray))

# mtcars, a 2x2 table with a small expected count (Fisher's exact test primary): engine = "V" (vs == 0) or "S"
# against gear5 = "five" when gear == 5 else "fewer" (the test builds the same two columns)
mt <- read.csv("datasets/mtcars.csv", stringsAsFactors = FALSE)
invisible(compare_categorical("mtcars", "engine", ifelse(mt$vs == 0, "V", "S"), ifelse(mt$gear == 5, "five", "fewer")))
