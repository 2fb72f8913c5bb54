/* doc_entities.h: everything a repaired document says about itself and cites.
 *
 * From a cote_clean_doc_t: its own symbols (read from the page furniture:
 * running headers carry them), its job number, the symbols it cites (in the
 * text and in undocs.org links), the dates and organisations it mentions
 * (entities/), and the facts derived from them: its type, its organ and its
 * own date, each with how it was told.
 *
 * Ownership: the caller owns the struct (init with COTE_DOC_ENTITIES_INIT,
 * reuse across documents: cote_doc_entities empties it; free with
 * cote_doc_entities_free). The gazetteer, analyser and scratch list are
 * borrowed. Thread rule: one thread per struct.
 */
#ifndef COTE_DOC_ENTITIES_H
#define COTE_DOC_ENTITIES_H

#include <stdint.h>

#include "clean.h"
#include "entity.h"
#include "orgs.h"

typedef struct {
    cote_entity_list_t own;       /* the document's own symbols, deduplicated */
    char job_number[32];          /* "" when none */
    cote_entity_list_t citations; /* symbols cited: one entry per mention (text, then links) */
    cote_entity_list_t dates;     /* one entry per mention */
    cote_entity_list_t orgs;      /* one entry per mention */
    char type[32];                /* "rapport", "résolution", "projet de résolution", "décision",
                                     "note", "lettre", "déclaration", or "" when not told */
    char type_how[48];            /* how the type was told */
    char organ[COTE_ENTITY_CANON_MAX]; /* gazetteer id of the organ, or "" */
    char organ_how[48];
    uint32_t date;                /* the document's date as YYYYMMDD (day 01 for a month...), 0 */
    char date_iso[16];            /* its ISO form at its own precision ("2020"), "" */
    char date_how[48];            /* how it was told ("job number 20-12800"), "" */
} cote_doc_entities_t;

#define COTE_DOC_ENTITIES_INIT {COTE_ENTITY_LIST_INIT, "", COTE_ENTITY_LIST_INIT, COTE_ENTITY_LIST_INIT, \
                                COTE_ENTITY_LIST_INIT, "", "", "", "", 0, "", ""}

/* On success scratch holds the analysis of c's text from position 1
 * (cote_find_orgs). Statuses: OK, NOMEM, INTERNAL (analysis failed). */
cote_status_t cote_doc_entities(const cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *scratch,
                                const cote_clean_doc_t *c, cote_doc_entities_t *out, cote_error_t *err);
void cote_doc_entities_free(cote_doc_entities_t *e);

#endif
