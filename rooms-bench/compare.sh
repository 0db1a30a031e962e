#!/usr/bin/env bash
# Runs the same scenarios against Rooms, the uWebSockets peer (Bun.serve) and the Node `ws` peer
# (../shared/peers), on this machine, in one run, ROUNDS times with the servers taking turns, and
# writes JSON lines, Markdown tables with medians, spreads and ratios, and a PNG plot.
#   mvn -B package -DskipTests && rooms-bench/compare.sh
# Knobs (environment): RATES (offered msg/s for the sweep), DURATION and WARMUP (seconds per run),
# ROUNDS, SERVERS (a subset of "rooms uws node"; "jetty" runs Rooms with --transport jetty, "before"
# runs BEFORE_JAR, another build of Rooms), TIMELINE_MS (the sweep's latency by send time, in slots of
# that many ms, into OUT/timeline-SERVER-ROUND.txt), SCENARIOS (a subset of "sweep one-room idle"),
# PATTERNS (how the sweep sends: "even", a few every 0.2 ms, and/or "bursty", every BURST_MS ms that
# interval's messages back to back from random senders; both by default, the bursty sweep reported as
# "sweep-bursty"), IDLE (how many idle connections to hold, one run each: "10000 19000").
# Rooms runs with the README's command: JVM options from rooms-server/target/jvm.options.
# Each run reports the JIT compiler threads' CPU inside its window (serverCompilerCpuSeconds): near
# zero means the warm-up was long enough.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${OUT:-rooms-bench/target/compare}")
RATES=${RATES:-5000,10000,20000,30000,40000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-40}
ROUNDS=${ROUNDS:-3}
SERVERS=${SERVERS:-rooms uws node}
SCENARIOS=${SCENARIOS:-sweep one-room idle}
PATTERNS=${PATTERNS:-even bursty}
BURST_MS=${BURST_MS:-10}
IDLE=${IDLE:-10000 19000}
PEERS=${PEERS:-../shared/peers}
source rooms-bench/server.sh
BENCH=(java -jar rooms-bench/target/rooms-bench.jar)
mkdir -p "$OUT/peer"
rm -rf "$OUT/data" "$OUT/results.jsonl"
cp "$PEERS/node-ws-rooms.js" "$PEERS/bun-uws-rooms.js" "$OUT/peer/"
# ws for the Node peer; bun (its npm package ships the binary) for the uWebSockets peer.
[ -d "$OUT/peer/node_modules/ws" ] && [ -x "$OUT/peer/node_modules/.bin/bun" ] \
  || npm install --prefix "$OUT/peer" ws@8 bun@1.4.5 --no-audit --no-fund >/dev/null

trap stop_server EXIT

start_rooms() {
  rooms_server "$OUT/rooms" 7070 "jdbc:h2:file:$OUT/data/rooms"
  URL=ws://127.0.0.1:7070/ws; HEAP=(--heap-metrics http://127.0.0.1:7070/metrics); LABEL=rooms
}

start_before() { # another build of Rooms, BEFORE_JAR, for a before-and-after in one run
  ROOMS_JAR=${BEFORE_JAR:?BEFORE_JAR names the jar to compare with} start_rooms
  LABEL=before
}

start_jetty() { # this build with its sockets on Jetty's WebSocket (--transport jetty)
  rooms_server "$OUT/jetty" 7070 "jdbc:h2:file:$OUT/data/jetty" --transport jetty
  URL=ws://127.0.0.1:7070/ws; HEAP=(--heap-metrics http://127.0.0.1:7070/metrics); LABEL=jetty
}

start_node() {
  NODE_PATH="$OUT/peer/node_modules" node "$OUT/peer/node-ws-rooms.js" --port 7071 > "$OUT/node.out" 2>&1 &
  SERVER_PID=$!
  await_listening "$OUT/node.out"
  URL=ws://127.0.0.1:7071/ws; HEAP=(); LABEL=node
}

start_uws() {
  "$OUT/peer/node_modules/.bin/bun" "$OUT/peer/bun-uws-rooms.js" --port 7072 > "$OUT/uws.out" 2>&1 &
  SERVER_PID=$!
  await_listening "$OUT/uws.out"
  URL=ws://127.0.0.1:7072/ws; HEAP=(); LABEL=uws
}

for round in $(seq 1 "$ROUNDS"); do
for server in $SERVERS; do
  echo "round $round: $server" >&2
  "start_$server"
  common=(--url "$URL" --label "$LABEL" --server-pid "$SERVER_PID" --out "$OUT/results.jsonl")
  for pattern in $PATTERNS; do
    if [ "$pattern" = bursty ]; then name=sweep-bursty; burst=$BURST_MS; else name=sweep; burst=0; fi
    [[ " $SCENARIOS " == *" sweep "* ]] && "${BENCH[@]}" "${common[@]}" --scenario "$name" --rooms 100 \
        --clients-per-room 10 --sweep "$RATES" --duration-s "$DURATION" --warmup-s "$WARMUP" --burst-ms "$burst" \
        --timeline-ms "${TIMELINE_MS:-0}" 2> >(tee "$OUT/timeline-$LABEL-$name-$round.txt" >&2)
  done
  [[ " $SCENARIOS " == *" one-room "* ]] && "${BENCH[@]}" "${common[@]}" --scenario one-room-1000 --rooms 1 \
      --clients-per-room 1000 --senders-per-room 1 --rate 200 --duration-s "$DURATION" --warmup-s "$WARMUP"
  for idle in $IDLE; do
    [[ " $SCENARIOS " == *" idle "* ]] && "${BENCH[@]}" "${common[@]}" "${HEAP[@]}" --scenario "idle-$idle" \
        --rooms $((idle / 10)) --clients-per-room 10 --idle --duration-s 5
  done
  stop_server
done
done

java -cp rooms-bench/target/rooms-bench.jar io.rooms.bench.Report "$OUT/results.jsonl" "$OUT/throughput-latency.png" \
    | tee "$OUT/report.md"
