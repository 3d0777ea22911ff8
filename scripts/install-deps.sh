#!/usr/bin/env bash
# Installs, with apt-get on Debian 12, whatever rcodex needs to build and test
# and is not yet present. Safe to run again: it installs only what is missing.
# Usage: scripts/install-deps.sh [build|package|test|record|roots]   (default: test)
#   roots: what scripts/test-wireshark.sh needs to make Debian roots
set -euo pipefail

profile=${1:-test}

build_pkgs=(build-essential cmake pkg-config libglib2.0-dev libxml2-dev
  libjson-glib-dev libgcrypt20-dev libwireshark-dev libwiretap-dev libwsutil-dev wireshark-dev
  tshark tzdata)
package_pkgs=(file dpkg-dev)
test_pkgs=(clang libclang-rt-14-dev chromium xvfb xauth wireshark-qt
  libxml2-utils python3 util-linux gzip time
  xdotool xclip imagemagick cmark poppler-utils groff-base mmdebstrap
  "${package_pkgs[@]}")
record_pkgs=(bind9 bind9-dnsutils unbound knot knot-dnsutils tcpdump faketime
  python3-dnspython iproute2)

case "$profile" in
  build) want=("${build_pkgs[@]}") ;;
  package) want=("${build_pkgs[@]}" "${package_pkgs[@]}") ;;
  test) want=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  record) want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${record_pkgs[@]}") ;;
  roots) want=(mmdebstrap util-linux) ;;
  *) echo "usage: $0 [build|package|test|record|roots]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo_cmd[@]}" debconf-set-selections
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
