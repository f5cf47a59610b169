#!/usr/bin/env bash
# Installs the Debian 12 packages the build and tests need, only those missing, with one
# `apt-get update` before the first install. Safe to run again: a complete machine installs nothing.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libboost-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
  libgtest-dev
)
if [[ "${1:-}" == "--with-fuzz" ]]; then
  packages+=(clang-14 libfuzzer-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The ali-ons integration test needs Node.js and npm; a machine that already has them (from
# any source) keeps its own.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
