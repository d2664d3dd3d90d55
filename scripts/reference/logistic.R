# Reference values for fitLogisticRegression and evaluateClassifier, from R's glm(family = binomial) and
# pROC's DeLong interval. Run from the repository root:
#   Rscript scripts/reference/logistic.R
# Writes test/fixtures/logistic/mtcars.csv and test/fixtures/logistic/reference.json.
#
# Data sets:
# - mtcars (R's datasets): am ~ wt + hp, and am ~ wt + hp + qsec.
# - CDNOW sample, calibration period to 1997-09-30 and holdout to 1998-06-30 (test/fixtures/cdnow/
#   reference-calibration-holdout-week-units.csv). The features are the calibration-period summary only
#   (frequency_cal, recency_cal, T_cal, monetary_value_cal: repeat purchases, weeks from first to last
#   purchase, weeks from first purchase to the calibration end, mean repeat spend), so nothing after
#   1997-09-30 enters them; the label churned = (no purchase in the holdout), frequency_holdout == 0.
suppressMessages(library(pROC))
suppressMessages(library(jsonlite))

tight <- glm.control(epsilon = 1e-14, maxit = 100)

fitOf <- function(f) {
  cf <- coef(summary(f))
  names <- rownames(cf)
  names[names == "(Intercept)"] <- "intercept"
  # summary.glm takes the information from the weights of the last-but-one IRLS iterate; the information at
  # the final estimate itself is the exact value, within 1e-6 of summary()'s (checked), and is what is kept.
  X <- model.matrix(f)
  p <- fitted(f)
  se <- sqrt(diag(solve(crossprod(X, X * (p * (1 - p))))))
  stopifnot(all(abs(se / cf[, 2] - 1) < 1e-6))
  z <- coef(f) / se
  list(
    coefficients = setNames(as.list(coef(f)), names),
    standardErrors = setNames(as.list(se), names),
    zScores = setNames(as.list(z), names),
    pValues = setNames(as.list(2 * pnorm(-abs(z))), names),
    summaryStandardErrors = setNames(as.list(cf[, 2]), names),
    deviance = f$deviance, nullDeviance = f$null.deviance, aic = f$aic,
    logLikelihood = as.numeric(logLik(f)), n = nrow(f$model)
  )
}

# DeLong (1988) by hand, checked against pROC below.
delong <- function(score, outcome, conf = 0.95) {
  x <- score[outcome]; y <- score[!outcome]
  m <- length(x); n <- length(y)
  psi <- function(a, b) (a > b) + 0.5 * (a == b)
  v10 <- sapply(x, function(xi) mean(psi(xi, y)))
  v01 <- sapply(y, function(yj) mean(psi(x, yj)))
  auc <- mean(v10)
  se <- sqrt(var(v10) / m + var(v01) / n)
  z <- qnorm(1 - (1 - conf) / 2)
  c(auc = auc, se = se, lower = max(0, auc - z * se), upper = min(1, auc + z * se))
}

aucOf <- function(score, outcome, conf = 0.95) {
  r <- roc(outcome, score, levels = c(FALSE, TRUE), direction = "<", quiet = TRUE)
  ci <- ci.auc(r, conf.level = conf, method = "delong")
  d <- delong(score, outcome, conf)
  stopifnot(abs(d[["auc"]] - as.numeric(auc(r))) < 1e-12, abs(d[["lower"]] - ci[1]) < 1e-12, abs(d[["upper"]] - ci[3]) < 1e-12)
  list(n = length(score), positives = sum(outcome), auc = as.numeric(auc(r)), aucStdErr = sqrt(var(r, method = "delong")),
       aucLower = ci[1], aucUpper = ci[3], confidence = conf,
       brier = if (all(score >= 0 & score <= 1)) mean((score - outcome)^2) else NA)
}

# Penalised fit by hand: maximise l(b) - lambda/2 * sum((b_j * s_j)^2), s_j the population sd of feature j.
ridge <- function(X, y, lambda) {
  s <- apply(X, 2, function(v) sqrt(mean((v - mean(v))^2)))
  Z <- cbind(1, X)
  P <- diag(c(0, lambda * s^2))
  b <- c(log(mean(y) / (1 - mean(y))), rep(0, ncol(X)))
  for (i in 1:200) {
    p <- 1 / (1 + exp(-(Z %*% b)))
    g <- t(Z) %*% (y - p) - P %*% b
    H <- t(Z) %*% (Z * as.vector(p * (1 - p))) + P
    step <- solve(H, g)
    b <- b + step
    if (max(abs(step)) < 1e-14) break
  }
  p <- 1 / (1 + exp(-(Z %*% b)))
  H <- t(Z) %*% (Z * as.vector(p * (1 - p))) + P
  names <- c("intercept", colnames(X))
  ll <- sum(y * log(p) + (1 - y) * log(1 - p))
  list(penalty = lambda, coefficients = setNames(as.list(as.vector(b)), names),
       standardErrors = setNames(as.list(sqrt(diag(solve(H)))), names), logLikelihood = ll)
}

mt <- mtcars[, c("am", "wt", "hp", "qsec")]
write.csv(mt, "test/fixtures/logistic/mtcars.csv", row.names = FALSE, quote = FALSE)

fit_wt_hp <- glm(am ~ wt + hp, family = binomial, data = mt, control = tight)
cd <- read.csv("test/fixtures/cdnow/reference-calibration-holdout-week-units.csv")
cd$churned <- cd$frequency_holdout == 0

out <- list(
  r = R.version.string, pROC = as.character(packageVersion("pROC")),
  mtcars = list(
    wt_hp = fitOf(fit_wt_hp),
    # Brier score and DeLong interval of the fitted probabilities themselves.
    auc_fitted = aucOf(fitted(fit_wt_hp), mt$am == 1),
    wt_hp_qsec = fitOf(glm(am ~ wt + hp + qsec, family = binomial, data = mt, control = tight)),
    ridge_wt_hp = ridge(as.matrix(mt[, c("wt", "hp")]), mt$am, 0.5),
    auc_hp = aucOf(mt$hp, mt$am == 1),
    auc_wt = aucOf(-mt$wt, mt$am == 1, 0.9)
  ),
  cdnow = list(
    churned = sum(cd$churned),
    fit = fitOf(glm(churned ~ frequency_cal + recency_cal + T_cal + monetary_value_cal, family = binomial, data = cd, control = tight)),
    ridge = ridge(as.matrix(cd[, c("frequency_cal", "recency_cal", "T_cal", "monetary_value_cal")]), as.numeric(cd$churned), 2),
    # Scores with many ties: fewer repeat purchases = more likely to churn; weeks since the last purchase.
    auc_frequency = aucOf(-cd$frequency_cal, cd$churned),
    auc_gap = aucOf(cd$T_cal - cd$recency_cal, cd$churned)
  )
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), "test/fixtures/logistic/reference.json")
cat("wrote test/fixtures/logistic/reference.json\n")
