/* test_dates.c: the French date recogniser (entities/dates.h), on real lines
 * of the seed documents (corpus/) and the examples of
 * shared/domain/dates-fr.md, plus look-alikes that must not match and
 * impossible dates. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "dates.h"

/* The dates found in s, as "canon ; canon", each followed by `~` when its
 * year was inferred. */
static const char *found(const char *s)
{
    static char buf[2048];
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ASSERT_OK(cote_find_dates(s, strlen(s), &l));
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < l.n; i++) {
        const cote_entity_t *e = &l.v[i];
        ASSERT_EQ_INT(e->kind, COTE_ENT_DATE);
        ASSERT(e->start < e->end && e->end <= strlen(s));
        ASSERT(e->from <= e->to);
        if (i > 0)
            ASSERT(l.v[i - 1].start <= e->start); /* text order */
        int w = snprintf(buf + k, sizeof buf - k, "%s%s%s", i ? " ; " : "", e->canon,
                         e->flags & COTE_ENT_INFERRED ? "~" : "");
        ASSERT(w > 0 && (size_t)w < sizeof buf - k);
        k += (size_t)w;
    }
    cote_entity_list_free(&l);
    return buf;
}

typedef struct {
    const char *in, *want;
} case_t;

static void check_table(const case_t *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = found(t[i].in);
        if (strcmp(got, t[i].want) != 0) {
            cote_test_fail_(__FILE__, __LINE__);
            fprintf(stderr, "in \"%s\":\n  got  \"%s\"\n  want \"%s\"\n", t[i].in, got, t[i].want);
            cote_test_abort_();
        }
    }
}

#define CHECK_TABLE(t) check_table(t, sizeof t / sizeof *t)

/* Days, with the frames and the damage PDF extraction leaves. */
static const case_t day_cases[] = {
    {"consacrés dans la Déclaration de Bangkok du 8 août 1967, en particulier", "1967-08-08"},
    {"la Déclaration de Bangkok du 8 août 19671, en particulier", "1967-08-08"}, /* footnote 1 glued */
    {"qui est entrée en vigueur le 15 décembre 20082, en particulier", "2008-12-15"},
    {"sur la COVID-19 en date du 14 avril 20205 et des mesures", "2020-04-14"},
    {"et sa résolution 71/317 du 19 juillet 2017, sur la célébration", "2017-07-19"},
    {"en date du 31 octobre 2000, et saluant à cet égard", "2000-10-31"},
    {"la déclaration de sa présidente du 6 août 2013 (S/PRST/2013/12).", "2013-08-06"},
    {"depuis la publication du précédent rapport, le 11 septembre 2020 (A/75/345-S/2020/898).", "2020-09-11"},
    {"transition de l’Union africaine en Somalie le 1er avril 2022, en vertu", "2022-04-01"},
    {"à compter du 1 er janvier 2021", "2021-01-01"},          /* superscript lost */
    {"à compter du 1\ner janvier 2021", "2021-01-01"},
    {"à compter du 1\xe1\xb5\x89\xca\xb3 janvier 2021", "2021-01-01"}, /* 1ᵉʳ */
    {"le premier janvier 2021", "2021-01-01"},
    {"la 1re séance du 1re mars 2021", "2021-03-01"},
    {"partenariat stratégique au Soudan. Le \n\n18 mars 2022, elles ont établi", "2022-03-18"},
    {"le lundi 23 juin 2014", "2014-06-23"},
    {"signé le 4 sept. 1992 à Genève", "1992-09-04"},
    {"le 4 déc. 1992", "1992-12-04"},
    {"le 15 DÉCEMBRE 2008", "2008-12-15"},
    {"le 15 decembre 2008 et le 3 fevrier 2009", "2008-12-15 ; 2009-02-03"},
    {"la séance du 29.09.2020 et celle du 29/09/2020", "2020-09-29 ; 2020-09-29"},
    {"le 29-9-2020, puis le 2020-09-30", "2020-09-29 ; 2020-09-30"},
    {"adoptée le 29 février 2020", "2020-02-29"},
};

