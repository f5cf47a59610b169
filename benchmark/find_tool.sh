# Sourced by the benchmark wrappers: find_tool NAME prints the path of the benchmark executable
# NAME from $RMQ_BIN_DIR, PATH, or the usual build directories, or says where it looked.
find_tool() {
  local name=$1 dir
  if [ -n "${RMQ_BIN_DIR:-}" ] && [ -x "$RMQ_BIN_DIR/$name" ]; then echo "$RMQ_BIN_DIR/$name"; return 0; fi
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in "$here/../build/benchmark" "$here/../build-release/benchmark" "$here/../cmake-build-release/benchmark"; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  echo "$name not found: build it (cmake --build <build dir> --target $name) and set RMQ_BIN_DIR to <build dir>/benchmark" >&2
  return 1
}
