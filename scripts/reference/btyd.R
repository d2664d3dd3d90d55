#!/usr/bin/env Rscript
# Reference values of R BTYD 2.4.3 for the tracking, DERT and conditional-count functions.
#
# Writes test/fixtures/btyd/reference.json with
#   ect_bgnbd, ect_pnbd  bgnbd./pnbd.ExpectedCumulativeTransactions on BTYD's CDNOW sample (cdnowSummary,
#                        2,357 customers, weeks; births max(T.cal) - T.cal), T.tot = 78, weekly (78 periods)
#                        and daily (546 periods), with the T.cal vector itself and the actual cumulative
#                        repeat transactions cdnowSummary$cu.tracking;
#   dert_pnbd            pnbd.DERT (Fader, Hardie & Shang 2005 closed form) over customers x rates, and beside
#                        it the same quantity by R's integrate(), P(alive) (r+x)/(alpha+T) *
#                        int_0^Inf e^(-delta t) ((beta+T)/(beta+T+t))^s dt (rel.tol 1e-13): the closed form's
#                        confluent hypergeometric sum loses digits as delta (beta+T) grows (4e-4 at 26, NaN
#                        near 88), so the integral is the reference there;
#   dert_bgbb            bgbb.DERT over customers x rates;
#   dert_bgnbd           BG/NBD DERT (BTYD has none): delta * int_0^Inf e^(-delta t) E[Y(t) | x, t_x, T] dt by
#                        R's integrate() (rel.tol 1e-10) of bgnbd.ConditionalExpectedTransactions;
#   pmf_*                P(X(T, T+t] = n | x, t_x, T) = P(alive) * pmf_post(n) + (1 - P(alive)) [n = 0], with
#                        P(alive) from bgnbd./pnbd./bgbb.PAlive and pmf_post = bgnbd./pnbd./bgbb.pmf at the
#                        posterior parameters (r+x, alpha+T, a, b+x), (r+x, alpha+T, s, beta+T),
#                        (alpha+x, beta+n-x, gamma, delta+n) -- BTYD has no conditional pmf of its own.
#
# Install (a private library; Debian r-base-core, r-cran-hypergeo, r-cran-optimx, r-cran-dplyr):
#   git --git-dir=<fetched github:cran/BTYD> archive HEAD | tar -x -C /tmp/btyd
#   R CMD INSTALL -l /tmp/rlib /tmp/btyd
# Run from the repository root:
#   R_LIBS=/tmp/rlib Rscript scripts/reference/btyd.R
suppressMessages(library(BTYD))

num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
}
rows <- function(lst) paste0("[\n    ", paste(lst, collapse = ",\n    "), "\n  ]")

data(cdnowSummary)
T.cal <- cdnowSummary$cbs[, "T.cal"]
bg <- c(0.243, 4.414, 0.793, 2.426)
pn <- cdnowSummary$est.params # 0.5533971, 10.5802, 0.6060625, 11.65586 (BTYD's own CDNOW fit)
out <- c()
out["version"] <- sprintf("\"BTYD %s, %s\"", as.character(packageVersion("BTYD")), R.version.string)
out["T_cal"] <- arr(T.cal)
out["actual_cumulative"] <- arr(cdnowSummary$cu.tracking)
out["bgnbd_params"] <- arr(bg)
out["pnbd_params"] <- arr(pn)
out["ect_bgnbd_week"] <- arr(bgnbd.ExpectedCumulativeTransactions(bg, T.cal, 78, 78))
out["ect_bgnbd_day"] <- arr(bgnbd.ExpectedCumulativeTransactions(bg, T.cal, 78, 546))
out["ect_pnbd_week"] <- arr(pnbd.ExpectedCumulativeTransactions(pn, T.cal, 78, 78))

