# Reference values for tests/test_correlation.py.
# Run from the repository root:  Rscript tests/r/correlation.R > tests/r/correlation.out
# Needs base R (stats, datasets) and, for the cross-checks marked "effectsize", the effectsize package
# (Debian: r-cran-effectsize). Every other number is computed with base R only.

options(digits = 15, warn = 1)
cat(R.version.string, "\n")
cat("effectsize", as.character(packageVersion("effectsize")), "\n\n")

show <- function(label, ...) {
  vals <- c(...)
  cat(label, ":", paste(names(vals), format(vals, digits = 15), sep = "=", collapse = "  "), "\n")
}

ct <- function(label, x, y, ...) {
  r <- cor.test(x, y, ...)
  ci <- if (is.null(r$conf.int)) c(NA, NA) else r$conf.int
  show(label, estimate = unname(r$estimate), statistic = unname(r$statistic),
       df = if (is.null(r$parameter)) NA else unname(r$parameter), p = r$p.value,
       lo = ci[1], hi = ci[2], n = sum(complete.cases(x, y)))
  cat("   method:", r$method, "\n")
}

# Fisher-z interval for a rank correlation with a given standard error of z (no R function gives one:
# cor.test reports no interval for Spearman or Kendall). Written out here from the published formulas.
z_ci <- function(r, se, conf = 0.95, alternative = "two.sided") {
  z <- atanh(r)
  switch(alternative,
         two.sided = tanh(z + c(-1, 1) * qnorm((1 + conf) / 2) * se),
         less = c(-1, tanh(z + qnorm(conf) * se)),
         greater = c(tanh(z - qnorm(conf) * se), 1))
}
spearman_ci <- function(label, x, y, conf = 0.95, alternative = "two.sided") {
  ok <- complete.cases(x, y); n <- sum(ok)
  r <- cor(x[ok], y[ok], method = "spearman")
  ci <- z_ci(r, sqrt((1 + r^2 / 2) / (n - 3)), conf, alternative)   # Bonett & Wright (2000)
  show(label, rho = r, lo = ci[1], hi = ci[2])
}
kendall_ci <- function(label, x, y, conf = 0.95, alternative = "two.sided") {
  ok <- complete.cases(x, y); n <- sum(ok)
  r <- cor(x[ok], y[ok], method = "kendall")
  ci <- z_ci(r, sqrt(0.437 / (n - 4)), conf, alternative)   # Fieller, Hartley & Pearson (1957)
  show(label, tau = r, lo = ci[1], hi = ci[2])
}

ties_x <- c(1, 2, 2, 3, 4, 4, 4, 5, 6, 6)
ties_y <- c(2, 1, 3, 3, 5, 4, 6, 6, 5, 8)
noties_x <- c(3.1, 1.2, 5.5, 4.4, 2.8, 6.0, 7.3, 0.5, 9.9, 8.1, 6.6, 2.2)
noties_y <- c(2.0, 1.5, 4.1, 6.2, 3.3, 3.0, 8.8, 0.9, 7.7, 9.5, 5.0, 4.4)

cat("== Pearson (cor.test defaults: Fisher z interval) ==\n")
ct("P1 mtcars mpg~wt", mtcars$mpg, mtcars$wt)
ct("P2 mtcars mpg~wt less conf=0.9", mtcars$mpg, mtcars$wt, alternative = "less", conf.level = 0.9)
ct("P3 mtcars mpg~wt greater", mtcars$mpg, mtcars$wt, alternative = "greater")
ct("P4 airquality Ozone~Solar.R", airquality$Ozone, airquality$Solar.R)
ct("P5 iris Sepal.Length~Petal.Length", iris$Sepal.Length, iris$Petal.Length)
ct("P6 n=3", c(1, 2, 4), c(1, 3, 2))
ct("P7 n=4", c(1, 2, 3, 5), c(2, 1, 4, 3))
ct("P8 ties", ties_x, ties_y)
ct("P9 perfect line", 1:5, c(2, 4, 6, 8, 10))
wt <- mtcars$wt; mpg <- mtcars$mpg
show("P1 moments", n = 32, Sxx = sum((wt - mean(wt))^2), Syy = sum((mpg - mean(mpg))^2),
     Sxy = sum((wt - mean(wt)) * (mpg - mean(mpg))))

