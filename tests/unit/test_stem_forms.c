/* test_stem_forms.c: a stem searched as the index's words that have it
 * (stem_forms.h), over an index written as the indexer writes one: every
 * term of every token but the stem terms. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "assert.h"
#include "stem_forms.h"
#include "xdb.h"
#include "word_index.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;

static const char *const texts[] = {
    "La coopération Sud-Sud et la coopération triangulaire.",
    "Le Programme des Nations Unies pour le développement coopère.",
    "Une coopérative agricole ; des coopératives.",
    "Les journaux nationaux et le journal national.",
    "La sécurité alimentaire, les forces sécuritaires.",
    "Cooperation in English, and a coop.",
};

static char dir[64];
static cote_xdb_t *db;
static cote_stem_forms_t *forms;

/* The index of texts, open, and a stem_forms handle. */
static void setup(void)
{
    cote_error_t err;
    snprintf(dir, sizeof dir, "/tmp/cote-test-stems-XXXXXX");
    ASSERT(mkdtemp(dir) != NULL);
    word_index_write(an, &toks, dir, texts, sizeof texts / sizeof *texts);
    ASSERT_OK_ERR(cote_xdb_open(dir, &db, &err), err);
    ASSERT_OK_ERR(cote_stem_forms_new(&forms, &err), err);
}

static void teardown(void)
{
    cote_stem_forms_free(forms);
    cote_xdb_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ASSERT_EQ_INT(system(cmd), 0);
}

/* The words of zterm, sorted, joined by spaces. */
static char *words_of(cote_stem_forms_t *f, const char *zterm)
{
    cote_error_t err;
    const char *words = NULL;
    size_t n = 0;
    ASSERT_OK_ERR(cote_stem_forms_get(f, db, an, zterm, &words, &n, &err), err);
    const char *v[64];
    ASSERT(n < 64);
    for (size_t i = 0; i < n; i++, words += strlen(words) + 1)
        v[i] = words;
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && strcmp(v[k - 1], v[k]) > 0; k--) {
            const char *t = v[k];
            v[k] = v[k - 1];
            v[k - 1] = t;
        }
    char *out = calloc(1, 1024);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, v[i]);
    }
    return out;
}

static void check_words(cote_stem_forms_t *f, const char *zterm, const char *want)
{
    char *got = words_of(f, zterm);
    ASSERT_EQ_STR(got, want);
    free(got);
}

static void test_stem_forms__words_of_a_stem(void)
{
    setup();
    cote_error_t err;
    cote_stem_forms_t *f = forms;
    /* accent-free forms only (their accented siblings are in the index too);
     * "coop" shares the prefix but not the stem */
    check_words(f, "Zcooper", "cooperation cooperative cooperatives coopere");
    /* a stem that does not end as its words: national <- nationaux */
    check_words(f, "Znational", "national nationaux");
    check_words(f, "Zjournal", "journal journaux");
    check_words(f, "Zsecurit", "securite");
    check_words(f, "Zsecuritair", "securitaires");
    /* a joined compound's stem */
    check_words(f, "Zsudsud", "sudsud");
    /* short stems use their whole length as the prefix */
    check_words(f, "Zcoop", "coop");
    /* a stem no word has */
    check_words(f, "Zabsent", "");
    /* remembered: the same answer from memory, then again after a clear */
    check_words(f, "Zcooper", "cooperation cooperative cooperatives coopere");
    cote_stem_forms_clear(f);
    check_words(f, "Zcooper", "cooperation cooperative cooperatives coopere");
    unsigned long freq = 0;
    ASSERT_OK_ERR(cote_stem_forms_freq(f, db, an, "Zcooper", &freq, &err), err);
    ASSERT_EQ_INT(freq, 5); /* cooperation 2, cooperative 1, cooperatives 1, coopere 1: over 4 documents, a bound */
    /* not a stem term */
    const char *words;
    size_t n;
    ASSERT_EQ_INT(cote_stem_forms_get(f, db, an, "cooper", &words, &n, &err), COTE_INVALID_ARG);
    ASSERT_EQ_INT(cote_stem_forms_get(f, db, an, "Z", &words, &n, &err), COTE_INVALID_ARG);
    teardown();
}

