"""#XHTTPCCON / #XHTTPCREQ on slmsim's pty against real local HTTP and HTTPS
servers (python3's http.server, TLS by its ssl module with the fixture PKI):
every response and #XHTTPCRSP URC compared byte for byte with what SLM
v1.8.0's slm_at_httpc.c writes, and every request as the server got it.
Usage: httpc_session.py SLMSIM CERTDIR"""
import http.server
import os
import socket
import ssl
import subprocess
import sys
import threading
import time

import serial

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host

sim, certs = sys.argv[1], sys.argv[2]
got = []	# (requestline, [(name, value)], body) as each server got them
BIG = bytes((48 + i % 43) for i in range(1500))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n) if n else b""
        got.append((self.requestline, list(self.headers.items()), body))
        if self.path == "/big":
            out = BIG
        else:
            out = b"%s %s got %d bytes" % (self.command.encode(), self.path.encode(), len(body))
        # One write: the modem's receive boundaries do not depend on timing.
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d"
                         b"\r\n\r\n%s" % (len(out), out))

    do_GET = do_POST = do_PUT = answer

    def log_message(self, *args):
        pass


class Server6(http.server.HTTPServer):
    address_family = socket.AF_INET6


def serve(tls, v6=False):
    srv = (Server6 if v6 else http.server.HTTPServer)(("::1" if v6 else "127.0.0.1", 0), Handler)
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(certs, "server.crt"), os.path.join(certs, "server.key"))
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


plain, secure = serve(False), serve(True)
p1, p2 = plain.server_address[1], secure.server_address[1]
try:
    # An IPv6 server on ::1 for op 2, when the host has ::1.
    plain6 = serve(False, v6=True)
except OSError:
    plain6 = None
p3 = plain6.server_address[1] if plain6 else 1
tty = "/tmp/slmsim-httpc-%d" % p1
modem = subprocess.Popen([sim, "--pty", "--link", tty,
                          "--resolve", "api.http-test.example:8080=127.0.0.1:%d" % p1,
                          "--resolve", "devices.eu-2.example.net:8443=127.0.0.1:%d" % p2,
                          "--resolve", "v6.http-test.example:8080=[::1]:%d" % p3,
                          "--set", "modem.pdp_type=IPV4V6"],
                         stderr=subprocess.PIPE)


def finish(code, text=""):
    modem.kill()
    modem.wait()
    plain.shutdown()
    secure.shutdown()
    if plain6:
        plain6.shutdown()
    if code:
        print(host.transcript())
        print(modem.stderr.read().decode(errors="replace")[-3000:])
    sys.exit(text if code else 0)


for _ in range(50):
    try:
        link = serial.Serial(tty, 115200, timeout=0.2)
        break
    except (serial.SerialException, OSError):
        time.sleep(0.1)
else:
    sys.exit("no pty")
host = Host(link, lambda text: finish(1, text))
# The boot's "Ready" reaches the host only if the pty was open in time (a
# UART loses it otherwise): an AT first, so every later answer is exact.
host.command("AT", "OK\r\n")


def rsp(header, body):
    """The URCs of one response that came in one piece."""
    return (b"\r\n#XHTTPCRSP:%d,0\r\n%s\r\n#XHTTPCRSP:%d,0\r\n%s\r\n#XHTTPCRSP:0,1\r\n"
            % (len(header), header, len(body), body))


def head(n):
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % n


def request_was(line, headers, body=b""):
    for _ in range(50):
        if got:
            break
        time.sleep(0.1)
    want = (line, headers, body)
    if not got or got[-1] != want:
        finish(1, "the server got %r, not %r" % (got[-1:] or None, want))


ca = open(os.path.join(certs, "ca.crt")).read()
host.exact("AT#XHTTPCCON?", b'\r\n#XHTTPCCON: 0,"",0,0\r\n\r\nOK\r\n')
host.exact("AT#XHTTPCCON=?", b"\r\n#XHTTPCCON: (0,1,2),<host>,<port>,<sec_tag>\r\n\r\nOK\r\n")
host.exact('AT#XHTTPCREQ="GET","/",""', b"\r\nERROR\r\n")
host.exact("AT#XHTTPCCON=0", b"\r\nERROR\r\n")
tag = 2026
host.command('AT%%CMNG=0,%d,0,"%s"' % (tag, ca), "OK")
host.command("AT+CFUN=1", "OK")
for _ in range(40):
    if ",5" in host.command("AT+CEREG?", "OK") or ",1" in host.seen[-1][1]:
        break
    time.sleep(0.25)

host.exact('AT#XHTTPCCON=1,"api.http-test.example",8080', b"\r\n#XHTTPCCON: 1\r\n\r\nOK\r\n")
host.exact('AT#XHTTPCCON?', b'\r\n#XHTTPCCON: 1,"api.http-test.example",8080\r\n\r\nOK\r\n')
host.exact('AT#XHTTPCCON=1,"api.http-test.example",8080', b"\r\nERROR\r\n")
host.exact("AT#XHTTPCREQ=?", b"\r\nERROR\r\n")
# GET with a body in the answer; no headers of its own.
body = b"GET /status?id=7 got 0 bytes"
host.exact('AT#XHTTPCREQ="GET","/status?id=7",""',
           b"\r\nOK\r\n\r\n#XHTTPCREQ: 0\r\n" + rsp(head(len(body)), body))
