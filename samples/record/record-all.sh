#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerate every sample capture and its expectations file (run as root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
samples=$(dirname "$here")
py=/usr/bin/python3
if [ "$(id -u)" != 0 ]; then echo "record-all.sh: run as root" >&2; exit 1; fi
for tool in named unbound knotd dig kdig nsupdate tcpdump tshark editcap faketime; do
    command -v "$tool" >/dev/null || { echo "record-all.sh: $tool is missing" >&2; exit 1; }
done
"$py" -c 'import dns.message' || { echo "record-all.sh: python3-dnspython is missing" >&2; exit 1; }

"$py" "$here/incident.py"
"$py" "$here/scenarios.py" all
for f in "$samples"/*.pcap "$samples"/*.pcapng; do
    name=$(basename "$f"); name=${name%.pcap}; name=${name%.pcapng}
    comments=()
    case "$name" in
    edns-opcode-formerr)
        comments=(--comment "malformed on purpose: the raw queries with ID 0x4d41 (question cut off inside the name)"
                  --comment "and ID 0x4d42 (ARCOUNT=1 without a record), sent to BIND and to Knot") ;;
    cookies)
        comments=(--comment "malformed on purpose: one query carries a COOKIE option of 5 bytes (invalid length)") ;;
    esac
    "$py" "$here/expect.py" "${comments[@]}" "$f" "$samples/$name.expect.tsv"
done
