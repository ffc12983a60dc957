"""AT#XFTP through the real binary (`slmsim --stdio`) against real local FTP
servers (Debian's python3-pyftpdlib on 127.0.0.1, ephemeral ports, a
temporary directory): every answer compared byte for byte with what SLM
v1.8.0's slm_at_ftp.c and NCS 1.8's ftp_client write (the server's replies
as received, listings and files after their 226 from the SLM's 1252-byte
buffer, data mode for put/uput/mput), every command as the server got it,
and every file as it arrived on (or came from) the server's disk.  FTPS
as the library does it: TLS from the first byte (a pyftpdlib TLS handler
made implicit) on the control and on every data connection, the server's
certificate checked against the CA under the open's sec_tag.
Usage: ftp_session.py SLMSIM CERTDIR"""
import logging
import os
import re
import sys
import tempfile
import threading
import time
import types

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host, StdioLink

SIM, CERTS = sys.argv[1], sys.argv[2]
TMP = tempfile.TemporaryDirectory(prefix="slmsim-ftp-")
ROOT = os.path.realpath(TMP.name)
GOT = []	# command lines as the servers got them
OK, ERROR = b"\r\nOK\r\n", b"\r\nERROR\r\n"
PASV = re.compile(rb"227 Entering passive mode \(127,0,0,1,(\d+),(\d+)\)\.\r\n")


def server(timeout=300, tls=False):
    auth = DummyAuthorizer()
    auth.add_user("field-unit", "pw-2026!", ROOT, perm="elradfmwMT")
    auth.add_anonymous(ROOT)

    class Handler(TLS_FTPHandler if tls else FTPHandler):
        authorizer = auth
        auth_failed_timeout = 0.1
        certfile = os.path.join(CERTS, "server.crt")
        keyfile = os.path.join(CERTS, "server.key")

        def handle(self):
            if tls:	# implicit: TLS first, PROT P for every data connection
                self._pbsz = self._prot = True
                self.secure_connection(self.ssl_context)
            super().handle()

        def pre_process_command(self, line, cmd, arg):
            GOT.append(line)
            super().pre_process_command(line, cmd, arg)

    Handler.timeout = timeout
    srv = FTPServer(("127.0.0.1", 0), Handler, ioloop=IOLoop())
    threading.Thread(target=srv.serve_forever, kwargs={"timeout": 0.2, "handle_exit": False},
                     daemon=True).start()
    return srv


def files():
    os.mkdir(os.path.join(ROOT, "logs"))
    with open(os.path.join(ROOT, "readme.txt"), "wb") as f:
        f.write(b"first line\nsecond line\n")
    with open(os.path.join(ROOT, "big.bin"), "wb") as f:
        f.write(bytes((33 + i % 90) for i in range(2000)))
    with open(os.path.join(ROOT, "logs", "boot.log"), "wb") as f:
        f.write(b"boot ok\n")
    for name in ("logs/boot.log", "logs", "readme.txt", "big.bin"):
        os.utime(os.path.join(ROOT, name), (1614859200, 1614859200))


logging.basicConfig(level=logging.WARNING)
files()
MAIN, IDLE, SECURE = server(), server(timeout=1), server(tls=True)
P, Q, S = MAIN.address[1], IDLE.address[1], SECURE.address[1]
TAG = 3107


def start(*extra):
    link = StdioLink(SIM, "1.8", "--resolve", "files.ftp-test.example=127.0.0.1",
                     "--resolve", "idle.ftp-test.example:21=127.0.0.1:%d" % Q,
                     "--resolve", "idle.ftp-test.example=127.0.0.1", *extra)

    def fail(text):
        print(host.transcript())
        link.proc.kill()
        print(link.close()[-3000:])
        for srv in (MAIN, IDLE, SECURE):
            srv.close_all()
        sys.exit(text)

    host = Host(link, fail)
    host.command("AT", "OK\r\n")
    return host, link, fail


host, link, fail = start()


def closed(link):
    """The session's end; the sanitizers' findings (an ASan build) fail it."""
    log = link.close()
    if re.search(r"Sanitizer|runtime error:", log):
        print(log[-3000:])
        sys.exit("the sanitizers found something")


def register():
    host.command("AT+CFUN=1", "OK")
    for _ in range(80):
        if ",1\r\n" in host.command("AT+CEREG?", "OK") or ",5\r\n" in host.seen[-1][1]:
            return
        time.sleep(0.1)
    fail("no registration")


