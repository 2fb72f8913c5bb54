/* test_symbols.c: UN document symbols and resolution references
 * (entities/symbols.h), on real lines of the seed documents (corpus/, as
 * indexer/clean.h repairs them) and on near-misses that must not match.
 *
 * Expected entities are written as "canon:flags" separated by spaces, flags
 * being R (COTE_ENT_RESOLUTION), I (COTE_ENT_INFERRED), L (COTE_ENT_LINK). */
#include <string.h>

#include "assert.h"
#include "symbols.h"

static cote_entity_list_t found = COTE_ENTITY_LIST_INIT;

static void put_flags(char *buf, size_t cap, size_t *k, unsigned flags)
{
    const char *f = flags & COTE_ENT_RESOLUTION ? (flags & COTE_ENT_INFERRED ? ":RI" : ":R")
                    : flags & COTE_ENT_LINK    ? ":L"
                                               : "";
    *k += (size_t)snprintf(buf + *k, cap - *k, "%s", f);
}

/* The entities found in s, rendered as above. */
static const char *find(const char *s)
{
    static char buf[2048];
    cote_entity_list_reset(&found);
    ASSERT_OK(cote_find_symbols(s, strlen(s), &found));
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < found.n && k < sizeof buf - 128; i++) {
        const cote_entity_t *e = &found.v[i];
        ASSERT_EQ_INT(e->kind, COTE_ENT_SYMBOL);
        ASSERT(e->start < e->end && e->end <= strlen(s));
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? " " : "", e->canon);
        put_flags(buf, sizeof buf, &k, e->flags);
    }
    return buf;
}

