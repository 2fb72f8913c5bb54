/* word_index.h: a small index of texts written as the indexer writes its
 * words (the broadest forms only: analysis.h, step 5), one record per text
 * with unique term Q<i> and the text stored as a section of one block (the
 * layout of indexer/record.c, read by written_form.c), for the unit tests
 * that read an index's vocabulary (test_suggest, test_stem_forms).
 * Header-only, like assert.h; include after it. */
#ifndef COTE_TEST_WORD_INDEX_H
#define COTE_TEST_WORD_INDEX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
                if (cote_token_term_positional(&toks->v[k], j))
                    ASSERT_OK_ERR(cote_xdoc_add_posting(d, t, strlen(t), toks->v[k].position, 1, &err), err);
            }
        /* [[n, kind, label, paragraph, page, text]] (best_block.h, COTE_BROW_*) */
        json_t *rec = json_pack("{s:[[issiis]]}", "blocks", 0, "paragraph", "", 1, 1, texts[i]);
        char *data = rec ? json_dumps(rec, JSON_COMPACT) : NULL;
        ASSERT(data != NULL);
        ASSERT_OK_ERR(cote_xdoc_set_data(d, data, strlen(data), &err), err);
        free(data);
        json_decref(rec);
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