/* Months. */
static const case_t month_cases[] = {
    {"8. En mai 2019, les États membres de la", "2019-05"},
    {"(en mars \n\n2021) ; b) la concertation", "2021-03"},
    {"tout devait être finalisé lors de la session de mars 2020 du Conseil", "2020-03"},
    {"en janvier 2021 et mars 2022, respectivement", "2021-01 ; 2022-03"},
    {"de haut niveau tenues en février et mai 2021, suivies", "2021-02 ; 2021-05"},
    {"la CESAP et la CEE. En novembre 2020 et 2021, le Secrétaire", "2020-11 ; 2021-11"},
    {"organisé par la CESAO en mars 2021 et 2022. Le PNUD", "2021-03 ; 2022-03"},
    {"de l’Association, tenue en avril 202117, les options", "2021-04"},
};

/* Ranges of days and months. */
static const case_t range_cases[] = {
    {"qui se tiendrait aux Philippines du 15 au 17 juillet 2025.", "2025-07-15/2025-07-17"},
    {"sa vingt et unième session à Moscou les 4 et 5 décembre 2025.", "2025-12-04/2025-12-05"},
    {"à Téhéran et en ligne les 27 et 28 novembre 2024.", "2024-11-27/2024-11-28"},
    {"Sud-Sud du 12 au 14 septembre 2022, le secrétariat", "2022-09-12/2022-09-14"},
    {"qui s’est tenu du 6 au 8 décembre 2024 à Tengchong", "2024-12-06/2024-12-08"},
    {"qui se tiendra à Bangkok du 25 au 28 février 2025 ;", "2025-02-25/2025-02-28"},
    {"et le développement qui doit se tenir du 25 au 30 avril \n\n202117, les options", "2021-04-25/2021-04-30"},
    {"Conférence mondiale sur les femmes, Beijing, 4-15 septembre 1995 (publication", "1995-09-04/1995-09-15"},
    {"Beijing, 4 -15 septembre 1995", "1995-09-04/1995-09-15"},
    {"Beijing, 4 \xe2\x80\x93 15 septembre 1995", "1995-09-04/1995-09-15"},
    {"du 28 février au 3 mars 2021", "2021-02-28/2021-03-03"},
    {"du 30 novembre au 2 décembre 2021", "2021-11-30/2021-12-02"},
    {"du 30 décembre au 2 janvier 2021", "2020-12-30/2021-01-02"},
    {"pour la période du 1er juillet 2011 au 30 juin 2012", "2011-07-01/2012-06-30"},
    {"du 1er juillet 2011 jusqu’au 30 juin 2012", "2011-07-01/2012-06-30"},
    {"entre le 1er et le 5 mars 2021", "2021-03-01/2021-03-05"},
    {"les 4, 5 et 6 mars 2021", "2021-03-04/2021-03-06"},
    {"les 4 et 12 mars 2021", "2021-03-04 ; 2021-03-12"},
    {"Du 8 au 10 novembre 2021, conjointement", "2021-11-08/2021-11-10"},
    {"du 2 au 5 juin et du 8 au 10 juillet 2021", "2021-06-02/2021-06-05 ; 2021-07-08/2021-07-10"},
    {"pendant la période allant de décembre 2023 à novembre 2024 (point 2", "2023-12/2024-11"},
    {"de mars à mai 2021", "2021-03/2021-05"},
    {"48. D’août à septembre 2021, de hauts fonctionnaires", "2021-08/2021-09"},
    {"de mars 2020 au 15 juin 2021", "2020-03/2021-06-15"},
};

