# Reference values for nelsonAalen, logRankTest and restrictedMeanSurvival from R's survival package.
# Run from the repository root:  Rscript scripts/reference/survival.R
# Reads the copies of R's lung, aml and veteran data in test/fixtures/survival/ and writes
# test/fixtures/survival/reference.json (numbers with 17 significant digits).
suppressPackageStartupMessages(library(survival))

dir <- "test/fixtures/survival"
lung <- read.csv(file.path(dir, "lung.csv"))
aml <- read.csv(file.path(dir, "aml.csv"))
veteran <- read.csv(file.path(dir, "veteran.csv"))

num <- function(x) {
  if (length(x) == 0) return("[]")
  s <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  paste0("[", paste(s, collapse = ", "), "]")
}
sc <- function(x) sprintf("%.17g", x)
str1 <- function(x) paste0("[", paste0('"', x, '"', collapse = ", "), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste0('"', names(kv), '": ', unlist(kv), collapse = ", "), "}")
}

# survdiff: chi-square, df, p and per-group n / observed / expected / variance (diagonal)
logrank <- function(name, data, formula, rho, group) {
  fit <- survdiff(formula, data = data, rho = rho)
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  ex <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  df <- sum(ex > 0) - 1
  obj(name = paste0('"', name, '"'), group = paste0('"', group, '"'), rho = sc(rho),
      chiSquare = sc(fit$chisq), df = sc(df), pValue = sc(pchisq(fit$chisq, df, lower.tail = FALSE)),
      groups = str1(sub("^[^=]*=", "", names(fit$n))), n = num(as.vector(fit$n)),
      observed = num(obs), expected = num(ex), variance = num(diag(fit$var)))
}

# survfit with stype = 2, ctype = 1: Nelson-Aalen cumulative hazard, its standard error (Aalen's
# variance sum d/n^2) and the bands of exp(-H), at every distinct time
na <- function(name, data, conf.type) {
  fit <- survfit(Surv(time, status) ~ 1, data = data, stype = 2, ctype = 1, conf.type = conf.type)
  obj(name = paste0('"', name, '"'), confType = paste0('"', conf.type, '"'),
      times = num(fit$time), atRisk = num(fit$n.risk), events = num(fit$n.event), censored = num(fit$n.censor),
      cumulativeHazard = num(fit$cumhaz), stdErr = num(fit$std.chaz), survival = num(fit$surv),
      lowerSurvival = num(fit$lower), upperSurvival = num(fit$upper))
}

# print(survfit, rmean = horizon): the restricted mean and its standard error
rmean <- function(name, data, horizon) {
  fit <- survfit(Surv(time, status) ~ 1, data = data)
  tab <- summary(fit, rmean = horizon)$table
  obj(name = paste0('"', name, '"'), horizon = sc(horizon), estimate = sc(tab[["rmean"]]),
      standardError = sc(tab[["se(rmean)"]]))
}

lr <- c(
  logrank("lung ~ sex", lung, Surv(time, status) ~ sex, 0, "sex"),
  logrank("lung ~ sex", lung, Surv(time, status) ~ sex, 1, "sex"),
  logrank("aml ~ x", aml, Surv(time, status) ~ x, 0, "x"),
  logrank("aml ~ x", aml, Surv(time, status) ~ x, 1, "x"),
  logrank("veteran ~ trt", veteran, Surv(time, status) ~ trt, 0, "trt"),
  logrank("veteran ~ trt", veteran, Surv(time, status) ~ trt, 1, "trt"),
  logrank("veteran ~ celltype", veteran, Surv(time, status) ~ celltype, 0, "celltype"),
  logrank("veteran ~ celltype", veteran, Surv(time, status) ~ celltype, 1, "celltype"),
  logrank("veteran ~ celltype", veteran, Surv(time, status) ~ celltype, 0.5, "celltype"),
  logrank("veteran ~ trt + strata(celltype)", veteran, Surv(time, status) ~ trt + strata(celltype), 0, "trt"),
  logrank("veteran ~ trt + strata(celltype)", veteran, Surv(time, status) ~ trt + strata(celltype), 1, "trt"),
  logrank("lung ~ ph.ecog + strata(sex)", lung[!is.na(lung$ph.ecog), ], Surv(time, status) ~ ph.ecog + strata(sex), 0, "ph.ecog")
)
nas <- c(na("aml", aml, "log"), na("aml", aml, "log-log"), na("aml", aml, "plain"), na("lung", lung, "log"), na("lung", lung, "log-log"))
rms <- c(rmean("lung", lung, 365), rmean("lung", lung, 730), rmean("lung", lung, 2000),
         rmean("aml", aml, 24), rmean("aml", aml, 48), rmean("aml", aml, 200))

out <- paste0('{\n"source": "R ', R.version$major, ".", R.version$minor, ", survival ", packageVersion("survival"), '",\n',
  '"logRank": [\n', paste(lr, collapse = ",\n"), '\n],\n',
  '"nelsonAalen": [\n', paste(nas, collapse = ",\n"), '\n],\n',
  '"rmean": [\n', paste(rms, collapse = ",\n"), '\n]\n}\n')
writeLines(out, file.path(dir, "reference.json"), sep = "")
