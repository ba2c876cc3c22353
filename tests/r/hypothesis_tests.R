# Reference values for tests/test_hypothesis_tests.py (edakit.stats hypothesis tests).
# Run from the repository root:  Rscript tests/r/hypothesis_tests.R > tests/r/hypothesis_tests.out
# Only base R (stats + datasets) is used. Where R has no built-in function (effect-size CIs, Games-Howell,
# Dunn, Brown-Forsythe without `car`), the quantity is computed here from its textbook formula with R's own
# distribution functions (pt with ncp, ptukey/qtukey, pnorm, p.adjust), independently of the Python code.
options(digits = 12)
out <- function(name, v) cat(name, "=", paste(formatC(unname(v), digits = 12, format = "g"), collapse = " "), "\n")
cat("# ", R.version.string, "\n", sep = "")

# ---------------------------------------------------------------- data (dput, pasted inline in the tests)
s1 <- sleep$extra[sleep$group == "1"]; s2 <- sleep$extra[sleep$group == "2"]
oj <- ToothGrowth$len[ToothGrowth$supp == "OJ"]; vc <- ToothGrowth$len[ToothGrowth$supp == "VC"]
cat("sleep group 1:", s1, "\n"); cat("sleep group 2:", s2, "\n")
cat("ToothGrowth OJ:", oj, "\n"); cat("ToothGrowth VC:", vc, "\n")
cat("PlantGrowth weight:", PlantGrowth$weight, "(ctrl 1-10, trt1 11-20, trt2 21-30)\n")
cat("InsectSprays count:", InsectSprays$count, "(sprays A-F, 12 each)\n")
cat("mtcars mpg:", mtcars$mpg, "\n"); cat("mtcars cyl:", mtcars$cyl, "\n")

# ---------------------------------------------------------------- t-tests
tt <- function(name, r) {
  out(paste0(name, " statistic"), r$statistic); out(paste0(name, " df"), r$parameter)
  out(paste0(name, " p"), r$p.value); out(paste0(name, " ci"), r$conf.int); out(paste0(name, " estimate"), r$estimate)
  cat(name, "method =", r$method, "\n")
}
tt("t one", t.test(s1))
tt("t one mu0.5 greater", t.test(s1, mu = 0.5, alternative = "greater"))
tt("t welch", t.test(s1, s2))
tt("t student", t.test(s1, s2, var.equal = TRUE))
tt("t paired", t.test(s1, s2, paired = TRUE))
tt("t welch tooth less 90", t.test(oj, vc, alternative = "less", conf.level = 0.9))

# Cohen's d with a noncentral-t CI (Steiger & Fouladi 1997): find ncp with pt(t, df, ncp) = 1 - a/2 and a/2,
# then divide by sqrt(n1 n2 / (n1 + n2)) (two samples) or sqrt(n) (one sample / paired differences).
# Hedges' g = d * J(df), J(df) = gamma(df/2) / (sqrt(df/2) gamma((df-1)/2)).
ncp_ci <- function(t, df, conf = 0.95, alternative = "two.sided") {
  f <- function(ncp, p) pt(t, df, ncp) - p
  a <- 1 - conf
  lo <- function(p) uniroot(f, c(t - 5, t + 5), p = p, tol = 1e-13)$root
  switch(alternative,
         two.sided = c(lo(1 - a / 2), lo(a / 2)),
         greater = c(lo(1 - a), Inf),
         less = c(-Inf, lo(a)))
}
J <- function(df) exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
d2 <- function(name, x, y, conf = 0.95, alternative = "two.sided") {
  n1 <- length(x); n2 <- length(y); df <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / df)
  d <- (mean(x) - mean(y)) / sp; s <- sqrt(n1 * n2 / (n1 + n2))
  ci <- ncp_ci(d * s, df, conf, alternative) / s
  out(paste0(name, " d"), d); out(paste0(name, " d ci"), ci)
  out(paste0(name, " g"), d * J(df)); out(paste0(name, " g ci"), ci * J(df))
}
d1 <- function(name, x, mu = 0, conf = 0.95, alternative = "two.sided") {
  n <- length(x); d <- (mean(x) - mu) / sd(x)
  ci <- ncp_ci(d * sqrt(n), n - 1, conf, alternative) / sqrt(n)
  out(paste0(name, " d"), d); out(paste0(name, " d ci"), ci)
  out(paste0(name, " g"), d * J(n - 1)); out(paste0(name, " g ci"), ci * J(n - 1))
}
d1("t one", s1)
d1("t one mu0.5 greater", s1, mu = 0.5, alternative = "greater")
d2("t welch", s1, s2)
d1("t paired", s1 - s2)
d2("t welch tooth less 90", oj, vc, conf = 0.9, alternative = "less")