/* Years and spans of years. */
static const case_t year_cases[] = {
    {"du cinquantième anniversaire de l’Association, célébré en 2017, pendant", "2017"},
    {"En 2021 et 2022, le Département", "2021 ; 2022"},
    {"À la fin de 2019, le PNUD", "2019"},
    {"au cours de 2021 ; fin 2021 ; mi-2021 ; début de l’année 2022", "2021 ; 2021 ; 2021 ; 2022"},
    {"Tout au long de l’année 2021, le HCR", "2021"},
    {"L’année 2021 s’est avérée", "2021"},
    {"la Déclaration de l’ASEAN de 2019 sur les droits ; le Forum de 2019 et le rapport 2020", "2019 ; 2019"},
    {"l’accord de cessez-le-feu de 2020. Le projet de programme de travail pour 2025 (point 3)", "2020 ; 2025"},
    {"des Nations Unies (2016-2020), plus de 96 %", "2016/2020"},
    {"au moyen de son plan à moyen terme (2018-21) et de son", "2018/2021"},
    {"Technical Cooperation Highlights 2020\xe2\x80\x93" "2021", "2020/2021"},
    {"au cours de l’exercice biennal 2019-2020.", "2019/2020"},
    {"budget de l’OIT pour 2020-2021 et plan stratégique de l’OIT pour 2022-20258. Elle", "2020/2021 ; 2022/2025"},
    {"une augmentation de 80 % entre 2019 et 2020, ce qui", "2019/2020"},
    {"de 2016 à 2020", "2016/2020"},
    {"en 2019 - 2020", "2019/2020"},
    {"l’exercice 1999-00", "1999/2000"},
    {"pour l’exercice 2021/22 (maintien de la paix)", "2021-07-01/2022-06-30"},
    {"au premier trimestre de 2021", "2021-01/2021-03"},
    {"au second semestre de 2020", "2020-07/2020-12"},
    {"au dernier trimestre 2020", "2020-10/2020-12"},
    {"dans les années 1990", "1990/1999"},
    {"au XXIe siècle", "2001/2100"},
};

/* Open intervals. */
static const case_t open_cases[] = {
    {"De plus, depuis septembre 2021, tous les projets", "2021-09/.."},
    {"Depuis 2020, la coopération", "2020/.."},
    {"depuis le 1er janvier 2021", "2021-01-01/.."},
    {"du développement durable d’ici à 2030. Cette", "../2030"},
    {"d’ici 2025", "../2025"},
    {"55 millions de dollars jusqu’en 2019. Le Fonds", "../2019"},
    {"jusqu'au 30 juin 2012", "../2012-06-30"},
};

/* Days without year: the year comes from the paragraph, else from before. */
static const case_t inferred_cases[] = {
    /* seed 001: "avril 2020" precedes in the same paragraph */
    {"ont publié en avril 2020 une déclaration sur la COVID-19. 58. Le 2 avril, l’Institut international "
     "d’éducation en ligne a été lancé",
     "2020-04 ; 2020-04-02~"},
    /* the next date of the paragraph when none precedes it there */
    {"En 2019, rien.\n\nLe 2 avril, l’Institut a été lancé, puis en mai 2020 il a",
     "2019 ; 2020-04-02~ ; 2020-05"},
    /* seed 002: the preceding paragraph, when the paragraph has none */
    {"Du 8 au 10 novembre 2021, conjointement.\n\n74. Les 1er et 2 février, le Président de la Commission",
     "2021-11-08/2021-11-10 ; 2021-02-01/2021-02-02~"},
    {"le 3 mars 2021 et le 5 avril", "2021-03-03 ; 2021-04-05~"},
    /* no context at all: nothing */
    {"Le 2 avril, l’Institut a été lancé.", ""},
    /* a year that makes the day impossible */
    {"Le 29 février, rien. En 2021 non plus.", "2021"},
    {"Le 29 février, rien. En 2020 non plus.", "2020-02-29~ ; 2020"},
};

/* Look-alikes of dates that are something else. */
static const case_t not_dates[] = {
    {"A/75/2021 et S/2022/606 et E/2019/39 et A/75/345-S/2020/898", ""},
    {"20-12800 2/21", ""},           /* job number and page counter */
    {"15/21 20-12800", ""},
    {"14 B22-00257", ""},
    {"20-12800 (F) 081020 091020", ""},
    {"en application de sa résolution 1809 (2008) et de la résolution 1325 (2000)", ""},
    {"la résolution 2019/1 du Conseil", ""},
    {"30 000 dollars, 5 000 dollars et 2 000 dollars", ""},
    {"Nations Unies, Recueil des Traités, vol. 1331, no 22341.", ""},
    {"ISSN 0255-1977", ""},
    {"le Programme 2030, l’Agenda 2063 et la Communauté de l’ASEAN à l’horizon 2025", ""},
    {"COVID-19, G20, Beijing+25, BAPA+40, objectif 4, PM2,5", ""},
    {"la publication F.96.IV.13", ""},
    {"Voir www.unsouthsouth.org/2020/01/20/targeting-hunger et http://en.ichei.org/2020/04/03/international", ""},
    {"unohrlls.org/custom-content/uploads/2020/05/Statement-of-LDCs.pdf", ""},
    {"le 1er Sommet, le 5e rapport, 12 h 30, sept ans", ""},
    {"en mai, puis en juin", ""}, /* months without day or year */
    {"2020-02 et 2021-13", ""},
    {"le 15 mars au plus tard", ""}, /* no year anywhere */
    {"plus de 2000 personnes, pour 2021 participants", ""}, /* counts, not years */
};

