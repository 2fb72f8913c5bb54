#!/usr/bin/env bash
# make-record-dict.sh: trains data/record-dict.zst, the dictionary that packs
# the records cote stores (core/record_codec.h), on real UN documents.
#
# Usage: scripts/make-record-dict.sh [BUILD_DIR] [SHARED_DIR]
#   BUILD_DIR   a build of cote (default: build-bench) with tools/train_record_dict
#   SHARED_DIR  default ../shared: reads corpus-external/ (SOURCES.md there)
#
# The training documents are the French UN documents of the UNPC test sets
# (their sentences, one paragraph each, in document order), the 902 Security
# Council resolutions and the 122 General Assembly PDFs. Not the seeds of
# corpus/: the bench corpus is made from them, and a dictionary that had seen
# them would flatter bench/run-index.sh. Changing the dictionary needs a new
# COTE_SCHEMA_VERSION (core/schema.h): every stored record depends on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
shared=${2:-$root/../shared}
ext=$shared/corpus-external
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/unpc"
python3 - "$ext/unpc-testsets-2015/unpc_2015_docs_fr_en.jsonl" "$work/unpc" <<'PY'
import json, re, sys
src, out = sys.argv[1], sys.argv[2]
for n, line in enumerate(open(src, encoding="utf-8")):
    d = json.loads(line)
    sents = sorted(d["sentences"], key=lambda s: (s["split"], s["line"]))
    name = re.sub(r"[^A-Za-z0-9]+", "_", d.get("symbol_guess") or d["unpc_id"])
    with open(f"{out}/{n:04d}_{name}.txt", "w", encoding="utf-8") as f:
        f.write("\n\n".join(s["fr"] for s in sents) + "\n")
PY
"$build/cote" index --db "$work/index" --no-compact "$work/unpc" \
    "$ext/unsc-resolutions-en-1946-1994/txt" "$ext/un-ga-pdfs-en-78-80/pdf" >&2
"$build/tools/train_record_dict" "$root/data/record-dict.zst" 112640 "$work/index"
