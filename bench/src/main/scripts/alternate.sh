#!/usr/bin/env bash
# Times two or more commands in alternation (A, B, A, B, ... or A, B, C, A, B, C, ...) and prints each run's wall
# time and the medians, so that all see the same machine load; ratios are to the first command.
# Usage: alternate.sh ROUNDS 'command A' 'command B' ['command C' ...]
set -euo pipefail
rounds=$1; shift
commands=("$@")
names=(A B C D E F G H)
run() { local start end; start=$(date +%s%N); bash -c "$1" >/dev/null 2>&1 || { echo "failed: $1" >&2; exit 1; }
        end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
declare -A times
for i in $(seq "$rounds"); do
  line="round $i:"
  for c in "${!commands[@]}"; do
    t=$(run "${commands[$c]}"); times[$c]="${times[$c]:-} $t"; line="$line ${names[$c]} $t ms,"
  done
  echo "$line load $(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' $1 | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
first=$(median "${times[0]}")
out="median A $first ms"
for c in "${!commands[@]}"; do
  [ "$c" -eq 0 ] && continue
  m=$(median "${times[$c]}")
  out="$out, ${names[$c]} $m ms (${names[$c]}/A $(awk -v a="$first" -v b="$m" 'BEGIN {printf "%.2f", b/a}'))"
done
echo "$out"