# ---------------------------------------------------------------- Wilcoxon rank-sum (Mann-Whitney)
wt <- function(name, r) {
  out(paste0(name, " W"), r$statistic); out(paste0(name, " p"), r$p.value)
  if (!is.null(r$conf.int)) { out(paste0(name, " ci"), r$conf.int); out(paste0(name, " estimate"), r$estimate) }
  cat(name, "method =", r$method, "\n")
}
wt("w tooth", wilcox.test(oj, vc, exact = FALSE, correct = TRUE, conf.int = TRUE))
wt("w tooth nocorrect", wilcox.test(oj, vc, exact = FALSE, correct = FALSE))
wt("w tooth greater", wilcox.test(oj, vc, exact = FALSE, alternative = "greater", conf.int = TRUE))
wt("w sleep", wilcox.test(s1, s2, exact = FALSE, conf.int = TRUE))
ctrl <- PlantGrowth$weight[1:10]; trt1 <- PlantGrowth$weight[11:20]; trt2 <- PlantGrowth$weight[21:30]
wt("w plant exact", wilcox.test(ctrl, trt2, exact = TRUE, conf.int = TRUE))
wt("w plant exact less 90", wilcox.test(ctrl, trt2, exact = TRUE, conf.int = TRUE, alternative = "less",
                                        conf.level = 0.9))
r3 <- suppressWarnings(wilcox.test(c(1, 2, 3), c(4, 5, 6), conf.int = TRUE))  # warns: conf.level not achievable
out("w tiny exact ci", r3$conf.int); out("w tiny exact p", r3$p.value)
out("w tiny exact achieved conf", attr(r3$conf.int, "conf.level"))
out("w tooth HL median of differences", median(outer(oj, vc, "-")))
# rank-biserial r = 2 W / (n1 n2) - 1, CI by Fisher's z with SE = sqrt((n1 + n2 + 1) / (3 n1 n2))
rb <- function(name, x, y, conf = 0.95) {
  n1 <- length(x); n2 <- length(y); W <- wilcox.test(x, y, exact = FALSE)$statistic
  r <- 2 * W / (n1 * n2) - 1; se <- sqrt((n1 + n2 + 1) / (3 * n1 * n2)); z <- qnorm(1 - (1 - conf) / 2)
  out(paste0(name, " rank-biserial"), r); out(paste0(name, " rank-biserial ci"), tanh(atanh(r) + c(-1, 1) * z * se))
}
rb("w tooth", oj, vc)
rb("w plant exact", ctrl, trt2)

# ---------------------------------------------------------------- one-way ANOVA, Welch ANOVA, post-hoc
eta_omega <- function(name, y, g) {
  a <- summary(aov(y ~ g))[[1]]
  ssb <- a[1, "Sum Sq"]; ssw <- a[2, "Sum Sq"]; msw <- a[2, "Mean Sq"]; dfb <- a[1, "Df"]
  out(paste0(name, " aov F"), a[1, "F value"]); out(paste0(name, " aov p"), a[1, "Pr(>F)"])
  out(paste0(name, " eta2"), ssb / (ssb + ssw)); out(paste0(name, " omega2"), (ssb - dfb * msw) / (ssb + ssw + msw))
}
games_howell <- function(name, y, g, conf = 0.95) {
  g <- factor(g); k <- nlevels(g); m <- tapply(y, g, mean); v <- tapply(y, g, var); n <- tapply(y, g, length)
  p <- combn(k, 2)
  for (c in seq_len(ncol(p))) {
    i <- p[1, c]; j <- p[2, c]
    diff <- m[j] - m[i]; se2 <- v[i] / n[i] + v[j] / n[j]
    df <- se2^2 / ((v[i] / n[i])^2 / (n[i] - 1) + (v[j] / n[j])^2 / (n[j] - 1))
    t <- abs(diff) / sqrt(se2)
    q <- qtukey(conf, k, df) / sqrt(2)
    out(paste0(name, " games-howell ", levels(g)[j], "-", levels(g)[i]),
        c(diff, diff - q * sqrt(se2), diff + q * sqrt(se2), ptukey(t * sqrt(2), k, df, lower.tail = FALSE)))
  }
}
av <- function(name, y, g) {
  g <- factor(g)
  for (ve in c(TRUE, FALSE)) {
    r <- oneway.test(y ~ g, var.equal = ve); nm <- paste0(name, if (ve) " classic" else " welch")
    out(paste0(nm, " F"), r$statistic); out(paste0(nm, " df"), r$parameter); out(paste0(nm, " p"), r$p.value)
    cat(nm, "method =", r$method, "\n")
  }
  eta_omega(name, y, g)
  tk <- TukeyHSD(aov(y ~ g))$g
  for (i in seq_len(nrow(tk))) out(paste0(name, " tukey ", rownames(tk)[i]), tk[i, ])
  games_howell(name, y, g)
}
av("aov plant", PlantGrowth$weight, PlantGrowth$group)
av("aov insects", InsectSprays$count, InsectSprays$spray)
av("aov mtcars", mtcars$mpg, mtcars$cyl)

