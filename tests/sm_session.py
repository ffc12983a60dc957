"""A host in the Serial Modem's style (SM v1.0: CR ends a command, echo on
with ATE1, URCs after the answer) opens slmsim's pty with pyserial under
--slm sm-1.0 and drives a TCP socket by handle against an echo server of
its own, then an MQTT session against a real mosquitto (#XMQTTCFG and the
six-parameter #XMQTTCON).  Every answer is asserted byte for byte.

Usage: sm_session.py SLMSIM SRC-DIR CERTS-DIR"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import serial

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host

slmsim, src, certs = sys.argv[1:4]
tmp = tempfile.mkdtemp(prefix="sm-session-")
sim = None


def fail(text):
    if host:
        print(host.transcript())
    err = os.path.join(tmp, "sim.err")
    if os.path.exists(err):
        print("--- slmsim's log\n" + open(err).read())
    sys.exit(text)


host = None


def echo_server():
    """A TCP peer on an ephemeral loopback port: every byte comes back."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(2)

    def serve():
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            while True:
                data = conn.recv(4096)
                if not data:
                    break
                conn.sendall(data)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return srv


def start_sim(args):
    global sim
    err = open(os.path.join(tmp, "sim.err"), "w")
    sim = subprocess.Popen([slmsim] + args, stderr=err)
    end = time.monotonic() + 30
    while time.monotonic() < end and "slmsim: ready" not in open(err.name).read():
        if sim.poll() is not None:
            fail("slmsim exited: %s" % open(err.name).read())
        time.sleep(0.05)


class SmHost(Host):
    """The SM's host ends a command with CR alone."""

    def send(self, line):
        self.link.write((line + "\r").encode())

    def exact(self, line, want, within=20.0):
        self.send(line)
        self.expect(want, within, line)

    def answer(self, line, ends, within=20.0):
        """Sends line; everything up to and including ends."""
        self.send(line)
        got = b""
        end = time.monotonic() + within
        while time.monotonic() < end and not got.endswith(ends):
            got += self.link.read(1)
        self.seen.append((line, got.decode(errors="replace")))
        if not got.endswith(ends):
            self.on_fail("no %r after %s" % (ends, line))
        return got


def register(h):
    h.exact("AT+CEREG=1", b"AT+CEREG=1\r\r\nOK\r\n")
    h.exact("AT+CFUN=1", b"AT+CFUN=1\r\r\nOK\r\n")
    h.expect(b"\r\n+CEREG: 2\r\n", what="searching")
    h.expect(b"\r\n+CEREG: ", within=30, what="registered")
    stat = h.link.read(3)
    if stat not in (b"1\r\n", b"5\r\n"):
        fail("not registered: +CEREG: %r" % stat)


def socket_session(h):
    # Handle first, every line names the socket; the NCS forms are gone.
    h.exact("AT#XSOCKET=1,1,0", b"AT#XSOCKET=1,1,0\r\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n")
    h.exact("AT#XSOCKET=1,0,0", b"AT#XSOCKET=1,0,0\r\r\nERROR\r\n")
    h.exact('AT#XCONNECT=0,"echo.sm-test.example",7',
            b'AT#XCONNECT=0,"echo.sm-test.example",7\r\r\n#XCONNECT: 0,1\r\n\r\nOK\r\n')
    h.exact('AT#XSEND=0,0,0,"hello, serial modem"',
            b'AT#XSEND=0,0,0,"hello, serial modem"\r\r\n#XSEND: 0,0,19\r\n\r\nOK\r\n')
    time.sleep(0.3)
    h.exact("AT#XRECV=0,0,0,10",
            b"AT#XRECV=0,0,0,10\r\r\n#XRECV: 0,0,19\r\nhello, serial modem\r\nOK\r\n")
    # Automatic reception: the bytes come unasked, after the send's OK.
    h.exact("AT#XRECVCFG=0,1", b"AT#XRECVCFG=0,1\r\r\nOK\r\n")
    h.exact('AT#XSEND=0,1,0,"00415A0d0a"',
            b'AT#XSEND=0,1,0,"00415A0d0a"\r\r\n#XSEND: 0,0,5\r\n\r\nOK\r\n')
    h.expect(b"\r\n#XRECV: 0,0,5\r\n\x00AZ\r\n\r\n", what="automatic reception")
    # Data mode for exactly 6 bytes, "+++" among them.
    h.exact("AT#XSEND=0,2,0,6", b"AT#XSEND=0,2,0,6\r\r\nOK\r\n")
    h.link.write(b"ab+++c")
    h.expect(b"\r\n#XDATAMODE: 0\r\n", what="<data_len> bytes sent")
    h.expect(b"\r\n#XRECV: 0,0,6\r\nab+++c\r\n", what="the echo of the data")
    h.exact("AT#XCLOSE", b"AT#XCLOSE\r\r\n#XCLOSE: 0,0\r\n\r\nOK\r\n")


