#!/usr/bin/env python3
"""http_check.py: sends each request of a catalogue (http.tsv) to a running
`cote serve` over a raw socket and checks the answer it must get, then that
the server still answers /healthz. Prints TAP lines; exits 1 if any failed.

Usage: http_check.py PORT CATALOGUE [SERVER_PID]

Catalogue columns (tab-separated; '#' lines and blank lines ignored):
  name      what the case is
  request   the bytes sent, as a Python bytes literal body: \\r \\n \\t \\xNN
            and \\\\ are escapes, {X*N} repeats the text X N times (X without
            '*' or '}'), {CL} is the body's length for Content-Length
  expect    the answer wanted, one of:
              200, 404, 4xx, 400|413 ...  status codes (x: any digit), '|' between
              closed      no answer: the server closes the connection
              closed|4xx  either
            followed by optional checks, space-separated:
              !TEXT   the body must not hold TEXT (escapes as above)
              =TEXT   the body must hold TEXT
              nobody  the answer has no body (HEAD)
              -NAME   the answer has no header NAME (lower case)
              n=K     K answers on this connection (pipelined requests)
  why       the behaviour asked for, in words
Every case also checks that no answer is a 5xx, that no body holds a line of
/etc/passwd or of the sources, and that /healthz still answers 200 after it.
A request whose bytes end without a blank line is a stall: the server must
close it by its idle timeout (cote serve --timeout), answered or not.
"""
import os
import re
import socket
import sys
import time

LEAKS = [b"root:x:0:0", b"cmake_minimum_required", b"#include <"]


def unescape(text):
    def rep(m):
        what, n = m.group(1), int(m.group(2))
        return what * n
    text = re.sub(r"\{([^*}]*)\*([0-9]+)\}", rep, text)
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "r":
                out += b"\r"; i += 2; continue
            if n == "n":
                out += b"\n"; i += 2; continue
            if n == "t":
                out += b"\t"; i += 2; continue
            if n == "\\":
                out += b"\\"; i += 2; continue
            if n == "x":
                out.append(int(text[i + 2:i + 4], 16)); i += 4; continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


def with_length(raw):
    """Replaces {CL} by the length of what follows the blank line."""
    if b"{CL}" not in raw:
        return raw
    head, sep, body = raw.partition(b"\r\n\r\n")
    return head.replace(b"{CL}", str(len(body)).encode()) + sep + body


def read_answers(sock, head_only, deadline):
    """Every answer on the connection until it closes or the deadline:
    [(status, headers, body)]; status 0 for bytes that are not HTTP."""
    data = b""
    answers = []
    sock.settimeout(1.0)
    closed = False
    while time.time() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            # an answer is complete: stop waiting unless more may come
            if answers_complete(data, head_only):
                break
            continue
        except ConnectionError:
            closed = True
            break
        if not chunk:
            closed = True
            break
        data += chunk
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            answers.append((0, {}, data))
            break
        lines = head.split(b"\r\n")
        m = re.match(rb"HTTP/1\.[01] ([0-9]{3})", lines[0])
        status = int(m.group(1)) if m else 0
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(b":")
            headers[k.strip().lower()] = v.strip()
        n = 0 if head_only or status in (204, 304) else int(headers.get(b"content-length", b"0") or 0)
        if b"content-length" not in headers and not head_only and status not in (204, 304):
            n = len(rest)  # read to the close
        answers.append((status, headers, rest[:n]))
        data = rest[n:]
    return answers, closed


def answers_complete(data, head_only):
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    if head_only:
        return True
    m = re.search(rb"\r\ncontent-length: *([0-9]+)", head, re.I)
    return bool(m) and len(rest) >= int(m.group(1))


def healthz(port):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=20)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answers, _ = read_answers(s, False, time.time() + 20)
        s.close()
        return bool(answers) and answers[0][0] == 200
    except OSError:
        return False


def status_ok(status, want):
    for alt in want.split("|"):
        if alt == "closed":
            if status is None:
                return True
        elif status is not None and re.fullmatch(alt.replace("x", "[0-9]"), "%03d" % status):
            return True
    return False


def main():
    port, catalogue = int(sys.argv[1]), sys.argv[2]
    pid = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    n = failed = 0
    for lineno, line in enumerate(open(catalogue, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            print("not ok %d - %s:%d: 4 tab-separated columns" % (n + 1, catalogue, lineno))
            n += 1; failed += 1
            continue
        name, request, expect, why = cols
        raw = with_length(unescape(request))
        words = expect.split()
        want, checks = words[0], words[1:]
        stall = not (raw.endswith(b"\r\n\r\n") or raw.endswith(b"\n\n") or b"\r\n\r\n" in raw)
        head_only = raw.startswith(b"HEAD ")
        problems = []
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            try:
                s.sendall(raw)
                if not stall and b"connection: close" not in raw.lower():
                    s.shutdown(socket.SHUT_WR)  # no more requests: the server may close
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before all was sent: the answer tells
            answers, closed = read_answers(s, head_only, time.time() + 40)
            s.close()
        except OSError as e:
            answers, closed = [], True
            problems.append("socket error %s" % e)
        want_n = [int(c[2:]) for c in checks if c.startswith("n=")]
        # libmicrohttpd 0.9.75 sends the head of its own error answers twice
        # (413 for an absurd Content-Length): only pipelined cases read past
        # the first answer
        answers = answers[:want_n[0]] if want_n else answers[:1]
        statuses = [a[0] for a in answers]
        first = statuses[0] if statuses else None
        if not status_ok(first, want):
            problems.append("answer %s, wanted %s" % (first if first is not None else "none (closed)", want))
        if stall and not closed:
            problems.append("a stalled request was not closed")
        for st in statuses:
            if st >= 500 and st != 505 or st == 0:
                problems.append("answer %s" % st)
        bodies = b"".join(a[2] for a in answers)
        for leak in LEAKS:
            if leak in bodies:
                problems.append("the body holds %r" % leak)
        for c in checks:
            if c.startswith("!") and unescape(c[1:]) in bodies:
                problems.append("the body holds %r" % c[1:])
            elif c.startswith("=") and unescape(c[1:]) not in bodies:
                problems.append("the body lacks %r" % c[1:])
            elif c.startswith("-") and any(c[1:].encode() in a[1] for a in answers):
                problems.append("a header %s" % c[1:])
            elif c == "nobody" and bodies:
                problems.append("a body of %d bytes" % len(bodies))
            elif c.startswith("n=") and len(answers) != int(c[2:]):
                problems.append("%d answers, wanted %s" % (len(answers), c[2:]))
        if pid:
            try:
                os.kill(pid, 0)
            except OSError:
                problems.append("the server died")
        if not healthz(port):
            problems.append("/healthz does not answer 200 afterwards")
        n += 1
        label = "%s: %s (%s)" % (name, expect, why)
        if problems:
            failed += 1
            print("not ok %d - %s" % (n, label))
            print("  # " + "; ".join(problems))
        else:
            print("ok %d - %s" % (n, label))
    print("# http catalogue: %d cases, %d failed" % (n, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
