"""AT#XFOTA on slmsim --stdio against real local HTTP and HTTPS servers that
answer Range requests (python3's http.server with a Range handler, TLS by
its ssl module with the fixture PKI): every stage URC and answer compared
byte for byte with what SLM v1.8.0's slm_at_fota.c writes through
fota_download and download_client, every request as the server got it,
and the reset into the new image (#XSLMVER, +CGMR, the report after Ready).
Usage: fota_session.py SLMSIM CERTDIR MAKE_IMAGES"""
import http.server
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host, StdioLink

sim, certs, make_images = sys.argv[1], sys.argv[2], sys.argv[3]
images = tempfile.mkdtemp(prefix="slmsim-fota-")
subprocess.run([sys.executable, make_images, "set", images], check=True)
got = []		# (request line, Host, Range) as the servers got them
stall = threading.Event()	# /slow/ holds its second fragment until set
closing = set()		# the client ports /close/ answered


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        rng = self.headers.get("Range", "")
        got.append((self.requestline, self.headers.get("Host"), rng))
        mode, _, name = self.path.lstrip("/").partition("/")
        path = os.path.join(images, name)
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = open(path, "rb").read()
        m = re.match(r"bytes=(\d+)-(\d+)$", rng)
        if mode == "plain" or not m:
            # A server without Range support answers 200 with everything.
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        a, b = int(m.group(1)), min(int(m.group(2)), len(data) - 1)
        if mode == "slow" and a > 0:
            stall.wait(30)
        try:
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (a, b, len(data)))
            self.send_header("Content-Length", str(b - a + 1))
            if mode == "close":	# one response per connection
                closing.add(self.client_address[1])
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data[a:b + 1])
        except OSError:
            pass	# the modem cancelled and closed

    def log_message(self, *args):
        pass


def serve(tls):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.handle_error = lambda *args: None	# the modem closing a kept-alive connection
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(certs, "server.crt"), os.path.join(certs, "server.key"))
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def vanishing(path):
    """A server that answers the first fragment of path, then goes away:
    the second request's connection closes unanswered and nothing listens."""
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(1)
    data = open(os.path.join(images, path), "rb").read()

    def run():
        conn, _ = lsock.accept()
        req = conn.recv(4096)
        got.append((req.split(b"\r\n")[0].decode(), None, None))
        conn.sendall(b"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-2047/%d\r\n"
                     b"Content-Length: 2048\r\n\r\n%s" % (len(data), data[:2048]))
        req = conn.recv(4096)
        got.append((req.split(b"\r\n")[0].decode(), None, None))
        lsock.close()
        conn.close()
    threading.Thread(target=run, daemon=True).start()
    return lsock.getsockname()[1]


plain, secure = serve(False), serve(True)
port, tport = plain.server_address[1], secure.server_address[1]
gone_port = vanishing("app-1.9.2.bin")
name = "fw.update-test.example"
link = StdioLink(sim, "ncs-1.8", "--virtual-time",
                 "--resolve", "%s:8080=127.0.0.1:%d" % (name, port),
                 "--resolve", "gone.update-test.example:80=127.0.0.1:%d" % gone_port,
                 "--set", "network.search_delay_ms=200", "--set", "network.register_delay_ms=300",
                 # an erase past the library's 60 s: the pending stage shows
                 "--set", "fota.mfw_erase_ms=65000")


def finish(code, text=""):
    stall.set()
    log = link.close()
    for srv in (plain, secure):
        srv.shutdown()
    if not code and re.search(r"Sanitizer|runtime error:", log):
        code, text = 1, "the sanitizers found something"
    if code:
        print(host.transcript())
        print(log[-4000:])
    sys.exit(text if code else 0)


host = Host(link, lambda text: finish(1, text))
host.expect(b"Ready\r\n", what="boot")
URL = "http://%s:8080/" % name


def ok(line, extra=b""):
    host.exact(line, b"\r\nOK\r\n" + extra)


