#!/usr/bin/env bash
# Configures and builds the project into build/ (Release by default). A second run reuses the
# build. Extra arguments go to cmake's configure step, e.g. -DRMQ_BUILD_TESTS=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${RMQ_BUILD_DIR:-build}"
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${RMQ_BUILD_TYPE:-Release}" -DRMQ_WERROR="$werror" "$@"
cmake --build "$build_dir" -j"${RMQ_JOBS:-2}"
