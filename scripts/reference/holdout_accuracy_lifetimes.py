"""Reference values for holdoutAccuracy on the CDNOW sample, computed with Python lifetimes.

Run from the repository root, with lifetimes (github CamDavidsonPilon/lifetimes) and autograd (github
HIPS/autograd) source trees on PYTHONPATH and Debian's python3-numpy, python3-scipy and python3-pandas:

    PYTHONPATH=/path/to/lifetimes:/path/to/autograd /usr/bin/python3 \
      scripts/reference/holdout_accuracy_lifetimes.py > test/fixtures/cdnow/reference-holdout-accuracy.json

Rows: lifetimes' own calibration_and_holdout_data of the sample (test/fixtures/cdnow/
reference-calibration-holdout-week-units.csv, weeks). Parameters: the fixed published BG/NBD ones and the
fixed Pareto/NBD and MBG/NBD values below (set, not fitted, so the check does not depend on an optimiser).
Per customer: lifetimes' conditional_expected_number_of_purchases_up_to_time(duration_holdout, ...) and
conditional_probability_alive; then MAE, RMSE, Pearson correlation, totals, and the ROC AUC of each score
for "bought again in the holdout" from scipy's Mann-Whitney U (U / (m n)).
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats

import lifetimes
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

rows = pd.read_csv("test/fixtures/cdnow/reference-calibration-holdout-week-units.csv")
x = rows["frequency_cal"].to_numpy(float)
tx = rows["recency_cal"].to_numpy(float)
T = rows["T_cal"].to_numpy(float)
h = rows["duration_holdout"].to_numpy(float)
y = rows["frequency_holdout"].to_numpy(float)
buy = y > 0

MODELS = {
    "bg-nbd": (BetaGeoFitter, ["r", "alpha", "a", "b"], [0.243, 4.414, 0.793, 2.426]),
    "mbg-nbd": (ModifiedBetaGeoFitter, ["r", "alpha", "a", "b"], [0.525, 6.183, 0.891, 1.614]),
    "pareto-nbd": (ParetoNBDFitter, ["r", "alpha", "s", "beta"], [0.553, 10.578, 0.606, 11.669]),
}


def auc(score):
    u = stats.mannwhitneyu(score[buy], score[~buy], alternative="two-sided").statistic
    return float(u / (buy.sum() * (~buy).sum()))


def accuracy(pred):
    err = pred - y
    return {
        "mae": float(np.mean(np.abs(err))),
        "rmse": float(np.sqrt(np.mean(err**2))),
        "correlation": float(np.corrcoef(pred, y)[0, 1]),
        "spearman": float(stats.spearmanr(pred, y).correlation),
        "expectedTotal": float(pred.sum()),
        "actualTotal": float(y.sum()),
    }


out = {
    "provenance": f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, scipy {__import__('scipy').__version__}, pandas {pd.__version__}; python {sys.version.split()[0]}",
    "customers": int(len(rows)),
    "buyersAgain": int(buy.sum()),
    "models": {},
}
for name, (cls, keys, values) in MODELS.items():
    f = cls()
    f.params_ = pd.Series(dict(zip(keys, values)))
    e = np.asarray(f.conditional_expected_number_of_purchases_up_to_time(h, x, tx, T), float)
    alive = np.asarray(f.conditional_probability_alive(x, tx, T), float)
    out["models"][name] = {
        "params": dict(zip(keys, values)),
        "model": accuracy(e),
        "aucExpectedPurchases": auc(e),
        "aucProbabilityAlive": auc(alive),
        "expectedFirst5": [float(v) for v in e[:5]],
    }
rate = np.where(T > 0, x / np.where(T > 0, T, 1) * h, 0.0)
out["rate"] = accuracy(rate)
out["aucRate"] = auc(rate)
out["aucRecency"] = auc(-(T - tx))
json.dump(out, sys.stdout, indent=1)
print()