def answer(line, final=OK, within=20.0):
    """The bytes up to the final result; the data ports seen (PASV).  A
    line in brackets is not sent: it names what the host did before."""
    if not line.startswith("("):
        link.write((line + "\r\n").encode())
    got = b""
    end = time.monotonic() + within
    while time.monotonic() < end and not (final and got.endswith(final)):
        got += link.read(4096)
    host.seen.append((line, got.decode(errors="replace")))
    return got, [b"127,0,0,1,%s,%s" % m for m in PASV.findall(got)]


def exact(line, want, final=None, within=20.0):
    """want may hold PASV for the data port of each transfer."""
    if final is None:
        final = ERROR if want.endswith(ERROR) else OK
    got, ports = answer(line, final, within)
    parts = want.split(b"PASV")
    if len(parts) - 1 <= len(ports):
        want = b"".join(p + (ports[i] if i < len(parts) - 1 else b"") for i, p in enumerate(parts))
    if got != want:
        fail("after %s the host saw %r, not %r" % (line, got, want))
    return got


def sent(*lines):
    for _ in range(50):
        if GOT[-len(lines):] == list(lines):
            return
        time.sleep(0.1)
    fail("the server got %r, not %r" % (GOT[-len(lines):], list(lines)))


def on_disk(name, want):
    path = os.path.join(ROOT, name)
    data = open(path, "rb").read() if os.path.exists(path) else None
    if data != want:
        fail("%s on the server is %r, not %r" % (name, data, want))


def transfer(data=b"", twice=False):
    ok = b"226 Transfer complete.\r\n"
    return (b"227 Entering passive mode (PASV).\r\n150 File status okay. About to open data "
            b"connection.\r\n" + ok + (ok if twice else b"") + data)


# Before the network: no lookup; without a session nothing is sent.
host.exact('AT#XFTP="open","field-unit","pw-2026!","files.ftp-test.example",%d' % P, ERROR)
host.exact('AT#XFTP="pwd"', ERROR)
host.exact('AT#XFTP="ls"', ERROR)
host.exact('AT#XFTP="close"', OK)
host.exact("AT#XFTP?", ERROR)
host.exact("AT#XFTP=?", ERROR)
host.exact("AT#XFTP=1", ERROR)
host.exact('AT#XFTP="list"', ERROR)
host.command('AT%%CMNG=0,%d,0,"%s"' % (TAG, open(os.path.join(CERTS, "ca.crt")).read()), "OK")
register()

# open: the greeting, OPTS UTF8 ON (pyftpdlib wants a log-in first), USER, PASS.
exact('AT#XFTP="OPEN","field-unit","pw-2026!","files.ftp-test.example",%d' % P,
      b"220 pyftpdlib 1.5.7 ready.\r\n530 Log in with USER and PASS first.\r\n"
      b"331 Username ok, send password.\r\n230 Login successful.\r\n" + OK)
sent("OPTS UTF8 ON", "USER field-unit", "PASS pw-2026!")
exact('AT#XFTP="open","field-unit","pw-2026!","files.ftp-test.example",%d' % P, ERROR)
# The control socket holds the modem's lowest fd: #XSOCKET gets the next one.
exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 1,1,6\r\n" + OK)
exact("AT#XSOCKET=0", b'\r\n#XSOCKET: 0,"closed"\r\n' + OK)
exact('AT#XFTP="status"', b"215 UNIX Type: L8\r\n211-FTP server status:\r\n Connected to: "
      b"127.0.0.1:%d\r\n Logged in as: field-unit\r\n TYPE: ASCII; STRUcture: File; MODE: "
      b"Stream\r\n Data connection closed.\r\n211 End of status.\r\n" % P + OK)
sent("SYST", "STAT")
exact('AT#XFTP="pwd"', b'257 "/" is the current directory.\r\n' + OK)
# ls: NLST without options or folder, LIST with them; the listing after 226.
exact('AT#XFTP="ls"', transfer("".join(n + "\r\n" for n in sorted(os.listdir(ROOT))).encode())
      + OK)
sent("PASV", "NLST")
fs = AbstractedFS(ROOT, types.SimpleNamespace(use_gmt_times=True, unicode_errors="replace"))
exact('AT#XFTP="ls","-l"', transfer(b"".join(fs.format_list(ROOT, sorted(os.listdir(ROOT)))))
      + OK)
