#!/usr/bin/env bash
# Issue 2's speed targets, measured side by side in one criterion run:
#   parse+assess from JSON <= 1.5 x parse alone; assessment alone >= 500,000 members/s on one core.
# Usage: benches/assess.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(cargo bench --bench assess 2>&1 | tee /dev/stderr)
to_ms() { awk -v v="$1" -v u="$2" 'BEGIN { f = (u=="s") ? 1000 : (u=="ms") ? 1 : (u=="µs"||u=="us") ? 0.001 : 0.000001; printf "%.3f", v*f }'; }
median() { # the middle of criterion's [low mid high] for a benchmark id
  echo "$out" | grep -A1 -E "^$1 " | grep -oE 'time: +\[[^]]+\]' | head -n1 | awk '{print $4, $5}'
}
read -r pv pu < <(median 'from_json/parse')
read -r av au < <(median 'from_json/parse\+assess')
read -r ov ou < <(median 'assess_only/members')
parse=$(to_ms "$pv" "$pu"); total=$(to_ms "$av" "$au"); only=$(to_ms "$ov" "$ou")
echo
echo "parse 100,000 members:            ${parse} ms"
echo "parse + assess 100,000 members:   ${total} ms  -> ratio $(awk -v a="$total" -v b="$parse" 'BEGIN{printf "%.2f", a/b}') (target <= 1.50)"
echo "assess only (validated members):  ${only} ms  -> $(awk -v t="$only" 'BEGIN{printf "%.0f", 100000/(t/1000)}') members/s (target >= 500000)"
