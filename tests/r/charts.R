# Reference values for tests/test_charts.py (chart inputs).
# Run from the repository root:  Rscript tests/r/charts.R > tests/r/charts.out
# hist(): counts on given breaks with [a, b) bins and the last one closed (right = FALSE, include.lowest = TRUE);
# nclass.FD(): Freedman-Diaconis bin count; qnorm(ppoints(n)): qqnorm's theoretical quantiles;
# qqline's line through the type-7 quartiles; Tukey whisker ends = most extreme values inside the 1.5 IQR fences.
options(digits = 15)
penguins <- read.csv("datasets/penguins.csv", na.strings = c("NA", ""))
rivers_df <- read.csv("datasets/rivers.csv")
air <- read.csv("datasets/airquality.csv", na.strings = c("NA", ""))
cases <- list(
  list("penguins_body_mass_g", penguins$body_mass_g, seq(2499.5, 6499.5, by = 250)),
  list("penguins_bill_length_mm", penguins$bill_length_mm, seq(30, 60, by = 2.5)),
  list("rivers_length_miles", rivers_df$length_miles, seq(99.5, 3799.5, by = 100)),
  list("airquality_Ozone", air$Ozone, seq(-0.5, 179.5, by = 20)),
  list("airquality_Wind", air$Wind, seq(0, 22, by = 2))
)
for (case in cases) {
  y <- case[[2]][!is.na(case[[2]])]
  h <- hist(y, breaks = case[[3]], right = FALSE, include.lowest = TRUE, plot = FALSE)
  q <- quantile(y, c(0.25, 0.75), type = 7)
  iqr <- q[[2]] - q[[1]]
  lo <- q[[1]] - 1.5 * iqr
  hi <- q[[2]] + 1.5 * iqr
  slope <- diff(q) / diff(qnorm(c(0.25, 0.75)))
  intercept <- q[[1]] - slope * qnorm(0.25)
  cat(sprintf("%s n=%d fd=%d whisker_low=%.15g whisker_high=%.15g out_low=%d out_high=%d slope=%.15g intercept=%.15g\n",
      case[[1]], length(y), nclass.FD(y), min(y[y >= lo]), max(y[y <= hi]), sum(y < lo), sum(y > hi),
      slope, intercept))
  cat(sprintf("%s_counts %s\n", case[[1]], paste(sprintf("c%d=%d", seq_along(h$counts), h$counts), collapse = " ")))
}
for (n in c(7, 15)) {
  z <- qnorm(ppoints(n))
  cat(sprintf("qq%d %s\n", n, paste(sprintf("z%d=%.15g", seq_along(z), z), collapse = " ")))
}
# Missing-value patterns of penguins (1 = missing), over the columns that have gaps, most common first
gaps <- penguins[, colSums(is.na(penguins)) > 0]
patterns <- sort(table(apply(is.na(gaps) * 1, 1, paste, collapse = "")), decreasing = TRUE)
cat(sprintf("patterns %s\n", paste(sprintf("p%s=%d", names(patterns), as.integer(patterns)), collapse = " ")))
cat(sprintf("pattern_columns %s\n", paste(sprintf("%s=%d", names(gaps), seq_along(gaps)), collapse = " ")))
cat(R.version.string, "\n")
