"""The Python side of bench/peers/speed-vs-peers.ts: pandas and lifetimes on the data that script wrote.

Run by that script, not by hand: python3 speed_peers.py TASK DIR REPEATS [ROWS]. Reading the files is not
timed; each timed call is run REPEATS times (gc.collect() before each) and the best wall time
(time.perf_counter) and best CPU time (time.process_time: user + system, all threads) are printed as one JSON
object a line: {"task", "ms", "cpu", "repeats", "check"}. Tasks:

  pandas             groupby summary of DIR/log.csv (the 10 M-row log), qcut quintiles of DIR/rfm.csv
  lifetimes-fits     BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, GammaGammaFitter on the CDNOW
                     sample (DIR/sample.csv, DIR/sample_spend.csv) and the full cohort (DIR/cohort.csv)
  lifetimes-summary  summary_data_from_transaction_data on the first ROWS rows of DIR/log.csv
"""
import gc
import json
import math
import sys
import time

import numpy as np
import pandas as pd

DAY_MS = 86_400_000


def best(fn, repeats):
    wall = math.inf
    cpu = math.inf
    out = None
    for _ in range(repeats):
        gc.collect()
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = fn()
        wall = min(wall, (time.perf_counter() - t0) * 1000)
        cpu = min(cpu, (time.process_time() - c0) * 1000)
    return wall, cpu, out


def emit(task, wall, cpu, repeats, check):
    print(json.dumps({"task": task, "ms": wall, "cpu": cpu, "repeats": repeats, "check": check}), flush=True)


def summary_sums(frequency, recency, T, monetary):
    return {
        "customers": int(len(frequency)),
        "frequency": float(np.sum(frequency)),
        "recency": float(np.sum(recency)),
        "T": float(np.sum(T)),
        "monetary": float(np.sum(monetary)),
    }


def read_log(directory, rows=None):
    return pd.read_csv(f"{directory}/log.csv", nrows=rows, dtype={"customer_id": np.int32, "at_ms": np.int64, "amount": np.float64}, float_precision="round_trip")


def pandas_tasks(directory, repeats):
    log = read_log(directory)
    with open(f"{directory}/meta.json") as f:
        meta = json.load(f)
    end_day = meta["observationEnd"] // DAY_MS

    def summary():
        # Purchases merged by UTC day, then per customer: repeat days, first to last day and first day to the
        # end in weeks, mean spend of the repeat days; as summarySql / summaryTable (period day, unit week).
        d = pd.DataFrame({"c": log["customer_id"].to_numpy(), "day": log["at_ms"].to_numpy() // DAY_MS, "amount": log["amount"].to_numpy()})
        daily = d.groupby(["c", "day"], sort=True)["amount"].sum().reset_index()
        agg = daily.groupby("c", sort=False).agg(first=("day", "first"), last=("day", "last"), n=("day", "size"), total=("amount", "sum"), first_amount=("amount", "first"))
        frequency = agg["n"] - 1
        return pd.DataFrame({
            "frequency": frequency,
            "recency": (agg["last"] - agg["first"]) / 7,
            "T": (end_day - agg["first"]) / 7,
            "monetary_value": np.where(frequency > 0, (agg["total"] - agg["first_amount"]) / frequency.clip(lower=1), 0.0),
        })

    wall, cpu, s = best(summary, repeats)
    emit("pandas-summary", wall, cpu, repeats, summary_sums(s["frequency"], s["recency"], s["T"], s["monetary_value"]))
    del log, s

    rfm = pd.read_csv(f"{directory}/rfm.csv", float_precision="round_trip")

    def quintiles():
        # The usual idiom: qcut per dimension (frequency by rank, its quintile edges repeat), recency reversed.
        r = pd.qcut(rfm["recency"], 5, labels=[5, 4, 3, 2, 1]).astype(int)
        f = pd.qcut(rfm["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
        m = pd.qcut(rfm["monetary"], 5, labels=[1, 2, 3, 4, 5]).astype(int)
        return pd.DataFrame({"r": r, "f": f, "m": m, "code": r.astype(str) + f.astype(str) + m.astype(str), "total": r + f + m})

    wall, cpu, q = best(quintiles, max(repeats, 5))
    emit("pandas-qcut", wall, cpu, max(repeats, 5), {"r": float(q["r"].sum()), "f": float(q["f"].sum()), "m": float(q["m"].sum())})


def lifetimes_fits(directory, repeats):
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    sample = pd.read_csv(f"{directory}/sample.csv", float_precision="round_trip")
    sample_spend = pd.read_csv(f"{directory}/sample_spend.csv", float_precision="round_trip")
    cohort = pd.read_csv(f"{directory}/cohort.csv", float_precision="round_trip")
    names = {"bg": ["r", "alpha", "a", "b"], "mbg": ["r", "alpha", "a", "b"], "pareto": ["r", "alpha", "s", "beta"], "gg": ["p", "q", "v"]}
    for label, rf, spend in [("sample", sample, sample_spend), ("cohort", cohort, cohort)]:
        for key, cls in [("bg", BetaGeoFitter), ("mbg", ModifiedBetaGeoFitter), ("pareto", ParetoNBDFitter)]:
            wall, cpu, fit = best(lambda: cls().fit(rf["frequency"], rf["recency"], rf["T"]), repeats)
            emit(f"lifetimes-{key}-{label}", wall, cpu, repeats, {n: float(fit.params_[n]) for n in names[key]})
        buyers = spend[(spend["frequency"] > 0) & (spend["monetary_value"] > 0)]
        wall, cpu, fit = best(lambda: GammaGammaFitter().fit(buyers["frequency"], buyers["monetary_value"]), repeats)
        emit(f"lifetimes-gg-{label}", wall, cpu, repeats, {n: float(fit.params_[n]) for n in names["gg"]})


def lifetimes_summary(directory, repeats, rows):
    from lifetimes.utils import summary_data_from_transaction_data

    with open(f"{directory}/meta.json") as f:
        meta = json.load(f)
    log = read_log(directory, rows)
    log["date"] = pd.to_datetime(log["at_ms"], unit="ms")
    end = pd.Timestamp(meta["observationEnd"], unit="ms")

    def summary():
        return summary_data_from_transaction_data(log, "customer_id", "date", monetary_value_col="amount", observation_period_end=end, freq="D", freq_multiplier=7)

    wall, cpu, s = best(summary, repeats)
    emit("lifetimes-summary", wall, cpu, repeats, summary_sums(s["frequency"], s["recency"], s["T"], s["monetary_value"]))


if __name__ == "__main__":
    task, directory, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if task == "pandas":
        pandas_tasks(directory, repeats)
    elif task == "lifetimes-fits":
        lifetimes_fits(directory, repeats)
    elif task == "lifetimes-summary":
        lifetimes_summary(directory, repeats, int(sys.argv[4]))
    else:
        raise SystemExit(f"unknown task {task}")