static const struct {
    const char *in, *want;
} find_cases[] = {
    /* symbols written as such (seeds 000-004) */
    {"depuis la publication du précédent rapport (A/74/336) pour intensifier l’appui", "A/74/336"},
    {"et des technologies géospatiales [voir A/74/6 (Sect.22)].", "A/74/6(Sect.22)"},
    {"Voir LC/SES.37/8/Corr.1.", "LC/SES.37/8/Corr.1"},
    {"Voir E/ECA/COE/38/12.", "E/ECA/COE/38/12"},
    {"un rapport sur le sujet au Forum pour la coopération en matière de développement (E/2020/10), lequel",
     "E/2020/10"},
    {"de l’Organisation mondiale de la propriété intellectuelle (CDIP/25/2).", "CDIP/25/2"},
    {"de la déclaration de sa présidente du 6 août 2013 (S/PRST/2013/12).", "S/PRST/2013/12"},
    {"depuis la publication du précédent rapport, le 11 septembre 2020 (A/75/345-S/2020/898).",
     "A/75/345 S/2020/898"},
    {"Voir A/75/345-S/2020/898, sect. II.", "A/75/345 S/2020/898"},
    {"A/74/811, annexe.", "A/74/811"},
    {"* ESCAP/78/L.1/Rev.1.", "ESCAP/78/L.1/Rev.1"},
    {"pour 2025 (APCTT/GC(20)/3).", "APCTT/GC(20)/3"},
    {"sur l’état de la coopération Sud-Sud (A/76/403), dans le compendium", "A/76/403"},
    /* written forms from symbols.md */
    {"le projet A/C.3/75/L.12/Rev.1 et le document E/CN.7/2008/CRP.13", "A/C.3/75/L.12/Rev.1 E/CN.7/2008/CRP.13"},
    {"voir A/73/34* et E/2019/9/ADD.11", "A/73/34 E/2019/9/Add.11"},
    {"(A/77/277–S/2022/606)", "A/77/277 S/2022/606"},
    {"E/2001/28-E/CN.7/2001/12", "E/2001/28 E/CN.7/2001/12"},
    {"E/2003/39 E/ESCAP/1298", "E/2003/39 E/ESCAP/1298"},
    {"S/RES/1325 (2000) et A/RES/217 (III)", "S/RES/1325(2000) A/RES/217(III)"},
    {"S/26695, S/PV.9000 et A/RES/ES-11/1", "S/26695 S/PV.9000 A/RES/ES-11/1"},
    {"le document A/RES/74/ 239 coupé en fin de ligne", "A/RES/74/239"},
    {"UNEP/OzL.Pro.30/4/Add.1/Rev.1 et FCCC/CP/2015/10/Add.1", "UNEP/OZL.PRO.30/4/Add.1/Rev.1 FCCC/CP/2015/10/Add.1"},
    {"A/74/6 (Sect. 22)/Add.1 et A/75/6 (Part I)", "A/74/6(Sect.22)/Add.1 A/75/6(Part I)"},
    /* resolution references */
    {"Le présent rapport est soumis en application de la résolution 74/239 de l’Assemblée générale, dans "
     "laquelle celle-ci a prié le Secrétaire général",
     "A/RES/74/239:R"},
    {"En mai 2019, les États membres de la Commission économique et sociale pour l’Asie et le Pacifique "
     "(CESAP) ont adopté la résolution 75/3 (voir E/2019/39, chap. I.A), en vertu de laquelle",
     "ESCAP/RES/75/3:R E/2019/39"},
    {"entre pays en développement (voir résolution 73/291, annexe, par. 20), les États membres de la CNUCED",
     "A/RES/73/291:RI"},
    {"Il est également soumis au Conseil de sécurité en application de sa résolution 1809 (2008) et de la "
     "déclaration de sa présidente du 6 août 2013 (S/PRST/2013/12).",
     "S/RES/1809(2008):R S/PRST/2013/12"},
    {"adoptée par l’Assemblée générale dans sa résolution 75/1, les chefs d’État", "A/RES/75/1:R"},
    {"12. En application des résolutions 2524 (2020) et 2579 (2021) du Conseil de sécurité, l’ONU",
     "S/RES/2524(2020):R S/RES/2579(2021):R"},
    {"de l’annexe à la résolution 58/316 de l’Assemblée générale et fait suite", "A/RES/58/316:R"},
    {"le vingtième anniversaire de la résolution 1325 (2000) du Conseil de sécurité sur les femmes",
     "S/RES/1325(2000):R"},
    {"Résolutions 57/35, 59/5, 61/46, 63/35, 65/235, 67/110, 69/110, 71/255 et 73/259.",
     "A/RES/57/35:RI A/RES/59/5:RI A/RES/61/46:RI A/RES/63/35:RI A/RES/65/235:RI A/RES/67/110:RI "
     "A/RES/69/110:RI A/RES/71/255:RI A/RES/73/259:RI"},
    {"Résolution 70/1.", "A/RES/70/1:RI"},
    {"Résolution 217 A (III).", "A/RES/217(III):RI"},
    {"L’Assemblée générale,\n\nRappelant sa résolution 71/317 du 19 juillet 2017, sur la célébration",
     "A/RES/71/317:R"},
    {"Rappelant sa résolution 71/317 du 19 juillet 2017, sur la célébration", "A/RES/71/317:RI"},
    {"sa résolution \n\n1809 (2008)", "S/RES/1809(2008):R"},
    /* forms from symbols.md §5 */
    {"la résolution 2019/15 du Conseil économique et social", "E/RES/2019/15:R"},
    {"la résolution 2019/15", "E/RES/2019/15:RI"},
    {"la décision 74/555", "A/DEC/74/555:RI"},
    {"la décision 74/555 de l’Assemblée générale", "A/DEC/74/555:R"},
    {"la résolution 28/1 du Conseil des droits de l’homme", "A/HRC/RES/28/1:R"},
    {"les résolutions ES-11/1 et S-26/2", "A/RES/ES-11/1:RI A/RES/S-26/2:RI"},
    {"la résolution 3379 (XXX) et les résolutions 3411 A et B (XXX)", "A/RES/3379(XXX):RI A/RES/3411(XXX):RI"},
    {"la résolution 1503 (XLVIII) du Conseil économique et social", "E/RES/1503(XLVIII):R"},
    {"la résolution 31/16 A", "A/RES/31/16:RI"},
    {"la résolution 71/317 du 19 juillet 2017 de l’Assemblée générale", "A/RES/71/317:R"},
    {"RÉSOLUTION 74/239 DE L’ASSEMBLÉE GÉNÉRALE", "A/RES/74/239:R"},
    /* references to bodies without a known series, and near-misses */
    {"10. Conformément à la décision 4/1 de l’Assemblée des Nations Unies pour l’environnement, dans", ""},
    {"la résolution 62/1 de la Commission des stupéfiants", ""},
    {"conformément à la déclaration à la presse SC/14697 du Conseil de sécurité", ""},
    {"Le Programme commun des Nations Unies sur le VIH/sida (ONUSIDA) a soutenu", ""},
    {"49. L’OPS/OMS encourage la mise en commun des pratiques optimales", ""},
    {"e) facilitation de la reproduction des solutions et/ou des bonnes pratiques", ""},
    {"le 15/02/2020 à 90 km/h, soit 2/21 du total, 1/3 des pays", ""},
    {"20-12800 2/21", ""},
    {"numéro de vente : F.96.IV.13), chap. I, résolution 1, annexes I et II.", ""},
    {"la présente résolution ; prévention et résolution des conflits ; décisions éclairées", ""},
    {"Voir www.unsouthsouth.org/2019/12/20/development-cooperation-agencies-chart-post-bapa40-roadmap/.", ""},
    {"voir https://undocs.org/fr/A/RES/74/239 et https://www.un.org/counterterrorism/ctitf/ "
     "files/20191122_Webstory_SouthSouthCoop_Final.pdf.",
     ""},
    {"Voir http://unohrlls.org/unldc-v/ et unohrlls.org/custom-content/uploads/2020/05/S.pdf", ""},
    {"voir www.ilo.org/gb/GBSessions/ GB338/lang--fr/index.htm.", ""},
    {"la TVA/2020, le ratio UE/2021, ONU/Femmes/2020 et Mars/2020", ""},
    {"la résolution 15/02/2020 et la résolution 4/1", ""},
    {"l’irrésolution 74/239", ""},
    {"", ""},
};

