#!/bin/sh
# ci/check-house passes on a copy of the tree as it is, and fails, naming the
# file and the include, on the same copy with one include planted that runs
# up a layer (directly, by a relative path from a header) or lets harness/
# see a private header through another header, or with a folder
# sim/layers.txt does not list, and the same for slmreplay's stages
# (harness/layers.txt), or with a file over 500 lines or a function over 80
# (and passes at 500 and 80), or with a reply shape at_responses[] does not
# list; and fails on objects where core/ calls a function
# of at/, or a log/ file one of run/.  Usage: check_house_planted.sh SOURCE_ROOT [CC]
set -eu
src=$1
cc=${2:-cc}
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
h=$(basename "$(first "$t"/harness/model/*.h)")
sed -i '1i #include "cmd_table.h"\n#include "at_cmd.h"' "$t/harness/model/$h"
expect_fail "harness/model/$h including at_cmd.h" \
	"harness/model/$h: #include \"at_cmd.h\", which brings modem_state.h, private to sim/"

# slmreplay's stages (harness/layers.txt): the world cannot see the runner.
fresh
c=$(basename "$(first "$t"/harness/world/*.c)")
printf '#include "runner.h"\n' >>"$t/harness/world/$c"
expect_fail "harness/world/$c including runner.h" \
	"harness/world/$c: #include \"runner.h\" reaches up from world/ to run/"

fresh
mkdir "$t/harness/extra"
printf '#include "script.h"\n' >"$t/harness/extra/x.c"
expect_fail "a folder harness/layers.txt does not list" \
	"harness/extra/x.c: folder extra/ is not in harness/layers.txt"

fresh
mkdir "$t/sim/extra"
printf '#include "modem.h"\n' >"$t/sim/extra/x.c"
expect_fail "a folder sim/layers.txt does not list" "sim/extra/x.c: folder extra/ is not in sim/layers.txt"

# Sizes: a file of 500 lines passes, of 501 fails; a function of 80 lines
# passes, of 81 fails, its '{' on a line of its own or on the signature's.
fresh
f=$t/sim/core/planted_size.c
yes '/* filler */' | head -n 500 >"$f"
"$checker" --root "$t" --sources-only >/dev/null || { echo "FAIL: a file of 500 lines"; exit 1; }
echo "ok   a file of 500 lines passes"
echo '/* one line more */' >>"$f"
expect_fail "a file of 501 lines" "sim/core/planted_size.c: 501 lines (at most 500)"

body() { yes '	n++;' | head -n "$1"; }
fresh
f=$t/harness/log/planted_func.c
{ printf 'int planted_long(int n);\nint planted_long(int n)\n{\n'; body 77; printf '\treturn n;\n}\n'; } >"$f"
"$checker" --root "$t" --sources-only >/dev/null || { echo "FAIL: a function of 80 lines"; exit 1; }
echo "ok   a function of 80 lines passes"
{ printf 'int planted_long(int n);\nint planted_long(int n)\n{\n'; body 78; printf '\treturn n;\n}\n'; } >"$f"
expect_fail "a function of 81 lines" "harness/log/planted_func.c:2: planted_long() is 81 lines (at most 80)"
{ printf 'int planted_same(int n);\nint planted_same(int n) {\n'; body 78; printf '\treturn n;\n}\n'; } >"$f"
expect_fail "a function of 81 lines with '{' on its signature's line" \
	"harness/log/planted_func.c:2: planted_same() is 81 lines (at most 80)"

# A reply shape slmreplay's list lacks: classified by nothing, failing nowhere.
fresh
printf 'const struct at_rsp RSP_PLANTED = { .prefix = "#XPLANTED", .fields = "n" };\n' \
	>>"$t/sim/commands/rsp_table.c"
expect_fail "a reply shape not in at_responses[]" \
	"sim/commands/rsp_table.c: RSP_PLANTED is not in at_responses[]"

# A call is an arrow too: two objects where a core/ file calls into at/.
fresh
b=$tmp/build
mkdir -p "$b/sim/libsim_core.a.p" "$b/sim/libsim_at.a.p"
printf 'int at_up(void);\nint core_down(void);\nint core_down(void) { return at_up(); }\n' >"$tmp/low.c"
printf 'int at_up(void);\nint at_up(void) { return 1; }\n' >"$tmp/high.c"
"$cc" -c "$tmp/low.c" -o "$b/sim/libsim_core.a.p/core_low.c.o"
"$cc" -c "$tmp/high.c" -o "$b/sim/libsim_at.a.p/at_high.c.o"
if out=$("$checker" --root "$t" "$b" 2>&1); then
	echo "FAIL: check-house passed with a call up a layer"; printf '%s\n' "$out"; exit 1
fi
want="sim/core/low.c: calls at_up() of sim/at/high.c, up from core/ to at/"
printf '%s\n' "$out" | grep -qF -- "$want" || { echo "FAIL: no '$want' in:"; printf '%s\n' "$out"; exit 1; }
echo "ok   fails on a call up a layer: $want"

# The same for slmreplay's stages: a log/ file calls into run/.
rm -rf "$b"
mkdir -p "$b/harness/libreplay_log.a.p" "$b/harness/libreplay_run.a.p"
"$cc" -c "$tmp/low.c" -o "$b/harness/libreplay_log.a.p/log_low.c.o"
"$cc" -c "$tmp/high.c" -o "$b/harness/libreplay_run.a.p/run_high.c.o"
if out=$("$checker" --root "$t" "$b" 2>&1); then
	echo "FAIL: check-house passed with a call up a stage"; printf '%s\n' "$out"; exit 1
fi
want="harness/log/low.c: calls at_up() of harness/run/high.c, up from log/ to run/"
printf '%s\n' "$out" | grep -qF -- "$want" || { echo "FAIL: no '$want' in:"; printf '%s\n' "$out"; exit 1; }
echo "ok   fails on a call up a stage: $want"
