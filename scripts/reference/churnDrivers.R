# Reference values for labelledSnapshot, fitChurnModel and churnDrivers, from base R's glm(family = binomial).
# Run from the repository root:
#   Rscript scripts/reference/churnDrivers.R
# Writes test/fixtures/churn/drivers-reference.json.
#
# Data: the CDNOW sample (examples/data/CDNOW_sample.txt: 2,357 customers; columns: master id, id, date
# yyyymmdd, CDs, dollars). Snapshot 1997-10-01 (the day after the calibration end 1997-09-30), label window
# [1997-10-01, 1998-07-01): churned = no purchase in the window. Features are built here independently of
# the library, from the transactions strictly before the snapshot:
#   recencyDays = days from the last purchase to the snapshot, tenureDays = days from the first,
#   frequency = distinct purchase days - 1, totalSpend = the sum of dollars.
suppressMessages(library(jsonlite))

raw <- read.table("examples/data/CDNOW_sample.txt", col.names = c("master", "id", "date", "cds", "dollars"))
raw$day <- as.Date(as.character(raw$date), format = "%Y%m%d")
snapshot <- as.Date("1997-10-01")
windowEnd <- as.Date("1998-07-01")
before <- raw[raw$day < snapshot, ]
inWindow <- raw[raw$day >= snapshot & raw$day < windowEnd, ]
ids <- sort(unique(before$id))
first <- tapply(before$day, before$id, min)
last <- tapply(before$day, before$id, max)
days <- tapply(before$day, before$id, function(d) length(unique(d)))
spend <- tapply(before$dollars, before$id, sum)
key <- as.character(ids)
d <- data.frame(
  id = ids,
  recencyDays = as.numeric(snapshot - as.Date(last[key], origin = "1970-01-01")),
  frequency = as.numeric(days[key]) - 1,
  tenureDays = as.numeric(snapshot - as.Date(first[key], origin = "1970-01-01")),
  totalSpend = as.numeric(spend[key])
)
d$churned <- !(d$id %in% inWindow$id)

f <- glm(churned ~ recencyDays + frequency + tenureDays + totalSpend, family = binomial, data = d,
         control = glm.control(epsilon = 1e-14, maxit = 100))
cf <- coef(summary(f))
z <- qnorm(0.975)
features <- c("recencyDays", "frequency", "tenureDays", "totalSpend")

# Crude lift at the median: "with" = value > median; risk ratio with the log-method (Katz) interval.
crude <- lapply(features, function(v) {
  x <- d[[v]]
  t <- median(x)
  w <- x > t
  a <- sum(d$churned[w]); n1 <- sum(w)
  c0 <- sum(d$churned[!w]); n0 <- sum(!w)
  rr <- (a / n1) / (c0 / n0)
  se <- sqrt(1 / a - 1 / n1 + 1 / c0 - 1 / n0)
  list(threshold = t, withCustomers = n1, withChurners = a, withoutCustomers = n0, withoutChurners = c0,
       lift = rr, liftLower = exp(log(rr) - z * se), liftUpper = exp(log(rr) + z * se))
})
names(crude) <- features

adjusted <- lapply(features, function(v) {
  b <- cf[v, 1]; se <- cf[v, 2]
  list(coefficient = b, standardError = se, oddsRatio = exp(b), oddsRatioLower = exp(b - z * se),
       oddsRatioUpper = exp(b + z * se), pValue = cf[v, 4])
})
names(adjusted) <- features

out <- list(
  customers = nrow(d), churners = sum(d$churned),
  featureSums = lapply(setNames(features, features), function(v) sum(d[[v]])),
  intercept = coef(f)[["(Intercept)"]], deviance = f$deviance, nullDeviance = f$null.deviance,
  crude = crude, adjusted = adjusted
)
dir.create("test/fixtures/churn", showWarnings = FALSE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/fixtures/churn/drivers-reference.json")
