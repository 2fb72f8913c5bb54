/* stats.c: counts and metadata of an index. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "xdb.h"

static int count(const char *term, size_t len, unsigned long freq, void *ctx)
{
    (void)term;
    (void)len;
    (void)freq;
    ++*(unsigned long *)ctx;
    return 0;
}

cote_status_t cote_searcher_stats(cote_searcher_t *s, cote_stats_t *out, cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    cote_xdb_t *db = cote_searcher_db(s);
    size_t len = 0;
    cote_status_t st = cote_xdb_term_freq(db, COTE_PREFIX_KIND COTE_KIND_DOC, &out->documents, err);
    if (!st)
        /* each section's XKIND:passage counts its blocks (indexer/record.c) */
        st = cote_xdb_collection_freq(db, COTE_PREFIX_KIND COTE_KIND_PASSAGE, &out->passages, err);
    if (!st)
        st = cote_xdb_term_freq(db, COTE_PREFIX_KIND COTE_KIND_PASSAGE, &out->sections, err);
    if (!st)
        st = cote_xdb_allterms(db, "", count, &out->terms, err);
    char *words = NULL;
    if (!st)
        st = cote_xdb_get_metadata(db, COTE_META_SECTION_WORDS, &words, &len, err);
    if (!st)
        out->section_words = cote_section_words_parse(words, len);
    free(words);
    if (!st)
        st = cote_xdb_get_metadata(db, COTE_META_COMMITTED, &out->committed, &len, err);
    if (!st)
        st = cote_xdb_get_metadata(db, COTE_META_FAILED, &out->failed, &len, err);
    for (size_t i = 0; !st && i < len; i++)
        out->n_failed += out->failed[i] == '\n';
    if (st)
        cote_stats_free(out);
    return st;
}

void cote_stats_free(cote_stats_t *st)
{
    free(st->committed);
    free(st->failed);
    st->committed = st->failed = NULL;
}