def urcs(*pairs):
    return b"".join(b"\r\n#XFOTA: %s\r\n" % p.encode() for p in pairs)


def requests_were(want):
    for _ in range(50):
        if len(got) >= len(want):
            break
        time.sleep(0.1)
    if got[:len(want)] != want or len(got) != len(want):
        finish(1, "the server got %r, not %r" % (got, want))
    del got[:]


def get(path, rng):
    return ("GET //%s HTTP/1.1" % path, name, "bytes=%s" % rng)


def register():
    host.command("AT+CFUN=1", "OK")
    for _ in range(60):
        if re.search(r"\+CEREG: \d,[15]", host.command("AT+CEREG?", "OK")):
            return
        time.sleep(0.1)
    finish(1, "no registration")


# The forms without a download.
host.exact("AT#XFOTA=?", b"\r\n#XFOTA: (0,1,2,6,7,8,9),<file_uri>,<sec_tag>,<apn>\r\n"
           b"\r\nOK\r\n")
host.exact("AT#XFOTA?", b"\r\nERROR\r\n")
host.exact("AT#XFOTA=6", b'\r\n#XFOTA: 3,1,295288,"0.0.0+0"\r\n\r\nOK\r\n')
host.exact("AT#XFOTA=7", b"\r\n#XFOTA: 368640,0\r\n\r\nOK\r\n")
ok("AT#XFOTA=9")
ok("AT#XFOTA=4")		# no such <op>: v1.8 answers OK
host.exact("AT#XFOTA=0", b"\r\nERROR\r\n")
host.exact('AT#XFOTA=1,"%sapp-1.9.2.bin"' % URL, urcs("1,1,-118") + b"\r\nERROR\r\n")
tag = 7311
ca = open(os.path.join(certs, "ca.crt")).read()
host.command('AT%%CMNG=0,%d,0,"%s"' % (tag, ca), "OK")
register()
host.exact('AT#XFOTA=1,"https://localhost:%d/range/app-1.9.2.bin"' % tport, b"\r\nERROR\r\n")
host.exact('AT#XFOTA=1,"ftp://%s/app-1.9.2.bin"' % name, urcs("1,1,-22") + b"\r\nERROR\r\n")
host.exact('AT#XFOTA=1,"http://%s"' % name, b"\r\nERROR\r\n")

# Failures before any progress report at stage 0.
ok('AT#XFOTA=1,"%srange/missing.bin"' % URL, urcs("0,1,1"))
requests_were([get("range/missing.bin", "0-2047")])
ok('AT#XFOTA=1,"%splain/app-1.9.2.bin"' % URL, urcs("0,1,1"))
requests_were([get("plain/app-1.9.2.bin", "0-2047")])
ok('AT#XFOTA=1,"%srange/mfw-delta.bin"' % URL, urcs("0,1,3"))
ok('AT#XFOTA=2,"%srange/app-no-magic.bin"' % URL, urcs("0,1,3"))
del got[:]

# An application image over HTTPS: three fragments; MCUboot's stream
# reports what it has written in 512-byte pages (5552 bytes: 36, 73, 92).
ok('AT#XFOTA=1,"https://localhost:%d/range/app-1.9.2.bin",%d' % (tport, tag),
   urcs("1,0,36", "1,0,73", "1,0,92", "4,0"))
requests_were([("GET //range/app-1.9.2.bin HTTP/1.1", "localhost", "bytes=%s" % r)
               for r in ("0-2047", "2048-4095", "4096-5551")])
host.exact("AT#XFOTA=6", b'\r\n#XFOTA: 3,1,295288,"0.0.0+0"\r\n'
           b'\r\n#XFOTA: 7,1,5000,"1.9.2+5"\r\n\r\nOK\r\n')
