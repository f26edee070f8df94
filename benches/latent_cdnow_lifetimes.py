#!/usr/bin/env python3
"""lifetimes' P(alive) on the same real-data split as `examples/latent_cdnow.rs`: who stopped buying?

Usage (from the repository root; the venv as in BENCHMARKS.md, "Visit models"):
    /work/venv-lifetimes/bin/python benches/latent_cdnow_lifetimes.py [CDNOW_master.txt]
The log defaults to ../shared/data/cdnow/CDNOW_master.txt. Calibration to 1997-09-30, holdout to 1998-06-30
(the papers' split), visits = distinct purchase days, time in weeks (days / 7) as restanse's engine uses;
truth = no purchase day in the holdout. Prints each model's fitted parameters, the ROC AUC of 1 - P(alive)
and of plain recency (days of silence), the models' F1 when P(alive) < 0.5 decides, and the conditional
expectations of holdout purchase days by calibration frequency (the papers' check).
"""
import os, sys, time, warnings
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
import numpy as np, pandas as pd, lifetimes
from scipy.stats import rankdata
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter
from lifetimes.utils import calibration_and_holdout_data

warnings.simplefilter("ignore")
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "cdnow", "CDNOW_master.txt")
if not os.path.exists(path):
    sys.exit(f"cannot read the CDNOW log {path}: give its path as the first argument")

log = pd.read_csv(path, sep=r"\s+", header=0, names=["id", "date", "cds", "dollars"], dtype={"id": str, "date": str})
log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
d = calibration_and_holdout_data(log, "id", "date", calibration_period_end="1997-09-30",
                                 observation_period_end="1998-06-30", freq="D")
x = d["frequency_cal"].values.astype(float)
tx = d["recency_cal"].values / 7.0
T = d["T_cal"].values / 7.0
holdout = d["frequency_holdout"].values
horizon = d["duration_holdout"].values[0] / 7.0
latent = holdout == 0
silence = (d["T_cal"] - d["recency_cal"]).values


def auc(score, labels):
    r = rankdata(score)
    pos, neg = labels.sum(), (~labels).sum()
    return (r[labels].sum() - pos * (pos + 1) / 2) / (pos * neg)


def f1(flags, labels):
    tp = (flags & labels).sum()
    p = tp / max(flags.sum(), 1)
    r = tp / labels.sum()
    return flags.sum(), p, r, 2 * p * r / (p + r) if p + r else 0.0


print(f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, pandas {pd.__version__}, python {sys.version.split()[0]}")
print(f"{len(d)} customers, {latent.sum()} latent ({latent.mean():.1%}), holdout {horizon:.0f} weeks")
print(f"plain recency (days of silence): AUC {auc(silence, latent):.3f}")
preds = {}
for name, F in [("BG/NBD", BetaGeoFitter), ("MBG/NBD", ModifiedBetaGeoFitter), ("Pareto/NBD", ParetoNBDFitter)]:
    t0 = time.perf_counter()
    m = F().fit(x, tx, T)
    secs = time.perf_counter() - t0
    pa = m.conditional_probability_alive(x, tx, T)
    n, p, r, f = f1(pa < 0.5, latent)
    params = ", ".join(f"{k} {v:.3f}" for k, v in m.params_.items())
    print(f"{name:<11} {params} ({secs:.1f} s): 1 - P(alive) AUC {auc(1 - pa, latent):.3f}; "
          f"P(alive) < 0.5 flags {n}, precision {p:.3f}, recall {r:.3f}, F1 {f:.4f}")
    preds[name] = m.conditional_expected_number_of_purchases_up_to_time(horizon, x, tx, T)

print(f"\nconditional expectations: mean holdout purchase days ({horizon:.0f} weeks) by calibration frequency x")
print(f"{'x':>4} {'members':>7} {'actual':>8} " + " ".join(f"{k:>10}" for k in preds))
groups = np.minimum(x, 7)
for g in range(8):
    sel = groups == g
    label = "7+" if g == 7 else str(g)
    print(f"{label:>4} {sel.sum():>7} {holdout[sel].mean():>8.3f} " + " ".join(f"{v[sel].mean():>10.3f}" for v in preds.values()))
print(f"total {len(d):>6} {holdout.sum():>8.0f} " + " ".join(f"{v.sum():>10.0f}" for v in preds.values()))
