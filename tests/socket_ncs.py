"""The socket model of NCS 2.0-3.1 on `slmsim --stdio --slm X`, byte for byte,
against a local TCP echo server and a local UDP echo server: several sockets
and #XSOCKETSELECT, #XPOLL, the #XRECV/#XRECVFROM header before the data,
<cid> and <flags>, the read shapes of each generation; and NCS 1.8 still
serving one socket, its data before its header.
Usage: socket_ncs.py SLMSIM"""
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host, StdioLink

SIM = sys.argv[1]


def tcp_echo():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def one(c):
        while True:
            d = c.recv(4096)
            if not d:
                c.close()
                return
            c.sendall(d)

    def run():
        while True:
            c, _ = srv.accept()
            threading.Thread(target=one, args=(c,), daemon=True).start()

    threading.Thread(target=run, daemon=True).start()
    return srv.getsockname()[1]


def udp_echo():
    srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind(("127.0.0.1", 0))

    def run():
        while True:
            d, a = srv.recvfrom(4096)
            srv.sendto(d[::-1], a)	# reversed: the answer is not the request

    threading.Thread(target=run, daemon=True).start()
    return srv.getsockname()[1]


TCP, UDP = tcp_echo(), udp_echo()


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
    return host, link


def wait_echo():
    time.sleep(0.3)	# the echo servers answer on loopback at once


def ncs18():
    host, link = session("1.8")
    host.exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=1,2,0", b"\r\nERROR\r\n")
    host.exact("AT#XSOCKET?", b"\r\n#XSOCKET: 0,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT?", b"\r\nERROR\r\n")
    host.exact("AT#XPOLL=0", b"\r\nERROR\r\n")
    host.exact('AT#XCONNECT="127.0.0.1",%d' % TCP, b"\r\n#XCONNECT: 1\r\n\r\nOK\r\n")
    host.exact('AT#XSEND="ping-18"', b"\r\n#XSEND: 7\r\n\r\nOK\r\n")
    wait_echo()
    host.exact("AT#XRECV=2", b"ping-18\r\n#XRECV: 7\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=0", b"\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=7", b"\r\nOK\r\n")
    link.close()


def ncs20():
    host, link = session("2.0")
    host.exact("AT#XSOCKET?", b"\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT?", b"\r\nOK\r\n")
    host.exact("AT#XSOCKET=1,2,0", b"\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n")
    host.exact("AT#XSSOCKET=1,1,0,3141", b"\r\n#XSSOCKET: 2,1,258\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET?", b"\r\n#XSOCKET: 2,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XSSOCKET?", b"\r\n#XSSOCKET: 2,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT?",
               b"\r\n#XSOCKETSELECT: 0,1,0,2,-1,1\r\n"
               b"\r\n#XSOCKETSELECT: 1,1,0,1,-1,2\r\n"
               b"\r\n#XSOCKETSELECT: 2,1,0,1,3141,3\r\n"
               b"\r\n#XSOCKETSELECT: 2\r\n\r\nOK\r\n")
    # Closing the current socket makes the newest one left current.
    host.exact("AT#XSOCKET=0", b"\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET?", b"\r\n#XSOCKET: 1,1,0\r\n\r\nOK\r\n")
    host.exact('AT#XCONNECT="127.0.0.1",%d' % TCP, b"\r\n#XCONNECT: 1\r\n\r\nOK\r\n")
    host.exact('AT#XSEND="over tcp"', b"\r\n#XSEND: 8\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT=0", b"\r\n#XSOCKETSELECT: 0,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT=2", b"\r\nERROR\r\n")
    host.exact("AT#XSOCKETSELECT=-1", b"\r\nERROR\r\n")
    host.exact('AT#XSENDTO="127.0.0.1",%d,"udp-20"' % UDP, b"\r\n#XSENDTO: 6\r\n\r\nOK\r\n")
    wait_echo()
    host.exact("AT#XPOLL=1000", b'\r\n#XPOLL: 0,"0x00000001"\r\n'
               b'\r\n#XPOLL: 1,"0x00000001"\r\n\r\nOK\r\n')
    host.exact("AT#XPOLL=1000,1,0", b'\r\n#XPOLL: 1,"0x00000001"\r\n'
               b'\r\n#XPOLL: 0,"0x00000001"\r\n\r\nOK\r\n')
    host.exact("AT#XPOLL=100,5", b"\r\nERROR\r\n")
    host.exact("AT#XRECVFROM=2", b'\r\n#XRECVFROM: 6,"127.0.0.1"\r\n02-pdu\r\nOK\r\n')
    host.exact("AT#XSOCKETSELECT=1", b"\r\n#XSOCKETSELECT: 1,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XRECV=2", b"\r\n#XRECV: 8\r\nover tcp\r\nOK\r\n")
    # Nothing readable: the poll waits its time-out, then OK alone.
    host.exact("AT#XPOLL=300", b"\r\nOK\r\n")
    host.exact("AT#XPOLL=0,1", b"\r\nOK\r\n")
    host.exact("AT#XSOCKET=3", b"\r\nERROR\r\n")
    host.exact("AT#XSOCKETSELECT=?", b"\r\nOK\r\n")
    link.close()


