#!/usr/bin/env bash
# What a membership costs beside a connection, in one run (issue "many rooms on one connection"):
#   one-room   100 rooms x 10 clients, each client in its one room      (1,000 sockets, 1,000 memberships)
#   ten-rooms  100 rooms x 100 members, each client in 10 of them       (1,000 sockets, 10,000 memberships)
#   hub        64 rooms x 10 clients, plus one socket in all 64 rooms   (641 sockets, 704 memberships)
# Each at a rate that gives about the same deliveries per second, on a fresh server, after a warm-up;
# then the same two layouts idle, for heap and RSS per socket and per membership.
# Usage: mvn -B package -DskipTests && rooms-bench/many-rooms.sh   (WARMUP=20 DURATION=8 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$PWD/rooms-bench/target/many-rooms
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-8}
mkdir -p "$OUT"
rm -rf "$OUT/data" "$OUT/results.jsonl"
source rooms-bench/server.sh
BENCH=(java -jar rooms-bench/target/rooms-bench.jar --url ws://127.0.0.1:7070/ws --out "$OUT/results.jsonl")

trap stop_server EXIT

run() { # SCENARIO FLAG...: one scenario on a fresh server
  local scenario=$1
  shift
  rooms_server "$OUT/$scenario" 7070 "jdbc:h2:file:$OUT/data/$scenario"
  "${BENCH[@]}" --label rooms --scenario "$scenario" --server-pid "$SERVER_PID" "$@"
  stop_server
}

run one-room   --rooms 100 --clients-per-room 10  --rate 10000 --warmup-s "$WARMUP" --duration-s "$DURATION"
run ten-rooms  --rooms 100 --clients-per-room 100 --rooms-per-client 10 --rate 1000 --warmup-s "$WARMUP" --duration-s "$DURATION"
run hub        --rooms 64  --clients-per-room 10  --hub --rate 6400 --warmup-s "$WARMUP" --duration-s "$DURATION"
HEAP=(--heap-metrics http://127.0.0.1:7070/metrics --idle --duration-s 5)
run idle-one-room  --rooms 100 --clients-per-room 10  "${HEAP[@]}"
run idle-ten-rooms --rooms 100 --clients-per-room 100 --rooms-per-client 10 "${HEAP[@]}"
echo "results: $OUT/results.jsonl"
