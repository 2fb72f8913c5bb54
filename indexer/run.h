/* run.h: one `cote index` run over a single database or over shards.
 *
 * An index is either one Xapian database (the folder db_path) or, made with
 * shards > 1, a folder holding a Xapian stub file XAPIANDB ("auto shard0",
 * "auto shard1", ...) and the shard databases: Xapian opens the folder as one
 * database, so `cote search` and `cote serve` need nothing else, and a
 * shard can be moved to another machine and served by xapian-tcpsrv (a stub
 * line "remote HOST:PORT"). A file goes to the shard its document id (a
 * hash of its path) picks, so it stays there across runs.
 *
 * With shards, one indexer per shard runs in its own thread: analysis and
 * writing use that many cores, and memory is about that many times one
 * indexer's (each holds its batch). After the workers, the acronyms each
 * learned and the failures each met are merged into every shard's metadata
 * (the searcher reads the first shard's).
 *
 * Ownership: paths and options are borrowed. opt->on_outcome is called with
 * a lock held, from the workers' threads, one call at a time.
 */
#ifndef COTE_RUN_H
#define COTE_RUN_H

#include <stddef.h>

#include "indexer.h"

#define COTE_SHARDS_MAX 64
/* Shards of a new index when the machine has two cores or more (one
 * otherwise). Xapian's writer is single-threaded and bounds a run over one
 * database: on the 2-core bench machine, 100 MB of the bench corpus indexed
 * at 1.53x omindex's speed with two against 1.29x with one (paired runs,
 * bench/results/index.md), and searches were as fast (bench_query: 4.86
 * against 4.83 ms, 4.68 against 4.71). Not more by default: only two cores
 * were there to measure. */
#define COTE_DEFAULT_SHARDS 2

typedef struct {
    cote_index_totals_t totals;
    unsigned shards;   /* shards the index has */
    char warning[COTE_ERROR_MSG_MAX]; /* as cote_indexer_warning, "" when none */
} cote_index_run_t;

/* The shards a new index gets when none is asked for. */
unsigned cote_index_default_shards(void);

/* Indexes paths[0..n) into the index at db_path. shards: 0 keeps the index's
 * layout (cote_index_default_shards() when new); 1 or more asks for that
 * many, which an existing index must already have unless opt->rebuild.
 * Shards that wrote a new generation (a rebuild, a compaction) switch to it
 * together once all are ready, one stub rename after another; when one
 * fails, none switches. A path that cannot
 * be read is a failed outcome (reported once), and the run goes on.
 * Statuses: OK (some files may have failed: see the totals), INVALID_ARG
 * (shards other than the index's, or over COTE_SHARDS_MAX), IO (the stub
 * cannot be written), and the hard errors of cote_indexer_open/add_path/close. */
cote_status_t cote_index_run(const char *db_path, const cote_index_options_t *opt, unsigned shards,
                             char *const *paths, size_t n, cote_index_run_t *out, cote_error_t *err);

/* The shards of the index at db_path: 0 when it is one database or none. */
unsigned cote_index_shards(const char *db_path);

#endif
