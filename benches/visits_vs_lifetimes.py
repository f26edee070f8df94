#!/usr/bin/env python3
"""Benchmark restanse's visit models against lifetimes on the same data, in one script.

Usage (from the repository root):
    /work/venv-lifetimes/bin/python benches/visits_vs_lifetimes.py
It runs `cargo bench --bench visits_bench` (release profile, lto) for the Rust timings, then times lifetimes
0.11.3 (numpy/scipy pinned in the venv, BLAS and OpenMP limited to one thread) on the same CDNOW file and the
same 1,000,000 members, and prints the ratios.
"""
import os
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
import json, statistics, subprocess, sys, time, warnings
import numpy as np, pandas as pd, lifetimes
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

warnings.simplefilter("ignore")
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d = pd.read_csv(os.path.join(root, "tests/data/cdnow_customers_summary.csv"))
x, tx, T = d.frequency.values, d.recency.values, d["T"].values

out = subprocess.run(["cargo", "bench", "--bench", "visits_bench"], cwd=root, capture_output=True, text=True, check=True)
rust = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
rust_fit = {r["model"]: r["seconds"] for r in rust if r["what"] == "fit"}
rust_pa = {r["threads"]: r["seconds"] for r in rust if r["what"] == "p_alive_1m"}

def timed(f, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

print(f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}, cores {os.cpu_count()}")
print(f"{'task':<34}{'restanse':>12}{'lifetimes':>12}{'ratio':>9}")
for name, F, reps in [("bgnbd", BetaGeoFitter, 5), ("mbgnbd", ModifiedBetaGeoFitter, 5), ("pareto", ParetoNBDFitter, 3)]:
    np.random.seed(0)
    lt = timed(lambda: F().fit(x, tx, T), reps)
    rs = rust_fit[name]
    print(f"{'fit ' + name + ' on CDNOW (2,357)':<34}{rs*1e3:>10.1f}ms{lt*1e3:>10.1f}ms{lt/rs:>8.1f}x")

bgf = BetaGeoFitter().fit(x, tx, T)
n = 1_000_000
reps_idx = np.arange(n) % len(x)
X, TX, TT = x[reps_idx].astype(float), tx[reps_idx], T[reps_idx]
lt = timed(lambda: bgf.conditional_probability_alive(X, TX, TT), 7)
for threads in (1, 2):
    rs = rust_pa[threads]
    print(f"{'P(alive) bgnbd, 1M, ' + str(threads) + ' thread(s)':<34}{rs*1e3:>10.1f}ms{lt*1e3:>10.1f}ms{lt/rs:>8.1f}x")
print("(lifetimes' P(alive) is numpy-vectorised on one core; ratio = lifetimes time / restanse time)")
