/* entity_query.h: the UN entities in what a person typed, and field filters.
 *
 * On top of the word query (query.h), a query is read for what it names:
 *   - a whole query that is a symbol or a resolution in any usual form
 *     (`A/RES/74/239`, `résolution 74/239`, `74/239`, `S/RES/1325 (2000)`,
 *     `1325 (2000)`) searches XSYM:<canon> and, far above it, XOWN:<canon>
 *     (the document whose own symbol it is ranks first);
 *   - a whole query that is a date (`15 février 2020`, `février 2020`, `2020`,
 *     `du 15 au 17 juillet 2025`) searches every mention overlapping it;
 *   - a whole query that names an organisation (French or English name,
 *     acronym) searches XORG:<id>;
 *   - otherwise the symbols, dates and organisations found inside the query,
 *     by the recognisers documents go through, add their entity terms.
 * With operators (query.h), each clause of the query (a run of words, a word
 * between operators) is read so, and its entities join its words: they obey
 * the operators around it, so `coopération SAUF PNUD` also excludes the
 * passages naming the PNUD in full, and `PNUD OR UNICEF` is either. A query
 * that had to be repaired adds the note `requête lue comme : ...`.
 * Entity matches are weighted above the words (ENTITY_BOOST), and the words
 * still count, so a document citing the entity and using the words ranks
 * first and a loose word match still appears below.
 *
 * Field filters restrict without weighing: `org:PNUD`, `org:"Programme des
 * Nations Unies pour le développement"`, `symbol:A/75/371` (or `res:74/239`),
 * `date:2022-09-12..2022-09-14` (open ends: `date:2020..`, `date:..2019-05`;
 * a document matches when its date or a date it mentions overlaps), `year:2020`,
 * `type:rapport`, `organ:CESAP`. The same filters come from the request's
 * fields (CLI --from, --to, --org, --symbol, --type, --organ). A filter
 * applies to the whole query wherever it is typed, in parentheses or after
 * AND/OR (which go with it); after NOT (SAUF) or marked `-org:PNUD`, it
 * excludes instead.
 *
 * Ownership: *out is the caller's (cote_xquery_free). Everything else is
 * borrowed. Statuses: OK, NOMEM, INTERNAL.
 */
#ifndef COTE_ENTITY_QUERY_H
#define COTE_ENTITY_QUERY_H

#include "analysis.h"
#include "orgs.h"
#include "query.h"
#include "stem_forms.h"
#include "searcher.h"

typedef struct {
    cote_analyser_t *an;
    cote_token_list_t *scratch;
    const cote_gazetteer_t *gazetteer;
    cote_xdb_t *db; /* where org: and symbol: find their documents (doc_filter.h); NULL: they
                     * stay the document term, as --explain shows them */
    cote_stem_forms_t *stems; /* what finds a stem's words in db (stem_forms.h); NULL (or db
                               * NULL): stems stay stem terms */
    bool filters_as_terms;    /* org: and symbol: stay the document term even with db, as
                               * --explain shows them (a list of ids says nothing) */
} cote_entity_query_ctx_t;

/* Builds the full query for req into *out (NULL when nothing at all is
 * asked: no word, no entity, no filter), and the word part into pq (for
 * highlighting). A note on how the query was read is appended to notes
 * (NUL-separated) for each entity recognised or filter not understood. */
cote_status_t cote_entity_query_build(const cote_entity_query_ctx_t *ctx, const cote_search_request_t *req,
                                      cote_parsed_query_t *pq, cote_xquery_t **out, cote_strbuf_t *notes,
                                      size_t *n_notes, cote_error_t *err);

#endif
