#!/usr/bin/env bash
# The engine's speed targets (issues 2 and 18), measured side by side in one criterion run:
#   parse+assess from JSON <= 1.3 x parse alone; the assessment alone >= 500,000 members/s on one core;
#   and what splitting, the streamed per-record path, the visit model's fit and the latent evidence cost.
# Usage: benches/assess.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(cargo bench -p restanse --bench assess 2>&1 | tee /dev/stderr)
to_ms() { awk -v v="$1" -v u="$2" 'BEGIN { f = (u=="s") ? 1000 : (u=="ms") ? 1 : (u=="µs"||u=="us") ? 0.001 : 0.000001; printf "%.3f", v*f }'; }
median() { # the middle of criterion's [low mid high] for a benchmark id
  echo "$out" | grep -A1 -E "^$1( |$)" | grep -oE 'time: +\[[^]]+\]' | head -n1 | awk '{print $4, $5}'
}
read -r pv pu < <(median 'from_json/parse')
read -r av au < <(median 'from_json/parse\+assess')
read -r ov ou < <(median 'assess_only/default')
read -r nv nu < <(median 'assess_only/no_visit_model')
read -r cv cu < <(median 'assess_only/checked')
read -r sv su < <(median 'from_json/split')
read -r tv tu < <(median 'from_json/streamed')
read -r fv fu < <(median 'visit_model/fit')
parse=$(to_ms "$pv" "$pu"); total=$(to_ms "$av" "$au"); only=$(to_ms "$ov" "$ou")
nomodel=$(to_ms "$nv" "$nu"); checked=$(to_ms "$cv" "$cu"); split=$(to_ms "$sv" "$su"); streamed=$(to_ms "$tv" "$tu"); fit=$(to_ms "$fv" "$fu")
echo
echo "parse 100,000 members:            ${parse} ms"
echo "parse + assess 100,000 members:   ${total} ms  -> ratio $(awk -v a="$total" -v b="$parse" 'BEGIN{printf "%.2f", a/b}') (target <= 1.30)"
echo "assess only (validated members):  ${checked} ms  -> $(awk -v t="$checked" 'BEGIN{printf "%.0f", 100000/(t/1000)}') members/s (target >= 500000)"
echo "check + assess (read members):    ${only} ms  -> $(awk -v t="$only" 'BEGIN{printf "%.0f", 100000/(t/1000)}') members/s"
echo "  without the visit model:        ${nomodel} ms  -> with it, $(awk -v a="$only" -v b="$nomodel" 'BEGIN{printf "%+.0f", (a-b)*10}') ns per member (within noise when the runs overlap)"
echo "split (first pass):               ${split} ms"
echo "streamed, one core:               ${streamed} ms  -> ratio $(awk -v a="$streamed" -v b="$parse" 'BEGIN{printf "%.2f", a/b}') to parse"
echo "visit model fit (once per batch): ${fit} ms"
