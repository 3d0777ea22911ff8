#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds rcodex, installs the Wireshark
# plugin for the current user (system-wide when run as root, because
# Wireshark never loads personal plugins for root) and rcreport, then writes
# the troubleshooting report of the bundled incident capture.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh build

user_install=ON
prefix="$HOME/.local"
if [ "$(id -u)" -eq 0 ]; then
  user_install=OFF
  prefix=/usr/local
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRCODEX_PLUGIN_USER_INSTALL=$user_install -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build build -j2
cmake --install build >/dev/null

echo
if tshark -G plugins 2>/dev/null | grep -q rcodex; then
  echo "Wireshark plugin installed: $(tshark -G plugins | grep rcodex | head -1)"
else
  echo "warning: tshark does not list the rcodex plugin" >&2
fi

mkdir -p build/reports
report="$top/build/reports/incident.rcreport.html"
"$prefix/bin/rcreport" samples/incident.pcap -o "$report"
echo
echo "Report: $report"
