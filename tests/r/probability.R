# Reference values for tests/test_probability.py (mode and entropy, distribution fits, bootstrap companions, PCA).
# Run from the repository root:  Rscript tests/r/probability.R > tests/r/probability.out
# Base R (stats) and MASS (Debian: r-cran-mass). rivers, InsectSprays and mtcars are R's own copies (package
# datasets); penguins is read from datasets/penguins.csv. Every value is computed here independently of edakit:
#   * entropy by its closed form -sum(p log2 p);
#   * fits by MASS::fitdistr, and for the gamma and negative binomial also by solving the score equation with
#     uniroot (tight tolerance) and the analytic observed information, since fitdistr's optim and numerical
#     Hessian agree only to about 5 significant digits;
#   * Wald intervals from those estimates and standard errors (log scale for positive parameters);
#   * ks.test statistics, the chi-square over merged cells, Fisher's dispersion test, t.test, order-statistic
#     median intervals, and prcomp(scale. = TRUE).
# Output lines are `label key=value ...` (read by tests/conftest.py::read_r_output); labels have no spaces
# ("negative_binomial").

options(warn = 1)
suppressPackageStartupMessages(library(MASS))
cat("#", R.version.string, "| MASS", as.character(packageVersion("MASS")), "\n")

show <- function(label, ...) {
  vals <- c(...)
  cat(label, paste(names(vals), sprintf("%.17g", vals), sep = "=", collapse = " "), "\n")
}

z <- qnorm(0.975)
wald <- function(est, se) c(lo = est - z * se, hi = est + z * se)
wald_log <- function(est, se) c(lo = est * exp(-z * se / est), hi = est * exp(z * se / est))

pen <- read.csv("datasets/penguins.csv", stringsAsFactors = FALSE)

# ---- entropy: H = -sum(p log2 p), normalised H / log2(K), Miller-Madow H + (K - 1) / (2 n ln 2)
entropy <- function(label, x) {
  x <- x[!is.na(x)]
  counts <- table(x)
  p <- counts / sum(counts)
  h <- -sum(p * log2(p))
  k <- length(counts)
  show(label, bits = h, norm = h / log2(k), max = log2(k), mm = h + (k - 1) / (2 * length(x) * log(2)),
       levels = k, n = length(x))
}
entropy("entropy|penguins|species", pen$species)
entropy("entropy|penguins|island", pen$island)
entropy("entropy|penguins|sex", pen$sex)
entropy("entropy|penguins|year", pen$year)
entropy("entropy|insectsprays|spray", as.character(InsectSprays$spray))
entropy("entropy|insectsprays|count", InsectSprays$count)
entropy("entropy|mtcars|cyl", mtcars$cyl)
entropy("entropy|mtcars|gear", mtcars$gear)

# ---- modes: most frequent value(s) and their count
mode_of <- function(label, x) {
  counts <- table(x[!is.na(x)])
  top <- max(counts)
  tied <- names(counts)[counts == top]
  show(label, count = top, ties = length(tied), first = suppressWarnings(as.numeric(tied[1])))
}
mode_of("mode|insectsprays|count", InsectSprays$count)
mode_of("mode|mtcars|cyl", mtcars$cyl)
mode_of("mode|mtcars|carb", mtcars$carb)
mode_of("mode|penguins|flipper_length_mm", pen$flipper_length_mm)

