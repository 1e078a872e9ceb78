#!/usr/bin/env bash
# UDP echo datagrams/s and Mbit/s: samples/udp-echo (our stack) over a TAP device beside a Linux echo server
# (bench/UdpEchoLoad, .NET on Linux's sockets) over a veth pair, in the same run, driven by the same client
# (UdpEchoLoad client) from a network namespace. Servers on core CORE (default 0), the client on CLIENT_CORE (default 1); each is
# measured ROUNDS times (default 3) alternately, DURATION seconds each (default 5), and the best round counts.
# Needs root (namespaces, TAP). The in-memory figures (two stacks in one process) are TcpipUdpBenchmarks.
# usage: bench/udp-tap.sh [path/to/mirage] [unix|aot]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mirage="${1:-$root/artifacts/cli/mirage}"
# Development mode: unikernels reference this checkout's runtime projects (README, "Packages").
export MIRAGE_RUNTIME_PROJECT="${MIRAGE_RUNTIME_PROJECT:-$root/src/Mirage.Runtime/Mirage.Runtime.csproj}"
target="${2:-unix}"
core="${CORE:-0}"
client_core="${CLIENT_CORE:-1}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-5}"
size="${SIZE:-1024}"
window="${WINDOW:-32}"
tap_ns=mbench-tap veth_a=mbench-a veth_b=mbench-b

scratch="$(mktemp -d)"
load="$scratch/load/UdpEchoLoad"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for ns in "$tap_ns" "$veth_a" "$veth_b"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap 'cleanup; rm -rf "$scratch"' EXIT
cleanup

(cd "$root/samples/udp-echo" && "$mirage" configure -t "$target" >/dev/null && "$mirage" build >/dev/null)
publish=(-c Release -o "$scratch/load")
[ "$target" = aot ] && publish+=(-r linux-x64 -p:PublishAot=true)
dotnet publish "$root/bench/UdpEchoLoad" "${publish[@]}" >/dev/null

# Ours: a TAP device in a namespace, the unikernel attached to it, Linux's side 10.80.0.1.
ip netns add "$tap_ns"
ip -n "$tap_ns" tuntap add dev btap0 mode tap
ip -n "$tap_ns" addr add 10.80.0.1/24 dev btap0
ip -n "$tap_ns" link set btap0 up
ip netns exec "$tap_ns" taskset -c "$core" "$root/samples/udp-echo/dist/udp-echo" \
    --interface=btap0 --ipv4=10.80.0.2/24 --ipv4-gateway=10.80.0.1 --ipv4-only -l quiet >/dev/null 2>&1 &
pids+=($!)

# Linux: a veth pair between two namespaces, the echo server at 10.81.0.2.
ip netns add "$veth_a"
ip netns add "$veth_b"
ip -n "$veth_a" link add bveth0 type veth peer name bveth1 netns "$veth_b"
ip -n "$veth_a" addr add 10.81.0.1/24 dev bveth0
ip -n "$veth_b" addr add 10.81.0.2/24 dev bveth1
ip -n "$veth_a" link set bveth0 up
ip -n "$veth_b" link set bveth1 up
ip netns exec "$veth_b" taskset -c "$core" "$load" server 7 &
pids+=($!)

# Ready when a ping is answered (ARP resolved, the unikernel attached).
for _ in $(seq 100); do ip netns exec "$tap_ns" ping -c1 -W1 10.80.0.2 >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$veth_a" ping -c1 -W1 10.81.0.2 >/dev/null

measure() { ip netns exec "$1" taskset -c "$client_core" "$load" client "$2" 7 "$size" "$duration" "$window"; }

best_ours=0 best_ours_line="" best_linux=0 best_linux_line=""
for round in $(seq "$rounds"); do
    ours=$(measure "$tap_ns" 10.80.0.2)
    linux=$(measure "$veth_a" 10.81.0.2)
    echo "round $round: ours over TAP: $ours | Linux over veth: $linux (datagrams/s Mbit/s sent)"
    [ "${ours%% *}" -gt "$best_ours" ] && best_ours=${ours%% *} best_ours_line=$ours
    [ "${linux%% *}" -gt "$best_linux" ] && best_linux=${linux%% *} best_linux_line=$linux
done
echo "best: ours over TAP $best_ours_line; Linux over veth $best_linux_line; ratio (ours/Linux) $(python3 -c "print(round($best_ours / $best_linux, 2))")"
