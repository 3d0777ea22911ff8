#!/usr/bin/env bash
# Installs what the tests need (Debian 12), builds with warnings as errors
# and runs the whole test suite with CTest.
#   RCODEX_SANITIZE=1 scripts/test.sh   the same suite under ASan+UBSan
#                                       (the plugin is left out: tshark is
#                                       not built with the sanitizers)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh test

build=build-test
extra=()
if [ "${RCODEX_SANITIZE:-0}" = 1 ]; then
  build=build-asan
  extra=(-DRCODEX_SANITIZE=ON -DRCODEX_BUILD_PLUGIN=OFF -DCMAKE_BUILD_TYPE=Debug)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
# Prefix /usr: the build the Debian packages are tested from (nothing is
# installed from it).
cmake -S . -B "$build" -DRCODEX_WERROR=ON -DCMAKE_INSTALL_PREFIX=/usr \
  "${extra[@]}" >/dev/null
cmake --build "$build" -j2
if [ -f "$build/plugin/rcodex.so" ]; then
  # Which tshark and which plugin the plugin tests load (each test checks
  # it again).
  work=$(mktemp -d)
  chmod 755 "$work"
  sh scripts/wireshark-with-plugin.sh setup "$work" "$top/$build/plugin/rcodex.so"
  rm -rf "$work"
fi
cd "$build"
ctest --output-on-failure -j2 --timeout 900
