#!/usr/bin/env python3
"""Parse a 1,000,000-transaction OCR Giro file with `restanse nets read` and with netsgiro; print the ratio.

Usage: benches/nets_vs_netsgiro.py [TRANSACTIONS]      (default 1000000)

Builds the release binary (honouring CARGO_TARGET_DIR), writes the file to $TMPDIR, then times
  * `restanse nets read FILE --format summary`  (read, decode, parse and check every record; print totals)
  * `restanse nets read FILE --format json`     (the same, plus serialising every transaction to JSON)
  * `netsgiro.parse(text)`                      (in-process: interpreter start-up and file reading excluded)
restanse runs 3 times, netsgiro twice (once if it takes over a minute); the best time counts.
Needs `pip install netsgiro`.
"""
import os
import subprocess
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "restanse")


def generate(path, n):
    """An OCR Giro file: one assignment of n AvtaleGiro settlements (transaction type 15), 2 records each."""
    total = 0
    with open(path, "w", encoding="ascii") as f:
        f.write("NY000010000080800170031000102000000000000000000000000000000000000000000000000000\n")
        f.write("NY090020001008566000000299991042764000000000000000000000000000000000000000000000\n")
        for i in range(1, n + 1):
            ore = 10_000 + (i * 7919) % 90_000
            total += ore
            kid = f"{i:014d}"
            f.write(f"NY091530{i:07d}2011261320101464{'0'}{ore:017d}{kid:>25}000000\n")
            f.write(f"NY091531{i:07d}0000000000{i % 10**9:09d}0000000201126{99990512341:011d}{'0' * 22}\n")
        f.write(f"NY090088{n:08d}{2 * n + 2:08d}{total:017d}201126201126201126{'0' * 21}\n")
        f.write(f"NY000089{n:08d}{2 * n + 4:08d}{total:017d}201126{'0' * 33}\n")
    return total


def best(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    if N > 9_999_999:
        sys.exit("at most 9,999,999 transactions fit the format")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    path = os.path.join(tempfile.gettempdir(), f"nets_ocr_{N}.txt")
    total = generate(path, N)
    size = os.path.getsize(path)
    print(f"file: {path}, {N:,} transactions, {size / 1e6:.1f} MB, total {total / 100:,.2f} NOK")

    def run(fmt):
        out = subprocess.run([BIN, "nets", "read", path, "--format", fmt], stdout=subprocess.PIPE, check=True)
        return out.stdout

    summary = run("summary").decode()
    print(f"restanse says: {summary.strip()}")
    assert f"{N} transaction(s)" in summary, summary
    t_summary = best(lambda: run("summary"), 3)
    t_json = best(lambda: run("json"), 3)

    import netsgiro

    with open(path, encoding="ascii") as f:
        text = f.read()
    t0 = time.perf_counter()
    transmission = netsgiro.parse(text)
    t_py = time.perf_counter() - t0
    n_py = sum(len(a.transactions) for a in transmission.assignments)
    assert n_py == N, n_py
    del transmission
    if t_py < 60:
        t_py = min(t_py, best(lambda: netsgiro.parse(text), 1))
    try:
        from importlib.metadata import version

        ver = version("netsgiro")
    except Exception:  # noqa: BLE001
        ver = "?"

    print(f"restanse nets read --format summary: {t_summary:8.3f} s")
    print(f"restanse nets read --format json:    {t_json:8.3f} s")
    print(f"netsgiro {ver} parse:                {t_py:8.3f} s")
    print(f"ratio netsgiro / restanse (summary): {t_py / t_summary:8.1f}x")
    print(f"ratio netsgiro / restanse (json):    {t_py / t_json:8.1f}x")


if __name__ == "__main__":
    main()
