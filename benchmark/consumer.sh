#!/usr/bin/env bash
# consumer.sh: start the benchmark consumer as distribution/benchmark/consumer.sh does (in the
# background), e.g.  sh consumer.sh -n 127.0.0.1:9876 -t BenchmarkTest -g benchmark_consumer
# RMQ_BENCH_FOREGROUND=1 runs it in the foreground; RMQ_BIN_DIR as in producer.sh.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find_tool.sh"
tool=$(find_tool benchmark_consumer) || exit 1
if [ "${RMQ_BENCH_FOREGROUND:-0}" = 1 ]; then exec "$tool" "$@"; fi
"$tool" "$@" &
