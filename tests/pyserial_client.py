"""A host nobody here wrote: pyserial opens slmsim's pty as it would a
board's UART, registers, and runs an MQTT session against the test broker.
Exits non-zero with the exchange so far when an answer is not the modem's."""
import os
import sys
import time

import serial

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from slm_host import Host

port, broker = sys.argv[1], sys.argv[2]
link = serial.Serial(port, 115200, timeout=0.1)


def fail(text):
    print(host.transcript())
    sys.exit(text)


host = Host(link, fail)
command = host.command
seen = host.seen


command("AT", "OK")
command("AT+CMEE=1", "OK")
command("AT+CEREG=2", "OK")
command("AT+CFUN=1", "OK")
registered = False
for _ in range(20):
    if ",5," in command("AT+CEREG?", "OK") or ",1," in seen[-1][1]:
        registered = True
        break
    time.sleep(0.5)
if not registered:
    sys.exit("no registration: " + seen[-1][1])
command('AT#XMQTTCON=1,"pyserial-host","","","%s",1883' % broker, "#XMQTTEVT: 0,0")
command('AT#XMQTTSUB="pyserial/+/state",1', "#XMQTTEVT: 7,0")
answer = command('AT#XMQTTPUB="pyserial/7/state","on",1,0', "#XMQTTEVT: 3,0")
if "#XMQTTMSG" not in answer:
    answer += command("AT", "OK")
if "#XMQTTMSG: 16,2\r\npyserial/7/state\r\non" not in answer:
    sys.exit("own message did not come back: " + answer)
command("AT%CMNG=0,42,0,\"x\"", "+CME ERROR: 518")
command("AT#XMQTTCON=0", "#XMQTTEVT: 1,0")
print("pyserial session: %d commands answered as the modem answers" % len(seen))
