/* word_index.h: a small index of texts written as the indexer writes its
 * words (every term analysis gives, but the stem terms: stem_forms.h), one
 * record per text with unique term Q<i>, for the unit tests that read an
 * index's vocabulary (test_suggest, test_stem_forms). Header-only, like
 * assert.h; include after it. */
#ifndef COTE_TEST_WORD_INDEX_H
#define COTE_TEST_WORD_INDEX_H

#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "xdb.h"

static void word_index_write(cote_analyser_t *an, cote_token_list_t *toks, const char *path,
                             const char *const *texts, size_t n)
{
    cote_error_t err;
    cote_xdb_t *w;
    ASSERT_OK_ERR(cote_xdb_open_writable(path, COTE_XDB_CREATE_OR_OVERWRITE, &w, &err), err);
    for (size_t i = 0; i < n; i++) {
        cote_xdoc_t *d;
        ASSERT_OK_ERR(cote_xdoc_new(&d, &err), err);
        ASSERT_OK_ERR(cote_analyse(an, texts[i], strlen(texts[i]), 1, toks, &err), err);
        for (size_t k = 0; k < toks->n; k++)
            for (unsigned j = 0; j < toks->v[k].n_terms; j++) {
                const char *t = cote_token_term(toks, &toks->v[k], j);
                if (!cote_term_positional((cote_term_kind_t)toks->v[k].kind[j]))
                    continue; /* a stem term */
                ASSERT_OK_ERR(cote_xdoc_add_term(d, t, strlen(t), 1, &err), err);
            }
        cote_docid_t id;
        char unique[32];
        snprintf(unique, sizeof unique, "Q%zu", i);
        ASSERT_OK_ERR(cote_xdoc_add_boolean_term(d, unique, strlen(unique), &err), err);
        ASSERT_OK_ERR(cote_xdb_replace_by_term(w, unique, d, &id, &err), err);
        cote_xdoc_free(d);
    }
    ASSERT_OK_ERR(cote_xdb_commit(w, &err), err);
    cote_xdb_close(w);
}

#endif
