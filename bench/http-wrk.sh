#!/usr/bin/env bash
# Requests per second of the http sample's `/` (Kestrel over Mirage's socket stack flows) beside a
# bare Kestrel minimal API on its own sockets serving the same bytes, in the same run. Both servers
# run on one pinned core (CORE, default 0) and wrk on another (WRK_CORE, default 1); each is
# measured ROUNDS times (default 3) alternately, DURATION seconds each, and the best round counts.
# usage: bench/http-wrk.sh [path/to/mirage] [unix|aot]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mirage="${1:-$root/artifacts/cli/mirage}"
# Development mode: unikernels reference this checkout's runtime projects (README, "Packages").
export MIRAGE_RUNTIME_PROJECT="${MIRAGE_RUNTIME_PROJECT:-$root/src/Mirage.Runtime/Mirage.Runtime.csproj}"
target="${2:-unix}"
core="${CORE:-0}"
wrk_core="${WRK_CORE:-1}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

scratch="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$scratch"; }
trap cleanup EXIT

(cd "$root/samples/http" && "$mirage" configure -t "$target" >/dev/null && "$mirage" build >/dev/null)
publish=(-c Release -o "$scratch/bare")
[ "$target" = aot ] && publish+=(-r linux-x64 -p:PublishAot=true)
dotnet publish "$root/bench/BareKestrel" "${publish[@]}" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do curl -fs "http://127.0.0.1:$1/" >/dev/null && return 0; sleep 0.05; done; return 1; }

mirage_port=$(free_port)
taskset -c "$core" "$root/samples/http/dist/http" --port="$mirage_port" --h2c-port="$(free_port)" -l quiet >/dev/null 2>&1 &
pids+=($!)
bare_port=$(free_port)
taskset -c "$core" "$scratch/bare/BareKestrel" "$bare_port" >/dev/null 2>&1 &
pids+=($!)
wait_port "$mirage_port"
wait_port "$bare_port"

rps() { taskset -c "$wrk_core" wrk -t1 -c"$connections" -d"${duration}s" "http://127.0.0.1:$1/" | awk '/Requests\/sec/ {print $2}'; }
best() { sort -g | tail -1; }
# Warm both up (JIT, pools) before measuring.
DURATION_WARM=3; taskset -c "$wrk_core" wrk -t1 -c"$connections" -d"${DURATION_WARM}s" "http://127.0.0.1:$mirage_port/" >/dev/null
taskset -c "$wrk_core" wrk -t1 -c"$connections" -d"${DURATION_WARM}s" "http://127.0.0.1:$bare_port/" >/dev/null
mirage_runs=(); bare_runs=()
for _ in $(seq "$rounds"); do
  mirage_runs+=("$(rps "$mirage_port")")
  bare_runs+=("$(rps "$bare_port")")
done
m=$(printf '%s\n' "${mirage_runs[@]}" | best)
b=$(printf '%s\n' "${bare_runs[@]}" | best)
echo "| server | target | req/s (best of $rounds × ${duration}s, $connections connections) | all rounds |"
echo "|---|---|---:|---|"
echo "| http sample (Kestrel over Mirage socket flows) | $target | $m | ${mirage_runs[*]} |"
echo "| bare Kestrel minimal API | $target | $b | ${bare_runs[*]} |"
awk -v m="$m" -v b="$b" 'BEGIN { printf "\nratio: %.1f %% of bare Kestrel\n", 100 * m / b }'
