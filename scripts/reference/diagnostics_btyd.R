#!/usr/bin/env Rscript
# Reference values of R BTYD 2.4.3 for periodTransactionsHistogram: the expected calibration repeat-frequency
# histogram, sum over customers of P(X(T_i) = x) at each customer's own age, from BTYD's unconditional pmfs.
#
# Writes test/fixtures/diagnostics/reference-btyd.json with
#   bgbb     the donations data (test/fixtures/donations/donations.csv, 11,104 donors, 6 opportunities) at the
#            published BG/BB estimates (1.204, 0.750, 0.657, 2.783): bins x = 0..5 and "6 or more" (a donor
#            has at most 6), expected sum(weights * bgbb.pmf(params, n, x)), actual donor counts;
#   bgnbd    the CDNOW summary (test/fixtures/cdnow/cdnow_customers_summary.csv, weeks) at the published
#            BG/NBD estimates (0.243, 4.414, 0.793, 2.426): bins 0..6 and "7 or more" (1 - sum of the others);
#   pnbd     the same with pnbd.pmf (hardie = TRUE) at lifetimes' Pareto/NBD fit of
#            test/fixtures/cdnow/reference-lifetimes.json (typed in below).
#
# Install BTYD into a private library as scripts/reference/btyd.R says; run from the repository root:
#   R_LIBS=/tmp/rlib Rscript scripts/reference/diagnostics_btyd.R
suppressMessages(library(BTYD))

num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")

histogram <- function(pmf, ages, weights, xs, open) {
  per_age <- sapply(xs, function(x) pmf(ages, x))
  if (is.null(dim(per_age))) per_age <- matrix(per_age, nrow = length(ages))
  expected <- colSums(weights * per_age)
  c(expected, sum(weights * (1 - rowSums(per_age))))
}

don <- read.csv("test/fixtures/donations/donations.csv")
bb <- c(1.204, 0.75, 0.657, 2.783)
bb_exp <- histogram(function(n, x) bgbb.pmf(bb, n, x), don$periods, don$weights, 0:5, 6)
bb_act <- sapply(0:6, function(x) sum(don$weights[don$frequency == x]))

cd <- read.csv("test/fixtures/cdnow/cdnow_customers_summary.csv")
bg <- c(0.243, 4.414, 0.793, 2.426)
pn <- c(0.5532815861528053, 10.577753122778805, 0.6061714462872277, 11.666906530603386)
ages <- sort(unique(cd$T))
w <- sapply(ages, function(a) sum(cd$T == a))
bg_exp <- histogram(function(t, x) sapply(t, function(ti) bgnbd.pmf(bg, ti, x)), ages, w, 0:6, 7)
pn_exp <- histogram(function(t, x) sapply(t, function(ti) pnbd.pmf(pn, ti, x)), ages, w, 0:6, 7)
cd_act <- c(sapply(0:6, function(x) sum(cd$frequency == x)), sum(cd$frequency >= 7))

out <- paste0(
  "{\n",
  "  \"meta\": {\"btyd\": \"", as.character(packageVersion("BTYD")), "\", \"R\": \"", R.version.string, "\"},\n",
  "  \"bgbb\": {\"params\": {\"alpha\": 1.204, \"beta\": 0.75, \"gamma\": 0.657, \"delta\": 2.783}, \"maxFrequency\": 6, \"actual\": ", arr(bb_act), ", \"expected\": ", arr(bb_exp), "},\n",
  "  \"bgnbd\": {\"params\": {\"r\": 0.243, \"alpha\": 4.414, \"a\": 0.793, \"b\": 2.426}, \"maxFrequency\": 7, \"actual\": ", arr(cd_act), ", \"expected\": ", arr(bg_exp), "},\n",
  "  \"pnbd\": {\"params\": {\"r\": ", num(pn[1]), ", \"alpha\": ", num(pn[2]), ", \"s\": ", num(pn[3]), ", \"beta\": ", num(pn[4]), "}, \"maxFrequency\": 7, \"actual\": ", arr(cd_act), ", \"expected\": ", arr(pn_exp), "}\n",
  "}\n"
)
writeLines(out, "test/fixtures/diagnostics/reference-btyd.json", sep = "")
