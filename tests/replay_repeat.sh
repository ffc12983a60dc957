#!/bin/sh
# The same log gives the same transcript every time: real brokers answer,
# virtual time waits for them.  Usage: replay_repeat.sh SLMREPLAY LOG [TIMES]
set -u
replay=$1 log=$2 times=${3:-100}
first=$("$replay" "$log" 2>&1 | sed 's/[0-9.]* s wall/X s wall/')
case $first in *": pass"*) ;; *) echo "first run did not pass:"; echo "$first"; exit 1 ;; esac
i=1
while [ $i -lt "$times" ]; do
	again=$("$replay" "$log" 2>&1 | sed 's/[0-9.]* s wall/X s wall/')
	if [ "$again" != "$first" ]; then
		echo "run $((i + 1)) differs from run 1:"
		printf '%s\n' "$first" > /tmp/replay_repeat.1.$$
		printf '%s\n' "$again" | diff -u /tmp/replay_repeat.1.$$ - ; rm -f /tmp/replay_repeat.1.$$
		exit 1
	fi
	i=$((i + 1))
done
echo "$times runs, one transcript"
