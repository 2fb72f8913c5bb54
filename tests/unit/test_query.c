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
        snprintf(buf, sizeof buf, "(none)");
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
    /* a free word: its stem matches, its own (accent-free) form ranks higher */
    {"PNUD", "Query((Zpnud@1 AND_MAYBE pnud@1))"},
    {"Sécurité", "Query((Zsecurit@1 AND_MAYBE securite@1))"},
    {"securite regionale", "Query(((Zsecurit@1 AND_MAYBE securite@1) OR (Zregional@1 AND_MAYBE regionale@1)))"},
    /* elision as in documents */
    {"l'Asie", "Query((Zasi@1 AND_MAYBE asie@1))"},
    /* quotes turn stemming off */
    {"\"sécurité\"", "Query(securite@1)"},
    {"\"bourses pour experts\"", "Query((bourses@1 PHRASE 3 pour@2 PHRASE 3 experts@3))"},
    /* a compound: the phrase of its parts, or the joined form; quoted or not */
    {"Sud-Sud", "Query(((sud@1 PHRASE 2 sud@2) OR sudsud@1))"},
    {"\"Sud-Sud\"", "Query(((sud@1 PHRASE 2 sud@2) OR sudsud@1))"},
    {"COVID-19", "Query(((covid@1 PHRASE 2 19@2) OR covid19@1))"},
    {"l’Asie-Pacifique", "Query(((asie@1 PHRASE 2 pacifique@2) OR asiepacifique@1))"},
    /* the joined form typed as one word is a free word like any other */
    {"COVID19", "Query((Zcovid19@1 AND_MAYBE covid19@1))"},
    /* a code: both spellings of its decimal separator meet in the joined stem */
    {"PM2,5", "Query(((Zpm2,5@1 OR Zpm25@1) AND_MAYBE pm2,5@1))"},
    /* other words that analysis splits are a phrase */
    {"A/75/371", "Query((a@1 PHRASE 3 75@2 PHRASE 3 371@3))"},
    /* stop words leave free-word queries... */
    {"Organisation internationale pour les migrations",
     "Query(((Zorganis@1 AND_MAYBE organisation@1) OR (Zinternational@1 AND_MAYBE internationale@1) OR "
     "(Zmigrat@1 AND_MAYBE migrations@1)))"},
    {"de l'ONU", "Query((Zonu@1 AND_MAYBE onu@1))"},
    {"\"la paix\" et", "Query((la@1 PHRASE 2 paix@2))"},
    /* ...but not phrases, marked words, or a query of nothing else */
    {"\"la\" de", "Query(la@1)"},
    {"+le paix", "Query(((Zle@1 AND_MAYBE le@1) AND_MAYBE (Zpaix@1 AND_MAYBE paix@1)))"},
    {"le la", "Query(((Zle@1 AND_MAYBE le@1) OR (Zla@1 AND_MAYBE la@1)))"},
    {"le -paix", "Query(((Zle@1 AND_MAYBE le@1) AND_NOT Zpaix@1))"},
    /* marks; an excluded word excludes its stem */
    {"+climat paix", "Query(((Zclimat@1 AND_MAYBE climat@1) AND_MAYBE (Zpaix@1 AND_MAYBE paix@1)))"},
    {"paix -climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))"},
    {"-climat", "Query((0 * XKIND:passage AND_NOT Zclimat@1))"},
    /* forgiving: an unbalanced quote closes at the end, lone marks are words or nothing */
    {"\"bourses pour", "Query((bourses@1 PHRASE 2 pour@2))"},
    {"paix -", "Query((Zpaix@1 AND_MAYBE paix@1))"},
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
    /* free words give their stem, phrases their accent-free terms, compounds
     * their joined form too; stop words and exclusions give nothing */
    const char *s = "coopération \"Sud-Sud\" pour -Afrique";
    ASSERT_OK_ERR(cote_query_build(an, s, strlen(s), &q, &err), err);
    ASSERT_EQ_INT(q.n_terms, 3);
    ASSERT(cote_parsed_query_has_term(&q, "Zcooper"));
    ASSERT(cote_parsed_query_has_term(&q, "sud"));
    ASSERT(cote_parsed_query_has_term(&q, "sudsud"));
    ASSERT(!cote_parsed_query_has_term(&q, "cooperation"));
    ASSERT(!cote_parsed_query_has_term(&q, "Zpour"));
    ASSERT(!cote_parsed_query_has_term(&q, "Zafriqu"));
    cote_parsed_query_free(&q);
}

/* Documents and queries meet: the terms a query searches are among the
 * terms the same words get when indexed, whatever the spelling. */
static void test_query__query_terms_are_indexed_terms(void)
{
    static const struct {
        const char *doc, *query;
    } pairs[] = {
        {"la sécurité régionale", "securite"},
        {"la sécurité régionale", "SÉCURITÉ"},
        {"les États Membres", "etat"},
        {"coopération Sud-Sud", "sudsud"},
        {"la pandémie de COVID-19", "covid19"},
        {"la pandémie de COVID-19", "covid"},
        {"de l’Union africaine", "union"},
        {"PM2,5", "PM2.5"},
        {"PM2.5", "PM25"},
    };
    cote_token_list_t doc = COTE_TOKEN_LIST_INIT;
    cote_error_t err;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
        ASSERT_OK_ERR(cote_query_build(an, pairs[i].query, strlen(pairs[i].query), &q, &err), err);
        ASSERT_OK_ERR(cote_analyse(an, pairs[i].doc, strlen(pairs[i].doc), 1, &doc, &err), err);
        ASSERT(q.n_terms > 0);
        int found = 0;
        const char *qt = q.terms.data;
        for (size_t k = 0; k < q.n_terms; k++, qt += strlen(qt) + 1)
            for (size_t t = 0; t < doc.n; t++)
                for (unsigned j = 0; j < doc.v[t].n_terms; j++)
                    found |= strcmp(cote_token_term(&doc, &doc.v[t], j), qt) == 0;
        ASSERT_EQ_STR(found ? pairs[i].query : q.terms.data, pairs[i].query);
        cote_parsed_query_free(&q);
    }
    cote_token_list_free(&doc);
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_query__table);
    RUN(test_query__positive_terms_kept_for_highlighting);
    RUN(test_query__query_terms_are_indexed_terms);
    cote_analyser_free(an);
    return DONE();
}
