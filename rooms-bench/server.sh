# Sourced by the bench scripts: starting the Rooms jar the way every bench run does, and waiting
# for a server to listen.

# await_listening LOG: waits up to 30 s for the line a server prints once it listens; exits if none.
await_listening() {
  for _ in $(seq 1 300); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "server did not start; see $1 and the .err beside it" >&2; exit 1
}

# rooms_server LOG PORT DB [FLAG...]: starts ROOMS_JAR (default: this build's jar) on 127.0.0.1:PORT
# with store DB and the bench's limits lifted, plus FLAGs; JVM options as the README's command gives
# them (the jvm.options beside the build's jar, or ROOMS_JVM_OPTIONS; none if it does not exist), then
# the ROOMS_JVM array's, which win.
# Writes LOG.out and LOG.err, sets SERVER_PID, and returns once it listens.
rooms_server() {
  local log=$1 port=$2 db=$3
  shift 3
  local options=${ROOMS_JVM_OPTIONS:-rooms-server/target/jvm.options} argfile=()
  [ -f "$options" ] && argfile=("@$options")
  java ${argfile[@]+"${argfile[@]}"} ${ROOMS_JVM[@]+"${ROOMS_JVM[@]}"} -jar "${ROOMS_JAR:-rooms-server/target/rooms-server.jar}" \
       --host 127.0.0.1 --port "$port" --db "$db" --max-messages-per-second 1000000 --max-connections 20000 \
       "$@" > "$log.out" 2> "$log.err" &
  SERVER_PID=$!
  await_listening "$log.out"
}

# stop_server: stops the server SERVER_PID names, if any, and waits for it. The scripts trap it on EXIT.
SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
