/* test_query.c: query text -> Xapian query (query.h), including what people
 * type by mistake: nothing typed is a syntax error. */
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "query.h"

static cote_analyser_t *an;

/* Xapian's description of the query built from s, or "(none)". */
static const char *describe(const char *s)
{
    static char buf[1024];
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    ASSERT_OK_ERR(cote_query_build(an, s, strlen(s), &q, &err), err);
    if (!q.query) {
        strcpy(buf, "(none)");
    } else {
        char *d = NULL;
        ASSERT_OK_ERR(cote_xquery_describe(q.query, &d, &err), err);
        snprintf(buf, sizeof buf, "%s", d);
        free(d);
    }
    cote_parsed_query_free(&q);
    return buf;
}

static const struct {
    const char *in, *want;
} cases[] = {
    {"", "(none)"},
    {"   ", "(none)"},
    {"PNUD", "Query(pnud@1)"},
    /* accents and case: the broadest (accent-free) term is searched */
    {"Sécurité", "Query(securite@1)"},
    {"securite regionale", "Query((securite@1 OR regionale@1))"},
    /* elision as in documents */
    {"l'Asie", "Query(asie@1)"},
    /* a word that analysis splits is a phrase */
    {"Sud-Sud", "Query((sud@1 PHRASE 2 sud@2))"},
    {"\"bourses pour experts\"", "Query((bourses@1 PHRASE 3 pour@2 PHRASE 3 experts@3))"},
    {"+climat paix", "Query((climat@1 AND_MAYBE paix@1))"},
    {"paix -climat", "Query((paix@1 AND_NOT climat@1))"},
    {"-climat", "Query((<alldocuments> AND_NOT climat@1))"},
    /* forgiving: an unbalanced quote closes at the end, lone marks are words or nothing */
    {"\"bourses pour", "Query((bourses@1 PHRASE 2 pour@2))"},
    {"paix -", "Query(paix@1)"},
    {"+ - \" \"", "(none)"},
    {"\xff\xfe", "(none)"},
};

static void test_query__table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ASSERT_EQ_STR(describe(cases[i].in), cases[i].want);
}

static void test_query__positive_terms_kept_for_highlighting(void)
{
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    const char *s = "coopération \"Sud-Sud\" -Afrique";
    ASSERT_OK_ERR(cote_query_build(an, s, strlen(s), &q, &err), err);
    ASSERT_EQ_INT(q.n_terms, 2);
    ASSERT(cote_parsed_query_has_term(&q, "cooperation"));
    ASSERT(cote_parsed_query_has_term(&q, "sud"));
    ASSERT(!cote_parsed_query_has_term(&q, "afrique"));
    cote_parsed_query_free(&q);
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_query__table);
    RUN(test_query__positive_terms_kept_for_highlighting);
    cote_analyser_free(an);
    return DONE();
}