static void test_symbols__find_in_text(void)
{
    for (size_t i = 0; i < sizeof find_cases / sizeof *find_cases; i++) {
        const char *got = find(find_cases[i].in);
        if (strcmp(got, find_cases[i].want) != 0)
            fprintf(stderr, "case %zu: %s\n", i, find_cases[i].in);
        ASSERT_EQ_STR(got, find_cases[i].want);
    }
}

static void test_symbols__spans(void)
{
    const char *s = "soumis en application de la résolution 74/239 de l’Assemblée (A/75/345-S/2020/898).";
    find(s);
    ASSERT_EQ_INT(found.n, 3);
    ASSERT_EQ_MEM(s + found.v[0].start, found.v[0].end - found.v[0].start, "résolution 74/239", strlen("résolution 74/239"));
    ASSERT_EQ_MEM(s + found.v[1].start, found.v[1].end - found.v[1].start, "A/75/345", 8);
    ASSERT_EQ_MEM(s + found.v[2].start, found.v[2].end - found.v[2].start, "S/2020/898", 10);
    s = "des résolutions 2524 (2020) et 2579 (2021) et [voir A/74/6 (Sect.22)]";
    find(s);
    ASSERT_EQ_INT(found.n, 3);
    ASSERT_EQ_MEM(s + found.v[0].start, found.v[0].end - found.v[0].start, "résolutions 2524 (2020)",
                  strlen("résolutions 2524 (2020)"));
    ASSERT_EQ_MEM(s + found.v[1].start, found.v[1].end - found.v[1].start, "2579 (2021)", 11);
    ASSERT_EQ_MEM(s + found.v[2].start, found.v[2].end - found.v[2].start, "A/74/6 (Sect.22)", 16);
}

