# Reference values for tests/test_describe.py.
# Run from the repository root:  Rscript tests/r/describe.R > tests/r/describe.out
# Skewness and kurtosis come from e1071 (type = 2: G1 and G2, the SAS/SPSS definitions), Debian r-cran-e1071.
library(e1071)
penguins <- read.csv("datasets/penguins.csv", na.strings = c("NA", ""))
cols <- c("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year")
options(digits = 15)
for (col in cols) {
  x <- penguins[[col]]
  y <- x[!is.na(x)]
  tt <- t.test(y)
  q <- quantile(y, c(0.25, 0.5, 0.75), type = 7)
  cat(sprintf("%s n=%d missing=%d mean=%.15g sd=%.15g var=%.15g sem=%.15g ci_low=%.15g ci_high=%.15g q25=%.15g median=%.15g q75=%.15g iqr=%.15g mad=%.15g skew=%.15g kurt=%.15g min=%.15g max=%.15g\n",
      col, length(y), sum(is.na(x)), mean(y), sd(y), var(y), sd(y) / sqrt(length(y)), tt$conf.int[1], tt$conf.int[2],
      q[1], q[2], q[3], IQR(y), mad(y), skewness(y, type = 2), kurtosis(y, type = 2), min(y), max(y)))
}
# A small skewed vector (waiting times) with a 90 % interval
w <- c(0.5, 0.7, 1.1, 1.2, 1.9, 2.3, 3.8, 4.1, 7.9, 15.2)
tt <- t.test(w, conf.level = 0.9)
cat(sprintf("small mean=%.15g ci_low=%.15g ci_high=%.15g skew=%.15g kurt=%.15g mad=%.15g q25=%.15g q75=%.15g\n",
    mean(w), tt$conf.int[1], tt$conf.int[2], skewness(w, type = 2), kurtosis(w, type = 2), mad(w),
    quantile(w, 0.25, type = 7), quantile(w, 0.75, type = 7)))
# Wilson score interval without continuity correction (penguins: 152 Adelie of 344)
ci <- prop.test(152, 344, correct = FALSE)$conf.int
cat(sprintf("wilson low=%.15g high=%.15g\n", ci[1], ci[2]))
cat(R.version.string, "\n")
