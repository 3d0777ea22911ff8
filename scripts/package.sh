#!/usr/bin/env bash
# Builds the Debian packages of the Wireshark plugin and of rcreport for
# this machine's Debian release and Wireshark, into build-package/packages:
#   rcodex-wireshark_<version>-1+ws<major.minor>_<arch>.deb
#   rcreport_<version>-1+ws<major.minor>_<arch>.deb
# Install them with: sudo apt install ./build-package/packages/*.deb
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh package

build=build-package
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_INSTALL_PREFIX=/usr -DRCODEX_PLUGIN_USER_INSTALL=OFF >/dev/null
cmake --build "$build" -j2
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB -B packages >/dev/null)
rm -rf "$build/packages/_CPack_Packages"
echo
echo "Packages:"
ls -1 "$top/$build/packages/"*.deb