def ncs20_full():
    """Eight sockets at most; the ninth is refused before its type is read."""
    host, link = session("ncs-2.0")
    for h in range(8):
        host.exact("AT#XSOCKET=1,2,0", b"\r\n#XSOCKET: %d,2,17\r\n\r\nOK\r\n" % h)
    host.exact("AT#XSOCKET=1,9,0", b"\r\nERROR\r\n")
    host.exact("AT#XSOCKETSELECT=5", b"\r\n#XSOCKETSELECT: 5,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=0", b"\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET?", b"\r\n#XSOCKET: 7,1,0\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 5,1,6\r\n\r\nOK\r\n")
    link.close()


def ncs21():
    host, link = session("2.3")
    host.exact("AT#XSOCKET=1,2,0,4", b"\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=1,1,0,11", b"\r\nERROR\r\n")
    host.exact("AT#XSSOCKET=1,1,0,2718,2,1", b"\r\n#XSSOCKET: 1,1,258\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET?", b"\r\n#XSOCKET: 1,1,0,1,1\r\n\r\nOK\r\n")
    host.exact("AT#XSSOCKET?", b"\r\n#XSSOCKET: 1,1,0,1,2718,1\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT?",
               b"\r\n#XSOCKETSELECT: 0,1,0,2,-1,1,4\r\n"
               b"\r\n#XSOCKETSELECT: 1,1,0,1,2718,2,1\r\n"
               b"\r\n#XSOCKETSELECT: 1\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKETSELECT=0", b"\r\n#XSOCKETSELECT: 0\r\n\r\nOK\r\n")
    host.exact("AT#XSOCKET=?", b"\r\n#XSOCKET: (0,1,2),(1,2,3),(0,1),<cid>\r\nOK\r\n")
    host.exact("AT#XSSOCKET=?",
               b"\r\n#XSSOCKET: (0,1,2),(1,2),(0,1)<sec-tag>,<peer_verify>,<cid>\r\n\r\nOK\r\n")
    host.exact('AT#XSENDTO="127.0.0.1",%d,"abc-21"' % UDP, b"\r\n#XSENDTO: 6\r\n\r\nOK\r\n")
    wait_echo()
    host.exact("AT#XPOLL=1000,0", b'\r\n#XPOLL: 0,"0x0001"\r\n\r\nOK\r\n')
    host.exact("AT#XRECVFROM=2,0", b'\r\n#XRECVFROM: 6,"127.0.0.1"\r\n12-cba\r\nOK\r\n')
    # MSG_DONTWAIT with nothing there: recv() fails at once.
    host.exact("AT#XRECV=0,64", b"\r\nERROR\r\n")
    link.close()


def ncs25():
    host, link = session("2.5")
    host.exact("AT#XSOCKET=1,2,0", b"\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n")
    host.exact('AT#XSENDTO="127.0.0.1",%d,"port-25"' % UDP, b"\r\n#XSENDTO: 7\r\n\r\nOK\r\n")
    wait_echo()
    host.exact("AT#XRECVFROM=2", b'\r\n#XRECVFROM: 7,"127.0.0.1",%d\r\n52-trop\r\nOK\r\n' % UDP)
    link.close()


OK = b"\r\nOK\r\n"
ERR = b"\r\nERROR\r\n"
NOT_SUPPORTED = b'\r\n#XSSOCKETOPT: "not supported"\r\n\r\nERROR\r\n'


def tls_options(slm, exchanges):
    """AT#XSSOCKETOPT on a fresh TLS socket: each generation's numbers."""
    host, link = session(slm)
    host.exact("AT#XSSOCKET=1,1,0,%d" % (600 + len(slm)), b"\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n")
    for line, want in exchanges:
        host.exact(line, want)
    link.close()


