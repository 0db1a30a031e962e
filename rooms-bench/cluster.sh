#!/usr/bin/env bash
# Measures a cluster against one node, on this machine, in one run: the same sweep against
#   alone    one node, no cluster
#   1-node   one node with --cluster (what Redis costs a node)
#   2-nodes  two nodes with --cluster, each room's clients spread over both (same- and cross-node
#            latency are reported apart)
# and writes JSON lines and a Markdown table.
#   mvn -B package -DskipTests && rooms-bench/cluster.sh
# Knobs (environment): RATES (offered msg/s), DURATION and WARMUP (seconds per run).
# Everything shares this machine's cores: the generator, Redis and the nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${OUT:-rooms-bench/target/cluster}")
RATES=${RATES:-5000,10000,20000,30000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
REDIS_PORT=${REDIS_PORT:-6398}
BENCH=(java -jar rooms-bench/target/rooms-bench.jar)
source rooms-bench/server.sh
mkdir -p "$OUT"
rm -f "$OUT/results.jsonl"

PIDS=()
REDIS_PID=
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
  [ -n "$REDIS_PID" ] && { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  REDIS_PID=
}
trap stop_all EXIT

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT" > "$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis did not start; see $OUT/redis.log" >&2; exit 1
}

start_node() { # port, extra flags...
  local port=$1; shift
  rooms_server "$OUT/node$port" "$port" "jdbc:h2:mem:bench$port" "$@"
  PIDS+=("$SERVER_PID")
}

run() { # label, urls
  local pids
  pids=$(IFS=,; echo "${PIDS[*]}")
  "${BENCH[@]}" --url "$2" --label "$1" --server-pid "$pids" --out "$OUT/results.jsonl" --scenario sweep \
      --rooms 100 --clients-per-room 10 --sweep "$RATES" --duration-s "$DURATION" --warmup-s "$WARMUP"
}

start_node 7080
run alone ws://127.0.0.1:7080/ws
stop_all

start_redis
start_node 7080 --cluster "redis://127.0.0.1:$REDIS_PORT"
run 1-node ws://127.0.0.1:7080/ws
stop_all

start_redis
start_node 7080 --cluster "redis://127.0.0.1:$REDIS_PORT"
start_node 7081 --cluster "redis://127.0.0.1:$REDIS_PORT"
run 2-nodes ws://127.0.0.1:7080/ws,ws://127.0.0.1:7081/ws
stop_all

echo
echo "| run | offered/s | deliveries/s | loss | p50 ms | p99 ms | same-node p50/p99 ms | cross-node p50/p99 ms | server CPU µs/delivery |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
python3 - "$OUT/results.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    ms = lambda key: "%.2f" % (r[key] / 1000) if key in r else ""
    pair = lambda a, b: (ms(a) + " / " + ms(b)) if a in r else ""
    print("| %s | %d | %.0f | %d | %s | %s | %s | %s | %.2f |" % (r["server"], r["offeredRate"],
          r["deliveriesPerSecond"], r["loss"], ms("p50Micros"), ms("p99Micros"),
          pair("p50SameNodeMicros", "p99SameNodeMicros"), pair("p50CrossNodeMicros", "p99CrossNodeMicros"),
          r["serverCpuMicrosPerDelivery"]))
PY
