#!/usr/bin/env bash
# Requests per second of the http sample's `/` with syslog and monitoring off (samples/http) and on
# (samples/http-monitored: syslog over UDP to a loopback sink, metrics pushed over TCP to a loopback
# sink on 8094 every 10 s, the command port listening), in the same run. Both servers on one pinned
# core (CORE, default 0), wrk on another (WRK_CORE, default 1); ROUNDS alternate rounds (default 3)
# of DURATION seconds (default 10), best round counts. Log levels are the default (info).
# usage: bench/http-monitored-wrk.sh [path/to/mirage] [unix|aot]
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

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

for sample in http http-monitored; do
  (cd "$root/samples/$sample" && "$mirage" configure -t "$target" >/dev/null && "$mirage" build >/dev/null)
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do curl -fs "http://127.0.0.1:$1/" >/dev/null && return 0; sleep 0.05; done; return 1; }

# Collectors that read and discard: syslog datagrams, and line protocol on the monitor port.
syslog_port=$(free_port)
python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', $syslog_port))
while True: s.recv(65536)" &
pids+=($!)
python3 -c "import socket, threading; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 8094)); s.listen()
def drain(c):
    while c.recv(65536): pass
while True: threading.Thread(target=drain, args=(s.accept()[0],), daemon=True).start()" &
pids+=($!)

off_port=$(free_port)
taskset -c "$core" "$root/samples/http/dist/http" --port="$off_port" --h2c-port="$(free_port)" >/dev/null 2>&1 &
pids+=($!)
on_port=$(free_port)
taskset -c "$core" "$root/samples/http-monitored/dist/http-monitored" --port="$on_port" --h2c-port="$(free_port)" \
  --syslog=127.0.0.1 --syslog-port="$syslog_port" --monitor=127.0.0.1 >/dev/null 2>&1 &
pids+=($!)
wait_port "$off_port"
wait_port "$on_port"

rps() { taskset -c "$wrk_core" wrk -t1 -c"$connections" -d"${duration}s" "http://127.0.0.1:$1/" | awk '/Requests\/sec/ {print $2}'; }
best() { sort -g | tail -1; }
for p in "$off_port" "$on_port"; do taskset -c "$wrk_core" wrk -t1 -c"$connections" -d3s "http://127.0.0.1:$p/" >/dev/null; done
off_runs=(); on_runs=()
for _ in $(seq "$rounds"); do
  off_runs+=("$(rps "$off_port")")
  on_runs+=("$(rps "$on_port")")
done
off=$(printf '%s\n' "${off_runs[@]}" | best)
on=$(printf '%s\n' "${on_runs[@]}" | best)
echo "| server | target | req/s (best of $rounds × ${duration}s, $connections connections) | all rounds |"
echo "|---|---|---:|---|"
echo "| http (syslog and monitoring off) | $target | $off | ${off_runs[*]} |"
echo "| http-monitored (syslog over UDP, monitoring on) | $target | $on | ${on_runs[*]} |"
awk -v on="$on" -v off="$off" 'BEGIN { printf "\nratio: %.1f %% of off\n", 100 * on / off }'
