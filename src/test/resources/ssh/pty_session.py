#!/usr/bin/python3
"""Drives an interactive OpenSSH session on a pseudo-terminal, as a person would type it.

usage: pty_session.py PORT USER PASSWORD
Runs `sshpass -p PASSWORD ssh -tt ...` on a new pty and checks, with a timeout per step:
the privileged prompt, `?` help (the typed text stays on the line), a configuration change in
interface mode, `end`, and `exit`. Prints the session as seen on the terminal and
"PTY-SESSION OK" at the end; exits 1 on the first step that does not happen.
"""
import os
import pty
import re
import select
import sys
import time

port, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
argv = ["sshpass", "-p", password, "ssh", "-tt", "-p", port,
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no", user + "@127.0.0.1"]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execvp(argv[0], argv)

seen = b""


def expect(pattern, timeout=20.0):
    """Reads until pattern (a regex over the bytes seen since the last match) appears."""
    global seen
    end = time.time() + timeout
    rx = re.compile(pattern.encode())
    while True:
        m = rx.search(seen)
        if m:
            got, seen = seen[:m.end()], seen[m.end():]
            return got.decode(errors="replace")
        left = end - time.time()
        if left <= 0:
            sys.stdout.write("TIMEOUT waiting for %r; got %r\n" % (pattern, seen.decode(errors="replace")))
            sys.exit(1)
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if not data:
                if rx.search(seen):
                    continue
                sys.stdout.write("EOF waiting for %r; got %r\n" % (pattern, seen.decode(errors="replace")))
                sys.exit(1)
            sys.stdout.write(data.decode(errors="replace"))
            sys.stdout.flush()
            seen += data


def send(s):
    os.write(fd, s.encode())


expect(r"R1#")
# a command that runs: the next prompt comes after its last line
send("ping 192.0.2.99 repeat 2 timeout 1\r")
expect(r"\.\.\r\nSuccess rate is 0 percent \(0/2\)\r\n[^\r\n]*R1#")
# the escape sequence (Ctrl-Shift-6 x) stops a long ping with its summary; so does Ctrl-C
send("ping 192.0.2.99 repeat 100 timeout 1\r")
expect(r"\.\.")
send("\x1ex")
expect(r"Success rate is 0 percent \(0/\d\)\r\n[^\r\n]*R1#")
send("traceroute 192.0.2.99 timeout 1\r")
expect(r"  1 ")
send("\x03")
expect(r"R1#")
send("show ip ?")
help_text = expect(r"R1#show ip ")
if "interface" not in help_text or "ssh" not in help_text:
    print("\nNO HELP: %r" % help_text)
    sys.exit(1)
send("\x15")                       # Ctrl-U: clear the line
send("conf\t")                     # TAB completes
expect(r"configure")
send(" terminal\r")
expect(r"R1\(config\)#")
send("interface Loopback42\r")
expect(r"R1\(config-if\)#")
send("description typed on a pty\r")
expect(r"R1\(config-if\)#")
send("end\r")
expect(r"R1#")
send("show running-config interface Loopback42\r")
expect(r"description typed on a pty")
expect(r"R1#")
send("exit\r")
try:
    expect(r"Connection to 127\.0\.0\.1 closed|$", timeout=10)
except SystemExit:
    pass
os.waitpid(pid, 0)
print("\nPTY-SESSION OK")
