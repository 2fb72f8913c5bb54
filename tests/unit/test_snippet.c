/* test_snippet.c: the best window, cut on word boundaries (snippet.h). */
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "snippet.h"
#include "utf8.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;

static cote_snippet_t last;

static char *snippet_for(const char *query, const char *text)
{
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    cote_snippet_free(&last);
    ASSERT_OK_ERR(cote_query_build(an, query, strlen(query), &q, &err), err);
    ASSERT_OK_ERR(cote_snippet(an, &toks, &q, text, strlen(text), &last, &err), err);
    cote_parsed_query_free(&q);
    ASSERT(cote_utf8_valid(last.text, strlen(last.text), NULL));
    char *out = strdup(last.text);
    ASSERT(out != NULL);
    return out;
}

/* The last snippet with its highlights in [brackets] (offsets are code points). */
static const char *marked(void)
{
    static char buf[2048];
    size_t k = 0, cp = 0, h = 0;
    for (const char *p = last.text; *p && k + 4 < sizeof buf; p++) {
        int lead = ((unsigned char)*p & 0xC0) != 0x80;
        if (lead && h < last.n_highlights && cp == last.highlights[2 * h + 1]) {
            buf[k++] = ']';
            h++;
        }
        if (lead && h < last.n_highlights && cp == last.highlights[2 * h])
            buf[k++] = '[';
        buf[k++] = *p;
        cp += lead;
    }
    if (h < last.n_highlights)
        buf[k++] = ']';
    buf[k] = '\0';
    return buf;
}

static void test_snippet__highlights(void)
{
    free(snippet_for("sécurité régionale", "La sécurité régionale et la securite du Sahel, régionalement."));
    /* a word of the same stem is a match too */
    ASSERT_EQ_STR(marked(), "La [sécurité] [régionale] et la [securite] du Sahel, [régionalement].");
    free(snippet_for("PNUD", "Le Programme des Nations Unies pour le développement (PNUD) et l’OIM."));
    ASSERT_EQ_STR(marked(), "Le Programme des Nations Unies pour le développement ([PNUD]) et l’OIM.");
    free(snippet_for("\"Sud-Sud\"", "La coopération Sud-Sud."));
    ASSERT_EQ_STR(marked(), "La coopération [Sud]-[Sud].");
}

static void test_snippet__short_text_whole_and_collapsed(void)
{
    char *s = snippet_for("paix", "La  paix\n\net la sécurité.");
    ASSERT_EQ_STR(s, "La paix et la sécurité.");
    free(s);
}

static void test_snippet__window_holds_the_most_distinct_terms(void)
{
    /* "cinquantième" alone early; both words together late: the late window wins. */
    const char *text =
        "Le cinquantième rapport est présenté ici. Un deux trois quatre cinq six sept huit neuf dix "
        "onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf vingt vingt-et-un "
        "vingt-deux vingt-trois vingt-quatre vingt-cinq vingt-six vingt-sept vingt-huit vingt-neuf "
        "trente trente-et-un trente-deux. Pour le cinquantième anniversaire de l’Association, "
        "les États Membres se sont réunis. Suite du texte sans rapport avec la question posée "
        "qui continue encore longtemps après la fin de la fenêtre de l’extrait choisi ici même.";
    char *s = snippet_for("cinquantième anniversaire", text);
    ASSERT(strstr(s, "cinquantième anniversaire") != NULL);
    ASSERT(strncmp(s, "… ", strlen("… ")) == 0);
    ASSERT(strcmp(s + strlen(s) - strlen(" …"), " …") == 0);
    free(s);
}

static void test_snippet__accent_free_query_finds_accented_text(void)
{
    char *s = snippet_for("securite", "Le Conseil de sécurité a adopté la résolution.");
    ASSERT(strstr(s, "sécurité") != NULL);
    free(s);
}

/* Forty filler words, so that a match after them needs the window to move. */
#define FILLER                                                                                     \
    "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "    \
    "dix sept dix huit dix neuf vingt vingt et un vingt deux vingt trois vingt quatre vingt cinq " \
    "vingt six vingt sept vingt huit vingt neuf trente trente et un. "

static void test_snippet__stem_and_compound_match(void)
{
    /* a free word matches through its stem: coopérer finds coopération */
    char *s = snippet_for("coopérer", FILLER "Rapport sur la coopération technique.");
    ASSERT(strstr(s, "coopération technique") != NULL);
    free(s);
    /* the joined form finds the compound, and the compound its parts */
    s = snippet_for("sudsud", FILLER "Rapport sur la coopération Sud-Sud.");
    ASSERT(strstr(s, "Sud-Sud") != NULL);
    free(s);
    s = snippet_for("COVID-19", FILLER "La pandémie de COVID-19 a frappé.");
    ASSERT(strstr(s, "COVID-19") != NULL);
    free(s);
}

static void test_snippet__no_match_gives_the_opening(void)
{
    char *s = snippet_for("absent", "Premier mot du texte.");
    ASSERT_EQ_STR(s, "Premier mot du texte.");
    free(s);
}

static void test_snippet__empty_text(void)
{
    char *s = snippet_for("paix", "");
    ASSERT_EQ_STR(s, "");
    free(s);
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_snippet__short_text_whole_and_collapsed);
    RUN(test_snippet__window_holds_the_most_distinct_terms);
    RUN(test_snippet__accent_free_query_finds_accented_text);
    RUN(test_snippet__stem_and_compound_match);
    RUN(test_snippet__no_match_gives_the_opening);
    RUN(test_snippet__empty_text);
    RUN(test_snippet__highlights);
    cote_snippet_free(&last);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    return DONE();
}
