#!/bin/sh
# ci/check-house passes on a copy of the tree as it is, and fails, naming the
# file and the include, on the same copy with one include planted that runs
# up a layer (directly, by a relative path from a header) or lets harness/
# see a private header through another header, or with a folder
# sim/layers.txt does not list.  Usage: check_house_planted.sh SOURCE_ROOT
set -eu
src=$1
checker=$src/ci/check-house
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
t=$tmp/tree

fresh() {
	rm -rf "$t"
	mkdir "$t"
	cp -R "$src/sim" "$src/harness" "$t/"
}
first() { for f in "$@"; do echo "$f"; return; done; }
expect_fail() {	# what was planted, text the report must contain
	if out=$("$checker" --root "$t" --sources-only 2>&1); then
		echo "FAIL: check-house passed with $1"; printf '%s\n' "$out"; exit 1
	fi
	if ! printf '%s\n' "$out" | grep -qF -- "$2"; then
		echo "FAIL: $1: the report does not say '$2':"; printf '%s\n' "$out"; exit 1
	fi
	echo "ok   fails on $1: $2"
}

fresh
"$checker" --root "$t" --sources-only >/dev/null || { echo "FAIL: the copy as it is"; exit 1; }
echo "ok   the copy as it is passes"

fresh
c=$(basename "$(first "$t"/sim/core/*.c)")
printf '#include "cmd_table.h"\n' >>"$t/sim/core/$c"
expect_fail "core/$c including cmd_table.h" \
	"sim/core/$c: #include \"cmd_table.h\" reaches up from core/ to commands/"

fresh
h=$(basename "$(first "$t"/sim/net/*.h)")
sed -i '1i #include "../at/modem.h"' "$t/sim/net/$h"
expect_fail "net/$h including ../at/modem.h" \
	"sim/net/$h: #include \"../at/modem.h\" reaches up from net/ to at/"

fresh
h=$(basename "$(first "$t"/harness/*.h)")
sed -i '1i #include "cmd_table.h"\n#include "at_cmd.h"' "$t/harness/$h"
expect_fail "harness/$h including at_cmd.h" \
	"harness/$h: #include \"at_cmd.h\", which brings modem_state.h, private to sim/"

fresh
mkdir "$t/sim/extra"
printf '#include "modem.h"\n' >"$t/sim/extra/x.c"
expect_fail "a folder sim/layers.txt does not list" "sim/extra/x.c: folder extra/ is not in sim/layers.txt"
