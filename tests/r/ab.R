# Reference values for tests/test_ab.py (A/B comparisons: edakit.stats.ab, edakit.stats.power, edakit.ab).
# Run from the repository root:  Rscript tests/r/ab.R > tests/r/ab.out
# Updated for issue 20 (log-scale relative lift, Newcombe interval, HC2 CUPED, TOST) on a machine without R:
# tests/r/ab.out is the output of the previous version; rerun the line above where R is installed (the tests
# check the new quantities against statsmodels and closed forms meanwhile).
# Base R (stats) plus MASS (a recommended package shipped with R) for the `anorexia` data. Where R has no
# built-in function (delta-method relative lift, arcsine power for two proportions, noncentral-t power with
# unequal arms), the quantity is computed here from its textbook formula with R's own distribution functions
# (pnorm, qnorm, pt, qt, uniroot), independently of the Python code.
options(digits = 12)
out <- function(name, v) cat(name, "=", paste(formatC(unname(v), digits = 12, format = "g"), collapse = " "), "\n")
cat("# ", R.version.string, "\n", sep = "")
TOL <- 1e-13  # uniroot tolerance (R's default .Machine$double.eps^0.25 is far too loose for 1e-6 checks)

# ---------------------------------------------------------------- helpers (textbook formulas)
# Relative lift r = m_t / m_c - 1 (independent arms, v = variance of each mean). Printed: r, the interval of the
# ratio on the log scale minus 1, exp(log(m_t / m_c) -/+ z * se_log) - 1 with the delta-method
# se_log = sqrt(v_t / m_t^2 + v_c / m_c^2) (it never goes below -100 %), and the delta-method standard error of
# the ratio itself, sqrt(v_t / m_c^2 + m_t^2 v_c / m_c^4) (= ratio * se_log).
rel_lift <- function(mt, vt, mc, vc, conf = 0.95) {
  r <- mt / mc - 1
  se <- sqrt(vt / mc^2 + mt^2 * vc / mc^4)
  se_log <- sqrt(vt / mt^2 + vc / mc^2)
  z <- qnorm(1 - (1 - conf) / 2)
  c(r, exp(log(mt / mc) - z * se_log) - 1, exp(log(mt / mc) + z * se_log) - 1, se)
}
# Newcombe's (1998) hybrid score interval for p_t - p_c (method 10) from the two Wilson intervals.
newcombe <- function(xt, nt, xc, nc, conf = 0.95) {
  wt <- prop.test(xt, nt, correct = FALSE, conf.level = conf)$conf.int
  wc <- prop.test(xc, nc, correct = FALSE, conf.level = conf)$conf.int
  pt <- xt / nt; pc <- xc / nc; d <- pt - pc
  c(d - sqrt((pt - wt[1])^2 + (wc[2] - pc)^2), d + sqrt((wt[2] - pt)^2 + (pc - wc[1])^2))
}
# TOST: p = max of the one-sided p-values against -margin and +margin (normal, or t with df).
tost <- function(d, se, margin, df = Inf) {
  c(pt((d + margin) / se, df, lower.tail = FALSE), pt((d - margin) / se, df), max(pt((d + margin) / se, df,
    lower.tail = FALSE), pt((d - margin) / se, df)))
}
# Power of the two-sided z test on Cohen's h = 2 asin(sqrt(p_t)) - 2 asin(sqrt(p_c)), both tails counted
# (Cohen 1988, ch. 6; as statsmodels NormalIndPower). n_c, n_t: arm sizes.
pow_h <- function(h, nc, nt, a = 0.05) {
  ncp <- abs(h) * sqrt(nc * nt / (nc + nt)); z <- qnorm(1 - a / 2)
  pnorm(ncp - z) + pnorm(-ncp - z)
}
# Power of the two-sided two-sample t test for standardised difference d, unequal arms, both tails counted
# (noncentral t with df = n_c + n_t - 2, ncp = d sqrt(n_c n_t / (n_c + n_t)); as power.t.test(strict = TRUE)).
pow_d <- function(d, nc, nt, a = 0.05) {
  df <- nc + nt - 2; ncp <- d * sqrt(nc * nt / (nc + nt)); q <- qt(1 - a / 2, df)
  pt(q, df, ncp, lower.tail = FALSE) + pt(-q, df, ncp)
}
welch <- function(name, t, c) {
  r <- t.test(t, c)  # Welch (R's default): treatment minus control
  out(paste0(name, " n"), c(length(t), length(c)))
  out(paste0(name, " means"), r$estimate); out(paste0(name, " vars"), c(var(t), var(c)))
  out(paste0(name, " diff"), r$estimate[1] - r$estimate[2]); out(paste0(name, " ci"), r$conf.int)
  out(paste0(name, " t"), r$statistic); out(paste0(name, " df"), r$parameter); out(paste0(name, " p"), r$p.value)
  out(paste0(name, " mean ci t"), t.test(t)$conf.int); out(paste0(name, " mean ci c"), t.test(c)$conf.int)
  out(paste0(name, " rel"), rel_lift(mean(t), var(t) / length(t), mean(c), var(c) / length(c)))
  sp <- sqrt(((length(t) - 1) * var(t) + (length(c) - 1) * var(c)) / (length(t) + length(c) - 2))
  d <- (mean(t) - mean(c)) / sp
  out(paste0(name, " cohen d"), d)
  out(paste0(name, " power"), pow_d(d, length(c), length(t)))
  dm <- uniroot(function(d) pow_d(d, length(c), length(t)) - 0.8, c(1e-6, 10), tol = TOL)$root
  out(paste0(name, " mde d"), dm); out(paste0(name, " mde abs"), dm * sp)
  r$p.value
}