# ---------------------------------------------------------------- Kruskal-Wallis + Dunn (Holm)
dunn <- function(name, y, g) {
  g <- factor(g); N <- length(y); r <- rank(y); t <- table(y)
  s2 <- N * (N + 1) / 12 - sum(t^3 - t) / (12 * (N - 1))
  mr <- tapply(r, g, mean); n <- tapply(r, g, length); p <- combn(nlevels(g), 2)
  z <- apply(p, 2, function(c) (mr[c[2]] - mr[c[1]]) / sqrt(s2 * (1 / n[c[1]] + 1 / n[c[2]])))
  pv <- 2 * pnorm(-abs(z)); pa <- p.adjust(pv, "holm")
  for (c in seq_len(ncol(p)))
    out(paste0(name, " dunn ", levels(g)[p[2, c]], "-", levels(g)[p[1, c]]), c(mr[p[2, c]] - mr[p[1, c]], z[c], pv[c], pa[c]))
}
kw <- function(name, y, g) {
  r <- kruskal.test(y, factor(g))
  out(paste0(name, " H"), r$statistic); out(paste0(name, " df"), r$parameter); out(paste0(name, " p"), r$p.value)
  out(paste0(name, " epsilon2"), r$statistic / (length(y) - 1))
  cat(name, "method =", r$method, "\n")
  dunn(name, y, g)
}
kw("kw plant", PlantGrowth$weight, PlantGrowth$group)
kw("kw insects", InsectSprays$count, InsectSprays$spray)
kw("kw mtcars", mtcars$mpg, mtcars$cyl)

# ---------------------------------------------------------------- Shapiro-Wilk
sw <- function(name, x) { r <- shapiro.test(x); out(paste0(name, " W"), r$statistic); out(paste0(name, " p"), r$p.value) }
sw("sw sleep1", s1); sw("sw tooth", ToothGrowth$len); sw("sw mtcars", mtcars$mpg); sw("sw insects", InsectSprays$count)
cat("sw method =", shapiro.test(s1)$method, "\n")

# ---------------------------------------------------------------- Brown-Forsythe / Levene
# car::leveneTest(y ~ g, center = median) is anova(lm(abs(y - median_by_group) ~ g)); `car` is not installed here.
lev <- function(name, y, g, center) {
  g <- factor(g); a <- anova(lm(abs(y - ave(y, g, FUN = center)) ~ g))
  out(paste0(name, " F"), a[1, "F value"]); out(paste0(name, " df"), a[, "Df"]); out(paste0(name, " p"), a[1, "Pr(>F)"])
}
lev("bf plant", PlantGrowth$weight, PlantGrowth$group, median)
lev("levene plant", PlantGrowth$weight, PlantGrowth$group, mean)
lev("bf insects", InsectSprays$count, InsectSprays$spray, median)
lev("bf mtcars", mtcars$mpg, mtcars$cyl, median)

# ---------------------------------------------------------------- prop.test
pt_ <- function(name, r) {
  out(paste0(name, " X2"), r$statistic); out(paste0(name, " df"), r$parameter); out(paste0(name, " p"), r$p.value)
  if (!is.null(r$conf.int)) out(paste0(name, " ci"), r$conf.int)
  out(paste0(name, " estimate"), r$estimate); cat(name, "method =", r$method, "\n")
}
tsex <- margin.table(Titanic, c(2, 4))  # Sex x Survived
print(tsex)
pt_("prop titanic", prop.test(tsex[, "Yes"], rowSums(tsex)))
pt_("prop titanic nocorrect", prop.test(tsex[, "Yes"], rowSums(tsex), correct = FALSE))
pt_("prop titanic greater", prop.test(tsex[, "Yes"], rowSums(tsex), alternative = "greater"))
pt_("prop small less", prop.test(c(15, 16), c(30, 30), alternative = "less"))
pt_("prop small", prop.test(c(15, 16), c(30, 30)))
pt_("prop small 90", prop.test(c(8, 2), c(10, 10), conf.level = 0.9))
smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
pt_("prop smokers", prop.test(smokers, patients))
pt_("prop equal", prop.test(c(5, 5), c(10, 10)))  # delta = 0: R's Yates term becomes 0 -> "without"
# Cohen's h = 2 asin(sqrt(p1)) - 2 asin(sqrt(p2)); Cramer's V = sqrt(X2 / (N (min(r, c) - 1))), uncorrected X2
p_t <- tsex[, "Yes"] / rowSums(tsex)
out("prop titanic cohen h", 2 * asin(sqrt(p_t[1])) - 2 * asin(sqrt(p_t[2])))
out("prop smokers cramers v", sqrt(chisq.test(cbind(smokers, patients - smokers))$statistic / sum(patients)))

