#!/bin/sh
# Every log under fixtures/reports/ gets the verdict fixtures/reports/verdicts.txt
# gives it, for the reason written beside it.  Usage: replay_verdicts.sh SLMREPLAY REPORTS-DIR
set -u
replay=$1 dir=$2
fail=0 n=0
list=$(grep -v '^#' "$dir/verdicts.txt" | grep -v '^ *$')
for log in $(cd "$dir" && find . -name '*.log' | sed 's|^\./||' | sort); do
	echo "$list" | grep -q "^$log " || { echo "not in verdicts.txt: $log"; fail=1; }
done
echo "$list" | while read -r log verdict why; do
	out=$("$replay" -q "$dir/$log" 2>&1)
	rc=$?
	name=$(basename "$log")
	if ! printf '%s\n' "$out" | grep -q "^== $name: $verdict"; then
		echo "FAIL $log: wanted $verdict"; printf '%s\n' "$out" | sed 's/^/    /'; exit 1
	fi
	# The exit status of a single log: 0 pass, 1 differs or error, 3 inconclusive.
	case $verdict in pass) want=0 ;; inconclusive) want=3 ;; *) want=1 ;; esac
	if [ "$rc" != "$want" ]; then
		echo "FAIL $log: $verdict, but exit status $rc (wanted $want)"; exit 1
	fi
	if [ -n "$why" ] && ! printf '%s\n' "$out" | grep -qF -- "$why"; then
		echo "FAIL $log: $verdict, but not for the reason '$why'"; printf '%s\n' "$out" | sed 's/^/    /'
		exit 1
	fi
	# A log under profiles/NAME/ is judged on the SLM profile NAME, read
	# from the log alone (its version answer or its shapes).
	case $log in profiles/*/*)
		want=$(basename "$(dirname "$log")")
		if ! "$replay" "$dir/$log" 2>&1 | grep -q "^  note: profile $want ("; then
			echo "FAIL $log: not judged on profile $want"
			"$replay" "$dir/$log" 2>&1 | grep "note: profile" | sed 's/^/    /'; exit 1
		fi ;;
	# A log under firmware/NAME/ has its modem firmware read from the log.
	firmware/*/*)
		if ! "$replay" "$dir/$log" 2>&1 | grep -q "^  note: log line [0-9]*: modem.mfw = "; then
			echo "FAIL $log: no modem firmware read from the log"; exit 1
		fi ;;
	esac
	echo "ok   $log: $verdict${why:+ ($why)}"
done || fail=1
# The same verdicts when one process judges them all, one broker kept from
# log to log where they allow it, and again with two workers.
for jobs in 1 2; do
	all=$("$replay" -q -j $jobs "$dir" 2>&1)
	echo "$list" | while read -r log verdict why; do
		name=$(basename "$log")
		if ! printf '%s
' "$all" | grep -q "^== $name: $verdict"; then
			echo "FAIL $log in one run of the directory (-j $jobs): wanted $verdict"
			printf '%s
' "$all" | grep -A3 "^== $name" | sed 's/^/    /'; exit 1
		fi
	done || fail=1
	# The summary line counts every verdict, inconclusive ones too.
	n_inc=$(echo "$list" | awk '$2 == "inconclusive"' | wc -l)
	if ! printf '%s\n' "$all" | tail -n 1 | grep -q " $n_inc inconclusive in "; then
		echo "FAIL the summary line of one run (-j $jobs) does not count $n_inc inconclusive:"
		printf '%s\n' "$all" | tail -n 1 | sed 's/^/    /'; fail=1
	fi
	[ $fail = 0 ] && echo "ok   one run of the directory (-j $jobs): the same verdicts"
done
exit $fail