/* Impossible dates report nothing for the whole expression. */
static const case_t invalid_cases[] = {
    {"le 31 février 2020", ""},
    {"le 29 février 2021", ""},
    {"le 31 avril 2021", ""},
    {"le 32 mars 2020", ""},
    {"le 0 mars 2020", ""},
    {"31/02/2020", ""},
    {"2020-02-30", ""},
    {"du 17 au 15 juillet 2025", ""},
    {"le 29 février 1900", ""},
    {"le 29 février 2000", "2000-02-29"},
};

static void test_dates__days(void) { CHECK_TABLE(day_cases); }
static void test_dates__months(void) { CHECK_TABLE(month_cases); }
static void test_dates__ranges(void) { CHECK_TABLE(range_cases); }
static void test_dates__years(void) { CHECK_TABLE(year_cases); }
static void test_dates__open_intervals(void) { CHECK_TABLE(open_cases); }
static void test_dates__inferred_years(void) { CHECK_TABLE(inferred_cases); }
static void test_dates__look_alikes(void) { CHECK_TABLE(not_dates); }
static void test_dates__invalid(void) { CHECK_TABLE(invalid_cases); }

/* The first entity of s. */
static cote_entity_t first(const char *s)
{
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ASSERT_OK(cote_find_dates(s, strlen(s), &l));
    ASSERT(l.n >= 1);
    cote_entity_t e = l.v[0];
    cote_entity_list_free(&l);
    return e;
}

static const struct {
    const char *in;
    const char *span; /* the text the entity spans */
    uint32_t from, to;
    unsigned flags;
} span_cases[] = {
    {"8. En mai 2019, les", "mai 2019", 20190501, 20190531, 0},
    {"en février 2020.", "février 2020", 20200201, 20200229, 0},
    {"en février 2021.", "février 2021", 20210201, 20210228, 0},
    {"en février 1900.", "février 1900", 19000201, 19000228, 0},
    {"le 15 décembre 20082, en", "15 décembre 2008", 20081215, 20081215, 0},
    {"se tiendrait du 15 au 17 juillet 2025.", "du 15 au 17 juillet 2025", 20250715, 20250717, COTE_ENT_RANGE},
    {"Moscou les 4 et 5 décembre 2025.", "les 4 et 5 décembre 2025", 20251204, 20251205, COTE_ENT_RANGE},
    {"des Nations Unies (2016-2020), plus", "2016-2020", 20160101, 20201231, COTE_ENT_RANGE},
    {"plan (2018-21) et", "2018-21", 20180101, 20211231, COTE_ENT_RANGE},
    {"de décembre 2023 à novembre 2024 (point", "de décembre 2023 à novembre 2024", 20231201, 20241130, COTE_ENT_RANGE},
    {"célébré en 2017, pendant", "2017", 20170101, 20171231, 0},
    {"depuis septembre 2021, tous", "depuis septembre 2021", 20210901, 20210930, COTE_ENT_RANGE},
    {"En avril 2020 oui. Le 2 avril, l’Institut", "avril 2020", 20200401, 20200430, 0},
    {"le lundi 23 juin 2014", "lundi 23 juin 2014", 20140623, 20140623, 0},
};

static void test_dates__spans_and_days(void)
{
    for (size_t i = 0; i < sizeof span_cases / sizeof *span_cases; i++) {
        cote_entity_t e = first(span_cases[i].in);
        ASSERT_EQ_MEM(span_cases[i].in + e.start, e.end - e.start, span_cases[i].span, strlen(span_cases[i].span));
        ASSERT_EQ_INT(e.from, span_cases[i].from);
        ASSERT_EQ_INT(e.to, span_cases[i].to);
        ASSERT_EQ_INT(e.flags, span_cases[i].flags);
    }
    /* the inferred day of seed 001 */
    const char *s = "en avril 2020 une déclaration. 58. Le 2 avril, l’Institut";
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ASSERT_OK(cote_find_dates(s, strlen(s), &l));
    ASSERT_EQ_INT(l.n, 2);
    ASSERT_EQ_MEM(s + l.v[1].start, l.v[1].end - l.v[1].start, "2 avril", 7);
    ASSERT_EQ_INT(l.v[1].from, 20200402);
    ASSERT_EQ_INT(l.v[1].flags, COTE_ENT_INFERRED);
    cote_entity_list_free(&l);
}

