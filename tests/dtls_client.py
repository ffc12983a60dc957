"""DTLS on slmsim's pty against a peer nobody here wrote: pyserial drives the
modem, openssl s_server (DTLS 1.2, PSK) answers.  Exits non-zero with the
exchange so far when an answer is not the modem's or the peer got nothing."""
import os
import socket
import subprocess
import sys
import time

import serial

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host

sim, psk, identity = sys.argv[1], "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "sensor-9"
probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
peer = subprocess.Popen(["openssl", "s_server", "-dtls1_2", "-4", "-accept", "127.0.0.1:%d" % port,
                         "-nocert", "-psk", psk, "-psk_identity", identity, "-quiet"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
tty = "/tmp/slmsim-dtls-%d" % port
modem = subprocess.Popen([sim, "--pty", "--link", tty, "--resolve",
                          "coaps.dtls-test.example:5684=127.0.0.1:%d" % port],
                         stderr=subprocess.PIPE)
seen = []


def finish(code, text=""):
    modem.kill()
    peer.kill()
    if code:
        print(host.transcript())
        print(modem.stderr.read().decode(errors="replace")[-2000:])
    sys.exit(text if code else 0)


for _ in range(50):
    try:
        link = serial.Serial(tty, 115200, timeout=0.1)
        break
    except (serial.SerialException, OSError):
        time.sleep(0.1)
else:
    finish(1, "no pty")


host = Host(link, lambda text: finish(1, text))
command = host.command
seen = host.seen


command('AT%%CMNG=0,91,3,"%s"' % psk, "OK")
command('AT%%CMNG=0,91,4,"%s"' % identity, "OK")
command("AT+CFUN=1", "OK")
for _ in range(40):
    if ",5" in command("AT+CEREG?", "OK") or ",1" in seen[-1][1]:
        break
    time.sleep(0.25)
command("AT#XSSOCKET=1,2,0,91", "#XSSOCKET: 0,2,273")
command('AT#XCONNECT="coaps.dtls-test.example",5684', "#XCONNECT: 1")
command('AT#XSEND="hello over dtls"', "#XSEND: 15")
peer.stdin.write(b"pong\n")
peer.stdin.flush()
command("AT#XRECV=10", "#XRECV: 5")
command("AT#XSOCKET=0", "OK")
# A tag without a PSK: the profile allows DTLS with a PSK only.
command("AT#XSSOCKET=1,2,0,92", "OK")
command('AT#XCONNECT="coaps.dtls-test.example",5684', "ERROR")
command("AT#XSOCKET=0", "OK")
modem.kill()
err = modem.stderr.read().decode(errors="replace")
peer.kill()
out = peer.stdout.read().decode(errors="replace")
if "hello over dtls" not in out:
    finish(1, "the DTLS peer did not get the data: " + out[-500:])
if "rule dtls-psk-only" not in err:
    finish(1, "no reason for the tag without a PSK")
print("DTLS session: %d commands answered as the modem answers" % len(seen))
