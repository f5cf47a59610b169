#!/usr/bin/env bash
# Builds the libFuzzer target with clang-14 under ASan+UBSan in its own build directory and runs
# it for a bounded time on a copy of the seed corpus, so the repository is not modified.
# Exits non-zero on any finding; the reproducer is kept in <build-dir>/fuzz-artifacts/.
#
# Usage: tests/fuzz/run_fuzz.sh [SECONDS=60] [BUILD_DIR=<repo>/build-fuzz]
# The build directory defaults to one inside the checkout: a shared path such as /tmp would hold a
# CMake cache generated from another checkout, which CMake refuses to reuse.
set -euo pipefail

seconds=${1:-60}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${2:-$repo/build-fuzz}

CC=clang-14 CXX=clang++-14 cmake -S "$repo" -B "$build" \
  -DRMQ_BUILD_FUZZERS=ON -DRMQ_BUILD_TESTS=OFF -DRMQ_BUILD_BENCHMARKS=OFF -DRMQ_SANITIZE=ON \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" >/dev/null
cmake --build "$build" --target frame_decoder_fuzz -j"${JOBS:-2}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$repo/tests/fuzz/corpus" "$work/corpus"
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

status=0
"$build/tests/fuzz/frame_decoder_fuzz" -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "$work/corpus" || status=$?
if [ "$status" -ne 0 ]; then
  echo "frame_decoder_fuzz found a problem (exit $status); reproducers in $artifacts" >&2
  exit "$status"
fi
echo "frame_decoder_fuzz: no findings in ${seconds}s"