# ---------------------------------------------------------------- chisq.test
cs <- function(name, tab, correct = TRUE) {
  r <- suppressWarnings(chisq.test(tab, correct = correct))
  out(paste0(name, " X2"), r$statistic); out(paste0(name, " df"), r$parameter); out(paste0(name, " p"), r$p.value)
  out(paste0(name, " expected"), t(r$expected)); out(paste0(name, " stdres"), t(r$stdres))
  cat(name, "method =", r$method, "\n")
}
haireye <- margin.table(HairEyeColor, c(1, 2)); print(haireye)
cs("chisq haireye", haireye)
tclass <- margin.table(Titanic, c(1, 4)); print(tclass)
cs("chisq titanic class", tclass)
cs("chisq titanic sex", tsex)
cs("chisq titanic sex nocorrect", tsex, correct = FALSE)
cs("chisq small", matrix(c(3, 1, 1, 3), 2, byrow = TRUE))
cv <- function(name, tab) out(paste0(name, " cramers v"),
  sqrt(chisq.test(tab, correct = FALSE)$statistic / (sum(tab) * (min(dim(tab)) - 1))))
cv("chisq haireye", haireye); cv("chisq titanic class", tclass); cv("chisq titanic sex", tsex)

# ---------------------------------------------------------------- fisher.test
ft <- function(name, r) {
  out(paste0(name, " p"), r$p.value); out(paste0(name, " ci"), r$conf.int); out(paste0(name, " or"), r$estimate)
  cat(name, "method =", r$method, "\n")
}
ft("fisher tea", fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE)))
ft("fisher tea greater", fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "greater"))
ft("fisher convictions less", fisher.test(matrix(c(2, 10, 15, 3), 2, byrow = TRUE), alternative = "less"))
ft("fisher titanic sex 90", fisher.test(tsex, conf.level = 0.9))
ft("fisher zero cell", fisher.test(matrix(c(0, 5, 6, 2), 2, byrow = TRUE)))

# fisher.test finds the conditional MLE and the CI limits with uniroot at its default tol (~1.2e-4 on the
# 0..1 scale it searches, i.e. ~1e-3 relative after 1/t), so its printed values are accurate to ~3-4 digits.
# The same algorithm (stats:::fisher.test source, R 4.2) at tol = 1e-15, for a full-precision reference:
fisher_precise <- function(name, tab, alternative = "two.sided", conf.level = 0.95) {
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
  mle <- function(x) {
    if (x == lo) return(0); if (x == hi) return(Inf); mu <- mnhyper(1)
    if (mu > x) ur(function(t) mnhyper(t) - x, c(0, 1))
    else if (mu < x) 1 / ur(function(t) mnhyper(1 / t) - x, c(.Machine$double.eps, 1)) else 1
  }
  ncp.U <- function(x, alpha) {
    if (x == hi) return(Inf); p <- pnhyper(x, 1)
    if (p < alpha) ur(function(t) pnhyper(x, t) - alpha, c(0, 1))
    else if (p > alpha) 1 / ur(function(t) pnhyper(x, 1 / t) - alpha, c(.Machine$double.eps, 1)) else 1
  }
  ncp.L <- function(x, alpha) {
    if (x == lo) return(0); p <- pnhyper(x, 1, upper.tail = TRUE)
    if (p > alpha) ur(function(t) pnhyper(x, t, upper.tail = TRUE) - alpha, c(0, 1))
    else if (p < alpha) 1 / ur(function(t) pnhyper(x, 1 / t, upper.tail = TRUE) - alpha, c(.Machine$double.eps, 1))
    else 1
  }
  ci <- switch(alternative, less = c(0, ncp.U(x, 1 - conf.level)), greater = c(ncp.L(x, 1 - conf.level), Inf),
               two.sided = { a <- (1 - conf.level) / 2; c(ncp.L(x, a), ncp.U(x, a)) })
  out(paste0(name, " precise or"), mle(x)); out(paste0(name, " precise ci"), ci)
}
fisher_precise("fisher tea", matrix(c(3, 1, 1, 3), 2, byrow = TRUE))
fisher_precise("fisher tea greater", matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "greater")
fisher_precise("fisher convictions less", matrix(c(2, 10, 15, 3), 2, byrow = TRUE), alternative = "less")
fisher_precise("fisher titanic sex 90", unclass(tsex), conf.level = 0.9)
fisher_precise("fisher zero cell", matrix(c(0, 5, 6, 2), 2, byrow = TRUE))
