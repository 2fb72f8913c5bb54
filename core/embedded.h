/* embedded.h: files compiled into the binary (cmake/CoteEmbed.cmake).
 *
 * A table is an array of cote_asset_t rows ended by a row of zeros, generated
 * at build time from files in the tree: the web assets (web/assets.h) and the
 * data the indexer needs (indexer/data_files.h). Nothing is read from disk at
 * run time, so an installed `cote` cannot lose its data, and a name is never
 * turned into a filesystem path.
 *
 * Ownership: tables and bytes are static and read-only. Thread-safe.
 */
#ifndef COTE_EMBEDDED_H
#define COTE_EMBEDDED_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Field order must match the generator: name, type, data, len. */
typedef struct {
    const char *name;          /* file name, e.g. "style.css"; NULL ends the table */
    const char *type;          /* Content-Type value */
    const unsigned char *data; /* len bytes (followed by a NUL not counted in len) */
    size_t len;
} cote_asset_t;

/* The row of table named name, or NULL. */
const cote_asset_t *cote_embedded_find(const cote_asset_t *table, const char *name);

#ifdef __cplusplus
}
#endif

#endif
