/* index_stamp.h: a number that changes whenever the index at a path does.
 *
 * Xapian's glass backend writes a new `iamglass` (a new file, renamed over)
 * at every commit, and cote switches generations and shards by renaming a
 * stub `XAPIANDB` over (docs/schema.md, "On disk"). So the identities
 * (device, inode, size, mtime) of the stubs met on the way and of every
 * database's `iamglass` change with any commit, compaction, rebuild or
 * replacement of the folder. The response cache keys its entries with it:
 * an answer cached before a commit is never served after it.
 *
 * A stub naming a remote database (`remote ...`, xapian-tcpsrv) has no
 * such file here: web_index_stamp() then returns false and nothing is cached.
 * Cost: two or three stat() per database and stub, on the way of every
 * request (a two-shard index: eight); a stub is read again only when its
 * identity changed. No Xapian call.
 *
 * Thread rule: each thread keeps the stubs it read (thread-local), so
 * calls need no lock.
 */
#ifndef COTE_WEB_INDEX_STAMP_H
#define COTE_WEB_INDEX_STAMP_H

#include <stdbool.h>
#include <stdint.h>

/* path: an index folder or a stub file, as `cote serve --db` takes. */
bool web_index_stamp(const char *path, uint64_t *out);

#endif
