"""What the Python test hosts share: send a command on the serial line and
wait for an expected piece of the answer, keeping the exchange to print
when an answer is not the modem's."""
import time


class Host:
    def __init__(self, link, on_fail):
        self.link = link
        self.on_fail = on_fail	# called with a message; does not return
        self.seen = []

    def command(self, line, want, within=20.0):
        self.link.write((line + "\r\n").encode())
        got = b""
        end = time.monotonic() + within
        while time.monotonic() < end and want.encode() not in got:
            got += self.link.read(512)
        self.seen.append((line, got.decode(errors="replace")))
        if want.encode() not in got:
            self.on_fail("no '%s' after %s" % (want, line))
        return got.decode(errors="replace")

    def transcript(self):
        return "\n".join(">> %s\n<< %s" % (sent, answer.replace("\r\n", "\n<< "))
                         for sent, answer in self.seen)
