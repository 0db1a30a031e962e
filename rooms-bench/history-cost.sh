#!/bin/bash
# Cost of keeping history on the delivery path: the same load with --history-size 256 (the default) and 0.
set -euo pipefail
cd "$(dirname "$0")/.."
source rooms-bench/server.sh
OUT=${OUT:-rooms-bench/target/history-cost}
mkdir -p "$OUT"
trap '[ -n "${SERVER_PID:-}" ] && kill $SERVER_PID 2>/dev/null' EXIT
for round in 1 2 3; do
  for size in 256 0; do
    rm -rf $OUT/data
    rooms_server "$OUT/server" 7070 "jdbc:h2:file:$OUT/data/rooms" --history-size $size
    java -jar rooms-bench/target/rooms-bench.jar --url ws://127.0.0.1:7070/ws --label "history-$size" --server-pid $SERVER_PID \
      --out $OUT/results.jsonl --scenario sweep --rooms 100 --clients-per-room 10 --sweep 5000,10000 \
      --duration-s 8 --warmup-s 5 | tail -n +1 > /dev/null
    kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
  done
done