def mqtt_session(h):
    h.exact('AT#XMQTTCFG="sm-pyserial-7",60,1', b'AT#XMQTTCFG="sm-pyserial-7",60,1\r\r\nOK\r\n')
    # The URC follows the OK (URCs wait for the answer in SM).
    h.exact('AT#XMQTTCON=1,"","","mq.sm-test.example",1883',
            b'AT#XMQTTCON=1,"","","mq.sm-test.example",1883\r\r\nOK\r\n')
    h.expect(b"\r\n#XMQTTEVT: 0,0\r\n", what="CONNACK")
    h.exact('AT#XMQTTSUB="sm/+/state",1', b'AT#XMQTTSUB="sm/+/state",1\r\r\nOK\r\n')
    h.expect(b"\r\n#XMQTTEVT: 7,0\r\n", what="SUBACK")
    h.exact('AT#XMQTTPUB="sm/4/state","open",1,0',
            b'AT#XMQTTPUB="sm/4/state","open",1,0\r\r\nOK\r\n')
    # PUBACK and the message the broker sends back, in either order.
    got = b""
    end = time.monotonic() + 20
    while time.monotonic() < end and not (b"#XMQTTEVT: 3,0\r\n" in got and
                                          b"#XMQTTEVT: 2,0\r\n" in got):
        got += h.link.read(64)
    h.seen.append(("(PUBACK and the message)", got.decode(errors="replace")))
    want = {b"\r\n#XMQTTEVT: 3,0\r\n",
            b"\r\n#XMQTTMSG: 10,4\r\nsm/4/state\r\nopen\r\n\r\n#XMQTTEVT: 2,0\r\n"}
    if not all(w in got for w in want) or len(got) != sum(len(w) for w in want):
        fail("not the PUBACK and the own message alone: %r" % got)
    h.exact("AT#XMQTTCON=0", b"AT#XMQTTCON=0\r\r\nOK\r\n")
    h.expect(b"\r\n#XMQTTEVT: 1,0\r\n", what="DISCONNECT")


def main():
    global host
    os.mkdir(os.path.join(tmp, "broker"))
    subprocess.run([os.path.join(src, "ci", "broker"), "start", os.path.join(tmp, "broker"),
                    certs], check=True, stdout=subprocess.DEVNULL)
    ports = dict(l.strip().split("=", 1) for l in open(os.path.join(tmp, "broker", "ports")))
    peer = echo_server()
    tty = os.path.join(tmp, "tty")
    start_sim(["--link", tty, "--slm", "sm-1.0",
               "--resolve", "echo.sm-test.example:7=127.0.0.1:%d" % peer.getsockname()[1],
               "--resolve", "mq.sm-test.example:1883=127.0.0.1:%s" % ports["plain"]])
    link = serial.Serial(tty, 115200, timeout=0.1)
    host = SmHost(link, fail)
    # Ready went out before the pty was opened (or not): an answer first.
    host.answer("AT", b"\r\nOK\r\n")
    host.exact("ATE1", b"\r\nOK\r\n")
    host.exact("AT", b"AT\r\r\nOK\r\n")
    host.exact("AT#XSMVER", b'AT#XSMVER\r\r\n#XSMVER: "v1.0.0","3.2.2"\r\n\r\nOK\r\n')
    register(host)
    socket_session(host)
    mqtt_session(host)
    host.exact("ATE0", b"ATE0\r\r\nOK\r\n")
    host.exact("AT", b"\r\nOK\r\n")
    # Input sent while a command runs is queued (2.5+, SM): both run.
    host.exact("AT#XSMVER\rAT+CGMI", b'\r\n#XSMVER: "v1.0.0","3.2.2"\r\n\r\nOK\r\n'
               b"\r\nNordic Semiconductor ASA\r\n\r\nOK\r\n")
    peer.close()
    print("SM pyserial session: %d exchanges, every byte as SM v1.0 writes it" % len(host.seen))


try:
    main()
finally:
    if sim:
        sim.terminate()
        try:
            sim.wait(timeout=30)
        except subprocess.TimeoutExpired:
            sim.kill()
    subprocess.run([os.path.join(src, "ci", "broker"), "stop", os.path.join(tmp, "broker")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(tmp, ignore_errors=True)
