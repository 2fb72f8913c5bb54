/* test_suggest.c: spelling suggestions from an index's vocabulary (suggest.h):
 * the edit distance, the choice among neighbours, what is left as typed. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "assert.h"
#include "suggest.h"
#include "utf8.h"
#include "word_index.h"
#include "written_form.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
static cote_xdb_t *db;

static size_t to_cps(const char *s, unsigned *out)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += cote_utf8_decode(s + i, len - i, &c);
        out[n++] = c;
    }
    return n;
}

static unsigned dist(const char *a, const char *b, unsigned max)
{
    unsigned x[64], y[64];
    size_t nx = to_cps(a, x), ny = to_cps(b, y);
    return cote_edit_distance(x, nx, y, ny, max);
}

static void test_suggest__edit_distance(void)
{
    static const struct {
        const char *a, *b;
        unsigned max, want;
    } cases[] = {
        {"paix", "paix", 2, 0},
        {"paix", "pair", 2, 1},          /* substitution */
        {"cooperation", "cooperatoin", 2, 1}, /* neighbours swapped: one edit */
        {"securite", "securit", 2, 1},    /* deletion */
        {"securite", "securitee", 2, 1},  /* insertion */
        {"développement", "dévelopement", 2, 1},
        {"abc", "cba", 2, 2},
        {"abcdef", "ghijkl", 2, 3},       /* beyond max: max + 1 */
        {"a", "abcd", 2, 3},              /* lengths too far apart */
        {"", "ab", 2, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ASSERT_EQ_INT(dist(cases[i].a, cases[i].b, cases[i].max), cases[i].want);
}

/* Indexes each text as one record (word_index.h). */
static void build_index(const char *path)
{
    static const char *texts[] = {
        "La coopération Sud-Sud et la coopération triangulaire.",
        "Coopération internationale pour le développement durable.",
        "Le développement durable et la sécurité alimentaire.",
        "Les changements climatiques menacent la sécurité.",
        "Le Programme des Nations Unies pour le développement (PNUD) coopère.",
        "Une coopérative agricole.",
        "Rapport sur la paix et la sécurité en Afrique.",
        "COOPERATION INTERNATIONALE", /* a heading in capitals: one plain spelling among accented ones */
        "Le programme de travail, le programme du Conseil, un PROGRAMME.",
        "Un programme adopté, puis programmé.",
    };
    cote_error_t err;
    word_index_write(an, &toks, path, texts, sizeof texts / sizeof *texts);
    ASSERT_OK_ERR(cote_xdb_open(path, &db, &err), err);
}

static char *word(const char *w, unsigned *d)
{
    cote_error_t err;
    char *out = NULL;
    cote_token_list_t scratch = COTE_TOKEN_LIST_INIT;
    ASSERT_OK_ERR(cote_suggest_word(db, an, &scratch, w, strlen(w), &out, d, &err), err);
    cote_token_list_free(&scratch);
    return out;
}

static void test_suggest__word_written_as_the_index_writes_it(void)
{
    static const struct {
        const char *typed, *want;
        unsigned dist;
    } cases[] = {
        {"coopératoin", "coopération", 1},
        {"cooperatoin", "coopération", 1}, /* accents aside, shown with them */
        {"sécurté", "sécurité", 1},
        {"devellopement", "développement", 2}, /* long words may be two edits away */
        {"changemnts", "changements", 1},
        {"afrque", "afrique", 1},
        {"programe", "programme", 1}, /* the usual spelling, though "programmé" is a word too */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned d = 9;
        char *s = word(cases[i].typed, &d);
        ASSERT(s != NULL);
        ASSERT_EQ_STR(s, cases[i].want);
        ASSERT_EQ_INT(d, cases[i].dist);
        free(s);
    }
}

