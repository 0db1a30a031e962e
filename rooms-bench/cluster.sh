#!/usr/bin/env bash
# Measures a cluster against one node, on this machine, in one run: the same sweep against
#   alone    one node, no cluster
#   1-node   one node with --cluster (what Redis costs a node)
#   2-nodes  two nodes with --cluster, each room's clients spread over both (same- and cross-node
#            latency are reported apart)
#   1-node-rc, 2-nodes-rc  the same on a Redis Cluster of three masters (redis-cluster://), the rooms
#            sharded over them
# and writes JSON lines and a Markdown table, with Redis's own CPU per message (all its processes,
# over each run's warm-up and window, which send at the same rate) and each shard's share.
#   mvn -B package -DskipTests && rooms-bench/cluster.sh
# Knobs (environment): RATES (offered msg/s; each rate is a run of its own), DURATION and WARMUP
# (seconds per run), CASES (a subset of "alone 1-node 2-nodes 1-node-rc 2-nodes-rc").
# Everything shares this machine's cores: the generator, Redis and the nodes; keep the rates low
# enough that none of them is saturated.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${OUT:-rooms-bench/target/cluster}")
RATES=${RATES:-2000,5000}
CASES=${CASES:-alone 1-node 2-nodes 1-node-rc 2-nodes-rc}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
REDIS_PORT=${REDIS_PORT:-6398}
BENCH=(java -jar rooms-bench/target/rooms-bench.jar)
source rooms-bench/server.sh
mkdir -p "$OUT"
rm -f "$OUT/results.jsonl"

PIDS=()
REDIS_PIDS=()
stop_all() {
  for pid in "${PIDS[@]}" "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PIDS=()
  REDIS_PIDS=()
}
trap stop_all EXIT

redis_up() { # port
  for _ in $(seq 1 100); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis did not start on $1; see $OUT" >&2; exit 1
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT" > "$OUT/redis.log" 2>&1 &
  REDIS_PIDS=($!)
  redis_up "$REDIS_PORT"
  CLUSTER="redis://127.0.0.1:$REDIS_PORT"
}

start_redis_cluster() { # three masters, no replicas: what the shards themselves cost
  local nodes=()
  for i in 1 2 3; do
    local port=$((REDIS_PORT + i)) dir="$OUT/rc$i"
    rm -rf "$dir"; mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --cluster-enabled yes \
        --cluster-config-file nodes.conf --cluster-require-full-coverage no > "$dir/redis.log" 2>&1 &
    REDIS_PIDS+=($!)
    redis_up "$port"
    nodes+=("127.0.0.1:$port")
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes > "$OUT/rc-create.log" 2>&1
  for _ in $(seq 1 100); do
    redis-cli -p $((REDIS_PORT + 1)) cluster info | grep -q cluster_state:ok && break; sleep 0.1
  done
  CLUSTER="redis-cluster://$(IFS=,; echo "${nodes[*]}")"
}

redis_cpu_ticks() { # one line: each Redis process's CPU ticks (user + system), then their sum
  local sum=0 each=()
  for pid in "${REDIS_PIDS[@]}"; do
    local t; t=$(awk '{print $14 + $15}' "/proc/$pid/stat"); each+=("$t"); sum=$((sum + t))
  done
  echo "${each[*]} $sum"
}

start_node() { # port, extra flags...
  local port=$1; shift
  rooms_server "$OUT/node$port" "$port" "jdbc:h2:mem:bench$port" "$@"
  PIDS+=("$SERVER_PID")
}

TICK_US=$((1000000 / $(getconf CLK_TCK)))
run() { # label, urls: one run per rate, Redis's CPU measured around each
  local pids rate before after
  pids=$(IFS=,; echo "${PIDS[*]}")
  for rate in ${RATES//,/ }; do
    before=$(redis_cpu_ticks)
    "${BENCH[@]}" --url "$2" --label "$1" --server-pid "$pids" --out "$OUT/results.jsonl" --scenario sweep \
        --rooms 100 --clients-per-room 10 --sweep "$rate" --duration-s "$DURATION" --warmup-s "$WARMUP" > /dev/null
    after=$(redis_cpu_ticks)
    if [ ${#REDIS_PIDS[@]} -gt 0 ]; then
      echo "$1 $rate $((rate * (DURATION + WARMUP))) $before | $after" >> "$OUT/redis-cpu.txt"
    fi
  done
}

rm -f "$OUT/redis-cpu.txt"
for case in $CASES; do
  case $case in
    alone) start_node 7080; run alone ws://127.0.0.1:7080/ws ;;
    1-node) start_redis; start_node 7080 --cluster "$CLUSTER"; run 1-node ws://127.0.0.1:7080/ws ;;
    2-nodes) start_redis; start_node 7080 --cluster "$CLUSTER"; start_node 7081 --cluster "$CLUSTER"
             run 2-nodes ws://127.0.0.1:7080/ws,ws://127.0.0.1:7081/ws ;;
    1-node-rc) start_redis_cluster; start_node 7080 --cluster "$CLUSTER"; run 1-node-rc ws://127.0.0.1:7080/ws ;;
    2-nodes-rc) start_redis_cluster; start_node 7080 --cluster "$CLUSTER"; start_node 7081 --cluster "$CLUSTER"
                run 2-nodes-rc ws://127.0.0.1:7080/ws,ws://127.0.0.1:7081/ws ;;
    *) echo "unknown case $case" >&2; exit 2 ;;
  esac
  stop_all
done

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

echo
echo "| run | offered/s | Redis CPU µs per message | each Redis process's share |"
echo "|---|---:|---:|---|"
python3 - "$OUT/redis-cpu.txt" "$TICK_US" <<'PY'
import sys
tick = int(sys.argv[2])
for line in open(sys.argv[1]):
    head, after = line.split("|")
    fields = head.split()
    label, rate, messages = fields[0], int(fields[1]), int(fields[2])
    before = [int(x) for x in fields[3:]]
    after = [int(x) for x in after.split()]
    each = [a - b for a, b in zip(after[:-1], before[:-1])]
    total = after[-1] - before[-1]
    share = " / ".join("%.0f%%" % (100.0 * e / total) for e in each) if total else "-"
    print("| %s | %d | %.2f | %s |" % (label, rate, total * tick / messages, share))
PY