sent("PASV", "LIST -l")
exact('AT#XFTP="ls","","logs"', transfer(b"".join(fs.format_list(os.path.join(ROOT, "logs"),
                                                                 ["boot.log"]))) + OK)
sent("PASV", "LIST logs")
# get: ASCII turns LF into CR LF; the 226 is passed on twice.
exact('AT#XFTP="get","readme.txt"',
      transfer(b"first line\r\nsecond line\r\n", twice=True) + OK)
sent("PASV", "RETR readme.txt")
exact('AT#XFTP="binary"', b"200 Type set to: Binary.\r\n" + OK)
exact('AT#XFTP="get","readme.txt"', transfer(b"first line\nsecond line\n", twice=True) + OK)
# 2000 bytes arrive in 708-byte segments: the first fills the buffer past
# the room for the second (1416 > 1252) and the last (1292): both dropped.
exact('AT#XFTP="get","big.bin"', transfer(open(os.path.join(ROOT, "big.bin"), "rb").read()[:708],
                                          twice=True) + OK)
exact('AT#XFTP="ascii"', b"200 Type set to: ASCII.\r\n" + OK)
sent("TYPE A")
exact('AT#XFTP="cd","logs"', b'250 "/logs" is the current directory.\r\n' + OK)
exact('AT#XFTP="pwd"', b'257 "/logs" is the current directory.\r\n' + OK)
exact('AT#XFTP="cd",".."', b'250 "/" is the current directory.\r\n' + OK)
sent("CDUP")
exact('AT#XFTP="cd","nowhere"', b"550 No such file or directory.\r\n" + ERROR)
exact('AT#XFTP="mkdir","up"', b'257 "/up" directory created.\r\n' + OK)
sent("MKD up")

# put with the data as a parameter; then in data mode (no OK: the SLM is in
# data mode), the server's replies, #XDATAMODE: 0 when the put is done.
exact('AT#XFTP="put","up/one.txt","hello, one"', transfer() + OK)
sent("PASV", "STOR up/one.txt")
on_disk("up/one.txt", b"hello, one")
exact('AT#XFTP="put","up/two.txt"', b"", final=b"", within=0.3)
link.write(b"payload\r\nof two")
exact("(data mode: payload of two)", transfer() + b"\r\n#XDATAMODE: 0\r\n", final=b"#XDATAMODE: 0\r\n")
on_disk("up/two.txt", b"payload\nof two")	# ASCII: the server stores LF
host.exact("AT", OK)
# mput appends each chunk until "+++"; with data it appends once.
exact('AT#XFTP="mput","up/log.txt"', b"", final=b"", within=0.3)
for part in (b"part-1;", b"part-2;"):
    link.write(part)
    exact("(mput data)", transfer(), final=b"226 Transfer complete.\r\n")
time.sleep(1.2)
link.write(b"+++")
host.expect(OK, what="+++ after mput")
on_disk("up/log.txt", b"part-1;part-2;")
exact('AT#XFTP="mput","up/log.txt","tail"', transfer() + OK)
sent("PASV", "APPE up/log.txt")
on_disk("up/log.txt", b"part-1;part-2;tail")
# uput: STOU, the server names the file.
got, ports = answer('AT#XFTP="uput","unique bytes"')
name = re.search(rb"150 FILE: (\S+)\r\n", got)
if not name or got != (b"227 Entering passive mode (%s).\r\n150 FILE: %s\r\n226 Transfer "
                       b"complete.\r\n" % (ports[0], name.group(1)) + OK):
    fail("uput: %r" % got)
on_disk(name.group(1).decode(), b"unique bytes")
exact('AT#XFTP="rename","up/one.txt","up/uno.txt"',
      b"350 Ready for destination name.\r\n250 Renaming ok.\r\n" + OK)