static void test_symbols__appends_and_checks_arguments(void)
{
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    const char *s = "A/75/371";
    ASSERT_OK(cote_find_symbols(s, strlen(s), &l));
    ASSERT_OK(cote_find_symbols(s, strlen(s), &l));
    ASSERT_EQ_INT(l.n, 2);
    ASSERT_OK(cote_find_symbols(s, 2, &l)); /* `A/`: not a symbol; the text ends at len */
    ASSERT_EQ_INT(l.n, 2);
    ASSERT_OK(cote_find_symbols(NULL, 0, &l));
    ASSERT_EQ_STATUS(cote_find_symbols(NULL, 3, &l), COTE_INVALID_ARG);
    ASSERT_EQ_STATUS(cote_find_symbols(s, strlen(s), NULL), COTE_INVALID_ARG);
    cote_entity_list_free(&l);
}

static void test_symbols__pathological_input(void)
{
    /* long runs must neither crash nor blow up: each byte is looked at a bounded number of times */
    static char buf[1 << 16];
    size_t k = 0;
    while (k + 16 < sizeof buf / 2)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "A/");
    while (k + 16 < sizeof buf)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "résolutions 74/2, ");
    ASSERT_OK(cote_find_symbols(buf, k, &found));
    memset(buf, '(', sizeof buf);
    ASSERT_OK(cote_find_symbols(buf, sizeof buf, &found));
}

static const struct {
    const char *url, *want; /* want NULL: NOT_FOUND */
} link_cases[] = {
    {"https://undocs.org/fr/A/RES/74/239", "A/RES/74/239"},
    {"https://undocs.org/fr/A/74/6(Sect.22)", "A/74/6(Sect.22)"},
    {"https://undocs.org/fr/S/RES/1809(2008)", "S/RES/1809(2008)"},
    {"https://undocs.org/fr/A/RES/217(III)", "A/RES/217(III)"},
    {"https://undocs.org/fr/S/PRST/2013/12", "S/PRST/2013/12"},
    {"https://undocs.org/fr/E/ECA/COE/38/12", "E/ECA/COE/38/12"},
    {"http://undocs.org/A/75/345.", "A/75/345"},
    {"undocs.org/en/a/res/70/1", "A/RES/70/1"},
    {"https://undocs.org/Home/Mobile?FinalSymbol=A%2FRES%2F70%2F1&Language=E&DeviceType=Desktop", "A/RES/70/1"},
    {"https://documents.un.org/symbol-explorer?s=E/2019/39&i=E/2019/39_4521", "E/2019/39"},
    {"https://www.un.org/ga/search/view_doc.asp?symbol=S/RES/1325%20(2000)&Lang=F", "S/RES/1325(2000)"},
    {"https://www.undp.org/content/undp/fr/home/six-signature-solutions.html", NULL},
    {"https://undocs.org/fr/", NULL},
    {"https://notundocs.org/fr/A/RES/74/239", NULL},
    {"https://documents-dds-ny.un.org/doc/UNDOC/GEN/N00/265/48/PDF/N0026548.pdf", NULL},
    {"http://www.ilo.org/gb/GBSessions/%0bGB338/lang--fr/index.htm.", NULL},
    {"", NULL},
};

static void test_symbols__links(void)
{
    for (size_t i = 0; i < sizeof link_cases / sizeof *link_cases; i++) {
        cote_entity_t e;
        const char *u = link_cases[i].url;
        cote_status_t st = cote_symbol_from_link(u, strlen(u), &e);
        if (!link_cases[i].want) {
            ASSERT_EQ_STATUS(st, COTE_NOT_FOUND);
            ASSERT_EQ_STR(e.canon, "");
            continue;
        }
        ASSERT_OK(st);
        ASSERT_EQ_STR(e.canon, link_cases[i].want);
        ASSERT_EQ_INT(e.kind, COTE_ENT_SYMBOL);
        ASSERT_EQ_INT(e.flags, COTE_ENT_LINK);
        ASSERT_EQ_INT(e.end, strlen(u));
    }
    cote_entity_t e;
    ASSERT_EQ_STATUS(cote_symbol_from_link(NULL, 0, &e), COTE_INVALID_ARG);
    ASSERT_EQ_STATUS(cote_symbol_from_link("x", 1, NULL), COTE_INVALID_ARG);
}

