# Reference values of fitCoxPh from R's survival package (R survival 3.5):
#   Rscript scripts/reference/coxph.R <dir with lung.csv and veteran.csv> > test/fixtures/survival/coxph.json
# (summary() rounds the Wald statistic, so it is taken from the fit.) The data rows used are written into the same JSON, so the tests never read the source CSVs.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
lung <- read.csv(file.path(dir, "lung.csv"))
veteran <- read.csv(file.path(dir, "veteran.csv"))

num <- function(x) {
  if (length(x) == 0) return("[]")
  paste0("[", paste(ifelse(is.na(x), "null", sprintf("%.17g", x)), collapse = ", "), "]")
}
str <- function(x) paste0("[", paste0('"', x, '"', collapse = ", "), "]")
named <- function(x) paste0("{", paste0('"', names(x), '": ', sprintf("%.17g", x), collapse = ", "), "}")

fitJson <- function(fit, strata = FALSE) {
  s <- summary(fit)
  co <- s$coefficients
  ci <- s$conf.int
  bh <- basehaz(fit)
  bh0 <- basehaz(fit, centered = FALSE)
  cc <- fit$concordance
  paste0("{\n",
    '  "coefficients": ', named(coef(fit)), ",\n",
    '  "standardErrors": ', named(setNames(co[, "se(coef)"], rownames(co))), ",\n",
    '  "zScores": ', named(setNames(co[, "z"], rownames(co))), ",\n",
    '  "pValues": ', named(setNames(co[, "Pr(>|z|)"], rownames(co))), ",\n",
    '  "hazardRatios": ', named(setNames(ci[, "exp(coef)"], rownames(ci))), ",\n",
    '  "lower": ', named(setNames(ci[, "lower .95"], rownames(ci))), ",\n",
    '  "upper": ', named(setNames(ci[, "upper .95"], rownames(ci))), ",\n",
    '  "logLikelihood": ', sprintf("%.17g", fit$loglik[2]), ",\n",
    '  "nullLogLikelihood": ', sprintf("%.17g", fit$loglik[1]), ",\n",
    '  "likelihoodRatioTest": { "chiSquare": ', sprintf("%.17g", s$logtest["test"]), ', "df": ', s$logtest["df"],
    ', "pValue": ', sprintf("%.17g", s$logtest["pvalue"]), " },\n",
    '  "waldTest": { "chiSquare": ', sprintf("%.17g", fit$wald.test), ', "df": ', s$waldtest["df"],
    ', "pValue": ', sprintf("%.17g", pchisq(fit$wald.test, s$waldtest["df"], lower.tail = FALSE)), " },\n",
    '  "scoreTest": { "chiSquare": ', sprintf("%.17g", s$sctest["test"]), ', "df": ', s$sctest["df"],
    ', "pValue": ', sprintf("%.17g", s$sctest["pvalue"]), " },\n",
    '  "concordance": { "estimate": ', sprintf("%.17g", cc["concordance"]), ', "concordant": ', cc["concordant"],
    ', "discordant": ', cc["discordant"], ', "tiedRisk": ', cc["tied.x"], ', "standardError": ', sprintf("%.17g", cc["std"]), " },\n",
    '  "iterations": ', fit$iter, ",\n",
    '  "n": ', fit$n, ",\n",
    '  "means": ', named(fit$means), ",\n",
    '  "events": ', fit$nevent, ",\n",
    '  "baselineHazard": { "times": ', num(bh$time), ', "cumulativeHazard": ', num(bh$hazard),
    ', "cumulativeHazardAtZero": ', num(bh0$hazard),
    if (strata) paste0(', "stratum": ', str(as.character(bh$strata))) else "", " }\n",
    "}")
}

lungCc <- lung[!is.na(lung$ph.ecog), ]
efron <- coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung)
breslow <- coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = "breslow")
vet <- coxph(Surv(time, status) ~ trt + karno + strata(celltype), data = veteran)

cat("{\n")
cat('"lung": { "time": ', num(lung$time), ', "status": ', num(lung$status), ', "age": ', num(lung$age),
    ', "sex": ', num(lung$sex), ', "ph.ecog": ', num(lung$ph.ecog), " },\n", sep = "")
cat('"veteran": { "time": ', num(veteran$time), ', "status": ', num(veteran$status), ', "trt": ', num(veteran$trt),
    ', "karno": ', num(veteran$karno), ', "celltype": ', str(veteran$celltype), " },\n", sep = "")
cat('"lungEfron": ', fitJson(efron), ",\n", sep = "")
cat('"lungBreslow": ', fitJson(breslow), ",\n", sep = "")
cat('"veteranStrata": ', fitJson(vet, strata = TRUE), "\n", sep = "")
cat("}\n")
