#!/usr/bin/env bash
# Binary size and boot time of the samples on each target, whole processes, side by side in one
# run. Boot time is the wall time of `dist/noop` (connects the init devices, runs a job that does
# nothing, exits), median of RUNS runs (default 21), beside `true` as the process-spawn floor.
# usage: bench/boot-and-size.sh [path/to/mirage]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mirage="${1:-$root/artifacts/cli/mirage}"
# Development mode: unikernels reference this checkout's runtime projects (README, "Packages").
export MIRAGE_RUNTIME_PROJECT="${MIRAGE_RUNTIME_PROJECT:-$root/src/Mirage.Runtime/Mirage.Runtime.csproj}"
runs="${RUNS:-21}"

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
boot_ms() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(now_ns); "$@" >/dev/null 2>&1; end=$(now_ns)
    echo $(((end - start) / 1000))
  done | median | awk '{printf "%.1f", $1/1000}'
}

# The yardstick: a plain `dotnet new console` published Native AOT, built here in the same run.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && dotnet new console -o plain >/dev/null 2>&1 \
  && dotnet publish plain -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=true -p:InvariantGlobalization=true -o out >/dev/null 2>&1)

echo "| sample | target | binary size (bytes) | boot to exit, median ms |"
echo "|---|---|---:|---:|"
echo "| (\`true\`, process spawn floor) | | | $(boot_ms true) |"
echo "| (plain C# hello world) | aot | $(stat -c %s "$scratch/out/plain") | $(boot_ms "$scratch/out/plain") |"
for target in unix aot; do
  for sample in noop hello hello-key; do
    dir="$root/samples/$sample"
    (cd "$dir" && "$mirage" configure -t "$target" >/dev/null && "$mirage" build >/dev/null)
    size=$(stat -c %s "$dir/dist/$sample")
    boot=""
    [ "$sample" = noop ] && boot=$(boot_ms "$dir/dist/noop")
    echo "| $sample | $target | $size | $boot |"
  done
done
