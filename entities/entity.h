/* entity.h: what the UN entity recognisers find in a text, and the list
 * they fill.
 *
 * Three kinds, each reduced to one canonical form so that every way of
 * writing it meets in the index:
 *   SYMBOL  a UN document symbol, written as such (`A/75/371`,
 *           `LC/SES.37/8/Corr.1`) or as a resolution reference
 *           (`résolution 74/239 de l’Assemblée générale` -> `A/RES/74/239`,
 *           `résolution 1325 (2000)` -> `S/RES/1325(2000)`,
 *           `résolution 217 A (III)` -> `A/RES/217(III)`);
 *   DATE    a date, month, year or range, as ISO 8601 (`2020-02-15`,
 *           `2019-05`, `2021`, `2025-07-15/2025-07-17`) with the closed range
 *           of days it covers, so ranges can be matched by overlap;
 *   ORG     an organisation, as the id of its gazetteer entry.
 * Recognisers work on repaired text (indexer/clean.h): footnote markers are
 * already split off and words rejoined.
 *
 * Ownership: a cote_entity_list_t belongs to its caller (init with
 * COTE_ENTITY_LIST_INIT, reuse, free with cote_entity_list_free). Entities
 * are plain values. Thread rule: lists are not shared between threads.
 */
#ifndef COTE_ENTITY_H
#define COTE_ENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    COTE_ENT_SYMBOL,
    COTE_ENT_DATE,
    COTE_ENT_ORG,
} cote_entity_kind_t;

/* Flags. */
enum {
    COTE_ENT_INFERRED = 1u << 0,   /* SYMBOL: the organ was not stated and was inferred from
                                      context; DATE: the year was inferred */
    COTE_ENT_AMBIGUOUS = 1u << 1,  /* ORG: an acronym with several readings, none chosen */
    COTE_ENT_RESOLUTION = 1u << 2, /* SYMBOL: found as a resolution reference, not written as a symbol */
    COTE_ENT_LINK = 1u << 3,       /* SYMBOL: from an undocs.org link (corroboration) */
    COTE_ENT_RANGE = 1u << 4,      /* DATE: an interval (du 15 au 17 juillet 2025, 2016-2020) */
};

#define COTE_ENTITY_CANON_MAX 96

typedef struct {
    cote_entity_kind_t kind;
    unsigned flags;
    size_t start, end;                 /* byte span in the text searched */
    char canon[COTE_ENTITY_CANON_MAX]; /* canonical form, see above (NUL-terminated) */
    uint32_t from, to;                 /* DATE: first and last day covered, as YYYYMMDD */
} cote_entity_t;

typedef struct {
    cote_entity_t *v;
    size_t n, cap;
} cote_entity_list_t;

#define COTE_ENTITY_LIST_INIT {NULL, 0, 0}

/* Appends a copy of e. Statuses: OK, NOMEM. */
cote_status_t cote_entity_push(cote_entity_list_t *l, const cote_entity_t *e);
/* Empties the list, keeping its memory. */
void cote_entity_list_reset(cote_entity_list_t *l);
void cote_entity_list_free(cote_entity_list_t *l);

/* "symbol", "date", "org". */
const char *cote_entity_kind_name(cote_entity_kind_t k);

#ifdef __cplusplus
}
#endif

#endif