cat("\n== Spearman (exact = FALSE: t approximation) ==\n")
ct("S1 mtcars mpg~wt", mtcars$mpg, mtcars$wt, method = "spearman", exact = FALSE)
ct("S2 airquality Ozone~Temp", airquality$Ozone, airquality$Temp, method = "spearman", exact = FALSE)
ct("S3 ties", ties_x, ties_y, method = "spearman", exact = FALSE)
ct("S4 iris greater", iris$Sepal.Length, iris$Petal.Length, method = "spearman", exact = FALSE,
   alternative = "greater")
ct("S5 no ties", noties_x, noties_y, method = "spearman", exact = FALSE)
ct("S5 no ties, R default exact", noties_x, noties_y, method = "spearman")
spearman_ci("S1 ci (Bonett-Wright)", mtcars$mpg, mtcars$wt)
spearman_ci("S2 ci (Bonett-Wright)", airquality$Ozone, airquality$Temp)
spearman_ci("S3 ci (Bonett-Wright)", ties_x, ties_y)
spearman_ci("S4 ci (Bonett-Wright) greater", iris$Sepal.Length, iris$Petal.Length, alternative = "greater")

cat("\n== Kendall tau-b (exact = FALSE: normal approximation, no continuity correction) ==\n")
ct("K1 mtcars mpg~wt", mtcars$mpg, mtcars$wt, method = "kendall", exact = FALSE)
ct("K2 airquality Ozone~Solar.R", airquality$Ozone, airquality$Solar.R, method = "kendall", exact = FALSE)
ct("K3 ties", ties_x, ties_y, method = "kendall", exact = FALSE)
ct("K4 ties less", ties_x, ties_y, method = "kendall", exact = FALSE, alternative = "less")
ct("K5 no ties", noties_x, noties_y, method = "kendall", exact = FALSE)
ct("K5 no ties, R default exact", noties_x, noties_y, method = "kendall")
ct("K6 perfect", 1:5, 5:1, method = "kendall", exact = FALSE)
kendall_ci("K1 ci (Fieller)", mtcars$mpg, mtcars$wt)
kendall_ci("K2 ci (Fieller)", airquality$Ozone, airquality$Solar.R)
kendall_ci("K4 ci (Fieller) less", ties_x, ties_y, alternative = "less")

