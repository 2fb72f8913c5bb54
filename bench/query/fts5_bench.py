#!/usr/bin/env python3
"""fts5_bench.py: SQLite FTS5, the second peer of bench/run-query.sh and bench/run-index.sh.

Usage:
  fts5_bench.py build DB CORPUS_DIR          index every .txt file of CORPUS_DIR into DB
  fts5_bench.py query DB QUERIES.tsv [--rounds N] [--limit N] [--corpus DIR]

build: creates DB (replacing it) with one FTS5 table
    docs(path UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')
and inserts every .txt file (sorted by name; UTF-8) in one transaction. No stemming:
FTS5 has no French stemmer. Prints files, bytes and seconds.

query: when DB is missing and --corpus is given, builds it first (untimed). Opens DB
once, reads the fts5 column of QUERIES.tsv (id, kind, cote, xapian, fts5; '#' lines
are comments) and times, with time.perf_counter (CLOCK_MONOTONIC on Linux), each
    SELECT path, snippet(docs, 1, '[', ']', '…', 16) FROM docs
    WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10
fetching every row: one warm-up round not counted, then N rounds (default 20) of the
queries in file order. Output as bench_query and xapian_qp:
    id  kind  hits  total  median_ms  p99_ms  max_ms
per query (total: "-", FTS5 gives no estimate without a second query) and an ALL line
over every timed call, p99 nearest-rank. Exit status 0, 1 when a query failed, 2 on bad
usage.
"""
import math, os, sqlite3, sys, time

SQL = ("SELECT path, snippet(docs, 1, '[', ']', '…', 16) FROM docs "
       "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?")


def txt_files(corpus):
    out = []
    for root, _, names in os.walk(corpus):
        out += [os.path.join(root, n) for n in names if n.endswith(".txt")]
    return sorted(out)


def build(db, corpus):
    t0 = time.perf_counter()
    for suffix in ("", "-journal", "-wal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, "
                "tokenize='unicode61 remove_diacritics 2')")
    n = nbytes = 0
    with con:
        for path in txt_files(corpus):
            with open(path, "rb") as f:
                data = f.read()
            con.execute("INSERT INTO docs(path, body) VALUES (?, ?)", (path, data.decode("utf-8")))
            n += 1
            nbytes += len(data)
    con.close()
    print(f"{n} files, {nbytes} bytes in {db}, {time.perf_counter() - t0:.1f} s")


def load_queries(path):
    qs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 5 or not cols[4]:
                sys.exit(f"fts5_bench: {path}: query {len(qs) + 1} has no fts5 column")
            qs.append({"id": cols[0], "kind": cols[1], "text": cols[4], "ms": [], "hits": 0})
    if not qs:
        sys.exit(f"fts5_bench: {path}: no query")
    return qs


def stats(v):
    v = sorted(v)
    n = len(v)
    med = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    return med, v[max(math.ceil(0.99 * n), 1) - 1], v[-1]


def run_one(con, q, limit, work):
    t0 = time.perf_counter()
    rows = con.execute(SQL, (q["text"], limit)).fetchall()
    ms = (time.perf_counter() - t0) * 1e3
    q["hits"] = len(rows)
    work[0] += len(rows)
    work[1] += sum(len(r[1]) for r in rows)
    return ms


def query(argv):
    rounds, limit, corpus, pos = 20, 10, None, []
    i = 0
    while i < len(argv):
        if argv[i] in ("--rounds", "--limit", "--corpus") and i + 1 < len(argv):
            if argv[i] == "--corpus":
                corpus = argv[i + 1]
            else:
                try:
                    v = int(argv[i + 1])
                except ValueError:
                    sys.exit(2)
                if argv[i] == "--rounds":
                    rounds = v
                else:
                    limit = v
            i += 2
        else:
            pos.append(argv[i])
            i += 1
    if len(pos) != 2 or rounds < 1 or not 1 <= limit <= 100:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    db, qpath = pos
    if not os.path.exists(db):
        if not corpus:
            sys.exit(f"fts5_bench: {db} does not exist (give --corpus DIR to build it)")
        build(db, corpus)
    qs = load_queries(qpath)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    warm, work, every = [0, 0], [0, 0], []
    try:
        for q in qs:
            run_one(con, q, limit, warm)
        for _ in range(rounds):
            for q in qs:
                ms = run_one(con, q, limit, work)
                q["ms"].append(ms)
                every.append(ms)
    except sqlite3.Error as e:
        print(f"fts5_bench: {q['id']} ({q['text']}): {e}", file=sys.stderr)
        sys.exit(1)
    print(f"# fts5_bench: SQLite {sqlite3.sqlite_version} FTS5 MATCH + bm25 + snippet(), index {db}, "
          f"{len(qs)} queries, limit {limit}, {rounds} rounds after 1 warm-up round")
    print("id\tkind\thits\ttotal\tmedian_ms\tp99_ms\tmax_ms")
    for q in qs:
        med, p99, mx = stats(q["ms"])
        print(f"{q['id']}\t{q['kind']}\t{q['hits']}\t-\t{med:.3f}\t{p99:.3f}\t{mx:.3f}")
    med, p99, mx = stats(every)
    print(f"ALL\t-\t{work[0]}\t-\t{med:.3f}\t{p99:.3f}\t{mx:.3f}")
    print(f"# work: {work[0]} hits, {work[1]} snippet characters")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return
    if len(sys.argv) == 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "query":
        query(sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
