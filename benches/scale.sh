#!/usr/bin/env bash
# Issue 18's targets, measured side by side in one run:
#   end to end, `restanse assess FILE` >= 130,000 members/s on this 2-core machine (1.3 million in 10 s);
#   memory flat in batch size (< 400 MB for 300,000 members);
#   the same bytes out for 1 and 2 threads;
#   then the criterion groups (benches/assess.sh): parse + assess <= 1.3x parse alone, the assessment alone
#   >= 500,000 members/s on one core, and what the visit model and the latent evidence cost.
# Usage: benches/scale.sh [MEMBERS...]   (default: 100000 300000 1300000; needs ~3 GB in $TMPDIR for 1.3 million)
# Timed commands write their output to /dev/null (the engine's speed, not the disk's); "peak_rss" is the
# process's maximum resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 300000 1300000)
cargo build --release --quiet -p restanse-cli
bin=target/release/restanse
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(date -u +%F)"
run() { # run LABEL N COMMAND... : wall time, peak RSS and members/s of one command, output to a file
  local label=$1 n=$2; shift 2
  /usr/bin/time -o "$tmp/time" -f "%e %M" "$@" > /dev/null 2>&1
  read -r secs kb < "$tmp/time"
  printf "%-34s %9s %8s s %8s MB %10s members/s\n" "$label" "$n" "$secs" "$((kb / 1024))" \
    "$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0) ? n / s : 0 }')"
}
printf "%-34s %9s %10s %11s %20s\n" what members time peak_rss throughput
for n in "${sizes[@]}"; do
  run "sample --members (writes JSON)" "$n" "$bin" sample --members "$n" --seed 1 --as-of 2026-11-23 --out "$tmp/gym.json"
  sync  # the sample's writeback must not run beside the timed commands
  for t in 1 2; do
    run "assess --format json --threads $t" "$n" "$bin" assess "$tmp/gym.json" --as-of 2026-11-23 --format json --threads "$t"
  done
  # untimed: the output, byte for byte, on one thread and on two
  one=$("$bin" assess "$tmp/gym.json" --as-of 2026-11-23 --format json --threads 1 | md5sum)
  two=$("$bin" assess "$tmp/gym.json" --as-of 2026-11-23 --format json --threads 2 | md5sum)
  [ "$one" = "$two" ] && echo "  1 and 2 threads: the same bytes" || { echo "  1 and 2 threads DIFFER"; exit 1; }
  run "report --format json" "$n" "$bin" report "$tmp/gym.json" --as-of 2026-11-23 --format json
  run "worklist --format json" "$n" "$bin" worklist "$tmp/gym.json" --as-of 2026-11-23 --format json
  rm -f "$tmp/gym.json"
done
echo
benches/assess.sh
