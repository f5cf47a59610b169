#!/usr/bin/env bash
# run_figures.sh BUILD_DIR: the runs behind docs/benchmarks.md, on this machine, in one go —
# a name server and a broker on free ports with a temporary store, then the producer (sync from
# 1 and 16 threads, 128 B and 1 KiB; async), the batch producer, the transaction producer, the
# consumer, broker RSS idle and under load, time to "boot success", and the machine's limits
# measured in the same run: a plain loopback ping-pong (broker_load --mode ping) and a memcpy
# into a pre-touched mmap'd file beside store appends (store_bench). Producer, broker and
# consumer share the machine's cores. The load average is printed at the start and the end:
# figures taken while other work runs are floors.
# BROKER=path overrides the broker executable (default BUILD_DIR/src/broker/mqbroker);
# SECS (default 15) is the measured time of each producer row.
set -u
B=${1:?usage: run_figures.sh BUILD_DIR}
BROKER=${BROKER:-$B/src/broker/mqbroker}
SECS=${SECS:-15}
# Everything the rows need, checked before anything starts (a missing tool used to leave the
# script waiting for a topic route that could never come).
for tool in src/namesrv/mqnamesrv tools/mqadmin/mqadmin benchmark/benchmark_producer \
    benchmark/benchmark_batch_producer benchmark/benchmark_consumer benchmark/broker_load; do
  if [[ ! -x "$B/$tool" ]]; then
    echo "run_figures.sh: $B/$tool is missing; build it first:" >&2
    echo "  cmake --build $B -j2 --target $(basename "$tool")" >&2
    exit 2
  fi
done
if [[ ! -x "$BROKER" ]]; then
  echo "run_figures.sh: no broker executable at $BROKER (cmake --build $B -j2 --target mqbroker)" >&2
  exit 2
fi
D=$(mktemp -d /tmp/rmq_figures_XXXX)
export HOME=$D/home
mkdir -p "$HOME"
trap 'kill $BPID $NSPID 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT

