/* test_analysis_index.c: documents and queries meet through the one analysis.
 *
 * A few lines are analysed and indexed into a scratch database the way
 * indexer/record.c's add_terms does it (every term at its token's position,
 * except stem terms, which get none), then searched with queries built by
 * searcher/query.c: each case lists the documents that must match, so stems,
 * accents, compounds, codes, spaced numbers, stop words and phrases are
 * checked from text to hit. A phrase of Z terms must match nothing.
 * (tests/e2e/T020-analyze.sh checks the same through `cote index`.)
 *
 * The database lives under $COTE_TEST_TMP/test_analysis_index (or
 * /tmp/cote_test_analysis_index.<pid>), overwritten at start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assert.h"
#include "query.h"

static cote_analyser_t *an;
static cote_xdb_t *db;

static const char *const docs[] = {
    /* 1 */ "Le Conseil de sécurité a examiné la sécurité régionale.",
    /* 2 */ "La coopération Sud-Sud et triangulaire, avec ONU-Habitat.",
    /* 3 */ ("La pandémie de COVID-19 a touché 30\xe2\x80\xaf" "000 personnes ; 61,9 % des pays."),
    /* 4 */ "Les concentrations de PM2,5 dans l’Asie-Pacifique.",
    /* 5 */ "Le Sud et le Nord doivent coopérer ; en 2019 150 pays.",
};

/* The indexing rule of indexer/record.c (add_terms). */
static cote_xdoc_t *index_text(const char *text, cote_token_list_t *toks)
{
    cote_error_t err;
    cote_xdoc_t *d;
    ASSERT_OK_ERR(cote_xdoc_new(&d, &err), err);
    ASSERT_OK_ERR(cote_analyse(an, text, strlen(text), 1, toks, &err), err);
    for (size_t i = 0; i < toks->n; i++) {
        const cote_token_t *t = &toks->v[i];
        for (unsigned j = 0; j < t->n_terms; j++) {
            const char *term = cote_token_term(toks, t, j);
            if (cote_token_term_positional(t, j))
                ASSERT_OK_ERR(cote_xdoc_add_posting(d, term, strlen(term), t->position, 1, &err), err);
            else
                ASSERT_OK_ERR(cote_xdoc_add_term(d, term, strlen(term), 1, &err), err);
        }
    }
    return d;
}

static void open_db(void)
{
    char dir[1024];
    const char *tmp = getenv("COTE_TEST_TMP");
    if (tmp && *tmp) {
        mkdir(tmp, 0777);
        snprintf(dir, sizeof dir, "%s/test_analysis_index", tmp);
    } else {
        snprintf(dir, sizeof dir, "/tmp/cote_test_analysis_index.%ld", (long)getpid());
    }
    cote_error_t err;
    ASSERT_OK_ERR(cote_xdb_open_writable(dir, COTE_XDB_CREATE_OR_OVERWRITE, &db, &err), err);
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        char unique[32];
        snprintf(unique, sizeof unique, "Q%zu", i + 1);
        cote_xdoc_t *d = index_text(docs[i], &toks);
        cote_docid_t docid;
        ASSERT_OK_ERR(cote_xdb_replace_by_term(db, unique, d, &docid, &err), err);
        ASSERT_EQ_INT(docid, i + 1);
        cote_xdoc_free(d);
    }
    cote_token_list_free(&toks);
    ASSERT_OK_ERR(cote_xdb_commit(db, &err), err);
}

/* The docids matching q, in increasing order, comma-separated ("" for none). */
static const char *hits(const cote_xquery_t *q)
{
    static char out[256];
    cote_error_t err;
    cote_xenquire_t *e;
    cote_xmset_t *ms;
    ASSERT_OK_ERR(cote_xenquire_new(db, &e, &err), err);
    ASSERT_OK_ERR(cote_xenquire_set_query(e, q, &err), err);
    ASSERT_OK_ERR(cote_xenquire_run(e, 0, 100, 100, &ms, &err), err);
    int seen[sizeof docs / sizeof *docs + 1] = {0};
    for (size_t i = 0; i < cote_xmset_size(ms); i++) {
        cote_xhit_t h;
        ASSERT_OK_ERR(cote_xmset_hit(ms, i, &h, &err), err);
        ASSERT(h.docid >= 1 && h.docid <= sizeof docs / sizeof *docs);
        seen[h.docid] = 1;
    }
    cote_xmset_free(ms);
    cote_xenquire_free(e);
    size_t n = 0;
    out[0] = '\0';
    for (size_t d = 1; d <= sizeof docs / sizeof *docs; d++)
        if (seen[d])
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%zu", n ? "," : "", d);
    return out;
}

