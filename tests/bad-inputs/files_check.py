#!/usr/bin/env python3
"""files_check.py: builds the input folder of files.tsv (committed files,
FIFOs, links, generated files), indexes it with `cote index -v`, and checks
each file's outcome and that every indexed file is found by its word.
Prints TAP lines; exits 1 if any check failed.

Usage: files_check.py COTE FILES_DIR CATALOGUE WORK_DIR
Leaves the index in WORK_DIR/db for the HTTP checks that follow.
"""
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_check import unescape  # noqa: E402

n = failed = 0


def result(good, what, detail=""):
    global n, failed
    n += 1
    if good:
        print("ok %d - %s" % (n, what))
    else:
        failed += 1
        print("not ok %d - %s" % (n, what))
        if detail:
            print("  # " + detail.replace("\n", " ")[:600])


def main():
    cote, files_dir, catalogue, work = sys.argv[1:5]
    inp = os.path.join(work, "in").encode()
    db = os.path.join(work, "db")
    shutil.rmtree(inp, ignore_errors=True)
    shutil.rmtree(db, ignore_errors=True)
    shutil.copytree(files_dir.encode(), inp, symlinks=True)
    rows = []
    for line in open(catalogue, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        name, make, expect, why = line.split("\t")
        path = os.path.join(inp, unescape(name))
        if make == "fifo":
            os.mkfifo(path)
        elif make.startswith("symlink:"):
            os.symlink(make[len("symlink:"):].encode(), path)
        elif make.startswith("gen:"):
            data = eval(make[len("gen:"):])
            with open(path, "wb") as f:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
        elif make != "file" or not os.path.lexists(path):
            result(False, "%s: made (%s)" % (name, make))
            continue
        rows.append((name, path, expect, why))

    try:
        run = subprocess.run([cote, "index", "-v", "--db", db, inp], capture_output=True, timeout=300)
        out, err, rc = run.stdout, run.stderr, run.returncode
    except subprocess.TimeoutExpired:
        result(False, "cote index ends within 300 s (nothing blocks it)")
        return 1
    result(rc == 3, "cote index exits 3 (some files failed)", "exit %d; %s" % (rc, err[-400:]))
    result(b"Sanitizer" not in err and b"runtime error" not in err and b"terminate" not in err,
           "no crash and no sanitizer report", err[-600:].decode("utf-8", "replace"))

    failed_paths = []
    for name, path, expect, why in rows:
        kind, _, arg = expect.partition(" ")
        what = "%s: %s (%s)" % (name, expect, why)
        indexed = out.count(b"indexed " + path + b" (")
        fail_lines = [l for l in err.split(b"\ncote: ") if l.startswith(b"failed " + path + b": ")
                      or l.startswith(b"cote: failed " + path + b": ")]
        skipped = err.count(b"cote: skipped " + path + b": ")
        if kind == "indexed":
            good = indexed == 1 and not fail_lines and not skipped
            detail = "indexed %d, failed %d, skipped %d" % (indexed, len(fail_lines), skipped)
            if good and arg:
                s = subprocess.run([cote, "search", "--db", db, "--json", "--limit", "100", arg],
                                   capture_output=True, timeout=60)
                try:
                    hits = json.loads(s.stdout)["hits"]
                except ValueError:
                    hits = []
                files = [h["file"].encode("utf-8", "surrogateescape") for h in hits]
                good = any(f == path or f.endswith(b"/" + os.path.basename(path)) for f in files)
                detail = "search %s: %s" % (arg, [h["file"] for h in hits][:5])
        elif kind == "failed":
            good = len(fail_lines) == 1 and fail_lines[0].rstrip().endswith(b"[" + arg.encode() + b"]") \
                and not indexed
            detail = "lines: %r" % fail_lines[:3]
            try:
                path.decode("utf-8")
                failed_paths.append(path)
            except UnicodeDecodeError:
                pass  # not listed: it cannot be written as JSON text
        elif kind == "ignored":
            good = not indexed and not fail_lines and not skipped and path not in out + err
            detail = "indexed %d, failed %d, skipped %d" % (indexed, len(fail_lines), skipped)
        elif kind == "skipped":
            good = skipped == 1 and not indexed and not fail_lines
            detail = "indexed %d, failed %d, skipped %d" % (indexed, len(fail_lines), skipped)
        else:
            good, detail = False, "unknown expectation"
        result(good, what, detail)

    s = subprocess.run([cote, "stats", "--db", db, "--json"], capture_output=True, timeout=60)
    try:
        listed = sorted(f["file"].encode("utf-8", "surrogateescape") for f in json.loads(s.stdout)["failed"])
    except (ValueError, KeyError):
        listed = None
    result(listed == sorted(failed_paths),
           "cote stats lists every failed file whose name is UTF-8 (%d)" % len(failed_paths),
           "listed: %r" % (listed,))
    print("# files catalogue: %d checks, %d failed" % (n, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