cat("\n== Chi-square test of independence (correct = FALSE) and Cramer's V ==\n")
# Bias-corrected Cramer's V (Bergsma 2013), written out from the paper:
#   phi2 = X2/n; phi2c = max(0, phi2 - (r-1)(c-1)/(n-1)); rc = r - (r-1)^2/(n-1); cc = c - (c-1)^2/(n-1)
#   V = sqrt(phi2c / min(rc - 1, cc - 1))
# Interval for the population V by inverting the noncentral chi-square distribution of X2 (Smithson 2003):
#   lambda_L: P(X2' >= X2 | ncp = lambda_L) = alpha/2 ; lambda_U: P(X2' <= X2 | ncp = lambda_U) = alpha/2
#   V limits = sqrt(lambda / (n (min(r, c) - 1))), capped at 1
ncp_limits_chisq <- function(x2, df, conf) {
  a <- (1 - conf) / 2
  f <- function(l, target) pchisq(x2, df, ncp = l) - target
  lo <- if (pchisq(x2, df) <= 1 - a) 0 else uniroot(f, c(0, x2 + 10), target = 1 - a, tol = 1e-13)$root
  hi <- if (pchisq(x2, df) <= a) 0 else uniroot(f, c(0, 10 * x2 + 100), target = a, tol = 1e-13)$root
  c(lo, hi)
}
cv <- function(label, tab, conf = 0.95) {
  tab <- as.matrix(tab)
  t <- suppressWarnings(chisq.test(tab, correct = FALSE))
  n <- sum(tab); r <- nrow(tab); k <- ncol(tab)
  x2 <- unname(t$statistic); df <- unname(t$parameter)
  phi2c <- max(0, x2 / n - (r - 1) * (k - 1) / (n - 1))
  v_bc <- sqrt(phi2c / min(r - (r - 1)^2 / (n - 1) - 1, k - (k - 1)^2 / (n - 1) - 1))
  v_raw <- sqrt(x2 / (n * (min(r, k) - 1)))
  lam <- ncp_limits_chisq(x2, df, conf)
  ci <- pmin(1, sqrt(lam / (n * (min(r, k) - 1))))
  show(label, X2 = x2, df = df, p = t$p.value, n = n, V_bc = v_bc, V = v_raw,
       lo = ci[1], hi = ci[2], min_expected = min(t$expected))
  cat("   method:", t$method, "\n")
  e1 <- effectsize::cramers_v(tab, adjust = TRUE, ci = conf, alternative = "two.sided")
  e0 <- effectsize::cramers_v(tab, adjust = FALSE, ci = conf, alternative = "two.sided")
  show("   effectsize cramers_v adjust=TRUE", V = e1$Cramers_v_adjusted)
  show("   effectsize cramers_v adjust=FALSE", V = e0$Cramers_v, lo = e0$CI_low, hi = e0$CI_high)
}
cv("C1 mtcars cyl x gear", table(mtcars$cyl, mtcars$gear))
cv("C2 mtcars am x vs", table(mtcars$am, mtcars$vs))
cv("C3 HairEyeColor Hair x Eye", apply(HairEyeColor, c(1, 2), sum))
cv("C3 HairEyeColor Hair x Eye conf=0.9", apply(HairEyeColor, c(1, 2), sum), conf = 0.9)
cv("C4 near independence", matrix(c(10, 11, 12, 10), 2))

cat("\n== Correlation ratio: summary(aov(y ~ g)) ==\n")
# eta^2 = SS_between / SS_total. Interval by inverting the noncentral F distribution (as effectsize's
# eta_squared): lambda limits for F, then eta^2 = lambda / (lambda + df_error); eta limits are square roots.
ncp_limits_f <- function(f, df1, df2, conf) {
  a <- (1 - conf) / 2
  g <- function(l, target) pf(f, df1, df2, ncp = l) - target
  lo <- if (pf(f, df1, df2) <= 1 - a) 0 else uniroot(g, c(0, f * df1 + 10), target = 1 - a, tol = 1e-13)$root
  hi <- if (pf(f, df1, df2) <= a) 0 else uniroot(g, c(0, 10 * f * df1 + 100), target = a, tol = 1e-13)$root
  c(lo, hi)
}
eta <- function(label, y, g, conf = 0.95) {
  ok <- complete.cases(y, g)
  fit <- aov(y[ok] ~ factor(g[ok]))
  s <- summary(fit)[[1]]
  ss <- s[["Sum Sq"]]; df1 <- s[["Df"]][1]; df2 <- s[["Df"]][2]; f <- s[["F value"]][1]
  eta2 <- ss[1] / sum(ss)
  lam <- ncp_limits_f(f, df1, df2, conf)
  e2ci <- lam / (lam + df2)
  show(label, F = f, df1 = df1, df2 = df2, p = s[["Pr(>F)"]][1], n = sum(ok), eta2 = eta2, eta = sqrt(eta2),
       eta2_lo = e2ci[1], eta2_hi = e2ci[2])
  e <- effectsize::eta_squared(fit, partial = FALSE, ci = conf, alternative = "two.sided")
  show("   effectsize eta_squared", eta2 = e$Eta2, lo = e$CI_low, hi = e$CI_high)
}
eta("E1 iris Sepal.Length ~ Species", iris$Sepal.Length, iris$Species)
eta("E2 airquality Ozone ~ Month", airquality$Ozone, airquality$Month)
eta("E3 mtcars mpg ~ cyl", mtcars$mpg, mtcars$cyl)

cat("\n== p.adjust ==\n")
p <- c(0.01, 0.04, NA, 0.03, 0.005, 0.2, NA, 0.5, 0.012)
for (m in c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY")) {
  cat("M", m, ":", format(p.adjust(p, m), digits = 15), "\n")
}
