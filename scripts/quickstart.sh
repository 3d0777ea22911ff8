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
# Wireshark keeps the first rcodex.so it finds (its system folder before the
# personal one): say so when that is not the copy just installed.
installed=$(grep '/rcodex\.so$' build/install_manifest.txt)
loaded=$(tshark -G plugins 2>/dev/null |
  awk -F '\t' '{ name = $1; sub(/ +$/, "", name) } name == "rcodex.so" { print $NF }')
if [ "$loaded" = "$installed" ]; then
  echo "Wireshark plugin installed: $installed"
elif [ -n "$loaded" ]; then
  echo "warning: the plugin is installed in $installed, but Wireshark loads" \
    "another copy, $loaded; remove that one to use this build" >&2
else
  echo "warning: tshark does not list the rcodex plugin installed in $installed" >&2
fi

mkdir -p build/reports
report="$top/build/reports/incident.rcreport.html"
"$prefix/bin/rcreport" samples/incident.pcap -o "$report"
echo
echo "Report: $report"
