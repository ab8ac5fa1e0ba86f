#!/usr/bin/env bash
# Installs the Debian 12 packages Morgue needs to build and test, when any is missing (chromium
# runs the search page in the end-to-end test of morgue-serve; wget writes the WARC that the
# WARC end-to-end test reads).
set -euo pipefail

packages=(
  g++ clang libclang-rt-14-dev pkg-config meson ninja-build python3
  libxapian-dev xapian-tools
  libboost-program-options-dev libfmt-dev doctest-dev
  libsimdjson-dev zlib1g-dev libzstd-dev libgumbo-dev libpugixml-dev libedit-dev libjemalloc-dev libcpp-httplib-dev
  python3-pexpect python3-pyte chromium
  wget
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing: ${missing[*]}" >&2
"${as_root[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
