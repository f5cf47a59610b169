#!/usr/bin/env bash
# run_figures.sh BUILD_DIR: the runs behind docs/benchmarks.md, on this machine, in one go —
# a name server and a broker on free ports with a temporary store, then the producer (sync, 16
# threads, 128 B and 1 KiB; async), the consumer, broker RSS idle and under load, time to
# "boot success", and the loopback ping-pong baseline (remoting_bench --pingpong) measured in
# the same run. Producer, broker and consumer share the machine's cores.
# BROKER=path overrides the broker executable (default BUILD_DIR/src/broker/mqbroker).
set -u
B=${1:?usage: run_figures.sh BUILD_DIR}
BROKER=${BROKER:-$B/src/broker/mqbroker}
SECS=${SECS:-15}
D=$(mktemp -d /tmp/rmq_figures_XXXX)
export HOME=$D/home
mkdir -p "$HOME"
trap 'kill $BPID $NSPID 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT

printf 'listenPort=0\nkvConfigPath=%s/ns/kvConfig.json\n' "$D" > "$D/ns.properties"
"$B/src/namesrv/mqnamesrv" -c "$D/ns.properties" > "$D/ns.out" 2>&1 &
NSPID=$!
until grep -q "boot success" "$D/ns.out"; do sleep 0.01; done
NS=127.0.0.1:$(grep -o "address [0-9.]*:[0-9]*" "$D/ns.out" | sed 's/.*://')

printf 'brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerIP1=127.0.0.1\nlistenPort=0\nnamesrvAddr=%s\nstorePathRootDir=%s/store\n' \
  "$NS" "$D" > "$D/broker.conf"
start=$(date +%s%N)
"$BROKER" -c "$D/broker.conf" > "$D/broker.out" 2>&1 &
BPID=$!
until grep -q "boot success" "$D/broker.out"; do sleep 0.002; done
echo "broker start to boot success: $(( ($(date +%s%N) - start) / 1000000 )) ms"
sleep 5
rss() { grep -E "VmRSS|RssAnon|RssFile" /proc/$BPID/status | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
echo "broker idle (5 s after boot): $(rss)"

P="$B/benchmark/benchmark_producer -n $NS -t BenchmarkTest --warmup 3 --duration $SECS -ri 5000"
TOTAL=0
run() {  # prints the summary line and adds its Send Total to TOTAL
  local line
  line=$($P "$@" | grep Complete)
  echo "$line"
  TOTAL=$(( TOTAL + $(echo "$line" | sed -E 's/.*Send Total: ([0-9]+).*/\1/') ))
}
echo "== producer sync, 16 threads, 128 B"
( sleep $(( SECS / 2 + 3 )); echo "broker under load (mid-run): $(rss)" ) &
run -w 16 -s 128
wait $!
echo "== producer sync, 16 threads, 1 KiB";  run -w 16 -s 1024
echo "== producer async, 128 B";             run -y true -s 128
echo "== producer async, 1 KiB";             run -y true -s 1024
echo "== consumer, $TOTAL messages from the start"
"$B/benchmark/benchmark_consumer" -n "$NS" -t BenchmarkTest -g figures --from first --count "${TOTAL:-100000}" \
  --duration 120 -ri 5000 | grep Complete
echo "== loopback baseline (remoting_bench --pingpong, 128 B)"
"$B/benchmark/remoting_bench" --seconds 3 --size 128 --pingpong 2>&1 | tail -n 12
