#!/usr/bin/env bash
# The main job: installs what is missing, builds in Release, starts a name server and a broker
# on their default ports (9876, 10911/10909), creates a topic, sends ten messages with the C++
# client and consumes them again, then stops both daemons. The broker's store goes to
# build/run-main/store, fresh on every run; everything else is the broker's default.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
RMQ_BUILD_DIR="${RMQ_BUILD_DIR:-build}" bash scripts/build.sh \
  -DRMQ_BUILD_TESTS=OFF -DRMQ_BUILD_BENCHMARKS=OFF -DRMQ_BUILD_EXAMPLES=ON

build="${RMQ_BUILD_DIR:-build}"
bin_namesrv=$build/src/namesrv/mqnamesrv
bin_broker=$build/src/broker/mqbroker
bin_admin=$build/tools/mqadmin/mqadmin
run=$build/run-main
namesrv=127.0.0.1:9876

rm -rf "$run"
mkdir -p "$run"
pids=()
stop_daemons() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_daemons EXIT

# Waits up to $3 seconds for the line $2 in file $1; shows the file and fails otherwise.
wait_for_line() {
  for _ in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1:" >&2
  cat "$1" >&2
  return 1
}

echo "== starting mqnamesrv on port 9876 =="
"$bin_namesrv" > "$run/namesrv.out" 2>&1 &
pids+=($!)
wait_for_line "$run/namesrv.out" "boot success" 10
grep "boot success" "$run/namesrv.out"

echo "== starting mqbroker on ports 10911 and 10909 =="
printf 'storePathRootDir=%s\n' "$(realpath -m "$run/store")" > "$run/broker.conf"
"$bin_broker" -n "$namesrv" -c "$run/broker.conf" > "$run/broker.out" 2>&1 &
pids+=($!)
wait_for_line "$run/broker.out" "boot success" 10
grep "boot success" "$run/broker.out"

echo "== mqadmin clusterList =="
"$bin_admin" clusterList -n "$namesrv"

echo "== mqadmin updateTopic -c DefaultCluster -t TopicTest =="
for attempt in 1 2 3 4 5; do
  "$bin_admin" updateTopic -n "$namesrv" -c DefaultCluster -t TopicTest && break
  [[ $attempt == 5 ]] && exit 1
  sleep 1
done

echo "== sending 10 messages =="
"$build"/examples/sync_producer -n "$namesrv" -t TopicTest -c 10

echo "== consuming them =="
"$build"/examples/push_consumer -n "$namesrv" -t TopicTest -g "QuickstartConsumer" -c 10

echo "== done: name server and broker up, 10 messages sent and consumed; stopping them =="