static void test_dates__arguments_and_appending(void)
{
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ASSERT_EQ_STATUS(cote_find_dates(NULL, 3, &l), COTE_INVALID_ARG);
    ASSERT_EQ_STATUS(cote_find_dates("en 2020", 7, NULL), COTE_INVALID_ARG);
    ASSERT_OK(cote_find_dates(NULL, 0, &l));
    ASSERT_EQ_INT(l.n, 0);
    /* entities already in the list stay, new ones follow */
    ASSERT_OK(cote_find_dates("en mai 2019", 11, &l));
    ASSERT_OK(cote_find_dates("Le 2 avril, puis en 2020", 24, &l));
    ASSERT_EQ_INT(l.n, 3);
    ASSERT_EQ_STR(l.v[0].canon, "2019-05");
    ASSERT_EQ_STR(l.v[1].canon, "2020-04-02");
    ASSERT_EQ_STR(l.v[2].canon, "2020");
    /* only len bytes are read */
    cote_entity_list_reset(&l);
    ASSERT_OK(cote_find_dates("le 15 mars 2021", 11, &l));
    ASSERT_EQ_INT(l.n, 0);
    cote_entity_list_free(&l);
}

/* Long and hostile input finishes and finds what it should (linear scan). */
static void test_dates__long_input(void)
{
    static const char unit[] = "du 12 au 14 septembre 2022, 1-1-1-1 2020-2021-2022 ";
    size_t reps = 4000, ul = sizeof unit - 1;
    char *s = malloc(reps * ul + 1);
    ASSERT(s != NULL);
    for (size_t i = 0; i < reps; i++)
        memcpy(s + i * ul, unit, ul);
    s[reps * ul] = '\0';
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ASSERT_OK(cote_find_dates(s, reps * ul, &l));
    ASSERT(l.n >= reps);
    ASSERT_EQ_STR(l.v[0].canon, "2022-09-12/2022-09-14");
    cote_entity_list_free(&l);
    /* digits, dashes and month names only */
    for (size_t i = 0; i < reps * ul; i++)
        s[i] = "1-9 mai "[i % 8];
    ASSERT_OK(cote_find_dates(s, reps * ul, &l));
    cote_entity_list_free(&l);
    free(s);
}

/* ---- queries --------------------------------------------------------- */

static const struct {
    const char *in, *canon;
    uint32_t from, to;
} query_cases[] = {
    {"15 février 2020", "2020-02-15", 20200215, 20200215},
    {"le 15 février 2020", "2020-02-15", 20200215, 20200215},
    {"février 2020", "2020-02", 20200201, 20200229},
    {"fevrier 2020", "2020-02", 20200201, 20200229},
    {"  Février 2020 ", "2020-02", 20200201, 20200229},
    {"en mai 2019", "2019-05", 20190501, 20190531},
    {"2020", "2020", 20200101, 20201231},
    {"2020-02-15", "2020-02-15", 20200215, 20200215},
    {"2020-02", "2020-02", 20200201, 20200229},
    {"15/02/2020", "2020-02-15", 20200215, 20200215},
    {"du 15 au 17 juillet 2025", "2025-07-15/2025-07-17", 20250715, 20250717},
    {"2022-09-12..2022-09-14", "2022-09-12/2022-09-14", 20220912, 20220914},
    {"2022-09 .. 2022-10", "2022-09/2022-10", 20220901, 20221031},
    {"mai 2019..juin 2020", "2019-05/2020-06", 20190501, 20200630},
    {"2016/2020", "2016/2020", 20160101, 20201231},
    {"2019-2020", "2019/2020", 20190101, 20201231},
    {"de décembre 2023 à novembre 2024", "2023-12/2024-11", 20231201, 20241130},
    {"1er avril 2022", "2022-04-01", 20220401, 20220401},
};

