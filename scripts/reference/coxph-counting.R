# Reference values of fitCoxPh on counting-process rows (start, stop] from R's survival package (R survival 3.5):
#   Rscript scripts/reference/coxph-counting.R > test/fixtures/survival/coxph-counting.json
# Data: R's `heart` (the Stanford heart transplant data, jasa1: transplant is a covariate that changes over
# time) and `survSplit` of R's `veteran` at days 30, 90 and 180 (each customer split into up to four rows with
# the same covariates). The data rows used are written into the same JSON, so the tests never need R.
suppressMessages(library(survival))

num <- function(x) {
  if (length(x) == 0) return("[]")
  paste0("[", paste(ifelse(is.na(x), "null", sprintf("%.17g", x)), collapse = ", "), "]")
}
str <- function(x) paste0("[", paste0('"', x, '"', collapse = ", "), "]")
named <- function(x, nm = names(x)) paste0("{", paste0('"', nm, '": ', sprintf("%.17g", x), collapse = ", "), "}")

fitJson <- function(fit, names, strata = FALSE) {
  s <- summary(fit)
  co <- s$coefficients
  ci <- s$conf.int
  bh <- basehaz(fit)
  cc <- fit$concordance
  paste0("{\n",
    '  "coefficients": ', named(coef(fit), names), ",\n",
    '  "standardErrors": ', named(co[, "se(coef)"], names), ",\n",
    '  "zScores": ', named(co[, "z"], names), ",\n",
    '  "pValues": ', named(co[, "Pr(>|z|)"], names), ",\n",
    '  "hazardRatios": ', named(ci[, "exp(coef)"], names), ",\n",
    '  "lower": ', named(ci[, "lower .95"], names), ",\n",
    '  "upper": ', named(ci[, "upper .95"], names), ",\n",
    '  "logLikelihood": ', sprintf("%.17g", fit$loglik[2]), ",\n",
    '  "nullLogLikelihood": ', sprintf("%.17g", fit$loglik[1]), ",\n",
    '  "likelihoodRatioTest": { "chiSquare": ', sprintf("%.17g", s$logtest["test"]), ', "df": ', s$logtest["df"], " },\n",
    '  "waldTest": { "chiSquare": ', sprintf("%.17g", fit$wald.test), ', "df": ', s$waldtest["df"], " },\n",
    '  "scoreTest": { "chiSquare": ', sprintf("%.17g", s$sctest["test"]), ', "df": ', s$sctest["df"], " },\n",
    '  "concordance": { "estimate": ', sprintf("%.17g", cc["concordance"]), ', "concordant": ', cc["concordant"],
    ', "discordant": ', cc["discordant"], ', "tiedRisk": ', cc["tied.x"], ', "standardError": ', sprintf("%.17g", cc["std"]), " },\n",
    '  "n": ', fit$n, ",\n",
    '  "events": ', fit$nevent, ",\n",
    '  "means": ', named(fit$means, names), ",\n",
    '  "baselineHazard": { "times": ', num(bh$time), ', "cumulativeHazard": ', num(bh$hazard),
    if (strata) paste0(', "stratum": ', str(as.character(bh$strata))) else "", " }\n",
    "}")
}

hv <- c("age", "year", "surgery", "transplant")
heartEfron <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart)
heartBreslow <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart, ties = "breslow")
vs <- survSplit(Surv(time, status) ~ ., data = veteran, cut = c(30, 90, 180), episode = "tgroup", id = "id")
vs$celltype <- as.character(vs$celltype) # strata in the order of their names, as fitCoxPh sorts them
vetSplit <- coxph(Surv(tstart, time, status) ~ trt + karno + strata(celltype), data = vs)

cat("{\n")
cat('"heart": { "start": ', num(heart$start), ', "stop": ', num(heart$stop), ', "event": ', num(heart$event),
    ', "age": ', num(heart$age), ', "year": ', num(heart$year), ', "surgery": ', num(heart$surgery),
    ', "transplant": ', num(as.numeric(as.character(heart$transplant))), ', "id": ', num(heart$id), " },\n", sep = "")
cat('"veteranSplit": { "start": ', num(vs$tstart), ', "stop": ', num(vs$time), ', "status": ', num(vs$status),
    ', "trt": ', num(vs$trt), ', "karno": ', num(vs$karno), ', "celltype": ', str(vs$celltype), ', "id": ', num(vs$id), " },\n", sep = "")
cat('"heartEfron": ', fitJson(heartEfron, hv), ",\n", sep = "")
cat('"heartBreslow": ', fitJson(heartBreslow, hv), ",\n", sep = "")
cat('"veteranSplitStrata": ', fitJson(vetSplit, c("trt", "karno"), strata = TRUE), ",\n", sep = "")
lungIndicator <- coxph(Surv(time, status) ~ age + I(sex - 1), data = survival::lung)
cat('"lungIndicator": ', fitJson(lungIndicator, c("age", "female")), "\n", sep = "")
cat("}\n")
