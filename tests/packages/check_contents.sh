#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What the Debian packages hold and promise: the plugin in this Wireshark's
# plugin folder and a dependency on exactly the libwireshark ABI package
# the plugin was linked against, naming the packaged rcreport for its Tools
# menu; rcreport with its man page; a copyright file and a Debian changelog
# in each; nothing outside /usr.
#
# Usage: check_contents.sh PACKAGES_DIR LIBWIRESHARK PLUGIN_DIR
#   LIBWIRESHARK  the libwireshark shared library the build linked
#   PLUGIN_DIR    the folder the plugin is installed into (…/plugins/4.x/epan)
set -eu

packages=$1
libwireshark=$2
plugin_dir=$3
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

the_deb() {
	set -- "$packages/$1"_*.deb
	if [ $# -ne 1 ] || [ ! -f "$1" ]; then
		echo "FAIL: not exactly one $1" >&2
		exit 1
	fi
	echo "$1"
}
plugin_deb=$(the_deb rcodex-wireshark)
rcreport_deb=$(the_deb rcreport)

# The ABI package owning the library the plugin was linked against, e.g.
# libwireshark16 for Wireshark 4.0.
library=$(readlink -f "$libwireshark")
abi_package=$(dpkg-query -S "$library" | cut -d: -f1)
depends=$(dpkg-deb -f "$plugin_deb" Depends)
echo "$(basename "$plugin_deb"): Depends: $depends"
echo "$library belongs to $abi_package"
case ", $depends," in
*", $abi_package "* | *", $abi_package,"*) ;;
*) fail "the plugin package does not depend on $abi_package" ;;
esac
others=$(echo "$depends" | tr ',' '\n' | grep -o 'libwireshark[0-9]*' |
	grep -vx "$abi_package" || true)
[ -z "$others" ] || fail "the plugin package also depends on $others"

files() {
	dpkg-deb --fsys-tarfile "$1" | tar -t | sed 's|^\./|/|' | grep -v '/$'
}

plugin_files=$(files "$plugin_deb")
expected_plugin="${plugin_dir%/}/rcodex.so"
echo "$plugin_files" | grep -qx "$expected_plugin" ||
	fail "the plugin package lacks $expected_plugin; it holds: $plugin_files"
case "$expected_plugin" in
*/wireshark/plugins/[0-9]*.[0-9]*/epan/rcodex.so) ;;
*) fail "$expected_plugin is not in a plugins/<major.minor>/epan folder" ;;
esac

rcreport_files=$(files "$rcreport_deb")
for f in /usr/bin/rcreport /usr/share/man/man1/rcreport.1.gz; do
	echo "$rcreport_files" | grep -qx "$f" || fail "the rcreport package lacks $f"
done

# The plugin's Tools menu runs the rcreport it was built with: the
# packaged one.
dpkg-deb --fsys-tarfile "$plugin_deb" | tar -xOf - ".$expected_plugin" |
	grep -aqF /usr/bin/rcreport ||
	fail "the packaged plugin does not name /usr/bin/rcreport for its Tools menu"

for deb in "$plugin_deb" "$rcreport_deb"; do
	name=$(dpkg-deb -f "$deb" Package)
	all=$(files "$deb")
	for doc in copyright changelog.Debian.gz; do
		echo "$all" | grep -qx "/usr/share/doc/$name/$doc" ||
			fail "$name has no /usr/share/doc/$name/$doc"
	done
	outside=$(echo "$all" | grep -v '^/usr/' || true)
	[ -z "$outside" ] || fail "$name installs outside /usr: $outside"
done

[ "$failures" -eq 0 ] || exit 1
echo "packages hold what they should: $(basename "$plugin_deb"), $(basename "$rcreport_deb")"