# ---- continuous fits (MASS::fitdistr): parameters, standard errors, log-likelihood, AIC
continuous <- function(label, x) {
  x <- x[!is.na(x)]
  f <- fitdistr(x, "normal")
  show(paste0("fit|", label, "|normal"), mean = f$estimate[["mean"]], sd = f$estimate[["sd"]],
       se_mean = f$sd[["mean"]], se_sd = f$sd[["sd"]], loglik = f$loglik, aic = AIC(f),
       wald(f$estimate[["mean"]], f$sd[["mean"]]), sd_ci = wald_log(f$estimate[["sd"]], f$sd[["sd"]]))
  if (all(x > 0)) {
    f <- fitdistr(x, "lognormal")
    show(paste0("fit|", label, "|log-normal"), meanlog = f$estimate[["meanlog"]], sdlog = f$estimate[["sdlog"]],
         se_meanlog = f$sd[["meanlog"]], se_sdlog = f$sd[["sdlog"]], loglik = f$loglik, aic = AIC(f),
         wald(f$estimate[["meanlog"]], f$sd[["meanlog"]]), sdlog_ci = wald_log(f$estimate[["sdlog"]], f$sd[["sdlog"]]))
    # gamma: fitdistr (optim), then the exact MLE: log(a) - digamma(a) = log(mean(x)) - mean(log(x)), rate = a / mean
    g <- fitdistr(x / mean(x), "gamma")  # fitted on x / mean(x) for stable optim; rate rescales by 1 / mean(x)
    s <- log(mean(x)) - mean(log(x))
    a <- uniroot(function(a) log(a) - digamma(a) - s, c(1e-6, 1e8), tol = 1e-14)$root
    b <- a / mean(x)
    n <- length(x)
    den <- n * (a * trigamma(a) - 1)
    se_a <- sqrt(a / den)
    se_b <- sqrt(b^2 * trigamma(a) / den)
    ll <- sum(dgamma(x, shape = a, rate = b, log = TRUE))
    show(paste0("fit|", label, "|gamma"), shape = a, rate = b, se_shape = se_a, se_rate = se_b, loglik = ll,
         aic = 4 - 2 * ll, shape_ci = wald_log(a, se_a), rate_ci = wald_log(b, se_b),
         fitdistr_shape = g$estimate[["shape"]], fitdistr_rate = g$estimate[["rate"]] / mean(x),
         fitdistr_se_shape = g$sd[["shape"]])
  }
  if (all(x >= 0)) {
    f <- fitdistr(x, "exponential")
    show(paste0("fit|", label, "|exponential"), rate = f$estimate[["rate"]], se_rate = f$sd[["rate"]],
         loglik = f$loglik, aic = AIC(f), rate_ci = wald_log(f$estimate[["rate"]], f$sd[["rate"]]))
  }
}
continuous("rivers|length_miles", as.numeric(rivers))
continuous("penguins|body_mass_g", pen$body_mass_g)
continuous("penguins|bill_length_mm", pen$bill_length_mm)
continuous("penguins|bill_depth_mm", pen$bill_depth_mm)
continuous("faithful|eruptions", faithful$eruptions)

# ---- Kolmogorov-Smirnov distance to the best-fitting family (D only: its textbook p-value assumes known parameters)
f <- fitdistr(as.numeric(rivers), "lognormal")
show("ks|rivers|length_miles", d = unname(ks.test(rivers, "plnorm", f$estimate[["meanlog"]], f$estimate[["sdlog"]])$statistic))
bm <- pen$body_mass_g[!is.na(pen$body_mass_g)]
f <- fitdistr(bm, "lognormal")
show("ks|penguins|body_mass_g", d = unname(ks.test(bm, "plnorm", f$estimate[["meanlog"]], f$estimate[["sdlog"]])$statistic))
bd <- pen$bill_depth_mm[!is.na(pen$bill_depth_mm)]
f <- fitdistr(bd, "normal")
show("ks|penguins|bill_depth_mm", d = unname(suppressWarnings(ks.test(bd, "pnorm", f$estimate[["mean"]], f$estimate[["sd"]]))$statistic))
fe <- faithful$eruptions
f <- fitdistr(fe, "normal")
show("ks|faithful|eruptions", d = unname(suppressWarnings(ks.test(fe, "pnorm", f$estimate[["mean"]], f$estimate[["sd"]]))$statistic))

