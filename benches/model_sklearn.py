#!/usr/bin/env python3
"""restanse's trained risk model beside scikit-learn's LogisticRegression, on the very same table.

    /work/venv-lifetimes/bin/python benches/model_sklearn.py [--restanse target/release/restanse]

1. `restanse sample --history` writes a labelled history of the sample gym (2,000 members a month,
   12 months); `restanse train HISTORY --write-table` writes its features as a CSV table (one row per
   snapshot, the outcome in `outcome`) and prints the time-split evaluation.
2. For each penalty α, `restanse train --table --l2 α` fits on the whole table and `restanse predict`
   gives one probability per row; scikit-learn fits StandardScaler + LogisticRegression(C = 1/α) on the
   same rows. The two objectives are the same: restanse standardises each column (population standard
   deviation, a constant column keeps scale 1, as StandardScaler does), and linfa minimises
   Σ −log σ(y·z) + α/2·‖w‖² with the intercept unpenalised, which is scikit-learn's
   C·Σ −log σ(y·z) + ½‖w‖² (lbfgs, intercept unpenalised) divided by C.
3. It prints the largest difference in probability and both training times (restanse: the fit as timed
   inside the process, scaling included, CSV reading excluded; scikit-learn: scaling and fit, best of 5).
"""
import argparse, csv, json, os, re, subprocess, sys, tempfile, time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr}")
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--restanse", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "restanse"))
    ap.add_argument("--members", type=int, default=2000)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--as-of", default="2026-11-23")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="restanse-model-")
    hist, table, hmodel = (os.path.join(tmp, n) for n in ("history.json", "table.csv", "model.json"))

    run([a.restanse, "sample", "--history", "--members", str(a.members), "--months", str(a.months),
         "--as-of", a.as_of, "--out", hist])
    r = run([a.restanse, "train", hist, "--write-table", table, "--out", hmodel])
    print("## restanse train (cross-validated α) on the sample gym's history")
    print(r.stderr.strip().splitlines()[0])
    print(r.stdout.rstrip())
    print()

    with open(table) as f:
        rows = list(csv.reader(f))
    names, data = rows[0], np.array(rows[1:], dtype=float)
    X, y = data[:, :-1], data[:, -1].astype(int)
    print(f"## the same table in both: {X.shape[0]} rows x {X.shape[1]} features, {y.sum()} positives ({y.mean():.1%})")
    print()
    print("| α (linfa) | C (scikit-learn) | max abs diff in P | mean abs diff | restanse fit | scikit-learn fit |")
    print("|---:|---:|---:|---:|---:|---:|")
    for alpha in (0.01, 0.1, 1.0, 10.0):
        model = os.path.join(tmp, f"table-{alpha}.json")
        times = []
        for _ in range(5):
            r = run([a.restanse, "train", "--table", table, "--label", "outcome", "--l2", str(alpha), "--out", model])
            times.append(float(re.search(r"in ([0-9.]+) ms", r.stderr).group(1)) / 1000)
        t_rs = min(times)
        out = run([a.restanse, "predict", "--model", model, "--table", table]).stdout.splitlines()[1:]
        p_rs = np.array([float(l.split(",")[1]) for l in out])

        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            sc = StandardScaler().fit(X)
            lr = LogisticRegression(C=1 / alpha, tol=1e-10, max_iter=100000).fit(sc.transform(X), y)
            times.append(time.perf_counter() - t0)
        t_sk = min(times)
        p_sk = lr.predict_proba(sc.transform(X))[:, 1]
        d = np.abs(p_rs - p_sk)
        print(f"| {alpha:g} | {1 / alpha:g} | {d.max():.2e} | {d.mean():.2e} | {t_rs * 1000:.1f} ms | {t_sk * 1000:.1f} ms |")
        if d.max() > 1e-4:
            print(f"  DIFFERENCE above 1e-4 at α = {alpha}", file=sys.stderr)


if __name__ == "__main__":
    main()
