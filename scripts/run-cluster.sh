#!/usr/bin/env bash
# Runs a Rooms cluster on this machine: one Redis, one PostgreSQL and three nodes.
#
#   scripts/run-cluster.sh            # nodes on ports 7071, 7072 and 7073
#   NODES=2 BASE_PORT=8000 scripts/run-cluster.sh
#
# Needs Debian's redis-server and postgresql packages (apt-get install redis-server postgresql) and
# the server jar (built here if missing). Redis and PostgreSQL run from a temporary directory on
# loopback ports, so nothing of the machine's own is touched. Ctrl-C stops everything: the nodes
# gracefully (state written, sockets closed with 1001), then PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${NODES:-3}
BASE_PORT=${BASE_PORT:-7071}
REDIS_PORT=${REDIS_PORT:-6399}
PG_PORT=${PG_PORT:-5499}
JAR=rooms-server/target/rooms-server.jar
WORK=$(mktemp -d -t rooms-cluster-XXXX)
PIDS=()

command -v redis-server >/dev/null || { echo "run-cluster: redis-server is missing (apt-get install redis-server)" >&2; exit 2; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] || { echo "run-cluster: PostgreSQL is missing (apt-get install postgresql)" >&2; exit 2; }
[ -f "$JAR" ] || mvn -B -q package -DskipTests

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  trap '' INT TERM
  trap - EXIT
  echo "stopping the nodes..."
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  echo "stopped; logs are in $WORK"
}
trap stop INT TERM EXIT

# Each service runs in a session of its own, so that Ctrl-C reaches only this script, which then
# stops them in order: the nodes first (they write their state and leave the cluster), then the rest.
setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!

[ "$(id -u)" = 0 ] && chown postgres:postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 --no-sync >"$WORK/initdb.log"
as_pg setsid -w "$PG_BIN/pg_ctl" -D "$WORK/pg" -w -l "$WORK/pg/server.log" \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null

for i in $(seq 1 "$NODES"); do
  port=$((BASE_PORT + i - 1))
  setsid java -jar "$JAR" --host 127.0.0.1 --port "$port" \
    --db "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" \
    --cluster "redis://127.0.0.1:$REDIS_PORT" >"$WORK/node$i.log" 2>&1 &
  PIDS+=($!)
done

for i in $(seq 1 "$NODES"); do
  port=$((BASE_PORT + i - 1))
  for _ in $(seq 1 300); do
    grep -q "listening on" "$WORK/node$i.log" && break
    kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || { cat "$WORK/node$i.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "node $i: http://127.0.0.1:$port/  (pid ${PIDS[$((i - 1))]}, log $WORK/node$i.log)"
done
echo "redis: redis://127.0.0.1:$REDIS_PORT   postgresql: 127.0.0.1:$PG_PORT   Ctrl-C stops all"
echo "try: http://127.0.0.1:$BASE_PORT/board/demo and http://127.0.0.1:$((BASE_PORT + 1))/board/demo"
wait "${PIDS[@]}"