static void test_stem_forms__query_matches_every_form(void)
{
    setup();
    cote_error_t err;
    cote_stem_forms_t *f = forms;
    static const struct {
        const char *zterm;
        unsigned long matches;
        const char *shape; /* in Xapian's description of the query */
    } cases[] = {
        {"Zcooper", 4, "SYNONYM"}, /* texts 0, 1, 2, 5 */
        {"Znational", 1, "SYNONYM"},
        {"Zsecurit", 1, "securite"},
        {"Zabsent", 0, "Zabsent"}, /* no word: the stem term, which matches nothing */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cote_xquery_t *q = NULL;
        ASSERT_OK_ERR(cote_stem_forms_query(f, db, an, cases[i].zterm, 1, &q, &err), err);
        char *shown = NULL;
        ASSERT_OK_ERR(cote_xquery_describe(q, &shown, &err), err);
        ASSERT(strstr(shown, cases[i].shape) != NULL);
        free(shown);
        cote_xenquire_t *e;
        ASSERT_OK_ERR(cote_xenquire_new(db, &e, &err), err);
        ASSERT_OK_ERR(cote_xenquire_set_query(e, q, &err), err);
        cote_xmset_t *ms;
        ASSERT_OK_ERR(cote_xenquire_run(e, 0, 10, 10, &ms, &err), err);
        ASSERT_EQ_INT(cote_xmset_size(ms), cases[i].matches);
        cote_xmset_free(ms);
        cote_xenquire_free(e);
        cote_xquery_free(q);
    }
    teardown();
}

static void test_stem_forms__prefix_len(void)
{
    ASSERT_EQ_INT(cote_stem_prefix_len("cooper"), 4);   /* its last two characters left out */
    ASSERT_EQ_INT(cote_stem_prefix_len("national"), 6);
    ASSERT_EQ_INT(cote_stem_prefix_len("pays"), 3);     /* never under three characters */
    ASSERT_EQ_INT(cote_stem_prefix_len("onu"), 3);
    ASSERT_EQ_INT(cote_stem_prefix_len("a"), 1);
    ASSERT_EQ_INT(cote_stem_prefix_len("œuvr"), 4);     /* three characters, four bytes: œ is two */
    ASSERT_EQ_INT(cote_stem_prefix_len("œuvrer"), 5);   /* œuvr */
}

static void test_stem_forms__word_stem_term(void)
{
    cote_error_t err;
    char out[64];
    ASSERT_OK_ERR(cote_word_stem_term(an, "cooperation", 11, out, sizeof out, &err), err);
    ASSERT_EQ_STR(out, "Zcooper");
    ASSERT_OK_ERR(cote_word_stem_term(an, "nationaux", 9, out, sizeof out, &err), err);
    ASSERT_EQ_STR(out, "Znational");
    /* an accented form has no stem of its own; nor a stop word */
    ASSERT_EQ_INT(cote_word_stem_term(an, "coopération", strlen("coopération"), out, sizeof out, &err),
                  COTE_NOT_FOUND);
    ASSERT_EQ_INT(cote_word_stem_term(an, "pour", 4, out, sizeof out, &err), COTE_NOT_FOUND);
    ASSERT_EQ_INT(cote_word_stem_term(an, "", 0, out, sizeof out, &err), COTE_NOT_FOUND);
    ASSERT_EQ_INT(cote_word_stem_term(an, "cooperation", 11, out, 4, &err), COTE_TOO_LARGE);
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_stem_forms__prefix_len);
    RUN(test_stem_forms__word_stem_term);
    RUN(test_stem_forms__words_of_a_stem);
    RUN(test_stem_forms__query_matches_every_form);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    return DONE();
}
