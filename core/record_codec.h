/* record_codec.h: how a record's stored data is packed in the index.
 *
 * A record (document or section) is JSON (docs/schema.md). The index stores
 * it as one zstd frame compressed with the dictionary built into cote
 * (data/record-dict.zst, trained on the records of real UN documents by
 * scripts/make-record-dict.sh). Records are a few kilobytes each, too small
 * for a compressor to learn from alone: the dictionary holds what they share
 * (the JSON keys, the UN's recurring phrases), so each compresses about twice
 * as well as Xapian's own zlib does, and the compression runs on the
 * indexer's record thread rather than on its writer (Xapian then finds
 * nothing to gain and stores the frame as is).
 *
 * Data that starts with '{' is plain JSON and is read as it is: records of
 * schema 8 and before, and any caller that stores JSON itself.
 *
 * Changing the dictionary changes what every stored frame needs to be read:
 * it goes with a new COTE_SCHEMA_VERSION (core/schema.h), which makes the
 * indexer rewrite every record. A frame made with another dictionary is
 * reported as DB_CORRUPT, with a message saying to rebuild.
 *
 * Ownership: the caller owns the buffers. Thread-safe: each thread keeps its
 * own compression contexts, freed when the thread ends.
 */
#ifndef COTE_RECORD_CODEC_H
#define COTE_RECORD_CODEC_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest record accepted, packed or unpacked (bytes). */
#define COTE_RECORD_MAX ((size_t)1 << 30)

/* Replaces out's content with json[0..len) packed.
 * Statuses: OK, TOO_LARGE (len > COTE_RECORD_MAX), NOMEM, INTERNAL. */
cote_status_t cote_record_pack(const char *json, size_t len, cote_strbuf_t *out, cote_error_t *err);

/* The JSON of stored data[0..len): *json points either into data (plain JSON)
 * or into scratch (a frame, unpacked there; scratch's old content is lost).
 * *json stays valid while data and scratch do. Empty data gives "".
 * Statuses: OK, DB_CORRUPT (not a frame of this dictionary, or damaged),
 * TOO_LARGE, NOMEM. */
cote_status_t cote_record_unpack(const char *data, size_t len, cote_strbuf_t *scratch, const char **json,
                                 size_t *json_len, cote_error_t *err);

/* The built-in dictionary's id (0 when cote was built without one: frames are
 * then packed without a dictionary). */
unsigned cote_record_dict_id(void);

#ifdef __cplusplus
}
#endif

#endif
