#!/usr/bin/env bash
# Whole-process timing of `mirage configure` on samples/hello, cold (empty config cache: the F#
# compiler runs) and warm (cache hit), side by side in one run with `dotnet fsi` on an empty script,
# the yardstick. Prints a markdown table of medians over RUNS runs (default 7).
# usage: bench/configure-time.sh [path/to/mirage]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mirage="${1:-$root/artifacts/cli/mirage}"
# Development mode: unikernels reference this checkout's runtime projects (README, "Packages").
export MIRAGE_RUNTIME_PROJECT="${MIRAGE_RUNTIME_PROJECT:-$root/src/Mirage.Runtime/Mirage.Runtime.csproj}"
runs="${RUNS:-7}"
sample="$root/samples/hello"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
touch "$scratch/empty.fsx"

now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

time_runs() { # label, setup command, command...
  local setup="$1"; shift
  for _ in $(seq "$runs"); do
    eval "$setup"
    local start end
    start=$(now_ms)
    "$@" >/dev/null 2>&1
    end=$(now_ms)
    echo $((end - start))
  done | median
}

cd "$sample"
cold=$(time_runs 'export MIRAGE_CACHE_DIR="$scratch/cache-$RANDOM$RANDOM"' "$mirage" configure)
export MIRAGE_CACHE_DIR="$scratch/warm"
"$mirage" configure >/dev/null
warm=$(time_runs ':' "$mirage" configure)
fsi=$(time_runs ':' dotnet fsi "$scratch/empty.fsx")

echo "| measurement (median of $runs) | ms | ratio to dotnet fsi |"
echo "|---|---:|---:|"
echo "| dotnet fsi empty.fsx | $fsi | 1.00 |"
awk -v c="$cold" -v w="$warm" -v f="$fsi" 'BEGIN {
  printf "| mirage configure, cold (compiles config.fsx) | %d | %.2f |\n", c, c/f
  printf "| mirage configure, warm (cache hit) | %d | %.2f |\n", w, w/f }'
