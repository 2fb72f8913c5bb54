/* written_form.h: how the index's text writes a word, accents and all.
 *
 * Since schema 10 the index holds each word once, accent-free
 * (analysis.h, step 5): "coopération" is indexed as "cooperation" only.
 * Searches never read the accented forms, which were a sixth of the index's
 * postings; suggestions and completions show a word with its accents, and
 * find them here, in the stored text: the first records (in docid order)
 * holding the word are read, those of their blocks that may hold it (a
 * probe, analysis.h) are analysed, and the spellings of its tokens are
 * counted. The most frequent spelling wins; on a tie the accented one,
 * since an accent-free spelling of an accented word is usually the capitals
 * of a heading ("COOPERATION") or a careless one.
 *
 * Work is bounded: at most max_records records, and it stops once
 * COTE_WRITTEN_ENOUGH tokens are counted. Records are read as a search reads
 * them, so local and remote shards alike answer.
 *
 * Ownership: *out is malloc'ed and the caller's. The database and analyser
 * are borrowed; scratch is overwritten. Thread rule: that of the handles.
 */
#ifndef COTE_WRITTEN_FORM_H
#define COTE_WRITTEN_FORM_H

#include "analysis.h"
#include "error.h"
#include "xdb.h"

#define COTE_WRITTEN_ENOUGH 32

/* The usual spelling (folded case, accents kept: a token's EXACT term,
 * analysis.h; a joined term's parts with their hyphen, "coût-efficacité")
 * of the accent-free indexed word bare; bare itself when no
 * record read shows another (or none can be read: a record in an unknown
 * layout is skipped). Statuses: OK, NOMEM, DB_CORRUPT (a record that is not
 * a valid frame or JSON), DB_MODIFIED, REMOTE, INTERNAL. */
cote_status_t cote_written_form(cote_xdb_t *db, cote_analyser_t *an, cote_token_list_t *scratch, const char *bare,
                                unsigned max_records, char **out, cote_error_t *err);

#endif
