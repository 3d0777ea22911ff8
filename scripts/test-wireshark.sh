#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds rcodex against another Wireshark release and runs its test suites
# there, in a Debian root made with mmdebstrap:
#
#   scripts/test-wireshark.sh 4.4    Debian 13 (trixie), Wireshark 4.4
#   scripts/test-wireshark.sh 4.6    Debian testing (forky), Wireshark 4.6
#
# The root (that release's Wireshark, compiler and rcodex's dependencies)
# is kept in build-wireshark/<version>/root and made again only when the
# package list changes; the build directory inside it is kept too, so a
# second run only rebuilds what changed. The source tree is copied in and
# built by an unprivileged user of the root; root installs it there (tshark
# must list the plugin in that release's plugin folder); the user runs
# every test but the GUI ones (Wireshark Qt stays host-only), with the
# root's real tshark loading the freshly built plugin, not the installed
# copy. The suite there also makes that release's Debian packages; they are
# then installed, used and purged in a clean root of the release (kept as
# build-wireshark/<version>/<codename>.tar). Needs root on the host
# (mmdebstrap, chroot) and the Debian mirror.
#
# Environment: RCODEX_WS_BUILD (default build-wireshark) holds the roots.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

version=${1:-}
case "$version" in
4.4) suite=trixie release="Debian 13 (trixie)" ;;
4.6) suite=forky release="Debian testing (forky)" ;;
*)
	echo "usage: $0 4.4|4.6" >&2
	exit 2
	;;
esac
if [ "$(id -u)" -ne 0 ]; then
	echo "$0: needs root (mmdebstrap, chroot); run it with sudo" >&2
	exit 2
fi

scripts/install-deps.sh roots

packages="build-essential cmake pkg-config libglib2.0-dev libxml2-dev
libjson-glib-dev libgcrypt20-dev libwireshark-dev libwiretap-dev
libwsutil-dev wireshark-dev tshark python3 libxml2-utils chromium
util-linux gzip groff-base dpkg-dev file tzdata"
packages=$(echo $packages)
base=$top/${RCODEX_WS_BUILD:-build-wireshark}/$version
root=$base/root
stamp="$suite: $packages"

make_root() {
	rm -rf "$root"
	mkdir -p "$base"
	echo "== making the $release root in $root"
	# The mirror is a snapshot whose Release files may have expired.
	mmdebstrap --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
		--include="$(echo "$packages" | tr ' ' ',')" \
		"$suite" "$root" >"$base/mmdebstrap.log" 2>&1 || {
		tail -n 30 "$base/mmdebstrap.log" >&2
		rm -rf "$root"
		exit 1
	}
	# The unprivileged user who builds and tests.
	echo 'rcodex:x:1000:1000:rcodex tests:/home/rcodex:/bin/sh' \
		>>"$root/etc/passwd"
	echo 'rcodex:x:1000:' >>"$root/etc/group"
	mkdir -p "$root/home/rcodex"
	chown 1000:1000 "$root/home/rcodex"
	echo "$stamp" >"$base/root.stamp"
}

if [ ! -d "$root" ] || [ "$(cat "$base/root.stamp" 2>/dev/null)" != "$stamp" ]; then
	make_root
fi

have=$(chroot "$root" tshark -v 2>/dev/null |
	sed -n '1s/^TShark (Wireshark) \([0-9][0-9.]*[0-9]\).*/\1/p')
case "$have" in
"$version".*) ;;
*)
	echo "$0: the $release root has tshark '$have', not $version" >&2
	exit 1
	;;
esac
echo "== Wireshark $have, $release"

# A fresh copy of the source tree (file times kept, so the build directory
# inside the root only rebuilds what changed).
rm -rf "$root/home/rcodex/src"
mkdir -p "$root/home/rcodex/src"
tar -C "$top" --exclude=./.git --exclude='./build*' -cf - . |
	tar -C "$root/home/rcodex/src" -xf -
chown -R 1000:1000 "$root/home/rcodex"

# In the root: the unprivileged user builds; root installs (the plugin into
# that Wireshark's system plugin folder, where tshark run by root must list
# it); the user runs the tests, which must load the built plugin and not
# the installed copy.
cat >"$root/home/rcodex/build.sh" <<'EOF'
set -eu
cd /home/rcodex
# Prefix /usr: the build the Debian packages are made from.
cmake -S src -B build -DRCODEX_WERROR=ON -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build build -j2
EOF
cat >"$root/home/rcodex/install.sh" <<'EOF'
set -eu
cmake --install /home/rcodex/build >/dev/null
listed=$(tshark -G plugins 2>/dev/null | grep '^rcodex\.so' || true)
echo "installed; tshark -G plugins as root: $listed"
case "$listed" in
*/wireshark/plugins/$1/epan/rcodex.so) ;;
*)
	echo "the installed plugin is not in Wireshark's plugins/$1/epan" >&2
	exit 1
	;;
esac
EOF
cat >"$root/home/rcodex/test.sh" <<'EOF'
set -eu
cd /home/rcodex
work=$(mktemp -d)
chmod 755 "$work"
sh src/scripts/wireshark-with-plugin.sh setup "$work" "$PWD/build/plugin/rcodex.so"
rm -rf "$work"
cd build
ctest --output-on-failure -j2 --timeout 900 -E '^plugin\.gui_'
EOF

# A private mount namespace: /proc, /dev and /sys of the root go away
# with it, however the run ends.
unshare --mount --propagation private sh -eu -c '
root=$1
version=$2
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
as_root() {
	chroot "$root" env -i HOME=/root LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
as_user() {
	chroot "$root" setpriv --reuid=1000 --regid=1000 --clear-groups \
		env -i HOME=/home/rcodex LANG=C.UTF-8 \
		PATH=/usr/local/bin:/usr/bin:/bin "$@"
}
as_user sh /home/rcodex/build.sh
as_root sh /home/rcodex/install.sh "$version"
as_user sh /home/rcodex/test.sh' sh "$root" "$version"

# The packages the suite made (packages.build), as a user of that release
# gets them.
echo "== Debian packages of Wireshark $version in a clean $release root"
sh tests/packages/clean_root_install.sh "$suite" "$base" samples \
	"$root/home/rcodex/build/packages"
