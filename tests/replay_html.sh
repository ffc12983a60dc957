#!/bin/sh
# slmreplay --html, rendered by a real browser (Debian's chromium, headless):
# a log that differs shows the element id="first-difference" with the reason
# the terminal gives, a log that passes has none, text from the log is text
# (no element of its own, private key bodies gone), a directory gives an
# index with a row and a page per log, and no page refers to anything but
# itself and its neighbours.
# Usage: replay_html.sh SLMREPLAY SOURCE-ROOT
set -u
replay=$1 src=$2
if ! command -v chromium >/dev/null 2>&1; then
	"$src/ci/install-deps" chromium >/dev/null 2>&1
	command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium cannot be installed"; exit 77; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# The browser offline: every name unresolvable, every fetch to a closed port.
render() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-dev-shm-usage \
		--disable-sync --proxy-server=socks5://127.0.0.1:9 \
		--host-resolver-rules='MAP * ~NOTFOUND' --dump-dom "file://$1" 2>/dev/null
}

# check.py DOM [--diff REASON | --no-diff] [--text T] [--absent T] [--rows N]
cat > "$tmp/check.py" <<'PY'
import html.parser, sys
dom, args = open(sys.argv[1]).read(), sys.argv[2:]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.diff, self.diffs = 0, None, 0
        self.text, self.difftext, self.tags, self.refs = [], [], [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.refs += [v for k, v in attrs if k in ("src", "href", "action", "data", "poster") and v]
        if tag in VOID:
            return
        self.depth += 1
        if a.get("id") == "first-difference":
            self.diff, self.diffs = self.depth, self.diffs + 1
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.diff == self.depth:
            self.diff = None
        self.depth -= 1
    def handle_data(self, d):
        self.text.append(d)
        if self.diff is not None:
            self.difftext.append(d)
p = P(); p.feed(dom)
text, bad = "".join(p.text), []
for r in p.refs:
    if ":" in r.split("#")[0] or r.startswith("//"):
        bad.append("refers to " + r)
if "script" in p.tags or "link" in p.tags or "iframe" in p.tags or "img" in p.tags:
    bad.append("has a script, link, iframe or img element")
i = 0
while i < len(args):
    k = args[i]
    if k == "--diff":
        if p.diffs != 1: bad.append("%d elements with id first-difference, not 1" % p.diffs)
        elif args[i + 1] not in "".join(p.difftext):
            bad.append("first-difference does not say: " + args[i + 1])
        i += 1
    elif k == "--no-diff" and p.diffs: bad.append("has an element with id first-difference")
    elif k == "--text":
        if args[i + 1] not in text: bad.append("no text: " + args[i + 1])
        i += 1
    elif k == "--absent":
        if args[i + 1] in dom: bad.append("shows: " + args[i + 1])
        i += 1
    elif k == "--no-tag":
        if args[i + 1] in p.tags: bad.append("has a <%s> element" % args[i + 1])
        i += 1
    elif k == "--links":
        for r in p.refs:
            if not r.startswith("#"): print(r)
    i += 1
for b in bad: print("FAIL " + sys.argv[1] + ": " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# The reason the terminal gives for a log that differs.
reason() {
	"$replay" -q "$1" | sed -n '2s/^   //p'
}

# judge NAME LOG CHECK-ARGS...: the page of one log, rendered and checked.
judge() {
	name=$1 log=$2
	shift 2
	"$replay" -q --html "$tmp/$name.html" "$log" >/dev/null
	[ -s "$tmp/$name.html" ] || { echo "FAIL $name: no page written"; fail=1; return; }
	if grep -Eqi 'https?://|url\(|@import' "$tmp/$name.html"; then
		echo "FAIL $name: the page refers to the network"; fail=1
	fi
	render "$tmp/$name.html" > "$tmp/$name.dom"
	[ -s "$tmp/$name.dom" ] || { echo "FAIL $name: chromium rendered nothing"; fail=1; return; }
	if python3 "$tmp/check.py" "$tmp/$name.dom" "$@"; then
		echo "ok   $name"
	else
		fail=1
	fi
}

corpus=$src/fixtures/reports/corpus
neg=$corpus/neg-cmng-write-while-registered.log
good=$corpus/udp-connected-send-recv.log
judge differs "$neg" --diff "$(reason "$neg")" --text "differs"
judge passes "$good" --no-diff --text "pass"

# Text from the log stays text; a private key's body is never shown.
cat > "$tmp/escapes.log" <<'LOG'
2024-05-02T11:00:00.000Z DEBUG modem >> AT%CMNG=0,42,2,"-----BEGIN PRIVATE KEY-----
2024-05-02T11:00:00.000Z DEBUG modem >> SECRETBODYLINEqz8
2024-05-02T11:00:00.000Z DEBUG modem >> -----END PRIVATE KEY-----"
2024-05-02T11:00:00.150Z DEBUG modem << OK
2024-05-02T11:00:03.000Z DEBUG modem >> AT
2024-05-02T11:00:03.010Z DEBUG modem << OK
2024-05-02T11:00:04.000Z DEBUG modem << %NOSUCH: "<b>x & 'y'</b>"
LOG
judge escapes "$tmp/escapes.log" --diff "$(reason "$tmp/escapes.log")" \
	--text "%NOSUCH: \"<b>x & 'y'</b>\"" --no-tag b --absent SECRETBODYLINEqz8 \
	--text "[private key redacted]"

# A directory: an index, one row and one page per log, linked.
mkdir -p "$tmp/logs/a" "$tmp/logs/b"
cp "$neg" "$tmp/logs/a/same.log"
cp "$good" "$tmp/logs/b/same.log"
mkdir -p "$tmp/out"
"$replay" -q --html "$tmp/out/index.html" "$tmp/logs" >/dev/null 2>&1
render "$tmp/out/index.html" > "$tmp/index.dom"
links=$(python3 "$tmp/check.py" "$tmp/index.dom" --no-diff --text differs --text pass --links)
[ "$(echo "$links" | wc -w)" = 2 ] || { echo "FAIL index: links '$links', wanted 2"; fail=1; }
for l in $links; do
	[ -s "$tmp/out/$l" ] || { echo "FAIL index: $l is not beside it"; fail=1; }
done
[ $fail = 0 ] && echo "ok   index of a directory: $(echo $links)"
exit $fail
