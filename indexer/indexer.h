/* indexer.h: turns files into indexed records.
 *
 * One indexer owns one writable database (Xapian allows a single writer) and
 * one analyser. cote_indexer_add_path() takes a file or a directory (walked
 * recursively, in byte order of names, so runs are reproducible) and reports
 * one outcome per file through the callback: indexed, unchanged, skipped
 * (with a reason), failed (with a status) or removed. A per-file failure never
 * stops the run; only hard errors (the database, memory) are returned. Work
 * is committed every `batch` files and by cote_indexer_close().
 *
 * Runs are incremental: each document record keeps its file's size, mtime
 * and content hash (COTE_SLOT_SOURCE), and a file whose size and mtime are
 * those recorded (or whose content hash is, when they moved) is not read
 * again. After a directory has been walked, the documents of files that were
 * under it and are gone are deleted. Document ids are the hash of the
 * canonical path, so they stay stable across runs.
 *
 * Crash safety: Xapian commits are atomic, and every record is written
 * through its unique term (replace, never add), so a run killed at any point
 * leaves the index of its last commit, and the next run redoes exactly the
 * files whose records were not committed: no document is lost or doubled.
 *
 * Ownership: the caller owns the indexer and frees it with
 * cote_indexer_close(); paths and options are borrowed for each call. The
 * outcome passed to the callback is valid during the call only.
 *
 * Thread rule: one thread per indexer.
 */
#ifndef COTE_INDEXER_H
#define COTE_INDEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Files larger than this are refused (a bound on memory per file). */
#define COTE_INDEX_MAX_FILE_BYTES ((size_t)256 << 20)

typedef enum {
    COTE_OUTCOME_INDEXED,
    COTE_OUTCOME_SKIPPED, /* not a kind of file cote reads (reason in message) */
    COTE_OUTCOME_FAILED,  /* a file cote should read but could not (status, message) */
    COTE_OUTCOME_UNCHANGED, /* indexed by an earlier run, and not changed since */
    COTE_OUTCOME_REMOVED, /* its file is gone from a folder being indexed: its records were deleted */
} cote_outcome_kind_t;

typedef struct {
    const char *path;   /* as given or as found under a given directory */
    cote_outcome_kind_t kind;
    cote_status_t status;
    const char *message; /* "" when indexed */
    size_t bytes;
    const char *doc;    /* stable id when indexed, else "" */
} cote_outcome_t;

typedef void (*cote_outcome_fn)(const cote_outcome_t *o, void *ctx);

typedef enum {
    COTE_COMPACT_AUTO,   /* when the run wrote or removed at least half of the documents */
    COTE_COMPACT_ALWAYS, /* whenever the run changed anything */
    COTE_COMPACT_NEVER,
} cote_compact_t;

#define COTE_INDEX_THREADS_MAX 16

typedef struct {
    bool rebuild;          /* start from an empty index */
    bool force;            /* re-index files even when unchanged since the last run */
    unsigned shard, shards; /* with shards > 1: index only the files whose document id
                             * falls in shard `shard` (0-based; run.h runs one indexer
                             * per shard); outcomes that belong to no file (a folder
                             * that cannot be read, a file of no input kind) are
                             * reported by shard 0 only */
    unsigned batch;        /* files per commit (and at most 16 MB of text); 0: 25 */
    unsigned threads;      /* threads repairing files for each writer (stage.h), each
                            * with its own dictionary; 0: the online cores divided
                            * by the shards, at least 1; at most COTE_INDEX_THREADS_MAX */
    cote_compact_t compact; /* when to compact at the end of the run (generation.h) */
    bool hold_switch;      /* finish prepares the new generation (a compaction or a
                            * rebuild) and cote_indexer_switch makes it live: the
                            * shards of an index switch one right after another */
    unsigned section_words; /* words a section gathers (record.h), 1 to
                             * COTE_SECTION_WORDS_MAX (schema.h); 0: the index's own, or
                             * COTE_SECTION_WORDS_DEFAULT for a new index or a
                             * rebuild. Another value than the index's
                             * rewrites every record */
    const char *gazetteer; /* a TSV file of organisations extending data/organisations.tsv, or NULL */
    cote_outcome_fn on_outcome; /* may be NULL */
    void *ctx;
} cote_index_options_t;

typedef struct {
    unsigned long indexed, skipped, failed, unchanged, removed;
    unsigned long long bytes;
    unsigned compacted; /* databases compacted by cote_indexer_finish */
    unsigned long long compact_before, compact_after; /* their bytes before and after */
    double compact_seconds;
} cote_index_totals_t;

typedef struct cote_indexer cote_indexer_t;

/* Opens (creating when needed) the index at db_path for writing, and loads
 * the gazetteer (plus opt->gazetteer when given).
 * Statuses: OK, DB_LOCKED, DB_OPEN, DB_CORRUPT, DB_READONLY, NOMEM, INTERNAL;
 * NOT_FOUND, IO, BAD_INPUT for a bad opt->gazetteer file. */
cote_status_t cote_indexer_open(const char *db_path, const cote_index_options_t *opt,
                                cote_indexer_t **out, cote_error_t *err);

/* Indexes a file, or every file under a directory.
 * Statuses: OK (even when some files failed: see the outcomes and totals),
 * NOT_FOUND / IO (the path itself cannot be read), DB_* and NOMEM (hard
 * errors: the run should stop). */
cote_status_t cote_indexer_add_path(cote_indexer_t *ix, const char *path, cote_error_t *err);

/* A warning about the run as a whole ("" when none), e.g. no French
 * dictionary installed. Valid until the indexer is closed. */
const char *cote_indexer_warning(const cote_indexer_t *ix);

/* Running totals since open; once the run stopped unfinished, the indexed
 * and removed counts are those of the last commit. */
cote_index_totals_t cote_indexer_totals(const cote_indexer_t *ix);

/* Commits what is pending. Statuses: OK, DB_*, IO, NOMEM. */
cote_status_t cote_indexer_commit(cote_indexer_t *ix, cote_error_t *err);

/* Ends the run: commits, then compacts when opt.compact says so (into a
 * new generation, generation.h; counted in the totals). The index stays open
 * for writing until close. Statuses: OK, DB_*, IO, NOMEM; a failed
 * compaction leaves the index as committed, uncompacted. */
cote_status_t cote_indexer_finish(cote_indexer_t *ix, cote_error_t *err);

/* With opt.hold_switch, after finish: makes the prepared generation live (a
 * no-op when the run prepared none). Until then the index answers from the
 * old one, and a close without this switch removes what was prepared.
 * Statuses: OK, IO, TOO_LARGE. */
cote_status_t cote_indexer_switch(cote_indexer_t *ix, cote_error_t *err);

/* Closes the index and frees. After cote_indexer_finish, removes what the
 * compaction or rebuild replaced; without it (a run stopped by an error),
 * what was written since the last commit is dropped (work is committed in
 * transactions) and a rebuild's unfinished generation removed: the index
 * stays as it was committed, and the totals say so. NULL is allowed. */
cote_status_t cote_indexer_close(cote_indexer_t *ix, cote_error_t *err);

#endif
