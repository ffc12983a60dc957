#!/bin/sh
# The world a log implies, written with slmreplay --world, starts a live
# slmsim (--config) that a --tty replay of the same log, in scaled real
# time, judges pass.  Usage: world_tty.sh SLMSIM SLMREPLAY LOG
set -u
sim=$1 replay=$2 log=$3
dir=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
"$replay" -q --world "$dir/world.ini" "$log" >/dev/null 2>&1
[ -s "$dir/world.ini" ] || { echo "no world written"; exit 1; }
"$sim" --pty --link "$dir/tty" --config "$dir/world.ini" 2>"$dir/sim.err" &
pid=$!
for _ in $(seq 50); do [ -e "$dir/tty" ] && break; sleep 0.1; done
"$replay" --tty "$dir/tty" --time 2 "$log" >"$dir/out" 2>&1
if ! grep -q ": pass" "$dir/out"; then
	cat "$dir/out" "$dir/world.ini" "$dir/sim.err"; exit 1
fi
tail -n 1 "$dir/out"
