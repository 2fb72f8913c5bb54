/* test_facet_cache.c: documents' facet values kept by document id
 * (facet_cache.h), and a searcher whose cache is warm counting the same
 * facets as a fresh one, over the seed corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assert.h"
#include "facet_cache.h"
#include "indexer.h"
#include "searcher.h"

static void test_facet_cache__put_get_clear(void)
{
    cote_error_t err;
    cote_facet_cache_t *c;
    ASSERT_OK_ERR(cote_facet_cache_new(&c, &err), err);
    const char *vals[COTE_FACET_CACHE_SLOTS] = {"pnud\nonu", "2020", "rapport", ""};
    size_t lens[COTE_FACET_CACHE_SLOTS] = {8, 4, 7, 0};
    const char *got[COTE_FACET_CACHE_SLOTS];
    ASSERT(!cote_facet_cache_get(c, "0123456789abcdef", 16, got));
    ASSERT_OK_ERR(cote_facet_cache_put(c, "0123456789abcdef", 16, vals, lens, &err), err);
    ASSERT(cote_facet_cache_get(c, "0123456789abcdef", 16, got));
    ASSERT_EQ_STR(got[0], "pnud\nonu");
    ASSERT_EQ_STR(got[1], "2020");
    ASSERT_EQ_STR(got[2], "rapport");
    ASSERT_EQ_STR(got[3], "");
    /* values are taken by length: no NUL needed after them */
    const char *cut[COTE_FACET_CACHE_SLOTS] = {"abcdef", "2021xx", "note", "cesap"};
    size_t cut_lens[COTE_FACET_CACHE_SLOTS] = {3, 4, 4, 5};
    ASSERT_OK_ERR(cote_facet_cache_put(c, "fedcba9876543210", 16, cut, cut_lens, &err), err);
    ASSERT(cote_facet_cache_get(c, "fedcba9876543210", 16, got));
    ASSERT_EQ_STR(got[0], "abc");
    ASSERT_EQ_STR(got[1], "2021");
    /* the first is still there */
    ASSERT(cote_facet_cache_get(c, "0123456789abcdef", 16, got));
    ASSERT_EQ_STR(got[2], "rapport");
    cote_facet_cache_clear(c);
    ASSERT(!cote_facet_cache_get(c, "0123456789abcdef", 16, got));
    /* past its bound it starts over rather than growing */
    char id[17], big[4096];
    memset(big, 'x', sizeof big);
    const char *bv[COTE_FACET_CACHE_SLOTS] = {big, big, big, big};
    size_t bl[COTE_FACET_CACHE_SLOTS] = {sizeof big, sizeof big, sizeof big, sizeof big};
    for (unsigned i = 0; i < 2 * COTE_FACET_CACHE_BYTES / (4 * sizeof big); i++) {
        snprintf(id, sizeof id, "%016x", i);
        ASSERT_OK_ERR(cote_facet_cache_put(c, id, 16, bv, bl, &err), err);
    }
    ASSERT(!cote_facet_cache_get(c, "0000000000000000", 16, got));
    ASSERT(cote_facet_cache_get(c, id, 16, got));
    cote_facet_cache_free(c);
}

static cote_search_response_t *search(cote_searcher_t *s, const char *q)
{
    cote_error_t err;
    cote_search_request_t req;
    memset(&req, 0, sizeof req);
    req.query = q;
    req.limit = 10;
    cote_search_response_t *r = NULL;
    ASSERT_OK_ERR(cote_searcher_search(s, &req, &r, &err), err);
    return r;
}

static void same_facets(const cote_search_response_t *a, const cote_search_response_t *b)
{
    for (size_t f = 0; f < COTE_FACETS; f++) {
        ASSERT_EQ_INT(a->facets[f].n, b->facets[f].n);
        for (size_t i = 0; i < a->facets[f].n && i < b->facets[f].n; i++) {
            ASSERT_EQ_STR(a->facets[f].values[i].value, b->facets[f].values[i].value);
            ASSERT_EQ_INT(a->facets[f].values[i].count, b->facets[f].values[i].count);
        }
    }
}

static void test_facet_cache__warm_searcher_counts_as_a_fresh_one(void)
{
    const char *src = getenv("COTE_SOURCE_DIR"), *tmp = getenv("COTE_TEST_TMP");
    ASSERT(src && tmp);
    char corpus[4096], db[4096], cmd[8300];
    snprintf(corpus, sizeof corpus, "%s/corpus", src);
    snprintf(db, sizeof db, "%s/facet-cache-index", tmp);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", db, tmp);
    ASSERT_EQ_INT(system(cmd), 0);
    cote_error_t err;
    cote_index_options_t opt;
    memset(&opt, 0, sizeof opt);
    cote_indexer_t *ix;
    ASSERT_OK_ERR(cote_indexer_open(db, &opt, &ix, &err), err);
    ASSERT_OK_ERR(cote_indexer_add_path(ix, corpus, &err), err);
    ASSERT_OK_ERR(cote_indexer_finish(ix, &err), err);
    ASSERT_EQ_INT(cote_indexer_totals(ix).indexed, 5);
    ASSERT_OK_ERR(cote_indexer_close(ix, &err), err);

    static const char *queries[] = {"coopération", "PNUD", "développement durable", "coopération",
                                    "Asie Pacifique", "PNUD"};
    cote_searcher_t *warm;
    ASSERT_OK_ERR(cote_searcher_open(db, &warm, &err), err);
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        cote_searcher_t *fresh;
        ASSERT_OK_ERR(cote_searcher_open(db, &fresh, &err), err);
        cote_search_response_t *a = search(warm, queries[i]), *b = search(fresh, queries[i]);
        ASSERT(a->n_hits > 0);
        same_facets(a, b);
        cote_search_response_free(a);
        cote_search_response_free(b);
        cote_searcher_free(fresh);
    }
    /* after a reopen (the index may have changed) the counts are read again */
    bool changed;
    ASSERT_OK_ERR(cote_searcher_refresh(warm, &changed, &err), err);
    cote_search_response_t *r = search(warm, "PNUD");
    ASSERT(r->facets[0].n > 0);
    cote_search_response_free(r);
    cote_searcher_free(warm);
}

int main(void)
{
    RUN(test_facet_cache__put_get_clear);
    RUN(test_facet_cache__warm_searcher_counts_as_a_fresh_one);
    return DONE();
}
