/* test_orgs.c: organisations by name, acronym and definition (orgs.h), on
 * lines from the seed documents. */
#include <string.h>

#include "assert.h"
#include "orgs.h"

static cote_analyser_t *an;
static cote_gazetteer_t *g;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
static cote_entity_list_t found = COTE_ENTITY_LIST_INIT;

/* "id[text] id[text] ..." for the organisations found in s. */
static const char *orgs(const char *s)
{
    static char out[2048];
    cote_error_t err;
    cote_entity_list_reset(&found);
    ASSERT_OK_ERR(cote_find_orgs(g, an, &toks, s, strlen(s), &found, &err), err);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < found.n && k < sizeof out; i++)
        k += (size_t)snprintf(out + k, sizeof out - k, "%s%s%s[%.*s]", i ? " " : "", found.v[i].canon,
                              found.v[i].flags & COTE_ENT_AMBIGUOUS ? "?" : "",
                              (int)(found.v[i].end - found.v[i].start), s + found.v[i].start);
    return out;
}

static const struct {
    const char *in, *want;
} cases[] = {
    {"le Programme des Nations Unies pour le développement (PNUD) et le PNUD",
     "pnud[Programme des Nations Unies pour le développement] pnud[PNUD] pnud[PNUD]"},
    /* elided article, the longest name wins over "Nations Unies" inside it */
    {"de l’Organisation internationale pour les migrations", "oim[Organisation internationale pour les migrations]"},
    {"la Commission économique et sociale pour l’Asie et le Pacifique (CESAP)",
     "cesap[Commission économique et sociale pour l’Asie et le Pacifique] cesap[CESAP]"},
    {"l’UNICEF, ONU-Habitat et ONU-Femmes", "unicef[UNICEF] onu-habitat[ONU-Habitat] onu-femmes[ONU-Femmes]"},
    /* an acronym inside a hyphenated name */
    {"le Fonds Fédération de Russie-PNUD", "name-fonds-federation-russie-pnud[Fonds Fédération de Russie-PNUD] pnud[PNUD]"},
    /* shared acronyms: resolved by the full name in the text, else ambiguous */
    {"la Banque islamique de développement et la BID", "banque-islamique-developpement[Banque islamique de développement] banque-islamique-developpement[BID]"},
    {"avec la BID", "ambiguous-bid?[BID]"},
    /* a definition teaches an acronym the gazetteer lacks */
    {"le Réseau mondial des villes apprenantes (RMVA) ; le RMVA a",
     "sigle-rmva[Réseau mondial des villes apprenantes] sigle-rmva[RMVA] sigle-rmva[RMVA]"},
    /* a name the gazetteer lacks, by its head noun */
    {"l’Agence turque de coopération et de coordination, qui", "name-agence-turque-cooperation-coordination[Agence turque de coopération et de coordination]"},
    {"l’Organisation et l’Association", ""},
    /* words in capitals are not acronyms of the gazetteer by chance */
    {"LE RAPPORT DU SECRÉTAIRE GÉNÉRAL", ""},
};

static void test_orgs__table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ASSERT_EQ_STR(orgs(cases[i].in), cases[i].want);
}

static void test_orgs__query(void)
{
    static const struct {
        const char *q, *id;
    } q[] = {
        {"PNUD", "pnud"},
        {"UNDP", "pnud"},
        {"undp", "pnud"},
        {"Programme des Nations Unies pour le développement", "pnud"},
        {"United Nations Development Programme", "pnud"},
        {"Commission economique pour l'Afrique", "cea"},
        {"IOM", "oim"},
        {"CCI", NULL},
        {"coopération Sud-Sud", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        const cote_org_t *o = cote_match_org_query(g, an, &toks, q[i].q, strlen(q[i].q));
        ASSERT_EQ_STR(o ? o->id : NULL, q[i].id);
    }
}

static void test_orgs__gazetteer_is_complete(void)
{
    ASSERT(cote_gazetteer_size(g) >= 266);
    const cote_org_t *o = cote_gazetteer_get(g, "pnud");
    ASSERT(o != NULL);
    ASSERT_EQ_STR(o->en_acronym, "UNDP");
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    ASSERT_OK_ERR(cote_gazetteer_new(an, &g, &err), err);
    RUN(test_orgs__table);
    RUN(test_orgs__query);
    RUN(test_orgs__gazetteer_is_complete);
    cote_entity_list_free(&found);
    cote_token_list_free(&toks);
    cote_gazetteer_free(g);
    cote_analyser_free(an);
    return DONE();
}
