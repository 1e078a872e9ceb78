#!/usr/bin/env bash
# The `mirage` dotnet tool (framework-dependent, JIT) beside the CLI published ReadyToRun
# (artifacts/cli), configuring samples/hello in one run: cold (empty config cache: FCS compiles
# config.fsx) and warm (cache hit). Medians of RUNS runs (default 5) of wall time and of CPU time
# (user+sys, which a loaded machine disturbs less). Needs `dotnet fsi build.fsx pack` and `cli`.
# usage: bench/tool-startup.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-5}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"

# The tool from the packages alone, with a package folder of its own (no stale cached package).
NUGET_PACKAGES="$scratch/nuget" dotnet tool install mirage --tool-path "$scratch/tools" --version "$version" \
  --add-source "$root/artifacts/packages" >/dev/null
cp -r "$root/samples/hello" "$scratch/hello"
rm -rf "$scratch/hello/mirage" "$scratch/hello/dist"
cd "$scratch/hello"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Prints "wall_ms cpu_ms" medians of `mirage configure`, each run in a fresh (cold) or shared (warm) cache.
measure() {
  local mirage="$1" mode="$2" walls=() cpus=()
  export MIRAGE_CACHE_DIR="$scratch/cache-warm"
  [ "$mode" = warm ] && "$mirage" configure >/dev/null
  for _ in $(seq "$runs"); do
    [ "$mode" = cold ] && export MIRAGE_CACHE_DIR="$scratch/cache-$RANDOM$RANDOM"
    local out
    out=$( { /usr/bin/time -f '%e %U %S' "$mirage" configure >/dev/null; } 2>&1 | tail -1)
    walls+=("$(echo "$out" | awk '{printf "%d", $1*1000}')")
    cpus+=("$(echo "$out" | awk '{printf "%d", ($2+$3)*1000}')")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

printf '| mirage | cache | wall ms | CPU ms |\n|---|---|---:|---:|\n'
for mode in cold warm; do
  for which in tool r2r; do
    mirage="$scratch/tools/mirage"
    [ "$which" = r2r ] && mirage="$root/artifacts/cli/mirage"
    read -r wall cpu < <(measure "$mirage" "$mode")
    printf '| %s | %s | %s | %s |\n' "$which" "$mode" "$wall" "$cpu"
  done
done
