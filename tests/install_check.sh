#!/bin/sh
# meson install into a temporary DESTDIR yields the three programs, their man
# pages (rendered by man when it is there), the PKI generator, the broker
# script and a PKI; --version of each program is the project's version.
set -eu
build=$1 version=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild >"$dest.log" 2>&1 || { cat "$dest.log"; exit 1; }
rm -f "$dest.log"
fail() { echo "install_check: $*" >&2; exit 1; }
for p in slmsim slmreplay slmctl; do
  bin=$(find "$dest" -path "*/bin/$p" -type f) && [ -x "$bin" ] || fail "no $p installed"
  [ "$("$bin" --version)" = "$p $version" ] || fail "$p --version is not '$p $version'"
  page=$(find "$dest" -path "*/man1/$p.1") && [ -s "$page" ] || fail "no $p.1 installed"
  grep -q 'help' "$page" || fail "$p.1 does not list --help"
  if command -v man >/dev/null 2>&1; then
    # The rendered page carries the options of --help.
    MANWIDTH=80 man -l "$page" 2>/dev/null > "$dest/page.txt"
    grep -q "^NAME" "$dest/page.txt" || fail "man cannot render $p.1"
    "$bin" --help | grep -o -- '--[a-z-]*' | sort -u | while read -r opt; do
      grep -q -- "$opt" "$dest/page.txt" || fail "$p.1 lacks $opt of --help"
    done
  fi
done
# Every control command slmctl knows is on its page.
ctl=$(find "$dest" -path "*/bin/slmctl" -type f)
page=$(find "$dest" -path "*/man1/slmctl.1")
for c in $("$ctl" help | sed -n 's/^  \([a-z-]*\).*/\1/p'); do
  sed 's/\\-/-/g' "$page" | grep -q -- "^$c" || fail "slmctl.1 lacks the command $c"
done
data=$(find "$dest" -type d -path "*/share/slmsim" | head -n 1)
[ -n "$data" ] || fail "no DATADIR/slmsim"
for f in gen-certs.sh broker mosquitto.conf.in certs/ca.crt certs/server.crt; do
  [ -e "$data/$f" ] || fail "no $f under DATADIR/slmsim"
done
echo "install_check: ok"