# ---- count fits: Poisson (fitdistr), negative binomial (fitdistr and the exact score root), dispersion test
nb_exact <- function(x) {
  n <- length(x); m <- mean(x)
  score <- function(lr) { r <- exp(lr); sum(digamma(x + r)) - n * digamma(r) + n * log(r / (r + m)) }
  mom <- m^2 / (var(x) - m)  # method-of-moments size: the root lies within a factor e^3 of it here
  r <- exp(uniroot(score, log(mom) + c(-3, 3), tol = 1e-14)$root)
  l_rr <- sum(trigamma(x + r)) - n * trigamma(r) + n * (1 / r - 1 / (r + m))
  list(size = r, mu = m, se_size = sqrt(-1 / l_rr), se_mu = sqrt(m * (r + m) / (n * r)),
       loglik = sum(dnbinom(x, size = r, mu = m, log = TRUE)))
}
# Cells from min(x) to max(x), end cells holding the tails, merged left to right until each expects >= 5;
# a short remainder joins the last cell. X^2 = sum((O - E)^2 / E), df = cells - 1 - k and cells - 1.
chisq_cells <- function(x, pmf, cdf, k) {
  lo <- min(x); hi <- max(x); n <- length(x)
  vals <- lo:hi
  o <- sapply(vals, function(v) sum(x == v))
  e <- n * pmf(vals)
  e[1] <- n * cdf(lo)
  e[length(e)] <- n * (1 - cdf(hi - 1))
  cells_o <- c(); cells_e <- c(); co <- 0; ce <- 0
  for (j in seq_along(vals)) {
    co <- co + o[j]; ce <- ce + e[j]
    if (ce >= 5) { cells_o <- c(cells_o, co); cells_e <- c(cells_e, ce); co <- 0; ce <- 0 }
  }
  if (co > 0 || ce > 0) {
    m <- length(cells_o); cells_o[m] <- cells_o[m] + co; cells_e[m] <- cells_e[m] + ce
  }
  stat <- sum((cells_o - cells_e)^2 / cells_e)
  m <- length(cells_o)
  c(x2 = stat, cells = m, df = m - 1 - k, p = pchisq(stat, m - 1 - k, lower.tail = FALSE),
    p_upper = pchisq(stat, m - 1, lower.tail = FALSE))
}
counts <- function(label, x, nb = TRUE) {
  n <- length(x)
  f <- fitdistr(x, "Poisson")
  show(paste0("fit|", label, "|Poisson"), lambda = f$estimate[["lambda"]], se_lambda = f$sd[["lambda"]],
       loglik = f$loglik, aic = AIC(f), lambda_ci = wald_log(f$estimate[["lambda"]], f$sd[["lambda"]]))
  d <- sum((x - mean(x))^2) / mean(x)
  show(paste0("dispersion|", label), index = var(x) / mean(x),
       p = min(1, 2 * min(pchisq(d, n - 1), pchisq(d, n - 1, lower.tail = FALSE))))
  lam <- mean(x)
  show(paste0("chisq|", label, "|Poisson"), chisq_cells(x, function(v) dpois(v, lam), function(v) ppois(v, lam), 1))
  if (nb) {
    g <- suppressWarnings(fitdistr(x, "negative binomial"))
    e <- nb_exact(x)
    show(paste0("fit|", label, "|negative_binomial"), size = e$size, mu = e$mu, se_size = e$se_size, se_mu = e$se_mu,
         loglik = e$loglik, aic = 4 - 2 * e$loglik, size_ci = wald_log(e$size, e$se_size),
         mu_ci = wald_log(e$mu, e$se_mu), fitdistr_size = g$estimate[["size"]], fitdistr_mu = g$estimate[["mu"]],
         fitdistr_se_size = g$sd[["size"]], fitdistr_loglik = g$loglik)
    show(paste0("chisq|", label, "|negative_binomial"),
         chisq_cells(x, function(v) dnbinom(v, size = e$size, mu = e$mu),
                     function(v) pnbinom(v, size = e$size, mu = e$mu), 2))
  }
}
counts("insectsprays|count", InsectSprays$count)
counts("mtcars|hp", mtcars$hp)
counts("mtcars|carb", mtcars$carb, nb = FALSE)   # variance 2.61 < mean 2.81: no finite negative binomial MLE
counts("mtcars|gear", mtcars$gear, nb = FALSE)

# ---- Bernoulli: prob = mean, Wilson interval = prop.test(correct = FALSE)
am <- mtcars$am
p <- mean(am)
w <- prop.test(sum(am), length(am), correct = FALSE)$conf.int
show("fit|mtcars|am|Bernoulli", prob = p, se_prob = sqrt(p * (1 - p) / length(am)),
     loglik = sum(dbinom(am, 1, p, log = TRUE)), aic = 2 - 2 * sum(dbinom(am, 1, p, log = TRUE)),
     lo = w[1], hi = w[2])

# ---- the classical companions of the bootstrap: t-interval of the mean, order-statistic interval of the median
center <- function(label, x) {
  x <- sort(x[!is.na(x)])
  n <- length(x)
  tt <- t.test(x)$conf.int
  k <- qbinom(0.025, n, 0.5)
  show(label, mean = mean(x), t_lo = tt[1], t_hi = tt[2], se = sd(x) / sqrt(n), median = median(x), k = k,
       med_lo = x[k], med_hi = x[n - k + 1], coverage = 1 - 2 * pbinom(k - 1, n, 0.5))
}
center("center|rivers|length_miles", as.numeric(rivers))
center("center|insectsprays|count", InsectSprays$count)
center("center|penguins|body_mass_g", pen$body_mass_g)

# ---- PCA: prcomp(scale. = TRUE) on complete rows; each component's sign set so its largest |loading| is positive
pca <- function(label, d) {
  d <- d[complete.cases(d), ]
  p <- prcomp(d, scale. = TRUE)
  rot <- p$rotation
  signs <- apply(rot, 2, function(v) sign(v[which.max(abs(v))]))
  rot <- sweep(rot, 2, signs, "*")
  scores <- sweep(p$x, 2, signs, "*")
  ev <- p$sdev^2
  show(paste0("pca|", label), n = nrow(d), setNames(ev, paste0("ev", seq_along(ev))),
       setNames(cumsum(ev) / sum(ev), paste0("cum", seq_along(ev))))
  for (j in seq_len(min(3, ncol(rot)))) {
    show(paste0("pca|", label, "|PC", j), setNames(rot[, j], colnames(d)))
  }
  show(paste0("pca|", label, "|scores"), pc1_row1 = scores[1, 1], pc2_row1 = scores[1, 2],
       pc1_last = scores[nrow(d), 1], pc2_last = scores[nrow(d), 2])
}
pca("penguins", pen[, c("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year")])
pca("mtcars", mtcars)