/* The spelling read from the stored text: the most frequent one. */
static void test_suggest__written_form_counts_the_text(void)
{
    static const struct {
        const char *bare, *want;
    } cases[] = {
        {"cooperation", "coopération"}, /* 4 accented, 1 in capitals without accents */
        {"programme", "programme"},     /* 4 plain, 1 accented */
        {"securite", "sécurité"},
        {"afrique", "afrique"},         /* no accent to find */
        {"sudsud", "sud-sud"},          /* a joined term: its parts with their hyphen */
        {"climatologie", "climatologie"}, /* a word no record holds: as given */
    };
    cote_token_list_t scratch = COTE_TOKEN_LIST_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = NULL;
        cote_error_t err;
        ASSERT_OK_ERR(cote_written_form(db, an, &scratch, cases[i].bare, 8, &got, &err), err);
        ASSERT_EQ_STR(got, cases[i].want);
        free(got);
    }
    /* no record read: the word as given */
    char *got = NULL;
    cote_error_t err;
    ASSERT_OK_ERR(cote_written_form(db, an, &scratch, "cooperation", 0, &got, &err), err);
    ASSERT_EQ_STR(got, "cooperation");
    free(got);
    cote_token_list_free(&scratch);
}

static void test_suggest__nothing_close_enough(void)
{
    /* too far, too short, or the word itself (its accent-free form is no other word) */
    static const char *none[] = {"zzzzzzzz", "abc", "climatologie", "sécurité", "securite"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        unsigned d;
        char *s = word(none[i], &d);
        if (s)
            fprintf(stderr, "unexpected suggestion for %s: %s\n", none[i], s);
        ASSERT(s == NULL);
    }
}

static cote_suggestion_t query(const char *q)
{
    cote_error_t err;
    cote_suggestion_t s = COTE_SUGGESTION_INIT;
    cote_stem_forms_t *stems;
    ASSERT_OK_ERR(cote_stem_forms_new(&stems, &err), err);
    ASSERT_OK_ERR(cote_suggest_query(db, an, stems, &toks, q, strlen(q), &s, &err), err);
    cote_stem_forms_free(stems);
    return s;
}

static void test_suggest__query_keeps_the_rest_as_typed(void)
{
    static const struct {
        const char *typed, *want; /* want NULL: nothing to suggest */
        int long_only;
    } cases[] = {
        {"Coopératoin Sud-Sud", "Coopération Sud-Sud", 1}, /* capital kept */
        {"paix ET sécurté", "paix ET sécurité", 1},
        {"l’afrque", "l’afrique", 1},          /* elision kept */
        {"la sécurté alimentaire", "la sécurité alimentaire", 1},
        {"changemnts climatiques", "changements climatiques", 1},
        {"devellopement durable", "développement durable", 0}, /* two edits: suggested only */
        {"sécurité alimentaire", NULL, 0},     /* nothing unknown */
        {"\"sécurté\"", NULL, 0},              /* a quoted phrase is as typed */
        {"org:PNDU sécurité", NULL, 0},        /* a field value is as typed */
        {"UNDPP", NULL, 0},                    /* capitals: an acronym */
        {"afrq*", NULL, 0},                    /* a prefix */
        {"COVID-19 sécurité", NULL, 0},
        {"", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cote_suggestion_t s = query(cases[i].typed);
        if (!cases[i].want) {
            if (s.text)
                fprintf(stderr, "unexpected suggestion for [%s]: [%s]\n", cases[i].typed, s.text);
            ASSERT(s.text == NULL);
        } else {
            ASSERT(s.text != NULL);
            ASSERT_EQ_STR(s.text, cases[i].want);
            ASSERT(s.unknown_only);
            ASSERT_EQ_INT(s.long_only, cases[i].long_only);
        }
        cote_suggestion_free(&s);
    }
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    const char *tmp = getenv("COTE_TEST_TMP");
    char path[4096];
    snprintf(path, sizeof path, "%s/test_suggest.%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
    mkdir(tmp && *tmp ? tmp : "/tmp", 0777);
    RUN(test_suggest__edit_distance);
    build_index(path);
    RUN(test_suggest__word_written_as_the_index_writes_it);
    RUN(test_suggest__written_form_counts_the_text);
    RUN(test_suggest__nothing_close_enough);
    RUN(test_suggest__query_keeps_the_rest_as_typed);
    cote_xdb_close(db);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
    return DONE();
}
