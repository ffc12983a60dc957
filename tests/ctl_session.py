"""slmctl drives the world of a live slmsim while a pyserial host runs a
session on its pty against a real mosquitto: the signal fades, another
client publishes, the broker kicks the client, the network goes and comes
back, the cell and the PSM grant change, the modem resets.  Every byte the
host sees is asserted.  Then a fleet under --virtual-time: a 10-minute
network loss on one modem passes at once and leaves its neighbour alone,
and refused commands change nothing.

Usage: ctl_session.py SLMSIM SLMCTL SRC-DIR CERTS-DIR"""
import json
import os
import shutil
import subprocess
import sys
import socket
import tempfile
import time

import serial

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host

slmsim, slmctl, src, certs = sys.argv[1:5]
tmp = tempfile.mkdtemp(prefix="slmctl-test-")
sims = []
hosts = []


def fail(text):
    for h in hosts:
        print(h.transcript())
    for name in ("sim.err", "sim2.err", "sim3.err"):
        path = os.path.join(tmp, name)
        if os.path.exists(path):
            print("--- %s\n%s" % (name, open(path).read()))
    sys.exit(text)


def start_sim(args, err_name):
    err = open(os.path.join(tmp, err_name), "w")
    proc = subprocess.Popen([slmsim] + args, stderr=err)
    sims.append(proc)
    end = time.monotonic() + 30
    while time.monotonic() < end and "slmsim: ready" not in open(err.name).read():
        if proc.poll() is not None:
            fail("slmsim exited: %s" % open(err.name).read())
        time.sleep(0.05)
    return proc


def ctl(control, *args, modem=None, rc=0, says=""):
    cmd = [slmctl, "--control", control] + (["--modem", str(modem)] if modem is not None else [])
    r = subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=60)
    out = r.stdout + r.stderr
    if r.returncode != rc or says not in out:
        fail("slmctl %s: exit %d (want %d), said %r (want %r)" % (" ".join(args), r.returncode,
                                                                rc, out, says))
    return r.stdout.strip()


def open_host(path):
    h = Host(serial.Serial(path, 115200, timeout=0.1), fail)
    hosts.append(h)
    return h


