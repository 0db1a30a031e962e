#!/usr/bin/env bash
# Profiles Rooms under load: starts the jar, offers RATE msg/s to 100 rooms of 10 clients, and once
# the JIT has had WARMUP seconds, records PROFILE_SECONDS of CPU and of allocation with async-profiler
# (unpacked into rooms-bench/target by the build), as flame graphs (HTML) and collapsed stacks.
#   mvn -B package -DskipTests && rooms-bench/profile.sh
# Knobs (environment): RATE (default 30000), WARMUP (default 40), PROFILE_SECONDS (default 10), OUT,
# ROOMS_JAR (another build's jar, to profile before and after a change), and LAYOUT (the generator's
# room flags; default "--rooms 100 --clients-per-room 10"; e.g. "--rooms 100 --clients-per-room 100
# --rooms-per-client 10" for 1,000 sockets each in 10 rooms).
set -euo pipefail
cd "$(dirname "$0")/.."
source rooms-bench/server.sh
OUT=$(realpath -m "${OUT:-rooms-bench/target/profile}")
RATE=${RATE:-30000}
WARMUP=${WARMUP:-40}
SECONDS_PROFILED=${PROFILE_SECONDS:-10} # not SECONDS: bash keeps its own
case "$(uname -m)" in aarch64) ARCH=linux-arm64 ;; *) ARCH=linux-x64 ;; esac
AGENT=$(realpath rooms-bench/target/async-profiler/$ARCH/libasyncProfiler.so)
[ -f "$AGENT" ] || { echo "no $AGENT: run mvn -B package -DskipTests first" >&2; exit 2; }
mkdir -p "$OUT"
rm -rf "$OUT/data"

# Loaded from the start, idle until told: attaching later would throw away the JIT's compiled code.
ROOMS_JVM=("-agentpath:$AGENT")
trap '[ -n "${SERVER_PID:-}" ] && kill $SERVER_PID 2>/dev/null && wait $SERVER_PID 2>/dev/null' EXIT
rooms_server "$OUT/rooms" 7070 "jdbc:h2:file:$OUT/data/rooms"

java -jar rooms-bench/target/rooms-bench.jar --url ws://127.0.0.1:7070/ws --label rooms \
     --server-pid "$SERVER_PID" --scenario sweep ${LAYOUT:---rooms 100 --clients-per-room 10} --sweep "$RATE" \
     --duration-s $((2 * SECONDS_PROFILED + 4)) --warmup-s "$WARMUP" > "$OUT/load.txt" &
LOAD_PID=$!
sleep $((WARMUP + 2)) # the generator connects, joins, then warms up for WARMUP s: profile inside its window
agent() { # options; jcmd reads a bare a=b as its own argument, so the options go quoted
  jcmd "$SERVER_PID" JVMTI.agent_load "$AGENT" "\"$1\"" | grep -q "return code: 0" \
    || { echo "async-profiler refused: $1" >&2; exit 1; }
}
profile() { # event, file name
  agent "start,$1,interval=1ms"
  sleep "$SECONDS_PROFILED"
  agent "dump,collapsed,file=$OUT/$2.collapsed"
  agent "stop,flamegraph,file=$OUT/$2.html"
}
profile event=itimer cpu   # itimer: no perf events needed (perf_event_paranoid may forbid them)
profile event=alloc alloc
wait "$LOAD_PID"
grep '^{' "$OUT/load.txt" | head -1
echo "flame graphs: $OUT/cpu.html $OUT/alloc.html (collapsed stacks beside them)"
