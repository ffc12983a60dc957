"""Data mode per SLM generation through the real binary (`slmsim --stdio
--slm X`): a UDP socket's AT#XSENDTO without data, each datagram a local
UDP server receives, and every byte the host reads.  1.8: each read of the
line is a datagram, "+++" alone after a second of silence, OK.  1.9: the
time limit gathers, "+++" at the end of what it gathered, OK.  2.1: OK on
entry, #XDATAMODE: 0.  2.6: "+++" inside the input, the bytes after it a
command; a datagram over a full buffer: NULL mode until the host's "+++".
Usage: datamode_session.py SLMSIM"""
import os
import queue
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host, StdioLink

SIM = sys.argv[1]
GOT = queue.Queue()


def udp_sink():
    srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind(("127.0.0.1", 0))

    def run():
        while True:
            GOT.put(srv.recvfrom(4096)[0])

    threading.Thread(target=run, daemon=True).start()
    return srv.getsockname()[1]


PORT = udp_sink()


def session(slm):
    link = StdioLink(SIM, slm)

    def fail(text):
        print(host.transcript())
        link.proc.kill()
        print(link.close()[-3000:])
        sys.exit("%s: %s" % (slm, text))

    host = Host(link, fail)
    host.command("AT", "OK\r\n")
    host.command("AT+CFUN=1", "OK")
    for _ in range(80):
        got = host.command("AT+CEREG?", "OK")
        if ",1\r\n" in got or ",5\r\n" in got:
            break
        time.sleep(0.25)
    host.exact("AT#XSOCKET=1,2,0", b"\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n")
    return host, link, fail


def datagrams(fail, want):
    got = []
    while len(got) < len(want):
        try:
            got.append(GOT.get(timeout=10))
        except queue.Empty:
            break
    if got != want:
        fail("the server got %r, not %r" % (got, want))


def raw(host, data, want, what):
    host.link.write(data)
    host.expect(want, what=what)


def ncs18():
    host, link, fail = session("1.8")
    host.exact('AT#XSENDTO="127.0.0.1",%d' % PORT, b"")	# no answer on entry
    raw(host, b"one", b"", "a first read")
    datagrams(fail, [b"one"])
    time.sleep(1.2)	# a second of silence, each side
    raw(host, b"+++", b"", "+++")
    time.sleep(1.2)
    host.expect(b"\r\nOK\r\n", what="the silence after +++")
    link.close()


def ncs19():
    host, link, fail = session("1.9")
    host.exact('AT#XSENDTO="127.0.0.1",%d' % PORT, b"")
    raw(host, b"hello", b"", "data")
    datagrams(fail, [b"hello"])
    raw(host, b"a+++b", b"", "+++ inside")
    datagrams(fail, [b"a+++b"])
    raw(host, b"bye+++", b"\r\nOK\r\n", "+++ at the end")
    datagrams(fail, [b"bye"])
    host.exact("AT#XDATACTRL=0", b"\r\nERROR\r\n")
    link.close()


def ncs21():
    host, link, fail = session("2.1")
    host.exact('AT#XSENDTO="127.0.0.1",%d' % PORT, b"\r\nOK\r\n")
    raw(host, b"x21+++", b"\r\n#XDATAMODE: 0\r\n", "+++ at the end")
    datagrams(fail, [b"x21"])
    link.close()


def ncs26():
    host, link, fail = session("2.6")
    # A long time limit: the two writes below reach the same gathering,
    # however slowly this machine runs.
    host.exact("AT#XDATACTRL=10000", b"\r\nOK\r\n")
    host.exact('AT#XSENDTO="127.0.0.1",%d' % PORT, b"\r\nOK\r\n")
    raw(host, b"ab+", b"", "a part of +++")
    raw(host, b"++AT\r\n", b"\r\n#XDATAMODE: 0\r\n\r\nOK\r\n", "the rest, then AT")
    datagrams(fail, [b"ab"])
    # More than the 4096-byte buffer for one datagram: NULL mode, nothing
    # sent, input dropped until the host's +++, then -EOVERFLOW (139).
    host.exact('AT#XSENDTO="127.0.0.1",%d' % PORT, b"\r\nOK\r\n")
    raw(host, b"u" * 5000, b"", "5000 bytes for one datagram")
    raw(host, b"+++", b"\r\n#XDATAMODE: -139\r\n", "the host's +++")
    host.exact("AT", b"\r\nOK\r\n")
    if not GOT.empty():
        fail("a datagram of an overflowing buffer was sent")
    link.close()


for case in (ncs18, ncs19, ncs21, ncs26):
    case()