static const struct {
    const char *in, *want; /* want NULL: not a symbol */
} canonical_cases[] = {
    {"a/res/74/239", "A/RES/74/239"},
    {"A/RES/74/239", "A/RES/74/239"},
    {"  S/RES/1325 (2000) ", "S/RES/1325(2000)"},
    {"S/RES/1325(2000)", "S/RES/1325(2000)"},
    {"s/res/1809(2008)", "S/RES/1809(2008)"},
    {"A/74/6 (Sect.22)", "A/74/6(Sect.22)"},
    {"a/74/6 (sect. 22)", "A/74/6(Sect.22)"},
    {"A / 75 / 371", "A/75/371"},
    {"A/RES/74/ 239", "A/RES/74/239"},
    {"A/RES/217 (III)", "A/RES/217(III)"},
    {"lc/ses.37/8/corr.1", "LC/SES.37/8/Corr.1"},
    {"E/2019/9/ADD.11", "E/2019/9/Add.11"},
    {"a/res/es-11/1", "A/RES/ES-11/1"},
    {"A/73/34*", "A/73/34"},
    {"cdip/25/2", "CDIP/25/2"},
    {"résolution 74/239", NULL},
    {"74/239", NULL},
    {"et/ou", NULL},
    {"km/h", NULL},
    {"VIH/sida", NULL},
    {"SC/14697", NULL},
    {"Mars/2020", NULL},
    {"A/75", "A/75"}, /* GA documents before 1976: A/<n> */
    {"A/", NULL},
    {"A/75/371 rapport", NULL},
    {"https://undocs.org/fr/A/75/371", NULL},
    {"", NULL},
};

static void test_symbols__canonical(void)
{
    for (size_t i = 0; i < sizeof canonical_cases / sizeof *canonical_cases; i++) {
        char out[COTE_ENTITY_CANON_MAX] = "";
        const char *in = canonical_cases[i].in;
        bool ok = cote_canonical_symbol(in, strlen(in), out);
        if (ok != (canonical_cases[i].want != NULL))
            fprintf(stderr, "case %zu: \"%s\" -> \"%s\"\n", i, in, out);
        ASSERT_EQ_INT(ok, canonical_cases[i].want != NULL);
        if (ok)
            ASSERT_EQ_STR(out, canonical_cases[i].want);
    }
    ASSERT(!cote_canonical_symbol(NULL, 0, NULL));
    ASSERT(cote_canonical_symbol("A/75/371", 8, NULL));
}

static const struct {
    const char *in, *want; /* want NULL: refused */
    unsigned flags;
} query_cases[] = {
    {"A/RES/74/239", "A/RES/74/239", 0},
    {"a/res/74/239", "A/RES/74/239", 0},
    {"résolution 74/239", "A/RES/74/239", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"Resolution 74/239", "A/RES/74/239", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"74/239", "A/RES/74/239", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"S/RES/1325(2000)", "S/RES/1325(2000)", 0},
    {"1325 (2000)", "S/RES/1325(2000)", COTE_ENT_RESOLUTION},
    {"1325(2000)", "S/RES/1325(2000)", COTE_ENT_RESOLUTION},
    {"résolution 1809 (2008)", "S/RES/1809(2008)", COTE_ENT_RESOLUTION},
    {"résolution 74/239 de l'assemblee generale", "A/RES/74/239", COTE_ENT_RESOLUTION},
    {"résolution 2019/15 du Conseil économique et social", "E/RES/2019/15", COTE_ENT_RESOLUTION},
    {"résolution 2019/15", "E/RES/2019/15", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"décision 74/555", "A/DEC/74/555", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"résolution 217 A (III)", "A/RES/217(III)", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"es-11/1", "A/RES/ES-11/1", COTE_ENT_RESOLUTION | COTE_ENT_INFERRED},
    {"A/77/277", "A/77/277", 0},
    {"LC/SES.37/8/Corr.1", "LC/SES.37/8/Corr.1", 0},
    {"  A/74/6 (Sect.22)  ", "A/74/6(Sect.22)", 0},
    {"coopération Sud-Sud", NULL, 0},
    {"résolution", NULL, 0},
    {"résolution 74/239 coopération", NULL, 0},
    {"résolution 74/239 et 75/1", NULL, 0},
    {"2018/19", NULL, 0},
    {"2/21", NULL, 0},
    {"15/02/2020", NULL, 0},
    {"1/3", NULL, 0},
    {"résolution 62/1 de la Commission des stupéfiants", NULL, 0},
    {"", NULL, 0},
};

