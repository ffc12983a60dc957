"""What the Python test hosts share: send a command on the serial line and
wait for an expected piece of the answer, keeping the exchange to print
when an answer is not the modem's."""
import os
import select
import subprocess
import time


class StdioLink:
    """slmsim --stdio (of generation slm, with more options) as the serial line
    Host reads and writes."""

    def __init__(self, sim, slm, *options):
        self.proc = subprocess.Popen([sim, "--stdio", "--slm", slm, *options],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)

    def write(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def read(self, n):
        r, _, _ = select.select([self.proc.stdout], [], [], 0.2)
        return os.read(self.proc.stdout.fileno(), n) if r else b""

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()
        return self.proc.stderr.read().decode(errors="replace")


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

    def expect(self, want, within=20.0, what="the world's change"):
        """Reads until exactly the bytes want have come (or the time is up)
        and fails unless they are exactly what came."""
        got = b""
        end = time.monotonic() + within
        while time.monotonic() < end and len(got) < len(want):
            got += self.link.read(len(want) - len(got))
        self.seen.append(("(%s)" % what, got.decode(errors="replace")))
        if got != want:
            self.on_fail("after %s the host saw %r, not %r" % (what, got, want))

    def exact(self, line, want, within=20.0):
        """Sends a command; the bytes up to the length of want must be want."""
        self.link.write((line + "\r\n").encode())
        self.expect(want, within, line)

    def transcript(self):
        return "\n".join(">> %s\n<< %s" % (sent, answer.replace("\r\n", "\n<< "))
                         for sent, answer in self.seen)