# ---------------------------------------------------------------- licorice (datasets/licorice.csv), binary
lic <- read.csv("datasets/licorice.csv")
out("licorice rows", as.vector(table(lic$treatment)))  # licorice, sugar (rows, outcome missing or not)
out("licorice srm", c(chisq.test(table(lic$treatment))$statistic, chisq.test(table(lic$treatment))$p.value))

y <- lic$sore_throat_4h; ok <- !is.na(y)
xt <- sum(y[ok & lic$treatment == "licorice"]); nt <- sum(ok & lic$treatment == "licorice")
xc <- sum(y[ok & lic$treatment == "sugar"]); nc <- sum(ok & lic$treatment == "sugar")
out("lic4h counts", c(xt, nt, xc, nc))
r <- prop.test(c(xt, xc), c(nt, nc), correct = FALSE)  # treatment (licorice) minus control (sugar)
out("lic4h diff", r$estimate[1] - r$estimate[2]); out("lic4h ci", r$conf.int)
out("lic4h chisq", r$statistic); out("lic4h p", r$p.value)
out("lic4h wilson t", prop.test(xt, nt, correct = FALSE)$conf.int)
out("lic4h wilson c", prop.test(xc, nc, correct = FALSE)$conf.int)
pt_ <- xt / nt; pc_ <- xc / nc
out("lic4h rel", rel_lift(pt_, pt_ * (1 - pt_) / nt, pc_, pc_ * (1 - pc_) / nc))
h <- 2 * asin(sqrt(pt_)) - 2 * asin(sqrt(pc_))
out("lic4h cohen h", h)
out("lic4h cohen h ci", h + c(-1, 1) * qnorm(0.975) * sqrt(1 / nt + 1 / nc))
out("lic4h newcombe", newcombe(xt, nt, xc, nc))
out("newcombe 56/70 48/80", newcombe(56, 70, 48, 80))  # Newcombe (1998) table II: 0.0524 to 0.3339
out("lic4h tost 0.05", tost(pt_ - pc_, sqrt(pt_ * (1 - pt_) / nt + pc_ * (1 - pc_) / nc), 0.05))
out("lic4h power", pow_h(h, nc, nt))
hm <- uniroot(function(h) pow_h(h, nc, nt) - 0.8, c(1e-6, 3), tol = TOL)$root
out("lic4h mde h", hm)
out("lic4h mde abs up", sin(asin(sqrt(pc_)) + hm / 2)^2 - pc_)
out("lic4h mde abs down", pc_ - sin(asin(sqrt(pc_)) - hm / 2)^2)

