#!/usr/bin/env bash
# What presence costs in a big room, in one run (issue "presence"): one room of 1,000 members, 20 messages
# a second among them, first alone and then beside presence updates from every member (PRESENCE_RATES,
# updates per member per second; the issue's load is 2). Each on a fresh server, after a warm-up.
# Prints a JSON line per run for the messages (their p99 is the "delayed or not" figure) and one for
# presence (delivered, coalesced share from the server's counters, CPU per delivery over both).
# Usage: mvn -B package -DskipTests && rooms-bench/presence.sh   (WARMUP=15 DURATION=8 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$PWD/rooms-bench/target/presence
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-8}
PRESENCE_RATES=${PRESENCE_RATES:-"0.05 0.2 2"}
mkdir -p "$OUT"
rm -rf "$OUT/data" "$OUT/results.jsonl"
source rooms-bench/server.sh
BENCH=(java -jar rooms-bench/target/rooms-bench.jar --url ws://127.0.0.1:7070/ws --out "$OUT/results.jsonl"
       --heap-metrics http://127.0.0.1:7070/metrics --rooms 1 --clients-per-room 1000 --rate 20
       --warmup-s "$WARMUP" --duration-s "$DURATION")

trap stop_server EXIT

run() { # SCENARIO FLAG...: one scenario on a fresh server
  local scenario=$1
  shift
  rooms_server "$OUT/$scenario" 7070 "jdbc:h2:file:$OUT/data/$scenario"
  "${BENCH[@]}" --label rooms --scenario "$scenario" --server-pid "$SERVER_PID" "$@"
  stop_server
}

run messages-only
for rate in $PRESENCE_RATES; do
  run "presence-$rate" --presence-per-member-s "$rate"
done
echo "results: $OUT/results.jsonl"