sent("RNFR up/one.txt", "RNTO up/uno.txt")
on_disk("up/uno.txt", b"hello, one")
exact('AT#XFTP="delete","up/uno.txt"', b"250 File removed.\r\n" + OK)
on_disk("up/uno.txt", None)
exact('AT#XFTP="delete","up/uno.txt"', b"550 No such file or directory.\r\n" + ERROR)
exact('AT#XFTP="rmdir","up"', b"550 Directory not empty.\r\n" + ERROR)
sent("RMD up")
# Verbose off: the replies are not shown; "on" shows them again.
exact('AT#XFTP="verbose","off"', b"\r\nVerbose mode off\r\n" + OK)
exact('AT#XFTP="pwd"', OK)
exact('AT#XFTP="verbose","ON"', b"\r\nVerbose mode on\r\n" + OK)
exact('AT#XFTP="verbose","maybe"', ERROR)
exact('AT#XFTP="close"', b"221 Goodbye.\r\n" + OK)
sent("QUIT")
exact('AT#XFTP="close"', OK)
exact('AT#XFTP="pwd"', ERROR)

# Anonymous on the default port 21; a wrong password.
exact('AT#XFTP="open",,,"idle.ftp-test.example"',
      b"220 pyftpdlib 1.5.7 ready.\r\n530 Log in with USER and PASS first.\r\n"
      b"331 Username ok, send password.\r\n230 Login successful.\r\n" + OK)
sent("OPTS UTF8 ON", "USER anonymous", "PASS anonymous@example.com")
# The server's idle time-out: its 421 waits in the socket for the next
# receive; then the connection is gone (POLLHUP: the library's 901).
time.sleep(2.5)
exact('AT#XFTP="pwd"', b"421 Control connection timed out.\r\n" + ERROR)
exact('AT#XFTP="pwd"', b'\r\n#XFTP: -104,"disconnected"\r\n' + ERROR)
exact('AT#XFTP="pwd"', ERROR)
exact('AT#XFTP="open","field-unit","wrong","files.ftp-test.example",%d' % P,
      b"220 pyftpdlib 1.5.7 ready.\r\n530 Log in with USER and PASS first.\r\n"
      b"331 Username ok, send password.\r\n530 Authentication failed.\r\n" + ERROR)

# FTPS: the control connection and each data connection over TLS.
exact('AT#XFTP="open","field-unit","pw-2026!","files.ftp-test.example",%d,%d' % (S, TAG),
      b"220 pyftpdlib 1.5.7 ready.\r\n530 Log in with USER and PASS first.\r\n"
      b"331 Username ok, send password.\r\n230 Login successful.\r\n" + OK)
exact('AT#XFTP="put","sealed.txt","over TLS"', transfer() + OK)
on_disk("sealed.txt", b"over TLS")
exact('AT#XFTP="get","logs/boot.log"', transfer(b"boot ok\r\n", twice=True) + OK)
sent("PASV", "RETR logs/boot.log")
exact('AT#XFTP="close"', b"221 Goodbye.\r\n" + OK)
# A sec_tag without the CA: the handshake fails, nothing is shown.
exact('AT#XFTP="open","field-unit","pw-2026!","files.ftp-test.example",%d,%d' % (S, TAG + 1),
      ERROR)
closed(link)

# Keep-alive: a NOOP once a whole period (60 s) passed with no command; its
# reply is not shown.  The clock runs 40 times faster here.
host, link, fail = start("--time-scale", "40")
register()
exact('AT#XFTP="open","field-unit","pw-2026!","files.ftp-test.example",%d' % P,
      b"220 pyftpdlib 1.5.7 ready.\r\n530 Log in with USER and PASS first.\r\n"
      b"331 Username ok, send password.\r\n230 Login successful.\r\n" + OK)
time.sleep(3.5)
sent("NOOP")
exact("(keep-alive)", b"", final=b"", within=0.5)
exact('AT#XFTP="pwd"', b'257 "/" is the current directory.\r\n' + OK)
# A file the server does not have: its 550 is shown and the library waits
# on for a 226 until its 10 s listen time passes (0.25 s here).
exact('AT#XFTP="get","missing.bin"', b"227 Entering passive mode (PASV).\r\n550 No such file or "
      b"directory.\r\n" + ERROR)
sent("PASV", "RETR missing.bin")
# The network goes: the next send fails with ENETDOWN, the library's 905.
host.exact("AT+CFUN=4", OK)
exact('AT#XFTP="pwd"', b'\r\n#XFTP: -115,"disconnected"\r\n' + ERROR)
exact('AT#XFTP="pwd"', ERROR)
closed(link)
for srv in (MAIN, IDLE, SECURE):
    srv.close_all()
print("FTP client: %d server commands, every answer byte for byte" % len(GOT))
