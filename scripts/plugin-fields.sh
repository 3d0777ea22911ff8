#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The rcodex plugin's display filter fields and expert infos as Markdown
# tables, from what the plugin registers in tshark (tshark -G fields).
#
#   scripts/plugin-fields.sh [PLUGIN_SO]                 print the tables
#   scripts/plugin-fields.sh --check DOC [PLUGIN_SO]     fail if DOC differs
#   scripts/plugin-fields.sh --update DOC [PLUGIN_SO]    rewrite them in DOC
#
# In DOC the tables sit between the lines "<!-- plugin-fields:begin -->" and
# "<!-- plugin-fields:end -->". Without PLUGIN_SO the installed plugin is
# used. With PLUGIN_SO, tshark loads that one and no other rcodex.so
# (scripts/wireshark-with-plugin.sh).
set -eu

mode=print
doc=
case "${1:-}" in
--check | --update)
	mode=${1#--}
	doc=${2:?"usage: $0 --$mode DOC [PLUGIN_SO]"}
	shift 2
	;;
esac
plugin=${1:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/rcodex-fields.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
chmod 755 "$work"

glossary() {
	if [ -z "$plugin" ]; then
		tshark -G fields
		return
	fi
	with_plugin=$(dirname "$0")/wireshark-with-plugin.sh
	sh "$with_plugin" setup "$work" "$plugin" >/dev/null
	sh "$with_plugin" run "$work" tshark -G fields
}

glossary >"$work/glossary" 2>"$work/glossary.err" || {
	cat "$work/glossary.err" >&2
	exit 1
}
if ! grep -q "^P	[^	]*	rcodex$" "$work/glossary"; then
	echo "tshark does not know the rcodex protocol: is the plugin loaded?" >&2
	exit 1
fi

LC_ALL=C awk -F '\t' '
function esc(s) { gsub(/\|/, "\\|", s); return s }
function type(t) {
	if (t == "FT_STRING") return "string"
	if (t == "FT_BOOLEAN") return "boolean"
	if (t == "FT_FRAMENUM") return "frame number"
	if (t ~ /^FT_U?INT[0-9]+$/) { sub(/^FT_/, "", t); return tolower(t) }
	if (t == "FT_PROTOCOL") return "protocol"
	return t
}
$1 == "P" && $3 == "rcodex" { proto = $2 }
$1 == "F" && $5 == "rcodex" {
	if ($3 ~ /^rcodex\.expert\./)
		experts[ne++] = "| `" $3 "` | " esc($2) " |"
	else
		fields[nf++] = "| `" $3 "` | " type($4) " | " esc($2) " | " esc($8) " |"
}
END {
	print "| Field | Type | Label | Description |"
	print "|---|---|---|---|"
	print "| `rcodex` | protocol | " esc(proto) " | One per DNS message |"
	for (i = 0; i < nf; i++) print fields[i]
	print ""
	print "Expert infos (" ne "), filterable by name like the fields:"
	print ""
	print "| Expert info | Summary |"
	print "|---|---|"
	for (i = 0; i < ne; i++) print experts[i]
}' "$work/glossary" >"$work/tables.md"

begin='<!-- plugin-fields:begin -->'
end='<!-- plugin-fields:end -->'
case $mode in
print)
	cat "$work/tables.md"
	;;
check | update)
	if ! grep -qx "$begin" "$doc" || ! grep -qx "$end" "$doc"; then
		echo "$doc has no $begin ... $end block" >&2
		exit 1
	fi
	awk -v b="$begin" -v e="$end" -v t="$work/tables.md" '
	$0 == b { print; while ((getline l < t) > 0) print l; skip = 1; next }
	$0 == e { skip = 0 }
	!skip' "$doc" >"$work/doc.md"
	if [ "$mode" = update ]; then
		cat "$work/doc.md" >"$doc"
	elif ! diff -u "$doc" "$work/doc.md"; then
		echo "$doc: the field tables differ from what the plugin registers;" \
			"run scripts/plugin-fields.sh --update $doc PLUGIN_SO" >&2
		exit 1
	fi
	;;
esac