def single_modem(broker_port):
    control = os.path.join(tmp, "ctl")
    start_sim(["--link", os.path.join(tmp, "tty"), "--control", control,
               "--resolve", "mq.ctl-test.example:1883=127.0.0.1:%d" % broker_port,
               "--set", "network.tac=4B1D", "--set", "network.ci=00C0FFEE",
               "--set", "network.status=home", "--set", "network.rsrp=58",
               "--set", "network.rsrq=27"], "sim.err")
    # "Ready" went out before anyone opened the pty: lost, as on a UART.
    h = open_host(os.path.join(tmp, "tty"))
    h.exact("AT+CEREG=5", b"\r\nOK\r\n")
    h.exact("AT%CESQ=1", b"\r\nOK\r\n")
    h.exact('AT+CEDRXS=2,4,"0101"', b"\r\nOK\r\n")
    h.exact("AT+CFUN=1", b"\r\nOK\r\n\r\n+CEREG: 2,\"4B1D\",\"00C0FFEE\",7\r\n")
    h.expect(b"\r\n+CEREG: 1,\"4B1D\",\"00C0FFEE\",7,,,\"00011110\",\"11100000\"\r\n"
             b"\r\n%CESQ: 58,2,27,2\r\n", what="registration")

    # The signal fades across a threshold: %CESQ, and +CESQ shows it.
    ctl(control, "signal", "-121", "-13.5", says="signal")
    h.expect(b"\r\n%CESQ: 19,0,12,1\r\n", what="signal -121 -13.5")
    h.exact("AT+CESQ", b"\r\n+CESQ: 99,99,255,255,12,19\r\nOK\r\n")
    # A bad argument is refused and changes nothing.
    ctl(control, "signal", "-30", rc=1, says="RSRP_DBM is an integer -140..-43")
    h.exact("AT+CESQ", b"\r\n+CESQ: 99,99,255,255,12,19\r\nOK\r\n")

    h.exact('AT#XMQTTCON=1,"ctl-host-31","","","mq.ctl-test.example",1883',
            b"\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n")
    h.exact('AT#XMQTTSUB="plant/+/valve",1', b"\r\nOK\r\n\r\n#XMQTTEVT: 7,0\r\n")
    ctl(control, "publish", "plant/4/valve", "close it", "1", says="published")
    h.expect(b"\r\n#XMQTTMSG: 13,8\r\nplant/4/valve\r\nclose it\r\n\r\n#XMQTTEVT: 2,0\r\n",
             what="publish")
    # The broker kicks the client: Zephyr's -ENOTCONN.
    ctl(control, "broker-disconnect", says="broker-disconnect")
    h.expect(b"\r\n#XMQTTEVT: 1,-128\r\n", what="broker-disconnect")
    h.exact("AT#XMQTTCON?", b'\r\n#XMQTTCON: 0,"ctl-host-31","mq.ctl-test.example",1883\r\n'
            b"\r\nOK\r\n")
    ctl(control, "broker-disconnect", rc=1, says="no MQTT connection")
    h.exact('AT#XMQTTCON=1,"ctl-host-31","","","mq.ctl-test.example",1883',
            b"\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n")

    # The network goes: the connection is aborted; it comes back 1 s later.
    ctl(control, "net-loss", "1", says="back in 1.000 s")
    h.expect(b"\r\n+CEREG: 2,\"4B1D\",\"00C0FFEE\",7\r\n\r\n#XMQTTEVT: 1,-113\r\n",
             what="net-loss")
    h.expect(b"\r\n+CEREG: 1,\"4B1D\",\"00C0FFEE\",7,,,\"00011110\",\"11100000\"\r\n"
             b"\r\n%CESQ: 19,0,12,1\r\n", what="the network back")
    # New PSM grant, a new cell: the network repeats the registration.
    ctl(control, "psm", "00000101", "00101100")
    h.expect(b"\r\n+CEREG: 1,\"4B1D\",\"00C0FFEE\",7,,,\"00000101\",\"00101100\"\r\n"
             b"\r\n%CESQ: 19,0,12,1\r\n", what="psm grant")
    ctl(control, "cell", "4b1e", "00c0ffef")
    h.expect(b"\r\n+CEREG: 1,\"4B1E\",\"00C0FFEF\",7,,,\"00000101\",\"00101100\"\r\n"
             b"\r\n%CESQ: 19,0,12,1\r\n", what="cell change")
    # Deregistered until told otherwise; an eDRX grant the host asked for.
    ctl(control, "deregister", says="until 'register'")
    h.expect(b"\r\n+CEREG: 2,\"4B1E\",\"00C0FFEF\",7\r\n", what="deregister")
    ctl(control, "register", says="registered")
    h.expect(b"\r\n+CEREG: 1,\"4B1E\",\"00C0FFEF\",7,,,\"00000101\",\"00101100\"\r\n"
             b"\r\n%CESQ: 19,0,12,1\r\n", what="register")
    ctl(control, "edrx", "0110", "0010")
    h.expect(b"\r\n+CEREG: 1,\"4B1E\",\"00C0FFEF\",7,,,\"00000101\",\"00101100\"\r\n"
             b"\r\n+CEDRXP: 4,\"0101\",\"0110\",\"0010\"\r\n\r\n%CESQ: 19,0,12,1\r\n",
             what="edrx grant")
    status = json.loads(ctl(control, "status"))
    if status["network"]["tac"] != "4B1E" or status["network"]["rsrp_dbm"] != -121 or \
            not status["network"]["registered"] or status["mqtt"]["connected"]:
        fail("status does not show the world: %r" % status)

    for args, says in ((["wake"], "not asleep"), (["peer-close"], "no connected TCP/TLS"),
                       (["sms", "+4930123456", "hello"], "nobody subscribed"),
                       (["reboot"], "unknown command 'reboot'")):
        ctl(control, *args, rc=1, says=says)
    ctl(control, "status", modem=1, rc=1, says="no modem 1")
    # Asleep (#XSLEEP=2, UART off) until woken from outside.
    h.exact("AT#XSLEEP=2", b"\r\nOK\r\n")
    for _ in range(100):
        if json.loads(ctl(control, "status"))["asleep"]:
            break
        time.sleep(0.1)
    ctl(control, "wake")
    h.expect(b"Ready\r\n", what="wake")
    # The modem resets: Ready, and the radio is off again.
    ctl(control, "reset")
    h.expect(b"Ready\r\n", what="reset")
    h.exact("AT+CFUN?", b"\r\n+CFUN: 0\r\nOK\r\n")
    ctl(control, "net-loss", "5", rc=1, says="radio is off")