host.exact("AT#XRESET", b"\r\nOK\r\nReady\r\n" + urcs("5,0"), within=30)
host.exact("AT#XSLMVER", b'\r\n#XSLMVER: "1.9.2"\r\n\r\nOK\r\n')
host.exact("AT#XFOTA=6", b'\r\n#XFOTA: 3,1,5000,"1.9.2+5"\r\n'
           b'\r\n#XFOTA: 7,1,295288,"0.0.0+0"\r\n\r\nOK\r\n')
ok("AT#XFOTA=8")
host.exact("AT#XFOTA=6", b'\r\n#XFOTA: 3,1,5000,"1.9.2+5"\r\n\r\nOK\r\n')

# A damaged image downloads (from a server that closes the connection after
# each response: the client connects again), then MCUboot refuses it.
register()
ok('AT#XFOTA=1,"%sclose/app-bad-hash.bin"' % URL, urcs("1,0,36", "1,0,73", "1,0,92", "4,0"))
requests_were([get("close/app-bad-hash.bin", r) for r in ("0-2047", "2048-4095", "4096-5551")])
if len(closing) != 3:
    finish(1, "the three fragments came over %d connections, not 3" % len(closing))
host.exact("AT#XRESET", b"\r\nOK\r\nReady\r\n" + urcs("5,1,-9"), within=30)
host.exact("AT#XSLMVER", b'\r\n#XSLMVER: "1.9.2"\r\n\r\nOK\r\n')

# Cancelled after the first fragment; the next start takes up the slot's
# offset: its first fragment is refused, a second later it asks from there.
register()
ok('AT#XFOTA=1,"%sslow/app-1.9.2.bin"' % URL, urcs("1,0,36"))
host.exact("AT#XFOTA=0", urcs("1,2") + b"\r\nOK\r\n")
stall.set()
ok('AT#XFOTA=1,"%srange/app-1.9.2.bin"' % URL, urcs("1,0,73", "1,0,92", "4,0"))
requests_were([get("slow/app-1.9.2.bin", "0-2047"), get("slow/app-1.9.2.bin", "2048-4095"),
               get("range/app-1.9.2.bin", "0-2047"), get("range/app-1.9.2.bin", "2048-4095"),
               get("range/app-1.9.2.bin", "4096-5551")])
host.exact("AT#XFOTA=0", b"\r\nERROR\r\n")

# The server goes away after the first fragment: one reconnect, refused.
ok('AT#XFOTA=1,"http://gone.update-test.example/app-1.9.2.bin"', urcs("1,0,36", "1,1,1"))
requests_were([("GET //app-1.9.2.bin HTTP/1.1", None, None)] * 2)

# A modem delta: the scratch area fills, the reset applies it; v1.8 then
# asks MCUboot too and reports error -9 (fixed in 1.9).
ok('AT#XFOTA=2,"%srange/mfw-delta.bin"' % URL, urcs("1,0,44", "1,0,88", "1,0,100", "4,0"))
host.exact("AT#XFOTA=7", b"\r\n#XFOTA: 368640,4608\r\n\r\nOK\r\n")
host.exact("AT#XRESET", b"\r\nOK\r\nReady\r\n" + urcs("5,1,-9"), within=30)
host.exact("AT+CGMR", b"\r\nmfw_nrf9160_1.3.2\r\nOK\r\n")
host.exact("AT%SHORTSWVER", b"\r\n%SHORTSWVER: nrf9160_1.3.2\r\nOK\r\n")
host.exact("AT#XFOTA=7", b"\r\n#XFOTA: 368640,2621440\r\n\r\nOK\r\n")
# The next delta: the used area is erased first (65 s: pending after the
# library's 60 s); this one is for 1.3.1, which the modem no longer runs.
register()
ok('AT#XFOTA=2,"%srange/mfw-delta.bin"' % URL, urcs("2,0", "3,0", "3,1,2"))
host.exact("AT#XFOTA=7", b"\r\n#XFOTA: 368640,0\r\n\r\nOK\r\n")
host.exact("AT#XSLMVER", b'\r\n#XSLMVER: "1.9.2"\r\n\r\nOK\r\n')
finish(0)
