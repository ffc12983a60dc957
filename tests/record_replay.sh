#!/bin/sh
# Record a live session (tests/record_session.py, pyserial in real time,
# real mosquitto) with slmsim --record, then replay the recording: it must
# be judged pass.  Usage: record_replay.sh SLMSIM SLMREPLAY SRC-DIR CERTS-DIR
# (KEEP=DIR keeps the recording and the replay for a look.)
set -u
sim=$1 replay=$2 src=$3 certs=$4
dir=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	"$src/ci/broker" stop "$dir/broker" >/dev/null 2>&1
	[ -n "${KEEP:-}" ] && cp -r "$dir" "$KEEP"; rm -rf "$dir"
}
trap cleanup EXIT
mkdir "$dir/broker"
"$src/ci/broker" start "$dir/broker" "$certs" || exit 1
plain=$(sed -n 's/^plain=//p' "$dir/broker/ports")
# Another host name and cell than the bundled report's; a short RRC timer;
# a release of NCS 1.8 other than the default, which the record names.
"$sim" --pty --link "$dir/tty" --record "$dir/session.log" --slm 1.8.2 \
	--resolve "mqtt.plant-3.example:1883=127.0.0.1:$plain" \
	--set network.tac=0B17 --set network.ci=03C4D5E6 --set network.status=home \
	--set network.rrc_idle_ms=1500 2>"$dir/sim.err" &
pid=$!
for _ in $(seq 50); do [ -e "$dir/tty" ] && break; sleep 0.1; done
/usr/bin/python3 "$src/tests/record_session.py" "$dir/tty" mqtt.plant-3.example "$plain" || {
	cat "$dir/sim.err"; exit 1; }
kill "$pid"; wait "$pid" 2>/dev/null; pid=
"$replay" --world "$dir/world.ini" "$dir/session.log" >"$dir/replay.out" 2>&1
if ! grep -q "^== session.log: pass" "$dir/replay.out"; then
	echo "the recording does not replay as pass:"; cat "$dir/replay.out"
	echo "--- recording"; cat "$dir/session.log"; exit 1
fi
grep -q "+CSCON: 0" "$dir/session.log" || { echo "no RRC release recorded"; exit 1; }
# The record names its SLM profile; the replay runs it, and --world keeps it.
grep -q "note: profile ncs-1.8 (line 1: INFO slmsim: SLM profile 1.8.2 (ncs-1.8))" "$dir/replay.out" || {
	echo "the replay does not take the record's profile:"; cat "$dir/replay.out"; exit 1; }
grep -q "^slm_profile = 1.8.2$" "$dir/world.ini" || {
	echo "--world does not carry the profile:"; cat "$dir/world.ini"; exit 1; }
tail -n 1 "$dir/replay.out"
echo "record -> replay: pass"
