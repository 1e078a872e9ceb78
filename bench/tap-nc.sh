#!/usr/bin/env bash
# 1 GiB each way between Linux's nc and our stack over TAP, checked by SHA-256 (issue 13's "nc both ways with
# 1 GB"): the suite's Runtime.Tcpip.LinuxPeers TCP test, which moves 100 MiB, run with MIRAGE_TAP_TRANSFER_MB
# (default 1024) and printing each way's rate. Beside it, in the same run, the yardstick: the same pipelines
# (head /dev/urandom | tee to sha256sum | nc, and nc -l | sha256sum) between two Linux namespaces over a veth pair.
# Needs root and a Release build of tests/Mirage.Tests (dotnet fsi build.fsx build).
# usage: bench/tap-nc.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mib="${MIRAGE_TAP_TRANSFER_MB:-1024}"
a=mbench-nca b=mbench-ncb
cleanup() { for ns in "$a" "$b"; do ip netns del "$ns" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup

echo "== ours: Linux nc <-> our stack over TAP, $mib MiB each way"
MIRAGE_TAP_TRANSFER_MB="$mib" dotnet run --project "$root/tests/Mirage.Tests" -c Release --no-build -- \
    --filter-test-case "TCP with Linux over TAP" | grep -iE "TAP nc|passed|failed|errored"

echo "== yardstick: Linux nc <-> Linux nc over a veth pair, $mib MiB each way"
ip netns add "$a"
ip netns add "$b"
ip link add mbench-va netns "$a" type veth peer name mbench-vb netns "$b"
ip -n "$a" addr add 10.81.0.1/24 dev mbench-va
ip -n "$b" addr add 10.81.0.2/24 dev mbench-vb
ip -n "$a" link set mbench-va up
ip -n "$b" link set mbench-vb up
bytes=$((mib << 20))
for way in "$a $b 10.81.0.2" "$b $a 10.81.0.1"; do
    read -r from to address <<<"$way"
    ip netns exec "$to" sh -c "nc -d -l $address 5555 | sha256sum" >"/tmp/mbench-nc-got" &
    listener=$!
    while ! ip netns exec "$to" ss -ltn | grep -q ":5555"; do sleep 0.05; done
    start=$(date +%s.%N)
    sent=$(ip netns exec "$from" bash -c "head -c $bytes /dev/urandom | tee >(sha256sum >&2) | nc -N $address 5555" 2>&1)
    wait "$listener"
    end=$(date +%s.%N)
    [ "$(cut -d' ' -f1 /tmp/mbench-nc-got)" = "$(echo "$sent" | cut -d' ' -f1)" ] || { echo "hash mismatch"; exit 1; }
    awk -v s="$start" -v e="$end" -v b="$bytes" -v w="$from -> $to" \
        'BEGIN { printf "veth nc %s: %d MiB in %.1f s, %.2f Gbit/s\n", w, b / 1048576, e - s, b * 8 / (e - s) / 1e9 }'
done
rm -f /tmp/mbench-nc-got
