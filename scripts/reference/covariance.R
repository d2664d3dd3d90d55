#!/usr/bin/env Rscript
# Reference parameter covariances for BG/NBD and Pareto/NBD fits on the CDNOW sample (2,357 customers, weeks:
# test/fixtures/cdnow/cdnow_customers_summary.csv, the file the tests fit on).
#
# R BTYD 2.4.3 has no covariance, so this script:
#   1. maximises BTYD's own log-likelihood (bgnbd.cbs.LL, pnbd.cbs.LL) over log-parameters with optim's BFGS
#      at reltol 1e-15, restarted until the estimate stops moving;
#   2. takes the Hessian of that log-likelihood in the natural parameters at the optimum with numDeriv::hessian
#      (Richardson extrapolation, its defaults);
#   3. inverts the negative Hessian: the asymptotic covariance (inverse observed information), natural units.
# Writes test/fixtures/covariance/cdnow.json with the estimates, log-likelihoods, covariances and standard
# errors (sqrt of the diagonal).
#
# Install BTYD in a private library (Debian r-base-core, r-cran-hypergeo, r-cran-optimx, r-cran-dplyr,
# r-cran-numderiv):
#   git --git-dir=<fetched github:cran/BTYD> archive HEAD | tar -x -C /tmp/btyd
#   R CMD INSTALL -l /tmp/rlib /tmp/btyd
# Run from the repository root:
#   R_LIBS=/tmp/rlib Rscript scripts/reference/covariance.R
suppressMessages(library(BTYD))
suppressMessages(library(numDeriv))

d <- read.csv("test/fixtures/cdnow/cdnow_customers_summary.csv")
cbs <- cbind(x = d$frequency, t.x = d$recency, T.cal = d$T)

num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
mat <- function(m) paste0("[", paste(apply(m, 1, arr), collapse = ", "), "]")

fitCov <- function(ll, start, names) {
  negll <- function(phi) -ll(exp(phi))
  phi <- log(start)
  for (i in 1:20) {
    o <- optim(phi, negll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
    moved <- max(abs(o$par - phi))
    phi <- o$par
    if (moved < 1e-12) break
  }
  theta <- exp(phi)
  H <- numDeriv::hessian(ll, theta)
  cov <- solve(-H)
  cov <- (cov + t(cov)) / 2
  paste0("{\"names\": [", paste(sprintf("\"%s\"", names), collapse = ", "), "], \"params\": ", arr(theta),
         ", \"logLikelihood\": ", num(ll(theta)), ", \"covariance\": ", mat(cov),
         ", \"standardErrors\": ", arr(sqrt(diag(cov))), "}")
}

bg <- fitCov(function(p) bgnbd.cbs.LL(p, cbs), c(0.243, 4.414, 0.793, 2.426), c("r", "alpha", "a", "b"))
pn <- fitCov(function(p) pnbd.cbs.LL(p, cbs), c(0.553, 10.578, 0.606, 11.669), c("r", "alpha", "s", "beta"))
out <- paste0("{\n  \"provenance\": \"R ", R.version$major, ".", R.version$minor, ", BTYD ", packageVersion("BTYD"),
              ", numDeriv ", packageVersion("numDeriv"), ": scripts/reference/covariance.R\",\n",
              "  \"bgNbd\": ", bg, ",\n  \"paretoNbd\": ", pn, "\n}\n")
writeLines(out, "test/fixtures/covariance/cdnow.json", sep = "")
cat(out)