def fleet():
    control = os.path.join(tmp, "ctl2")
    start_sim(["--modems", "2", "--link", os.path.join(tmp, "f%d"), "--control", control,
               "--virtual-time", "--set", "network.tac=0C1A", "--set", "network.ci=000A0B0C"],
              "sim2.err")
    h0, h1 = open_host(os.path.join(tmp, "f0")), open_host(os.path.join(tmp, "f1"))
    for h in (h0, h1):
        h.exact("AT+CEREG=1", b"\r\nOK\r\n")
        h.exact("AT+CFUN=1", b"\r\nOK\r\n\r\n+CEREG: 2\r\n")
        h.expect(b"\r\n+CEREG: 5\r\n", what="registration")
    before = json.loads(ctl(control, "status", modem=0))
    # Ten minutes of emulator time pass at once: nobody waits for them.
    t0 = time.monotonic()
    ctl(control, "net-loss", "600", "4", modem=1, says="modem 1: registration lost")
    h1.expect(b"\r\n+CEREG: 4\r\n\r\n+CEREG: 5\r\n", within=60, what="net-loss 600 on modem 1")
    if time.monotonic() - t0 > 300:
        fail("a 600 s net-loss under --virtual-time took real time")
    # Modem 0 saw nothing; refusals leave it as it was.
    h0.exact("AT", b"\r\nOK\r\n")
    ctl(control, "cell", "0C1A", "XYZ", modem=0, rc=1, says="hex digits")
    ctl(control, "psm", "0101", modem=0, rc=1, says="8-bit")
    after = json.loads(ctl(control, "status", modem=0))
    before.pop("clock_s")
    after.pop("clock_s")
    if before != after:
        fail("refused commands changed modem 0: %r -> %r" % (before, after))
    if json.loads(ctl(control, "status", modem=1))["clock_s"] < 600:
        fail("the emulator clock did not run through the loss")
    fleet_sms(control, h0, h1)


def expect_masked(h, want, what):
    """Like Host.expect, but '~' in want stands for any byte (the network's
    time in an SMS)."""
    got = b""
    end = time.monotonic() + 20
    while time.monotonic() < end and len(got) < len(want):
        got += h.link.read(len(want) - len(got))
    h.seen.append(("(%s)" % what, got.decode(errors="replace")))
    if len(got) != len(want) or any(w != ord("~") and w != g for w, g in zip(want, got)):
        fail("%s: got %r, want %r" % (what, got, want))


def fleet_sms(control, h0, h1):
    """Modem 0 texts modem 1 by its number (modem.msisdn counted up per
    modem); the world texts modem 1; nobody listens on modem 0."""
    h1.exact("AT#XSMS=1", b"\r\nOK\r\n")
    h0.exact("AT#XSMS=1", b"\r\nOK\r\n")
    sms = json.loads(ctl(control, "status", modem=1))["sms"]
    if sms != {"msisdn": "+15550100101", "client": "slm", "unacknowledged": False}:
        fail("status does not show modem 1's SMS: %r" % sms)
    h0.exact('AT#XSMS=2,"+15550100101","fleet hello"', b"\r\nOK\r\n")
    scts, when = b"~" * 14, b"~" * 17
    expect_masked(h1, b"\r\n+CMT: \"+15550100100\",29\r\n07915155109099F9040B915155100001F00000" + scts +
                  b"0B6676B94C07A1CB6CF61B\r\n"
                  b'\r\n#XSMS: "' + when + b'","15550100100","fleet hello"\r\n', "SMS 0 -> 1")
    ctl(control, "sms", "+4930123456", "from the world", modem=1)
    expect_masked(h1, b"\r\n+CMT: \"+4930123456\",31\r\n07915155109099F9040A9194032143650000" + scts +
                  b"0E66F9BB0DA2A3CBA0FB5BCE2603\r\n"
                  b'\r\n#XSMS: "' + when + b'","4930123456","from the world"\r\n', "slmctl sms")
    h0.exact("AT#XSMS=0", b"\r\nOK\r\n")
    ctl(control, "sms", "+4930123456", "x", modem=0, rc=1, says="nobody subscribed")
    h0.exact("AT", b"\r\nOK\r\n")


def write_cred(h, tag, kind, name):
    lines = open(os.path.join(certs, name)).read().strip().split("\n")
    h.link.write(('AT%%CMNG=0,%d,%d,"' % (tag, kind)).encode())
    for line in lines:
        h.link.write((line + "\r\n").encode())
    h.exact('"', b"\r\nOK\r\n")


