/* strmap.h: a growable hash map from byte strings to counts.
 *
 * Keys are copied into the map's own arena; the map owns everything and is
 * released with cote_strmap_free(). Thread rule: one thread at a time.
 */
#ifndef COTE_STRMAP_H
#define COTE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint64_t hash; /* 0: empty */
    size_t off;
    size_t len;
    unsigned long count;
} cote_strmap_slot_t;

typedef struct {
    cote_strmap_slot_t *slots;
    size_t cap, used;
    cote_strbuf_t arena;
} cote_strmap_t;

#define COTE_STRMAP_INIT {NULL, 0, 0, COTE_STRBUF_INIT}

/* Adds inc to the count of key (inserting it at inc). Statuses: OK, NOMEM. */
cote_status_t cote_strmap_add(cote_strmap_t *m, const char *key, size_t len, unsigned long inc);
/* Sets the count of key to value (inserting it). Statuses: OK, NOMEM. */
cote_status_t cote_strmap_put(cote_strmap_t *m, const char *key, size_t len, unsigned long value);
/* The count of key, 0 when absent. */
unsigned long cote_strmap_get(const cote_strmap_t *m, const char *key, size_t len);
/* Empties the map, keeping its memory. */
void cote_strmap_reset(cote_strmap_t *m);
void cote_strmap_free(cote_strmap_t *m);

#ifdef __cplusplus
}
#endif

#endif
