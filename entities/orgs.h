/* orgs.h: organisations, found by name or acronym, reduced to one id.
 *
 * The gazetteer (data/organisations.tsv, compiled in, extensible with files
 * of the same format) maps every French and English name and acronym of an
 * organisation to its canonical id. In a text:
 *   - names match as sequences of analysed words (analysis.h: case, accents
 *     and elisions do not matter; `l’Organisation` = `Organisation`), longest
 *     match first, so `Programme des Nations Unies pour le développement`
 *     is PNUD and not also "Nations Unies";
 *   - acronyms match as written (case-sensitive, whole tokens: `PNUD`,
 *     `ONU-Habitat`, `BAsD`);
 *   - a definition `Nom complet (SIGLE)` teaches SIGLE for the rest of the
 *     text, including names the gazetteer lacks (then the id is
 *     "sigle-<sigle in lower case>" and the entity's canon carries it);
 *   - an acronym with several readings (CCI, BID, CEI) takes the reading
 *     whose full name the text also contains; otherwise it is reported with
 *     COTE_ENT_AMBIGUOUS and canon "ambiguous-<acronym>", never guessed.
 *
 * Ownership: the caller owns the gazetteer (cote_gazetteer_free); entries and
 * their strings live as long as it does. cote_find_orgs borrows the analyser
 * and scratch token list. Thread rule: a gazetteer is read-only once loaded
 * and may be shared by threads; analysers and lists may not.
 */
#ifndef COTE_ORGS_H
#define COTE_ORGS_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "entity.h"
#include "error.h"

typedef struct cote_gazetteer cote_gazetteer_t;

typedef struct {
    const char *id;
    const char *fr_name, *fr_acronym;
    const char *en_name, *en_acronym;
    const char *kind;
} cote_org_t;

/* The built-in gazetteer (data/organisations.tsv). an is used while loading.
 * Statuses: OK, NOMEM, BAD_INPUT (a malformed line: the message names it). */
cote_status_t cote_gazetteer_new(cote_analyser_t *an, cote_gazetteer_t **out, cote_error_t *err);

/* Adds the entries of a TSV file in the same format (header line optional).
 * An entry whose id exists replaces nothing: its names become aliases of the
 * existing id. Statuses: OK, NOT_FOUND, IO, BAD_INPUT (line number in the
 * message), NOMEM. */
cote_status_t cote_gazetteer_add_file(cote_gazetteer_t *g, cote_analyser_t *an, const char *path,
                                      cote_error_t *err);
/* Adds entries from TSV text in the same format; origin names it in error
 * messages. Statuses: OK, BAD_INPUT (line number in the message), NOMEM. */
cote_status_t cote_gazetteer_add_tsv(cote_gazetteer_t *g, cote_analyser_t *an, const char *text, size_t len,
                                     const char *origin, cote_error_t *err);
void cote_gazetteer_free(cote_gazetteer_t *g);

/* The entry with this id, or NULL. */
const cote_org_t *cote_gazetteer_get(const cote_gazetteer_t *g, const char *id);
size_t cote_gazetteer_size(const cote_gazetteer_t *g);

/* The organ a symbol's series belongs to (`E/ESCAP/78/29` -> cesap, by the
 * series listed in the gazetteer's aliases; `A/...` -> the General Assembly,
 * `S/...` the Security Council, `E/...` ECOSOC), or NULL. */
const cote_org_t *cote_gazetteer_series(const cote_gazetteer_t *g, const char *symbol);

/* Appends every organisation mentioned in text[0..len) to out (kind ORG,
 * canon = id). scratch holds the analysis of text (from position 1) on
 * return, which the indexer's records reuse (record.h).
 * Statuses: OK, NOMEM, INTERNAL (analysis failed). */
cote_status_t cote_find_orgs(const cote_gazetteer_t *g, cote_analyser_t *an, cote_token_list_t *scratch,
                             const char *text, size_t len, cote_entity_list_t *out, cote_error_t *err);

/* The organisation a whole query names (a French or English name, or an
 * acronym in any case when it has 3 letters or more), or NULL. */
const cote_org_t *cote_match_org_query(const cote_gazetteer_t *g, cote_analyser_t *an,
                                       cote_token_list_t *scratch, const char *q, size_t len);

#endif