request_was("GET /status?id=7 HTTP/1.1", [("Host", "api.http-test.example")])
# A body larger than the SLM's 1024-byte buffer: the second part from its start.
h = head(len(BIG))
host.exact('AT#XHTTPCREQ="GET","/big","Accept: */*\\r\\n"',
           b"\r\nOK\r\n\r\n#XHTTPCREQ: 0\r\n\r\n#XHTTPCRSP:%d,0\r\n%s\r\n#XHTTPCRSP:%d,0\r\n%s"
           b"\r\n#XHTTPCRSP:%d,0\r\n%s\r\n#XHTTPCRSP:0,1\r\n"
           % (len(h), h, 1024 - len(h), BIG[:1024 - len(h)], len(BIG) - (1024 - len(h)),
              BIG[1024 - len(h):]))
request_was("GET /big HTTP/1.1", [("Host", "api.http-test.example"), ("Accept", "*/*")])
# POST, its body in data mode: OK per chunk, #XDATAMODE: 0 once answered.
host.exact('AT#XHTTPCREQ="POST","/upload","Content-Type: text/plain\\r\\nContent-Length: 11'
           '\\r\\n",11', b"\r\nOK\r\n\r\n#XHTTPCREQ: 1\r\n")
link.write(b"hello world")
body = b"POST /upload got 11 bytes"
host.expect(b"\r\nOK\r\n\r\n#XHTTPCREQ: 0\r\n" + rsp(head(len(body)), body)
            + b"\r\n#XDATAMODE: 0\r\n", what="the POST body")
request_was("POST /upload HTTP/1.1", [("Host", "api.http-test.example"),
            ("Content-Type", "text/plain"), ("Content-Length", "11")], b"hello world")
# Headers must end in exactly one CR LF.
host.exact('AT#XHTTPCREQ="GET","/","Accept: */*"', b"\r\nERROR\r\n")
host.exact('AT#XHTTPCREQ="GET","/","Accept: */*\\r\\n\\r\\n"', b"\r\nERROR\r\n")
# A method Zephyr does not know: the request thread disconnects.
host.exact('AT#XHTTPCREQ="get","/",""', b"\r\nOK\r\n\r\n#XHTTPCCON: 0\r\n")
host.exact("AT#XHTTPCCON=0", b"\r\nERROR\r\n")

# HTTPS: the CA under a sec_tag (written before CFUN=1), the server's name checked.
host.exact('AT#XHTTPCCON=1,"devices.eu-2.example.net",8443,%d' % tag,
           b"\r\n#XHTTPCCON: 1\r\n\r\nOK\r\n", within=30)
host.exact('AT#XHTTPCCON?', b'\r\n#XHTTPCCON: 1,"devices.eu-2.example.net",8443,%d\r\n\r\nOK\r\n'
           % tag)
body = b"PUT /cfg got 4 bytes"
host.exact('AT#XHTTPCREQ="PUT","/cfg","Content-Length: 4\\r\\n",4',
           b"\r\nOK\r\n\r\n#XHTTPCREQ: 1\r\n")
link.write(b"on=1")
host.expect(b"\r\nOK\r\n\r\n#XHTTPCREQ: 0\r\n" + rsp(head(len(body)), body)
            + b"\r\n#XDATAMODE: 0\r\n", what="the PUT body over TLS")
request_was("PUT /cfg HTTP/1.1", [("Host", "devices.eu-2.example.net"),
            ("Content-Length", "4")], b"on=1")
host.exact("AT#XHTTPCCON=0", b"\r\n#XHTTPCCON: 0\r\n\r\nOK\r\n")
# A tag with no CA: the handshake fails, as the modem's connect() does.
host.exact('AT#XHTTPCCON=1,"devices.eu-2.example.net",8443,%d' % (tag + 1),
           b"\r\n#XHTTPCCON: 0\r\n\r\nERROR\r\n", within=30)
host.exact('AT#XHTTPCCON=1,"nowhere.http-test.example",8080',
           b"\r\n#XHTTPCCON: 0\r\n\r\nERROR\r\n")
# Op 2 connects to the name's IPv6 address (the PDN is dual stack); op 1
# asks for its IPv4 one, which it has not.
if plain6:
    host.exact('AT#XHTTPCCON=2,"v6.http-test.example",8080', b"\r\n#XHTTPCCON: 1\r\n\r\nOK\r\n")
    body = b"GET /six got 0 bytes"
    host.exact('AT#XHTTPCREQ="GET","/six",""',
               b"\r\nOK\r\n\r\n#XHTTPCREQ: 0\r\n" + rsp(head(len(body)), body))
    request_was("GET /six HTTP/1.1", [("Host", "v6.http-test.example")])
    host.exact("AT#XHTTPCCON=0", b"\r\n#XHTTPCCON: 0\r\n\r\nOK\r\n")
    host.exact('AT#XHTTPCCON=1,"v6.http-test.example",8080',
               b"\r\n#XHTTPCCON: 0\r\n\r\nERROR\r\n")
else:
    print("HTTP client: this host has no ::1, op 2 not tried")
print("HTTP client: %d exchanges byte for byte, %d requests as the servers got them"
      % (len(host.seen), len(got)))
finish(0)