def value(v):
    return b"\r\n#XSSOCKETOPT: %s\r\n\r\nOK\r\n" % v


UP_TO_20 = [("AT#XSSOCKETOPT=1,10,1", OK), ("AT#XSSOCKETOPT=1,11,1", OK),
            ("AT#XSSOCKETOPT=1,12,20", OK), ("AT#XSSOCKETOPT=1,13,1", ERR),
            ("AT#XSSOCKETOPT=1,3,1", NOT_SUPPORTED), ("AT#XSSOCKETOPT=1,9,1", NOT_SUPPORTED),
            ("AT#XSSOCKETOPT=0,4", value(b"0")), ("AT#XSSOCKETOPT=0,12", OK),
            ("AT#XSSOCKETOPT=?", b"\r\n#XSSOCKETOPT: (1),<name>,<value>\r\n\r\nOK\r\n")]
FROM_21 = [("AT#XSSOCKETOPT=1,10,1", ERR), ("AT#XSSOCKETOPT=1,12,1", OK),
           ("AT#XSSOCKETOPT=1,13,1", OK), ("AT#XSSOCKETOPT=1,14,20", OK),
           ("AT#XSSOCKETOPT=1,18,20", ERR), ("AT#XSSOCKETOPT=1,7,1", NOT_SUPPORTED),
           ("AT#XSSOCKETOPT=0,4", value(b"0")), ("AT#XSSOCKETOPT=0,14", OK)]
FROM_25 = [("AT#XSSOCKETOPT=1,12,1", OK), ("AT#XSSOCKETOPT=1,18,45", OK),
           ("AT#XSSOCKETOPT=1,14,1", OK), ("AT#XSSOCKETOPT=1,3,1", ERR),
           ("AT#XSSOCKETOPT=0,18", value(b"45")), ("AT#XSSOCKETOPT=0,12", value(b"1")),
           ("AT#XSSOCKETOPT=0,15", value(b"0")), ("AT#XSSOCKETOPT=0,5", value(b"2")),
           ("AT#XSSOCKETOPT=0,4", ERR),	# mfw 1.3.x: no TLS_CIPHERSUITE_USED
           ("AT#XSSOCKETOPT=0,9", ERR),
           ("AT#XSSOCKETOPT=?", b"\r\n#XSSOCKETOPT: (0,1),<name>,<value>\r\n\r\nOK\r\n")]
FROM_26 = FROM_25[:4] + [("AT#XSSOCKETOPT=1,2,\"iot.example.org\"", OK),
                         ("AT#XSSOCKETOPT=0,2", value(b"iot.example.org")),
                         ("AT#XSSOCKETOPT=1,2,\"NULL\"", OK),
                         ("AT#XSSOCKETOPT=0,2", value(b""))]

def ncs31():
    """About 3.1: send <flags>, empty data for data mode; 3.0 has neither."""
    host, link = session("3.1")
    host.exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n")
    host.exact('AT#XCONNECT="127.0.0.1",%d' % TCP, b"\r\n#XCONNECT: 1\r\n\r\nOK\r\n")
    host.exact('AT#XSEND="flagged",512', b"\r\n#XSEND: 7\r\n\r\nOK\r\n")
    wait_echo()
    host.exact("AT#XRECV=2", b"\r\n#XRECV: 7\r\nflagged\r\nOK\r\n")
    host.exact("AT#XSEND=,512", b"\r\nOK\r\n")
    link.write(b"dm-31-bytes")
    time.sleep(0.6)
    link.write(b"+++")
    host.expect(b"\r\n#XDATAMODE: 0\r\n", what="+++")
    wait_echo()
    host.exact("AT#XRECV=2", b"\r\n#XRECV: 11\r\ndm-31-bytes\r\nOK\r\n")
    link.close()
    host, link = session("3.0")
    host.exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n")
    host.exact('AT#XCONNECT="127.0.0.1",%d' % TCP, b"\r\n#XCONNECT: 1\r\n\r\nOK\r\n")
    host.exact("AT#XSEND=,512", b"\r\nERROR\r\n")
    host.exact('AT#XSEND=""', b"\r\n#XSEND: 0\r\n\r\nOK\r\n")
    link.close()


for case in (ncs18, ncs20, ncs20_full, ncs21, ncs25, ncs31):
    case()
tls_options("1.8", UP_TO_20)
tls_options("2.0", UP_TO_20)
tls_options("2.4", FROM_21)
tls_options("2.5", FROM_25)
tls_options("3.0", FROM_26)