def tls_and_socket(tls_port):
    """Mutual TLS: a stalled handshake, another client with the modem's
    credentials, the broker's kick; then a socket peer's FIN."""
    control = os.path.join(tmp, "ctl3")
    peer = socket.socket()
    peer.bind(("127.0.0.1", 0))
    peer.listen(1)
    start_sim(["--link", os.path.join(tmp, "t"), "--control", control,
               "--resolve", "mqtt.fleet-test.example:8883=127.0.0.1:%d" % tls_port,
               "--resolve", "echo.ctl-test.example:7000=127.0.0.1:%d" % peer.getsockname()[1]],
              "sim3.err")
    h = open_host(os.path.join(tmp, "t"))
    for kind, name in ((0, "ca.crt"), (1, "client-ec.crt"), (2, "client-ec.key")):
        write_cred(h, 4711, kind, name)
    h.exact("AT+CFUN=1", b"\r\nOK\r\n")
    for _ in range(100):
        if "+CEREG: 0,5" in h.command("AT+CEREG?", "OK"):
            break
        time.sleep(0.1)
    # Handshakes answer late: the blocking connect waits that long.
    ctl(control, "stall", "1", says="1.000 s late")
    h.exact('AT#XMQTTCON=1,"tls-host-5","","","mqtt.fleet-test.example",8883,4711',
            b"\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n")
    status = json.loads(ctl(control, "status"))
    if status["stall_s"] != 1 or status["mqtt"]["sec_tag"] != 4711 or \
            not status["mqtt"]["connected"]:
        fail("status does not show the TLS session: %r" % status)
    ctl(control, "stall", "0")
    h.exact('AT#XMQTTSUB="ops/#",2', b"\r\nOK\r\n\r\n#XMQTTEVT: 7,0\r\n")
    # Another client, over mutual TLS with the modem's sec_tag, QoS 2.
    ctl(control, "publish", "ops/a", "x y", "2", "1", says="published")
    h.expect(b"\r\n#XMQTTMSG: 5,3\r\nops/a\r\nx y\r\n\r\n#XMQTTEVT: 2,0\r\n",
             what="publish over TLS")
    ctl(control, "broker-disconnect")
    h.expect(b"\r\n#XMQTTEVT: 1,-128\r\n", what="broker-disconnect over TLS")
    ctl(control, "publish", "ops/a", "z", rc=1, says="connected to no broker")

    # A socket peer closes: it reads the end, the modem reads what was sent
    # before it, then nothing.
    h.exact("AT#XSOCKET=1,1,0", b"\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n")
    h.exact('AT#XCONNECT="echo.ctl-test.example",7000', b"\r\n#XCONNECT: 1\r\n\r\nOK\r\n")
    conn, _ = peer.accept()
    conn.sendall(b"bye")
    time.sleep(0.2)
    ctl(control, "peer-close", says="peer-close")
    conn.settimeout(20)
    if conn.recv(16) != b"":
        fail("the socket's peer did not see the connection end")
    h.exact("AT#XRECV=1", b"bye\r\n#XRECV: 3\r\n\r\nOK\r\n")
    h.exact("AT#XRECV=1", b"\r\nOK\r\n")
    ctl(control, "peer-close", rc=1, says="no connected TCP/TLS socket")
    conn.close()
    peer.close()


def main():
    os.mkdir(os.path.join(tmp, "broker"))
    subprocess.run([os.path.join(src, "ci", "broker"), "start", os.path.join(tmp, "broker"),
                    certs], check=True, stdout=subprocess.DEVNULL)
    ports = dict(l.strip().split("=", 1) for l in open(os.path.join(tmp, "broker", "ports")))
    # No slmsim listens yet: slmctl says so.
    ctl(os.path.join(tmp, "nobody"), "status", rc=3, says="cannot reach slmsim")
    tls_and_socket(int(ports["tls"]))
    single_modem(int(ports["plain"]))
    fleet()
    print("slmctl session: %d exchanges, every byte as the modem shows it" %
          sum(len(h.seen) for h in hosts))


def stop_sims():
    """Stops every slmsim started; the exit statuses (0 after SIGTERM; a
    sanitizer's report makes it non-zero)."""
    codes = []
    while sims:
        p = sims.pop()
        p.terminate()
        try:
            codes.append(p.wait(timeout=30))
        except subprocess.TimeoutExpired:
            p.kill()
            codes.append(p.wait())
    return codes


try:
    main()
    codes = stop_sims()
    if any(codes):
        fail("slmsim exited with %r after SIGTERM" % codes)
finally:
    stop_sims()
    subprocess.run([os.path.join(src, "ci", "broker"), "stop", os.path.join(tmp, "broker")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(tmp, ignore_errors=True)
