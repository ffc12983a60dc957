#!/bin/sh
# A record names the modem firmware slmsim ran; slmreplay runs it again (the
# record shows no +CGMR), --world keeps it, and --mfw overrides it.
# Usage: record_mfw.sh SLMSIM SLMREPLAY
set -u
sim=$1 replay=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'AT%%RAI=2\r\nAT%%RAI?\r\nAT%%CMNG=0,2147483662,4,"rec-%s"\r\nAT%%CMNG=3,2147483662,4\r\n' $$ |
	"$sim" --stdio --mfw 2.0.3 --record "$dir/s.log" >/dev/null 2>&1
grep -q "INFO slmsim: modem firmware 2.0.3 (mfw-2.0.x)" "$dir/s.log" || {
	echo "the record does not name its firmware:"; cat "$dir/s.log"; exit 1; }
"$replay" --world "$dir/w.ini" "$dir/s.log" >"$dir/out" 2>&1
grep -q "^== s.log: pass" "$dir/out" && grep -q "note: modem firmware 2.0.3 (log line" "$dir/out" || {
	echo "the record does not replay on its firmware:"; cat "$dir/out"; exit 1; }
grep -q "^mfw = 2.0.3$" "$dir/w.ini" || { echo "--world lacks the firmware:"; cat "$dir/w.ini"; exit 1; }
"$replay" -q --mfw 1.3.1 "$dir/s.log" >"$dir/out" 2>&1
grep -q "^== s.log: differs" "$dir/out" || { echo "--mfw 1.3.1 does not win:"; cat "$dir/out"; exit 1; }
echo "ok"