static const char *search(const char *text)
{
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    ASSERT_OK_ERR(cote_query_build(an, text, strlen(text), &q, &err), err);
    const char *r = q.query ? hits(q.query) : "(no query)";
    cote_parsed_query_free(&q);
    return r;
}

static const struct {
    const char *query, *want;
} cases[] = {
    /* accents and stems, both ways */
    {"securite", "1"},
    {"Sécurité", "1"},
    {"régional", "1"},
    {"coopérer", "2,5"},
    {"\"coopération\"", "2"},
    /* compounds: parts, phrase, joined form */
    {"Sud-Sud", "2"},
    {"\"Sud-Sud\"", "2"},
    {"sudsud", "2"},
    {"sud", "2,5"},
    {"onuhabitat", "2"},
    {"ONU-Habitat", "2"},
    {"habitat", "2"},
    {"COVID-19", "3"},
    {"COVID19", "3"},
    {"covid", "3"},
    {"asiepacifique", "4"},
    {"Asie-Pacifique", "4"},
    {"pacifique", "4"},
    /* codes and numbers */
    {"PM2,5", "4"},
    {"PM2.5", "4"},
    {"pm25", "4"},
    {"61,9", "3"},
    {"30000", "3"},
    {"30\xc2\xa0" "000", "3"},
    {"000", ""},
    {"150", "5"},
    {"2019150", ""},
    /* stop words: dropped from free words, kept in the index and in phrases */
    {"la sécurité", "1"},
    {"pour les pays", "3,5"},
    {"\"la sécurité régionale\"", "1"},
    {"\"Conseil de sécurité\"", "1"},
    {"le", "1,5"}, /* nothing but stop words: searched, as the word itself (no stem term) */
    {"les", "4"},
};

static void test_analysis_index__queries_find_their_documents(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char got[512];
        snprintf(got, sizeof got, "%s -> %s", cases[i].query, search(cases[i].query));
        char want[512];
        snprintf(want, sizeof want, "%s -> %s", cases[i].query, cases[i].want);
        ASSERT_EQ_STR(got, want);
    }
}

static void test_analysis_index__stems_have_no_positions(void)
{
    cote_error_t err;
    cote_xquery_t *t[2], *q;
    /* document 2 holds "sud sud" at positions 3 and 4... */
    ASSERT_OK_ERR(cote_xquery_term("sud", 1, 1, &t[0], &err), err);
    ASSERT_OK_ERR(cote_xquery_term("sud", 1, 2, &t[1], &err), err);
    ASSERT_OK_ERR(cote_xquery_combine(COTE_XQ_PHRASE, t, 2, 0, &q, &err), err);
    ASSERT_EQ_STR(hits(q), "2");
    cote_xquery_free(t[0]);
    cote_xquery_free(t[1]);
    cote_xquery_free(q);
    /* ...but its Z terms are there without positions */
    ASSERT_OK_ERR(cote_xquery_term("Zsud", 1, 1, &t[0], &err), err);
    ASSERT_EQ_STR(hits(t[0]), "2,5");
    ASSERT_OK_ERR(cote_xquery_term("Zsud", 1, 2, &t[1], &err), err);
    ASSERT_OK_ERR(cote_xquery_combine(COTE_XQ_PHRASE, t, 2, 0, &q, &err), err);
    ASSERT_EQ_STR(hits(q), "");
    cote_xquery_free(t[0]);
    cote_xquery_free(t[1]);
    cote_xquery_free(q);
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    open_db();
    RUN(test_analysis_index__queries_find_their_documents);
    RUN(test_analysis_index__stems_have_no_positions);
    cote_xdb_close(db);
    cote_analyser_free(an);
    return DONE();
}
