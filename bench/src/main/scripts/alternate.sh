#!/usr/bin/env bash
# Times two commands in alternation (A, B, A, B, ...) and prints each run's wall time and the medians, so that both
# see the same machine load. Usage: alternate.sh ROUNDS 'command A' 'command B'
set -euo pipefail
rounds=$1; a=$2; b=$3
run() { local start end; start=$(date +%s%N); bash -c "$1" >/dev/null 2>&1 || { echo "failed: $1" >&2; exit 1; }
        end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
ta=(); tb=()
for i in $(seq "$rounds"); do
  ta+=("$(run "$a")"); tb+=("$(run "$b")")
  echo "round $i: A ${ta[-1]} ms, B ${tb[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
ma=$(median "${ta[@]}"); mb=$(median "${tb[@]}")
echo "median A $ma ms, B $mb ms, B/A $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", b/a}')"
