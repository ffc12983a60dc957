#!/bin/sh
# A pyserial host (tests/pyserial_client.py) drives slmsim's pty in real time
# against a real mosquitto.  Usage: pyserial_session.sh SLMSIM SRC-DIR CERTS-DIR
set -u
sim=$1 src=$2 certs=$3
dir=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	"$src/ci/broker" stop "$dir/broker" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
mkdir "$dir/broker"
"$src/ci/broker" start "$dir/broker" "$certs" || exit 1
plain=$(sed -n 's/^plain=//p' "$dir/broker/ports")
"$sim" --pty --link "$dir/tty" --resolve "state.pyserial-test.example:1883=127.0.0.1:$plain" \
	2>"$dir/sim.err" &
pid=$!
for _ in $(seq 50); do [ -e "$dir/tty" ] && break; sleep 0.1; done
/usr/bin/python3 "$src/tests/pyserial_client.py" "$dir/tty" state.pyserial-test.example