y <- lic$sore_throat_30min; ok <- !is.na(y)
xt <- sum(y[ok & lic$treatment == "licorice"]); nt <- sum(ok & lic$treatment == "licorice")
xc <- sum(y[ok & lic$treatment == "sugar"]); nc <- sum(ok & lic$treatment == "sugar")
out("lic30 counts", c(xt, nt, xc, nc))
r <- prop.test(c(xt, xc), c(nt, nc), correct = FALSE)
out("lic30 diff", r$estimate[1] - r$estimate[2]); out("lic30 ci", r$conf.int); out("lic30 p", r$p.value)
p_lic30 <- r$p.value
p_lic4h <- prop.test(c(sum(lic$sore_throat_4h[lic$treatment == "licorice"], na.rm = TRUE),
                       sum(lic$sore_throat_4h[lic$treatment == "sugar"], na.rm = TRUE)),
                     c(sum(!is.na(lic$sore_throat_4h[lic$treatment == "licorice"])),
                       sum(!is.na(lic$sore_throat_4h[lic$treatment == "sugar"]))), correct = FALSE)$p.value

# ---------------------------------------------------------------- licorice, continuous (pain score 0-10)
yp <- lic$throat_pain_30min
p_pain <- welch("licpain", yp[!is.na(yp) & lic$treatment == "licorice"], yp[!is.na(yp) & lic$treatment == "sugar"])
# Holm and BH across the three licorice comparisons (sore_throat_30min, sore_throat_4h, throat_pain_30min)
out("lic3 raw p", c(p_lic30, p_lic4h, p_pain))
out("lic3 holm", p.adjust(c(p_lic30, p_lic4h, p_pain), "holm"))
out("lic3 bh", p.adjust(c(p_lic30, p_lic4h, p_pain), "BH"))

# ---------------------------------------------------------------- sample-ratio mismatch (chisq.test GOF)
r <- chisq.test(c(5000, 5400)); out("srm bad", c(r$statistic, r$parameter, r$p.value))
r <- chisq.test(c(2010, 1985, 4005), p = c(25, 25, 50) / 100)
out("srm three", c(r$statistic, r$parameter, r$p.value))
r <- chisq.test(c(2010, 1985, 4005), p = c(30, 30, 40), rescale.p = TRUE)
out("srm three 30-30-40", c(r$statistic, r$parameter, r$p.value))

# ---------------------------------------------------------------- power, MDE and sample size
# Two means: power.t.test(strict = TRUE) counts both tails, as statsmodels TTestIndPower.
out("pt power n50 d0.5", power.t.test(n = 50, delta = 0.5, sd = 1, strict = TRUE)$power)
out("pt n delta1 sd3", power.t.test(delta = 1, sd = 3, power = 0.8, strict = TRUE, tol = TOL)$n)
out("pt n delta1 sd3 a01 p9", power.t.test(delta = 1, sd = 3, power = 0.9, sig.level = 0.01, strict = TRUE,
                                            tol = TOL)$n)
out("pt delta n200 sd2", power.t.test(n = 200, sd = 2, power = 0.8, strict = TRUE, tol = TOL)$delta)
# the same by the unequal-arm formula above, as a cross-check of pow_d
out("powd n50 d0.5", pow_d(0.5, 50, 50))
# unequal arms (ratio n_t / n_c = 2): no base-R function; uniroot on the noncentral-t power above
out("pd n ratio2 d0.3", uniroot(function(n) pow_d(0.3, n, 2 * n) - 0.8, c(3, 1e5), tol = TOL)$root)
# Two proportions on Cohen's h (arcsine), both tails: p_c = 0.10, p_t = 0.12
h <- 2 * asin(sqrt(0.12)) - 2 * asin(sqrt(0.10))
out("ph h 0.12 0.10", h)
out("ph n 0.12 0.10", uniroot(function(n) pow_h(h, n, n) - 0.8, c(2, 1e7), tol = TOL)$root)
out("ph n 0.12 0.10 a01 p9 ratio3", uniroot(function(n) pow_h(h, n, 3 * n, 0.01) - 0.9, c(2, 1e7), tol = TOL)$root)
out("ph power n2000", pow_h(h, 2000, 2000))
# relative MDE: 10 % of a 0.10 baseline = p_t 0.11
h2 <- 2 * asin(sqrt(0.11)) - 2 * asin(sqrt(0.10))
out("ph n rel10", uniroot(function(n) pow_h(h2, n, n) - 0.8, c(2, 1e8), tol = TOL)$root)
# R's power.prop.test uses the raw difference with pooled/unpooled variances instead of the arcsine scale:
# a different (also standard) convention; printed for the documentation, not asserted equal.
out("power.prop.test n 0.10 0.12", power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8, strict = TRUE, tol = TOL)$n)

