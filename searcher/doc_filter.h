/* doc_filter.h: a filter on what a whole document holds (org:PNUD,
 * symbol:A/75/371) as a query on passages.
 *
 * The document-wide terms (XDORG:, XDSYM:) live on document records only
 * (core/schema.h): copied onto every passage they made half the index. A
 * filter therefore reads the documents whose record holds the term (its
 * posting list, at most one entry per document), takes their ids (value
 * COTE_SLOT_DOC, read from the value stream) and restricts to those
 * documents' passages: one flat OR of their XDOC terms, or, when the term is
 * on more than half of the documents, every passage but those of the others.
 * It reads posting lists and values only, which Xapian serves from local
 * databases, stubs of shards and remote xapian-tcpsrv shards alike (T130).
 *
 * With db NULL (`cote search --explain`), the query is the term itself, so
 * that the reading shows the filter rather than a list of ids.
 *
 * Ownership: *out is the caller's (cote_xquery_free); db is borrowed.
 * Statuses: OK, NOMEM, DB_MODIFIED, REMOTE, INTERNAL.
 */
#ifndef COTE_DOC_FILTER_H
#define COTE_DOC_FILTER_H

#include "error.h"
#include "xdb.h"

/* term is a whole document term: COTE_PREFIX_DOC_ORG or COTE_PREFIX_DOC_SYMBOL
 * and its value. */
cote_status_t cote_doc_filter_query(cote_xdb_t *db, const char *term, cote_xquery_t **out, cote_error_t *err);

#endif
