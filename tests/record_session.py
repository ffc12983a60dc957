"""A live session to record: pyserial drives slmsim's pty as a host would,
with the subscriptions LTE Link Monitor makes on start-up, an MQTT session
against the test broker, a message another client publishes, and the RRC
release after the traffic.  Exits non-zero with the exchange so far when an
answer is not the modem's."""
import os
import subprocess
import sys
import time

import serial

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host

port, broker, plain_port = sys.argv[1], sys.argv[2], sys.argv[3]
link = serial.Serial(port, 115200, timeout=0.1)


def fail(text):
    print(host.transcript())
    sys.exit(text)


def wait_for(want, within=20.0):
    got = b""
    end = time.monotonic() + within
    while time.monotonic() < end and want.encode() not in got:
        got += link.read(512)
    host.seen.append(("(waiting)", got.decode(errors="replace")))
    if want.encode() not in got:
        fail("no '%s' while waiting" % want)


host = Host(link, fail)
command = host.command
command("AT+CFUN?", "OK")
command("AT+CMEE=1", "OK")
command("AT+CNEC=24", "OK")
command("AT+CGEREP=1", "OK")
command("AT+CIND=1,1,1", "OK")
command("AT+CSCON=1", "OK")
command("AT%XSIM=1", "OK")
command("AT+CEREG=5", "OK")
command("AT+CFUN=1", "OK")
wait_for("+CIND: \"service\",1")
command("AT+CGDCONT?", "OK")
command('AT#XMQTTCON=1,"rec-host-3","","","%s",1883' % broker, "#XMQTTEVT: 0,0")
command('AT#XMQTTSUB="plant/3/#",1', "#XMQTTEVT: 7,0")
command('AT#XMQTTPUB="plant/3/level","17",1,0', "#XMQTTEVT: 3,0")
subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", plain_port, "-q", "1",
                "-i", "other-client", "-t", "plant/3/cmd", "-m", "drain"], check=True)
wait_for("drain")
wait_for("+CSCON: 0")
command('AT#XMQTTUNSUB="plant/3/#"', "#XMQTTEVT: 8,0")
command("AT#XMQTTCON=0", "#XMQTTEVT: 1,0")
command("AT+CFUN=4", "OK")
print("recorded session: %d exchanges" % len(host.seen))