# ---------------------------------------------------------------- CUPED on MASS::anorexia (3 arms, control Cont)
data(anorexia, package = "MASS")
cat("anorexia Treat:", as.character(anorexia$Treat), "\n")
cat("anorexia Prewt:", anorexia$Prewt, "\n")
cat("anorexia Postwt:", anorexia$Postwt, "\n")
a <- anorexia; a$Treat <- relevel(a$Treat, "Cont")
# Unadjusted Welch comparisons, and a second metric gain = Postwt - Prewt
p_un <- c(welch("anx CBT", a$Postwt[a$Treat == "CBT"], a$Postwt[a$Treat == "Cont"]),
          welch("anx FT", a$Postwt[a$Treat == "FT"], a$Postwt[a$Treat == "Cont"]))
a$gain <- a$Postwt - a$Prewt
p_gain <- c(t.test(a$gain[a$Treat == "CBT"], a$gain[a$Treat == "Cont"])$p.value,
            t.test(a$gain[a$Treat == "FT"], a$gain[a$Treat == "Cont"])$p.value)
out("anx gain p", p_gain)
out("anx 4 holm", p.adjust(c(p_un, p_gain), "holm")); out("anx 4 bh", p.adjust(c(p_un, p_gain), "BH"))
out("anx srm", c(chisq.test(table(a$Treat))$statistic, chisq.test(table(a$Treat))$p.value))

# CUPED = ANCOVA with the covariate centred at its overall mean: theta is the pooled within-arm slope,
# the adjusted difference is lm's group coefficient.
fit <- lm(Postwt ~ Treat + I(Prewt - mean(Prewt)), data = a)
out("cuped theta", coef(fit)[4])
out("cuped lm diff", coef(fit)[c("TreatCBT", "TreatFT")])
adj <- a$Postwt - coef(fit)[4] * (a$Prewt - mean(a$Prewt))
out("cuped adj means", tapply(adj, a$Treat, mean)[c("CBT", "Cont", "FT")])
p_cu <- c()
for (arm in c("CBT", "FT")) {
  r <- t.test(adj[a$Treat == arm], adj[a$Treat == "Cont"])  # Welch on the CUPED-adjusted values
  out(paste("cuped", arm, "diff"), r$estimate[1] - r$estimate[2]); out(paste("cuped", arm, "ci"), r$conf.int)
  out(paste("cuped", arm, "p"), r$p.value); out(paste("cuped", arm, "df"), r$parameter)
  out(paste("cuped", arm, "rel"), rel_lift(mean(adj[a$Treat == arm]), var(adj[a$Treat == arm]) / sum(a$Treat == arm),
                                          mean(adj[a$Treat == "Cont"]), var(adj[a$Treat == "Cont"]) / sum(a$Treat == "Cont")))
  p_cu <- c(p_cu, r$p.value)
}
# The adjusted difference's standard error from the ANCOVA itself, robust HC2 (base R, as
# sandwich::vcovHC(fit, type = "HC2")): (X'X)^-1 X' diag(e^2 / (1 - h)) X (X'X)^-1, t on the residual df.
X <- model.matrix(fit); e <- resid(fit); lev <- hatvalues(fit)
bread <- solve(crossprod(X))
V <- bread %*% crossprod(X * (e^2 / (1 - lev)), X) %*% bread
p_hc2 <- c()
for (arm in c("CBT", "FT")) {
  k <- paste0("Treat", arm); b <- coef(fit)[k]; se <- sqrt(V[k, k]); df <- df.residual(fit)
  p <- 2 * pt(-abs(b / se), df)
  out(paste("cuped hc2", arm), c(b, se, b - qt(0.975, df) * se, b + qt(0.975, df) * se, p, df))
  p_hc2 <- c(p_hc2, p)
}
out("cuped hc2 holm", p.adjust(p_hc2, "holm"))
ss <- function(v) sum(tapply(v, a$Treat, function(u) sum((u - mean(u))^2)))
out("cuped variance reduction", 1 - ss(adj) / ss(a$Postwt))
out("cuped holm", p.adjust(p_cu, "holm"))
