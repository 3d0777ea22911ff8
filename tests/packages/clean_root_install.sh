#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian packages, as a user gets them: installed with apt into a clean
# root of their Debian release, the plugin loaded by tshark (for root and
# for an ordinary user) from the system plugin folder, rcreport run on a
# sample, then both purged, leaving nothing behind.
#
# Usage: clean_root_install.sh RELEASE CACHE_DIR SAMPLES_DIR PACKAGES_DIR
#   RELEASE       Debian codename (bookworm, trixie, forky)
#   CACHE_DIR     where the clean root is kept as RELEASE.tar between runs
#   PACKAGES_DIR  holds rcodex-wireshark_*.deb and rcreport_*.deb (cpack)
# Needs root and mmdebstrap (exit status 77 when not root);
# RCODEX_DEBIAN_MIRROR overrides the mirror.
set -eu

release=$1
cache=$2
samples=$3
packages=$4
mirror=${RCODEX_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root (mmdebstrap and chroot)" >&2
	exit 77
fi

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

the_deb() {
	set -- "$packages/$1"_*.deb
	[ $# -eq 1 ] && [ -f "$1" ] || fail "not exactly one $1 in $packages"
	echo "$1"
}
plugin_deb=$(the_deb rcodex-wireshark)
rcreport_deb=$(the_deb rcreport)

# The clean root: mmdebstrap's apt variant (essential packages and apt).
# The mirror may be a snapshot whose Release files have expired.
mkdir -p "$cache"
tarball=$cache/$release.tar
if [ ! -s "$tarball" ]; then
	echo "== making a clean $release root ($tarball)"
	mmdebstrap --quiet --variant=apt --format=tar \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		"$release" "$tarball.tmp" \
		"deb $mirror $release main" \
		"deb $mirror $release-updates main" \
		"deb ${mirror%/debian}/debian-security $release-security main"
	mv "$tarball.tmp" "$tarball"
fi

work=$(mktemp -d "$cache/$release-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
root=$work/root
mkdir "$root"
tar -C "$root" -xf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/tmp/rcodex"
cp "$plugin_deb" "$rcreport_deb" "$samples/cookies.pcap" "$root/tmp/rcodex/"
plugin_deb=/tmp/rcodex/$(basename "$plugin_deb")
rcreport_deb=/tmp/rcodex/$(basename "$rcreport_deb")
chmod -R a+rX "$root/tmp/rcodex"

# A command in the root, with its own /proc and the host's /dev, in a
# mount namespace that ends with it; as_user runs it as nobody.
run_in_root() {
	unshare --mount --pid --fork sh -c '
		root=$1 userspec=$2; shift 2
		mount --rbind /dev "$root/dev"
		mount -t proc proc "$root/proc"
		exec chroot --userspec="$userspec" "$root" "$@"' sh "$root" "$@"
}
in_root() {
	run_in_root root:root "$@"
}
as_user() {
	run_in_root nobody:nogroup env HOME=/tmp/home "$@"
}
apt_get() {
	in_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
		-o Acquire::Check-Valid-Until=false -o Dpkg::Use-Pty=false "$@"
}

# Every path of the root with its type, mode and owner, and size and time
# for files. Left out: kernel file systems, temporary files, logs and the
# package managers' own records, which change with any apt run.
snapshot() {
	in_root /usr/bin/find / -xdev \
		\( -path /proc -o -path /sys -o -path /dev -o -path /run \
		-o -path /tmp -o -path /var/tmp -o -path /var/log \
		-o -path /var/cache/apt -o -path /var/cache/debconf \
		-o -path /var/lib/apt -o -path /var/lib/dpkg/status \
		-o -path /var/lib/dpkg/status-old -o -path /var/lib/dpkg/available \
		-o -path '/var/lib/dpkg/lock*' -o -path /var/lib/dpkg/triggers \) \
		-prune \
		-o -type d -printf '%p %y %m %u:%g\n' \
		-o -printf '%p %y %m %u:%g %s %T@\n' | sort >"$1"
}

echo "== $release: dependencies of the packages"
apt_get update >/dev/null
# What both packages depend on and recommend, but for rcreport itself
# (the plugin recommends it; it is installed next from its .deb).
recommends=$( (dpkg-deb -f "$root$plugin_deb" Recommends
	dpkg-deb -f "$root$rcreport_deb" Recommends) | tr ',' '\n' |
	grep -v '^ *$' | grep -vx ' *rcreport *' | paste -sd, -)
depends="$(dpkg-deb -f "$root$plugin_deb" Depends), $recommends, $(dpkg-deb -f "$root$rcreport_deb" Depends)"
echo "$depends"
apt_get --no-install-recommends satisfy "$depends" >/dev/null
mkdir -p "$root/tmp/home"
chown nobody:nogroup "$root/tmp/home"
snapshot "$work/before"
in_root dpkg-query -W -f '${Package}\n' | sort >"$work/packages-before"

echo "== $release: apt install ./$(basename "$plugin_deb") ./$(basename "$rcreport_deb")"
apt_get install "$plugin_deb" "$rcreport_deb" >"$work/install.log" ||
	{ cat "$work/install.log"; fail "apt could not install the packages"; }
in_root dpkg-query -W -f '${Package}\n' | sort >"$work/packages-after"
added=$(comm -13 "$work/packages-before" "$work/packages-after" | tr '\n' ' ')
[ "$added" = "rcodex-wireshark rcreport " ] ||
	fail "apt installed '$added' instead of the two packages"

plugin_path=$(in_root dpkg -L rcodex-wireshark | grep '/rcodex\.so$')
version=$(dpkg-deb -f "$root$plugin_deb" Version)
echo "plugin file: $plugin_path"
case "$plugin_path" in
*/wireshark/plugins/[0-9]*.[0-9]*/epan/rcodex.so) ;;
*) fail "the plugin is not in a plugins/<version>/epan folder: $plugin_path" ;;
esac

# Wireshark loads the system plugin folder for root and for everyone else.
for who in root user; do
	if [ $who = root ]; then
		listed=$(in_root env HOME=/tmp/home tshark -G plugins 2>/dev/null)
	else
		listed=$(as_user tshark -G plugins 2>/dev/null)
	fi
	line=$(printf '%s\n' "$listed" | grep '^rcodex\.so' || true)
	echo "tshark -G plugins as $who: $line"
	printf '%s\n' "$line" | grep -q "	${version%%-*}	dissector	$plugin_path\$" ||
		fail "tshark as $who does not list $plugin_path, version ${version%%-*}"
done

# The installed plugin explains: the sample's BADCOOKIE responses (header
# RCODE 7 plus OPT extended RCODE 1, RFC 7873 §5.2.3) have the effective
# code 23.
expected=$(awk -F'\t' '$4 == "BADCOOKIE" { print $1 }' "$samples/cookies.expect.tsv" | tr '\n' ' ')
[ -n "$expected" ] || fail "cookies.expect.tsv names no BADCOOKIE response"
found=$(as_user tshark -r /tmp/rcodex/cookies.pcap -Y 'rcodex.rcode == 23' \
	-T fields -e frame.number 2>/dev/null | tr '\n' ' ')
echo "frames with rcodex.rcode == 23: $found"
[ "$found" = "$expected" ] ||
	fail "installed plugin found BADCOOKIE in frames '$found', expected '$expected'"

# rcreport as an ordinary user, as documented: the HTML report next to the
# capture and the summary on the terminal.
mkdir -p "$root/tmp/home/report"
cp "$root/tmp/rcodex/cookies.pcap" "$root/tmp/home/report/"
chown -R nobody:nogroup "$root/tmp/home/report"
as_user rcreport /tmp/home/report/cookies.pcap >"$work/summary.txt" ||
	fail "rcreport exited with $?"
report=$root/tmp/home/report/cookies.pcap.rcreport.html
[ -s "$report" ] || fail "rcreport wrote no report"
grep -q BADCOOKIE "$report" || fail "the report does not name BADCOOKIE"
grep -q BADCOOKIE "$work/summary.txt" || fail "the summary does not name BADCOOKIE"
# A time zone by name needs the tz database the package recommends.
as_user rcreport -q --timezone Europe/Paris -o /tmp/home/report/paris.html \
	/tmp/home/report/cookies.pcap || fail "rcreport --timezone exited with $?"
grep -q 'Europe/Paris)' "$root/tmp/home/report/paris.html" ||
	fail "the report does not give its times in Europe/Paris"
in_root test -s /usr/share/man/man1/rcreport.1.gz || fail "no rcreport(1)"
echo "rcreport: $(wc -c <"$report") bytes of HTML, summary names BADCOOKIE"

echo "== $release: apt purge rcodex-wireshark rcreport"
apt_get purge rcodex-wireshark rcreport >"$work/purge.log" ||
	{ cat "$work/purge.log"; fail "apt could not purge the packages"; }
left=$(in_root dpkg-query -W -f '${Package} ${db:Status-Abbrev}\n' \
	rcodex-wireshark rcreport 2>/dev/null || true)
[ -z "$left" ] || fail "dpkg still knows: $left"
rm -rf "$root/tmp/home/report"
snapshot "$work/after"
if ! diff -u "$work/before" "$work/after"; then
	fail "the purge left the root changed (above)"
fi
echo "purged: nothing left behind"