echo "run of $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo unknown)"

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
echo "broker start to boot success (measured by this script, includes process start): $(( ($(date +%s%N) - start) / 1000000 )) ms"
sleep 5
rss() { grep -E "VmRSS|RssAnon|RssFile" /proc/$BPID/status | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
echo "broker idle (5 s after boot): $(rss)"

# An 8-queue topic, as the client issue's consumer row asks (the broker's own BenchmarkTest has
# 1024 queues, as upstream's: 1024 ConsumeQueue files of 5.7 MB each, fallocated).
BADDR=$(sed -n 's/.*The broker\[[^,]*, \([0-9.]*:[0-9]*\)\] boot success.*/\1/p' "$D/broker.out" | head -n 1)
T=BenchFigures
"$B/tools/mqadmin/mqadmin" updateTopic -n "$NS" -b "$BADDR" -t $T -r 8 -w 8 > /dev/null
routed=no
for _ in $(seq 100); do
  "$B/tools/mqadmin/mqadmin" topicRoute -n "$NS" -t $T > /dev/null 2>&1 && { routed=yes; break; }
  sleep 0.1
done
if [[ $routed != yes ]]; then
  echo "run_figures.sh: topic $T has no route 10 s after updateTopic (broker output: $D/broker.out)" >&2
  tail -n 20 "$D/broker.out" >&2
  exit 1
fi
echo "topic $T: 8 queues on $BADDR"

P="$B/benchmark/benchmark_producer -n $NS -t $T --warmup 3 --duration $SECS -ri 5000"
TOTAL=0
run() {  # prints the summary line and adds its Send Total to TOTAL
  local line
  line=$($P "$@" | grep Complete)
  echo "$line"
  TOTAL=$(( TOTAL + $(echo "$line" | sed -E 's/.*Send Total: ([0-9]+).*/\1/') ))
}
echo "== producer sync, 1 thread, 128 B";     run -w 1 -s 128
echo "== producer sync, 16 threads, 128 B"
( sleep $(( SECS / 2 + 3 )); echo "broker under load (mid-run): $(rss)" ) &
run -w 16 -s 128
wait $!
echo "== producer sync, 16 threads, 1 KiB";  run -w 16 -s 1024
echo "== producer async, 128 B";             run -y true -s 128
echo "== producer async, 1 KiB";             run -y true -s 1024
echo "== batch producer, 4 threads, 32 x 128 B"
"$B/benchmark/benchmark_batch_producer" -n "$NS" -t $T -w 4 -b 32 -s 128 --warmup 3 \
  --duration "$SECS" -ri 5000 | grep Complete
echo "== batch producer, async, 64 batches in flight, 32 x 128 B"
"$B/benchmark/benchmark_batch_producer" -n "$NS" -t $T -y true --inflight 64 -b 32 -s 128 \
  --warmup 3 --duration "$SECS" -ri 5000 | grep Complete
echo "== consumer, $TOTAL messages from the start"
"$B/benchmark/benchmark_consumer" -n "$NS" -t $T -g figures --from first --count "${TOTAL:-100000}" \
  --duration 120 -ri 5000 | grep Complete
if [[ -x "$B/benchmark/benchmark_transaction_producer" ]]; then
  echo "== transaction producer, 8 threads, 2 KiB, every transaction committed"
  "$B/benchmark/benchmark_transaction_producer" -n "$NS" -t $T -w 8 -s 2048 \
    --duration "$SECS" --ri 5000 | grep Complete
fi
echo "== loopback baseline: plain TCP ping-pong, 128 B frames (broker_load --mode ping)"
"$B/benchmark/broker_load" --mode ping --seconds 3 --size 128 2>&1 | tail -n 1
# The broker alone over the raw remoting client (the broker issue's rows): one synchronous sender
# right after the ping-pong it is compared with, then 32 requests in flight.
echo "== broker_load send, 128 B, 1 in flight (broker $BADDR)"
"$B/benchmark/broker_load" --broker "$BADDR" --mode send --topic $T --queues 8 --inflight 1 --seconds 5 --size 128 2>&1 | tail -n 1
echo "== broker_load send, 128 B, 32 in flight"
"$B/benchmark/broker_load" --broker "$BADDR" --mode send --topic $T --queues 8 --inflight 32 --seconds 5 --size 128 2>&1 | tail -n 1
echo "== loopback baseline again, after the broker rows"
"$B/benchmark/broker_load" --mode ping --seconds 3 --size 128 2>&1 | tail -n 1
echo "== mmap-append baseline: store appends beside memcpy into a pre-touched mmap'd file (store_bench)"
if [[ -x "$B/benchmark/store_bench" ]]; then
  "$B/benchmark/store_bench" --seconds 3 --dir "$D/store_bench" --only "ASYNC_FLUSH single" 2>&1 | grep -v "^store_bench"
  echo "== SYNC_FLUSH group commit, 64 appends in flight, beside the disk's own flush rate (store_bench)"
  "$B/benchmark/store_bench" --seconds 3 --dir "$D/store_bench" --only "SYNC_FLUSH single 128 B, 64" 2>&1 | grep -v "^store_bench"
else
  echo "(store_bench not built in $B)"
fi
echo "== exec to boot success on an empty store, measured by the tool (broker_load --mode boot, 3 runs)"
for i in 1 2 3; do
  printf 'brokerClusterName=DefaultCluster\nbrokerName=boot-%s\nbrokerIP1=127.0.0.1\nlistenPort=0\nnamesrvAddr=%s\nstorePathRootDir=%s/boot-%s\n' \
    "$i" "$NS" "$D" "$i" > "$D/boot-$i.conf"
  "$B/benchmark/broker_load" --mode boot --mqbroker "$BROKER" --config "$D/boot-$i.conf" 2>&1 | tail -n 1
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
