#!/usr/bin/env bash
# producer.sh: start the benchmark producer as distribution/benchmark/producer.sh does (in the
# background, output to this terminal), e.g.
#   sh producer.sh -n 127.0.0.1:9876 -t BenchmarkTest -w 64 -s 1024
# RMQ_BENCH_FOREGROUND=1 runs it in the foreground; RMQ_BIN_DIR names the directory holding
# benchmark_producer (default: PATH, then ../build/benchmark beside this script).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find_tool.sh"
tool=$(find_tool benchmark_producer) || exit 1
if [ "${RMQ_BENCH_FOREGROUND:-0}" = 1 ]; then exec "$tool" "$@"; fi
"$tool" "$@" &
