/* generation.h: a database folder whose data is replaced whole by a compacted
 * copy.
 *
 * A database folder (the index, or one shard of it) holds its data either
 * directly (Xapian's own files: iamglass, *.glass; so does every index until
 * its first compaction) or in a generation subfolder gN that a Xapian stub
 * file in the folder names (XAPIANDB: "auto gN"). Xapian reads through such a
 * stub by itself, so every reader and writer simply opens the folder.
 *
 * An index written in batches has B-tree blocks about half full: compaction
 * writes a packed copy (about 40% smaller) into the next generation, then
 * swaps the stub with rename(2). A reader sees the old data or the new, never
 * half of each; a crash at any point leaves one whole generation named, and
 * stray ones go at the next compaction. Xapian prefers a folder's own files
 * to a stub in it, so the first compaction writes the stub, then removes
 * iamglass (the switch), then the old tables.
 *
 * A rebuild (cote index --rebuild) of a folder that holds a database writes
 * a new generation the same way while the old one answers, and switches at
 * its end: readers never see a half-built index.
 *
 * The writer's lock must be held from before the copy until the switch (no
 * write may land in the old generation after it was copied): call
 * cote_gen_prepare_compact and cote_gen_commit with the writer open, close
 * the writer, then call cote_gen_drop_old. Readers holding the old generation open keep reading it
 * (open files outlive their names); their next reopen fails and they open the
 * folder again, as `cote serve` does on any such error.
 *
 * Tests stop a compaction at its steps with COTE_FAULT in the environment
 * (compact-copied, compact-switched, compact-dropping: the process kills
 * itself there; tests/e2e/T125-compact.sh).
 *
 * Ownership: paths are borrowed. Statuses: OK, IO, TOO_LARGE, and those of
 * cote_xdb_compact.
 */
#ifndef COTE_GENERATION_H
#define COTE_GENERATION_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define COTE_GEN_STUB "XAPIANDB"

/* Writes text as dir's stub file (XAPIANDB: a generation's name, or the
 * shards of an index), whole or not at all: a temporary file synced, renamed
 * over, and the folder synced. Statuses: OK, IO, TOO_LARGE. */
cote_status_t cote_gen_write_stub(const char *dir, const char *text, cote_error_t *err);

/* Does dir hold a database, directly or through a generation stub? */
bool cote_gen_has_database(const char *dir);
/* Does dir hold a generation stub (rather than shards' stub or nothing)? */
bool cote_gen_is_stub(const char *dir);
/* The folder that holds dir's live data (dir itself, or dir/gN) into out;
 * false when dir holds none. */
bool cote_gen_data_dir(const char *dir, char *out, size_t cap);
/* Is the generation at path (dir/gN) the one dir reads? */
bool cote_gen_is_live(const char *dir, const char *path);

typedef struct {
    char old[PATH_MAX];     /* the data replaced: dir itself or dir/gK; "" when none */
    char spent[PATH_MAX];   /* a build generation copied into now, removed with old; "" */
    char now[PATH_MAX];     /* the new live generation, dir/gN */
    char next[32];          /* its name, gN */
    bool flat;              /* dir held its data itself */
    bool compacted;         /* now is a compacted copy (else a build generation as it is) */
    bool switched;          /* now is live */
    unsigned long long bytes_before, bytes_after;
    double started, seconds;
} cote_gen_compaction_t;

/* A rebuild writes into a generation of its own, dir/gN (path), while dir's
 * live data goes on answering; strays are swept first. */
cote_status_t cote_gen_start(const char *dir, char *path, size_t cap, cote_error_t *err);
/* A new generation is made live in two steps, so that shards can switch
 * together (run.h). Prepare: cote_gen_prepare_compact writes a compacted
 * copy of src (a build generation from cote_gen_start), or of dir's live
 * data when src is NULL, into a new generation; cote_gen_prepare_switch
 * takes the finished build generation at path as it is. Either syncs it
 * (out->now) and leaves the old data live. cote_gen_commit then switches dir
 * to it (a no-op when nothing was prepared); cote_gen_abandon removes a
 * compacted copy that will not be switched to. */
cote_status_t cote_gen_prepare_compact(const char *dir, const char *src, cote_gen_compaction_t *out,
                                       cote_error_t *err);
cote_status_t cote_gen_prepare_switch(const char *dir, const char *path, cote_gen_compaction_t *out,
                                      cote_error_t *err);
cote_status_t cote_gen_commit(const char *dir, cote_gen_compaction_t *c, cote_error_t *err);
void cote_gen_abandon(const cote_gen_compaction_t *c);
/* Removes what the compaction replaced (call once the writer is closed). */
void cote_gen_drop_old(const char *dir, const cote_gen_compaction_t *c);
/* Forces a database's files in folder dir (Xapian's tables, written with
 * COTE_XDB_NO_SYNC) and the folder itself to disk. Statuses: OK, IO. */
cote_status_t cote_gen_sync_database(const char *dir, cote_error_t *err);

/* Removes the stub and every generation in dir (a rebuild starts over);
 * files of a database held directly in dir are left to Xapian's overwrite. */
void cote_gen_remove_all(const char *dir);

/* File-tree helpers of the index layout: the bytes of the files under path
 * (a file, or a folder walked without following links), and the removal of
 * a tree. Both ignore what they cannot read or remove. */
unsigned long long cote_gen_tree_bytes(const char *path);
void cote_gen_remove_tree(const char *path);

#endif