customers <- list(c(0, 0, 38.86), c(1, 2, 30), c(2, 30.43, 38.86), c(7, 35, 77.86), c(20, 38, 39), c(4, 5, 60))
rates <- c(0.0005, 0.0027, 0.01, 0.1, 0.3) # at d = 1 its closed form gives NaN (log of a negative Tricomi sum)
pd <- c(0.5629966, 12.559037, 0.4081095, 10.5148048)
dertIntegral <- function(p, x, tx, T, d) {
  B <- p[4] + T
  I <- integrate(function(t) exp(-d * t) * (B / (B + t))^p[3], 0, Inf, rel.tol = 1e-13)$value
  pnbd.PAlive(p, x, tx, T) * (p[1] + x) / (p[2] + T) * I
}
d1 <- c()
for (pp in list(pd, pn)) for (c in customers) for (d in rates) {
  d1 <- c(d1, obj(params = arr(pp), x = num(c[1]), t_x = num(c[2]), T = num(c[3]), delta = num(d),
                  dert = num(suppressWarnings(pnbd.DERT(pp, c[1], c[2], c[3], d))),
                  integral = num(dertIntegral(pp, c[1], c[2], c[3], d))))
}
out["dert_pnbd"] <- rows(d1)

bb <- c(1.2, 0.75, 0.66, 2.78)
bbCustomers <- list(c(0, 0, 6), c(3, 4, 6), c(6, 6, 6), c(1, 1, 6), c(5, 9, 11), c(2, 3, 10))
d2 <- c()
for (c in bbCustomers) for (d in c(0.01, 0.1, 0.5, 1)) {
  d2 <- c(d2, obj(params = arr(bb), x = num(c[1]), t_x = num(c[2]), n = num(c[3]), d = num(d),
                  dert = num(bgbb.DERT(bb, c[1], c[2], c[3], d))))
}
out["dert_bgbb"] <- rows(d2)

d3 <- c()
for (c in customers) for (d in c(0.0027, 0.01, 0.1)) {
  f <- function(t) sapply(t, function(u) exp(-d * u) * bgnbd.ConditionalExpectedTransactions(bg, u, c[1], c[2], c[3]))
  v <- d * integrate(f, 0, Inf, rel.tol = 1e-10)$value
  d3 <- c(d3, obj(x = num(c[1]), t_x = num(c[2]), T = num(c[3]), delta = num(d), dert = num(v)))
}
out["dert_bgnbd"] <- rows(d3)

pm <- c()
for (c in customers) for (t in c(10, 39)) {
  pa <- bgnbd.PAlive(bg, c[1], c[2], c[3])
  post <- c(bg[1] + c[1], bg[2] + c[3], bg[3], bg[4] + c[1])
  p <- sapply(0:15, function(n) pa * bgnbd.pmf(post, t, n) + (n == 0) * (1 - pa))
  pm <- c(pm, obj(x = num(c[1]), t_x = num(c[2]), T = num(c[3]), t = num(t), pmf = arr(p)))
}
out["pmf_bgnbd"] <- rows(pm)
pm <- c()
for (c in customers) for (t in c(10, 39)) {
  pa <- pnbd.PAlive(pn, c[1], c[2], c[3])
  post <- c(pn[1] + c[1], pn[2] + c[3], pn[3], pn[4] + c[3])
  p <- sapply(0:15, function(n) pa * pnbd.pmf(post, t, n) + (n == 0) * (1 - pa))
  pm <- c(pm, obj(x = num(c[1]), t_x = num(c[2]), T = num(c[3]), t = num(t), pmf = arr(p)))
}
out["pmf_pnbd"] <- rows(pm)
pm <- c()
for (c in bbCustomers) for (t in c(1, 5)) {
  # bgbb.PAlive is P(alive at n+1); alive at n is that divided by E[1 - theta | alive at n] = (delta+n)/(gamma+delta+n).
  pa <- bgbb.PAlive(bb, c[1], c[2], c[3]) * (bb[3] + bb[4] + c[3]) / (bb[4] + c[3])
  post <- c(bb[1] + c[1], bb[2] + c[3] - c[1], bb[3], bb[4] + c[3])
  p <- sapply(0:t, function(n) pa * bgbb.pmf(post, t, n) + (n == 0) * (1 - pa))
  pm <- c(pm, obj(x = num(c[1]), t_x = num(c[2]), n = num(c[3]), t = num(t), pmf = arr(p)))
}
out["pmf_bgbb"] <- rows(pm)

json <- paste0("{\n  ", paste(sprintf("\"%s\": %s", names(out), out), collapse = ",\n  "), "\n}\n")
writeLines(json, "test/fixtures/btyd/reference.json", sep = "")
