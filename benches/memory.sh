#!/usr/bin/env bash
# Peak memory of `restanse assess` against the number of members: is it linear, and how much per member?
# Usage: benches/memory.sh   (builds the release binary; writes sample gyms to a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/restanse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf "%-8s %12s %12s %14s\n" members json_bytes peak_rss_kb rss_bytes/member
prev_n=0; prev_kb=0
for n in 25000 50000 100000 200000; do
  "$bin" sample --members "$n" --seed 1 --as-of 2026-11-23 --out "$tmp/gym.json"
  bytes=$(stat -c %s "$tmp/gym.json")
  kb=$( { /usr/bin/time -f "%M" "$bin" assess "$tmp/gym.json" --as-of 2026-11-23 --format json > /dev/null; } 2>&1 | tail -n 1)
  printf "%-8s %12s %12s %14s\n" "$n" "$bytes" "$kb" "$(( kb * 1024 / n ))"
  if [ "$prev_n" -gt 0 ]; then
    echo "         marginal: $(( (kb - prev_kb) * 1024 / (n - prev_n) )) bytes per extra member"
  fi
  prev_n=$n; prev_kb=$kb
done
