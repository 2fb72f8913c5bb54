/* test_analysis.c: text -> tokens with positions, spans and terms (analysis.h).
 * Lines are real ones from the seed documents where they show the case. */
#include <string.h>

#include "analysis.h"
#include "assert.h"
#include "strbuf.h"
#include "utf8.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;

/* "pos:term/variant pos:term ..." for the analysis of s. */
static const char *render(const char *s)
{
    static cote_strbuf_t out = COTE_STRBUF_INIT;
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyse(an, s, strlen(s), 1, &toks, &err), err);
    cote_strbuf_reset(&out);
    cote_strbuf_puts(&out, "");
    for (size_t i = 0; i < toks.n; i++) {
        const cote_token_t *t = &toks.v[i];
        cote_strbuf_printf(&out, "%s%u:", i ? " " : "", t->position);
        for (unsigned j = 0; j < t->n_terms; j++)
            cote_strbuf_printf(&out, "%s%s", j ? "/" : "", cote_token_term(&toks, t, j));
    }
    return out.data;
}

static const struct {
    const char *in, *want;
} cases[] = {
    {"", ""},
    {"  \n\n , ; ", ""},
    {"Sécurité régionale", "1:sécurité/securite 2:régionale/regionale"},
    {"ÉTATS Membres", "1:états/etats 2:membres"},
    /* elision, both apostrophes, and the longer forms */
    {"l’Union africaine", "1:union 2:africaine"},
    {"L'ONU", "1:onu"},
    {"jusqu’à présent", "1:à/a 2:présent/present"},
    {"qu’il s’agisse d’un État", "1:il 2:agisse 3:un 4:état/etat"},
    {"lorsqu’elle", "1:elle"},
    /* a word that merely contains an apostrophe is not elided */
    {"aujourd’hui", "1:aujourd’hui"},
    /* compatibility forms fold (ligature fi, full-width digits) */
    {"\xef\xac\x81nancement \xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x90", "1:financement 2:2020"},
    /* as in seed 001 */
    {"coopération Sud-Sud (A/75/371)", "1:coopération/cooperation 2:sud 3:sud 4:a 5:75 6:371"},
    {"la pandémie de maladie à coronavirus (COVID-19).",
     "1:la 2:pandémie/pandemie 3:de 4:maladie 5:à/a 6:coronavirus 7:covid 8:19"},
    {"Œuvre", "1:œuvre"},
    /* invalid UTF-8 is read as U+FFFD and never trusted */
    {"\xff\xfe abc \xc3", "1:abc"},
};

static void test_analysis__table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ASSERT_EQ_STR(render(cases[i].in), cases[i].want);
}

static void test_analysis__spans_are_bytes_of_the_input(void)
{
    const char *s = "l’Union et l'ONU";
    render(s);
    ASSERT_EQ_INT(toks.n, 3);
    /* "Union" starts after l + the 3-byte ’ */
    ASSERT_EQ_INT(toks.v[0].start, 4);
    ASSERT_EQ_INT(toks.v[0].end, 9);
    ASSERT_EQ_MEM(s + toks.v[2].start, toks.v[2].end - toks.v[2].start, "ONU", 3);
}

static void test_analysis__first_position(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyse(an, "un deux", 7, 10, &toks, &err), err);
    ASSERT_EQ_INT(toks.v[0].position, 10);
    ASSERT_EQ_INT(toks.v[1].position, 11);
}

static void test_analysis__overlong_word_takes_no_position(void)
{
    char s[400];
    memset(s, 'a', 300);
    strcpy(s + 300, " fin");
    ASSERT_EQ_STR(render(s), "1:fin");
}

static void test_analysis__every_term_is_valid_utf8(void)
{
    const char *s = "Déclaration de Bangkok du 8 août 19671, «\xc2\xa0" "Asie-Pacifique\xc2\xa0" "» 30\xe2\x80\xaf" "000";
    render(s);
    ASSERT(toks.n > 5);
    for (size_t i = 0; i < toks.n; i++)
        for (unsigned j = 0; j < toks.v[i].n_terms; j++) {
            const char *t = cote_token_term(&toks, &toks.v[i], j);
            ASSERT(cote_utf8_valid(t, strlen(t), NULL));
            ASSERT(strlen(t) > 0 && strlen(t) <= COTE_TERM_MAX);
        }
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_analysis__table);
    RUN(test_analysis__spans_are_bytes_of_the_input);
    RUN(test_analysis__first_position);
    RUN(test_analysis__overlong_word_takes_no_position);
    RUN(test_analysis__every_term_is_valid_utf8);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    return DONE();
}