static const char *const not_queries[] = {
    "", "   ", "mai", "15 février", "2020 2021", "rapport 2020", "A/75/2021", "31 février 2020", "2020-13",
    "2020-02-30", "2022-09-14..2022-09-12", "abc", "2 000", "20-12800", "15/21", "2020-02-15..", "..2020",
    "Programme 2030", "résolution 1325 (2000)",
};

static void test_dates__queries(void)
{
    for (size_t i = 0; i < sizeof query_cases / sizeof *query_cases; i++) {
        cote_entity_t e;
        const char *q = query_cases[i].in;
        if (!cote_parse_date_query(q, strlen(q), &e)) {
            cote_test_fail_(__FILE__, __LINE__);
            fprintf(stderr, "not read as a date: \"%s\"\n", q);
            cote_test_abort_();
        }
        ASSERT_EQ_INT(e.kind, COTE_ENT_DATE);
        ASSERT_EQ_STR(e.canon, query_cases[i].canon);
        ASSERT_EQ_INT(e.from, query_cases[i].from);
        ASSERT_EQ_INT(e.to, query_cases[i].to);
        ASSERT(e.end <= strlen(q));
    }
    for (size_t i = 0; i < sizeof not_queries / sizeof *not_queries; i++) {
        cote_entity_t e;
        const char *q = not_queries[i];
        if (cote_parse_date_query(q, strlen(q), &e)) {
            cote_test_fail_(__FILE__, __LINE__);
            fprintf(stderr, "read as a date: \"%s\" -> %s\n", q, e.canon);
            cote_test_abort_();
        }
        ASSERT_EQ_INT(e.from, 0);
    }
    cote_entity_t e;
    ASSERT(!cote_parse_date_query(NULL, 4, &e));
    ASSERT(!cote_parse_date_query("2020", 4, NULL));
    ASSERT(cote_parse_date_query("2020-02-15 trailing", 10, &e)); /* only n bytes */
}

static const struct {
    const char *in;
    bool upper;
    uint32_t day;
} bound_cases[] = {
    {"2022-09-12", false, 20220912}, {"2022-09-12", true, 20220912}, {"2022-09", false, 20220901},
    {"2022-09", true, 20220930},     {"2020", false, 20200101},      {"2020", true, 20201231},
    {"2024-02", true, 20240229},     {"2023-02", true, 20230228},    {"1900-02", true, 19000228},
};

static const char *const not_bounds[] = {
    "", "22", "2022-9", "2022-13", "2022-00", "2022-09-31", "2022-09-00", "2022-09-12x", " 2022", "2022/09",
    "abcd", "2022-09-1", "20220912",
};

static void test_dates__iso_bounds(void)
{
    for (size_t i = 0; i < sizeof bound_cases / sizeof *bound_cases; i++) {
        uint32_t d = 0;
        ASSERT(cote_parse_iso_bound(bound_cases[i].in, bound_cases[i].upper, &d));
        ASSERT_EQ_INT(d, bound_cases[i].day);
    }
    for (size_t i = 0; i < sizeof not_bounds / sizeof *not_bounds; i++) {
        uint32_t d = 7;
        if (cote_parse_iso_bound(not_bounds[i], false, &d)) {
            cote_test_fail_(__FILE__, __LINE__);
            fprintf(stderr, "read as a bound: \"%s\"\n", not_bounds[i]);
            cote_test_abort_();
        }
        ASSERT_EQ_INT(d, 7);
    }
    uint32_t d;
    ASSERT(!cote_parse_iso_bound(NULL, false, &d));
    ASSERT(!cote_parse_iso_bound("2020", false, NULL));
}

int main(void)
{
    RUN(test_dates__days);
    RUN(test_dates__months);
    RUN(test_dates__ranges);
    RUN(test_dates__years);
    RUN(test_dates__open_intervals);
    RUN(test_dates__inferred_years);
    RUN(test_dates__look_alikes);
    RUN(test_dates__invalid);
    RUN(test_dates__spans_and_days);
    RUN(test_dates__arguments_and_appending);
    RUN(test_dates__long_input);
    RUN(test_dates__queries);
    RUN(test_dates__iso_bounds);
    return DONE();
}