static void test_symbols__queries(void)
{
    for (size_t i = 0; i < sizeof query_cases / sizeof *query_cases; i++) {
        char out[COTE_ENTITY_CANON_MAX] = "";
        unsigned flags = 99;
        const char *in = query_cases[i].in;
        bool ok = cote_parse_symbol_query(in, strlen(in), out, &flags);
        if (ok != (query_cases[i].want != NULL))
            fprintf(stderr, "case %zu: \"%s\" -> \"%s\"\n", i, in, out);
        ASSERT_EQ_INT(ok, query_cases[i].want != NULL);
        if (!ok)
            continue;
        ASSERT_EQ_STR(out, query_cases[i].want);
        ASSERT_EQ_INT(flags, query_cases[i].flags);
    }
    ASSERT(!cote_parse_symbol_query(NULL, 0, NULL, NULL));
    ASSERT(cote_parse_symbol_query("74/239", 6, NULL, NULL));
}

/* STYLE point 8: a reference typed in a query and the same words in a
 * document reach the same canonical symbol. */
static void test_symbols__query_meets_document(void)
{
    static const char *const refs[] = {"résolution 74/239", "résolution 1809 (2008)", "A/RES/74/239",
                                       "S/RES/1325 (2000)", "A/74/6 (Sect.22)", "résolution 217 A (III)",
                                       "résolution 2019/15 du Conseil économique et social"};
    for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
        char q[COTE_ENTITY_CANON_MAX];
        unsigned flags;
        ASSERT(cote_parse_symbol_query(refs[i], strlen(refs[i]), q, &flags));
        find(refs[i]);
        ASSERT_EQ_INT(found.n, 1);
        ASSERT_EQ_STR(found.v[0].canon, q);
        ASSERT_EQ_INT(found.v[0].flags, flags);
    }
}

static const struct {
    const char *in;
    bool ok;
} job_cases[] = {
    {"20-12800", true},     {"B22-00257", true},     {"22-12374X", true},     {"22-12374", true},
    {"B24-00459", true},    {"GE.16-11501(E)", true}, {"V.08-51433 (E)", true}, {"K1402364", true},
    {" 20-12800 (F) ", true}, {"2022-20258", false},  {"2019-2020", false},    {"20-1280", false},
    {"20-128000", false},   {"A/75/371", false},     {"2/21", false},         {"B22-00257 14", false},
    {"", false},
};

static void test_symbols__job_numbers(void)
{
    for (size_t i = 0; i < sizeof job_cases / sizeof *job_cases; i++) {
        if (cote_is_job_number(job_cases[i].in, strlen(job_cases[i].in)) != job_cases[i].ok)
            fprintf(stderr, "case %zu: \"%s\"\n", i, job_cases[i].in);
        ASSERT_EQ_INT(cote_is_job_number(job_cases[i].in, strlen(job_cases[i].in)), job_cases[i].ok);
    }
    ASSERT(!cote_is_job_number(NULL, 0));
}

int main(void)
{
    RUN(test_symbols__find_in_text);
    RUN(test_symbols__spans);
    RUN(test_symbols__appends_and_checks_arguments);
    RUN(test_symbols__pathological_input);
    RUN(test_symbols__links);
    RUN(test_symbols__canonical);
    RUN(test_symbols__queries);
    RUN(test_symbols__query_meets_document);
    RUN(test_symbols__job_numbers);
    cote_entity_list_free(&found);
    return DONE();
}
