#!/bin/bash
# Cost of keeping history on the delivery path: the same load with --history-size 256 (the default) and 0.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-rooms-bench/target/history-cost}
mkdir -p "$OUT"
for round in 1 2 3; do
  for size in 256 0; do
    rm -rf $OUT/data
    java -jar rooms-server/target/rooms-server.jar --host 127.0.0.1 --port 7070 --db "jdbc:h2:file:$OUT/data/rooms" \
      --max-messages-per-second 1000000 --max-connections 20000 --history-size $size > $OUT/server.out 2> $OUT/server.err &
    PID=$!
    trap 'kill $PID 2>/dev/null' EXIT
    for _ in $(seq 1 300); do grep -q "listening on" $OUT/server.out 2>/dev/null && break; sleep 0.1; done
    java -jar rooms-bench/target/rooms-bench.jar --url ws://127.0.0.1:7070/ws --label "history-$size" --server-pid $PID \
      --out $OUT/results.jsonl --scenario sweep --rooms 100 --clients-per-room 10 --sweep 5000,10000 \
      --duration-s 8 --warmup-s 5 | tail -n +1 > /dev/null
    kill $PID; wait $PID 2>/dev/null || true
  done
done
