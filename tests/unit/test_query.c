/* test_query.c: query text -> Xapian query and reading (query.h), including
 * what people type by mistake: nothing typed is a syntax error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "query.h"
#include "utf8.h"

#define R_QUOTE COTE_QUERY_REPAIR_QUOTE
#define R_PAREN COTE_QUERY_REPAIR_PAREN
#define R_OPERATOR COTE_QUERY_REPAIR_OPERATOR
#define R_EMPTY COTE_QUERY_REPAIR_EMPTY
#define R_DEPTH COTE_QUERY_REPAIR_DEPTH
#define R_PREFIX COTE_QUERY_REPAIR_PREFIX

static cote_analyser_t *an;

typedef struct {
    char xapian[4096]; /* Xapian's description, or "(none)" */
    char reading[4096];
    unsigned repairs;
} parsed_t;

/* Builds s[0..n) (with clause, when not NULL) and keeps what the tests look at. */
static parsed_t parse_n(const char *s, size_t n, cote_query_clause_fn clause, void *ctx)
{
    parsed_t r;
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    ASSERT_OK_ERR(cote_query_build_ex(an, s, n, clause, ctx, &q, &err), err);
    ASSERT(q.reading.data != NULL);
    ASSERT(cote_utf8_valid(q.reading.data, q.reading.len, NULL));
    ASSERT_EQ_INT(strlen(q.reading.data), q.reading.len);
    if (!q.query) {
        snprintf(r.xapian, sizeof r.xapian, "(none)");
    } else {
        char *d = NULL;
        ASSERT_OK_ERR(cote_xquery_describe(q.query, &d, &err), err);
        snprintf(r.xapian, sizeof r.xapian, "%s", d);
        free(d);
    }
    snprintf(r.reading, sizeof r.reading, "%s", q.reading.data);
    r.repairs = q.repairs;
    cote_parsed_query_free(&q);
    return r;
}

static parsed_t parse(const char *s)
{
    return parse_n(s, strlen(s), NULL, NULL);
}

static const struct {
    const char *in, *xapian, *reading;
    unsigned repairs;
} cases[] = {
    {"", "(none)", "", 0},
    {"   ", "(none)", "", 0},
    /* words: its stem matches, its own (accent-free) form ranks higher */
    {"PNUD", "Query((Zpnud@1 AND_MAYBE pnud@1))",
     "PNUD", 0},
    {"Sécurité", "Query((Zsecurit@1 AND_MAYBE securite@1))",
     "Sécurité", 0},
    {"securite regionale", "Query(((Zsecurit@1 AND_MAYBE securite@1) OR (Zregional@1 AND_MAYBE regionale@1)))",
     "securite regionale", 0},
    /* elision as in documents */
    {"l'Asie", "Query((Zasi@1 AND_MAYBE asie@1))",
     "l'Asie", 0},
    /* quotes turn stemming off */
    {"\"sécurité\"", "Query(securite@1)",
     "\"sécurité\"", 0},
    {"\"bourses pour experts\"", "Query((bourses@1 PHRASE 3 pour@2 PHRASE 3 experts@3))",
     "\"bourses pour experts\"", 0},
    /* a compound: the phrase of its parts, or the joined form; quoted or not */
    {"Sud-Sud", "Query(((sud@1 PHRASE 2 sud@2) OR sudsud@1))",
     "Sud-Sud", 0},
    {"\"Sud-Sud\"", "Query(((sud@1 PHRASE 2 sud@2) OR sudsud@1))",
     "\"Sud-Sud\"", 0},
    {"COVID-19", "Query(((covid@1 PHRASE 2 19@2) OR covid19@1))",
     "COVID-19", 0},
    {"l’Asie-Pacifique", "Query(((asie@1 PHRASE 2 pacifique@2) OR asiepacifique@1))",
     "l’Asie-Pacifique", 0},
    /* the joined form typed as one word is a free word like any other */
    {"COVID19", "Query((Zcovid19@1 AND_MAYBE covid19@1))",
     "COVID19", 0},
    /* a code: both spellings of its decimal separator meet in the joined stem */
    {"PM2,5", "Query(((Zpm2,5@1 OR Zpm25@1) AND_MAYBE pm2,5@1))",
     "PM2,5", 0},
    /* other words that analysis splits are a phrase */
    {"A/75/371", "Query((a@1 PHRASE 3 75@2 PHRASE 3 371@3))",
     "A/75/371", 0},
    /* stop words leave free-word queries... */
    {"Organisation internationale pour les migrations", "Query(((Zorganis@1 AND_MAYBE organisation@1) OR (Zinternational@1 AND_MAYBE internationale@1) OR (Zmigrat@1 AND_MAYBE migrations@1)))",
     "Organisation internationale migrations", 0},
    {"de l'ONU", "Query((Zonu@1 AND_MAYBE onu@1))",
     "l'ONU", 0},
    {"\"la paix\" et", "Query((la@1 PHRASE 2 paix@2))",
     "\"la paix\"", 0},
    /* ...but not phrases, marked words, or a query of nothing else */
    {"\"la\" de", "Query(la@1)",
     "\"la\"", 0},
    {"+le paix", "Query((le@1 AND_MAYBE (Zpaix@1 AND_MAYBE paix@1)))",
     "+le paix", 0},
    {"le la", "Query((le@1 OR la@1))",
     "le la", 0},
    {"le -paix", "Query((le@1 AND_NOT Zpaix@1))",
     "le -paix", 0},
    /* marks; an excluded word excludes its stem */
    {"+climat paix", "Query(((Zclimat@1 AND_MAYBE climat@1) AND_MAYBE (Zpaix@1 AND_MAYBE paix@1)))",
     "+climat paix", 0},
    {"paix -climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))",
     "paix -climat", 0},
    {"-climat", "Query((0 * XKIND:passage AND_NOT Zclimat@1))",
     "-climat", 0},
    {"+climat paix -guerre", "Query((((Zclimat@1 AND_MAYBE climat@1) AND_MAYBE (Zpaix@1 AND_MAYBE paix@1)) AND_NOT Zguerr@1))",
     "+climat paix -guerre", 0},
    /* AND, OR, NOT and their French and symbol forms */
    {"paix AND climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND (Zclimat@1 AND_MAYBE climat@1)))",
     "paix ET climat", 0},
    {"paix ET climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND (Zclimat@1 AND_MAYBE climat@1)))",
     "paix ET climat", 0},
    {"paix && climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND (Zclimat@1 AND_MAYBE climat@1)))",
     "paix ET climat", 0},
    {"paix OR climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", 0},
    {"paix OU climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", 0},
    {"paix | climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", 0},
    {"paix || climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", 0},
    {"paix NOT climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))",
     "paix SAUF climat", 0},
    {"paix SAUF climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))",
     "paix SAUF climat", 0},
    {"paix AND NOT climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))",
     "paix SAUF climat", 0},
    /* a leading NOT excludes from every passage */
    {"NOT climat", "Query((0 * XKIND:passage AND_NOT Zclimat@1))",
     "SAUF climat", 0},
    {"SAUF climat", "Query((0 * XKIND:passage AND_NOT Zclimat@1))",
     "SAUF climat", 0},
    /* operators in capitals only: et, ou, and, or, not are words (et and ou stop words) */
    {"paix et climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix climat", 0},
    {"paix ou climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix climat", 0},
    {"and or not", "Query(((Zand@1 AND_MAYBE and@1) OR (Zor@1 AND_MAYBE or@1) OR (Znot@1 AND_MAYBE not@1)))",
     "and or not", 0},
    {"et", "Query(et@1)",
     "et", 0},
    {"Et paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", 0},
    /* precedence: a run binds tighter than AND and NOT, which bind tighter than OR */
    {"paix ET (climat OU énergie) SAUF guerre", "Query((((Zpaix@1 AND_MAYBE paix@1) AND ((Zclimat@1 AND_MAYBE climat@1) OR (Zenerg@1 AND_MAYBE energie@1))) AND_NOT Zguerr@1))",
     "paix ET (climat OU énergie) SAUF guerre", 0},
    {"(paix OU sécurité) ET Afrique", "Query((((Zpaix@1 AND_MAYBE paix@1) OR (Zsecurit@1 AND_MAYBE securite@1)) AND (Zafriqu@1 AND_MAYBE afrique@1)))",
     "(paix OU sécurité) ET Afrique", 0},
    {"paix sécurité ET Afrique", "Query((((Zpaix@1 AND_MAYBE paix@1) OR (Zsecurit@1 AND_MAYBE securite@1)) AND (Zafriqu@1 AND_MAYBE afrique@1)))",
     "(paix sécurité) ET Afrique", 0},
    {"paix ET climat OU guerre", "Query((((Zpaix@1 AND_MAYBE paix@1) AND (Zclimat@1 AND_MAYBE climat@1)) OR (Zguerr@1 AND_MAYBE guerre@1)))",
     "(paix ET climat) OU guerre", 0},
    {"paix ET (climat OU guerre)", "Query(((Zpaix@1 AND_MAYBE paix@1) AND ((Zclimat@1 AND_MAYBE climat@1) OR (Zguerr@1 AND_MAYBE guerre@1))))",
     "paix ET (climat OU guerre)", 0},
    {"NOT paix climat", "Query((0 * XKIND:passage AND_NOT (Zpaix@1 OR Zclimat@1)))",
     "SAUF (paix climat)", 0},
    {"paix NOT (climat guerre)", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT (Zclimat@1 OR Zguerr@1)))",
     "paix SAUF (climat guerre)", 0},
    {"paix OR NOT climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (0 * XKIND:passage AND_NOT Zclimat@1)))",
     "paix OU (SAUF climat)", 0},
    {"paix (climat OU guerre) Afrique", "Query(((Zpaix@1 AND_MAYBE paix@1) OR ((Zclimat@1 AND_MAYBE climat@1) OR (Zguerr@1 AND_MAYBE guerre@1)) OR (Zafriqu@1 AND_MAYBE afrique@1)))",
     "paix (climat OU guerre) Afrique", 0},
    /* marked groups; parentheses around plain words change nothing */
    {"paix -(climat OU guerre)", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT (Zclimat@1 OR Zguerr@1)))",
     "paix -(climat OU guerre)", 0},
    {"+(paix OU climat) Afrique", "Query((((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)) AND_MAYBE (Zafriqu@1 AND_MAYBE afrique@1)))",
     "+(paix OU climat) Afrique", 0},
    {"x (+paix)", "Query(((Zx@1 AND_MAYBE x@1) OR (Zpaix@1 AND_MAYBE paix@1)))",
     "x (+paix)", 0},
    {"(paix climat) Afrique", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1) OR (Zafriqu@1 AND_MAYBE afrique@1)))",
     "paix climat Afrique", 0},
    {"((paix))", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", 0},
    {"résolution 1809 (2008)", "Query(((Zresolu@1 AND_MAYBE resolution@1) OR (Z1809@1 AND_MAYBE 1809@1) OR (Z2008@1 AND_MAYBE 2008@1)))",
     "résolution 1809 2008", 0},
    {"S/RES/1809(2008)", "Query((s@1 PHRASE 4 res@2 PHRASE 4 1809@3 PHRASE 4 2008@4))",
     "S/RES/1809(2008)", 0},
    {"S/RES/1325 (2000) paix", "Query(((s@1 PHRASE 3 res@2 PHRASE 3 1325@3) OR (Z2000@1 AND_MAYBE 2000@1) OR (Zpaix@1 AND_MAYBE paix@1)))",
     "S/RES/1325 2000 paix", 0},
    /* operands left empty by stop words are left out */
    {"le ET paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", 0},
    {"(le) paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", 0},
    /* prefix*: the most frequent words starting with the accent-free prefix */
    {"coopérat*", "Query(WILDCARD SYNONYM cooperat)",
     "coopérat*", 0},
    {"Coopérat*", "Query(WILDCARD SYNONYM cooperat)",
     "Coopérat*", 0},
    {"été*", "Query(WILDCARD SYNONYM ete)",
     "été*", 0},
    {"l’Asi*", "Query(WILDCARD SYNONYM asi)",
     "l’Asi*", 0},
    {"-coopérat*", "Query((0 * XKIND:passage AND_NOT WILDCARD SYNONYM cooperat))",
     "-coopérat*", 0},
    {"coopérat* Sud-Sud", "Query((WILDCARD SYNONYM cooperat OR ((sud@1 PHRASE 2 sud@2) OR sudsud@1)))",
     "coopérat* Sud-Sud", 0},
    {"paix SAUF coopérat*", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT WILDCARD SYNONYM cooperat))",
     "paix SAUF coopérat*", 0},
    {"(coopérat*)", "Query(WILDCARD SYNONYM cooperat)",
     "coopérat*", 0},
    /* a prefix too short, or that is not one word, is read as a word */
    {"ab*", "Query((Zab@1 AND_MAYBE ab@1))",
     "ab", R_PREFIX},
    {"20*", "Query((Z20@1 AND_MAYBE 20@1))",
     "20", R_PREFIX},
    {"A/75*", "Query((a@1 PHRASE 2 75@2))",
     "A/75", R_PREFIX},
    /* a star inside quotes or inside a word is no prefix */
    {"\"coopérat*\"", "Query(cooperat@1)",
     "\"coopérat*\"", 0},
    {"coop*ération", "Query((coop@1 PHRASE 2 eration@2))",
     "coop*ération", 0},
    /* forgiving: dangling and doubled operators are dropped */
    {"paix AND", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"AND paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"paix OR", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"OR paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"OR OR paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"paix OR OR climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", R_OPERATOR},
    {"paix AND AND climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND (Zclimat@1 AND_MAYBE climat@1)))",
     "paix ET climat", R_OPERATOR},
    {"paix AND OR climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", R_OPERATOR},
    {"paix NOT NOT climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))",
     "paix SAUF climat", R_OPERATOR},
    {"NOT NOT paix", "Query((0 * XKIND:passage AND_NOT Zpaix@1))",
     "SAUF paix", R_OPERATOR},
    {"paix NOT AND climat", "Query(((Zpaix@1 AND_MAYBE paix@1) AND_NOT Zclimat@1))",
     "paix SAUF climat", R_OPERATOR},
    {"paix NOT", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"NOT", "(none)",
     "", R_OPERATOR},
    {"OR", "(none)",
     "", R_OPERATOR},
    {"AND", "(none)",
     "", R_OPERATOR},
    {"ET OU SAUF", "(none)",
     "", R_OPERATOR},
    {"AND OR NOT ( )", "(none)",
     "", R_OPERATOR | R_EMPTY},
    {"paix -", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    {"+ - \" \"", "(none)",
     "", R_OPERATOR | R_EMPTY},
    {"*", "(none)",
     "", R_OPERATOR},
    {"paix *", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR},
    /* empty groups */
    {"()", "(none)",
     "", R_EMPTY},
    {"( )", "(none)",
     "", R_EMPTY},
    {"paix ()", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_EMPTY},
    {"\"\"", "(none)",
     "", R_EMPTY},
    {"\"  \"", "(none)",
     "", R_EMPTY},
    {"paix (OR)", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_OPERATOR | R_EMPTY},
    {"(NOT)", "(none)",
     "", R_OPERATOR | R_EMPTY},
    /* unbalanced parentheses: closed at the end, or ignored */
    {"(paix OR climat", "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))",
     "paix OU climat", R_PAREN},
    {"((paix", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_PAREN},
    {"paix (", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_PAREN | R_EMPTY},
    {"paix)", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_PAREN},
    {"paix)))", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_PAREN},
    {"climat ) paix", "Query(((Zclimat@1 AND_MAYBE climat@1) OR (Zpaix@1 AND_MAYBE paix@1)))",
     "climat paix", R_PAREN},
    {")(", "(none)",
     "", R_PAREN | R_EMPTY},
    {"(paix OU climat)) ET guerre", "Query((((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)) AND (Zguerr@1 AND_MAYBE guerre@1)))",
     "(paix OU climat) ET guerre", R_PAREN},
    /* unbalanced quotes close at the end */
    {"\"bourses pour", "Query((bourses@1 PHRASE 2 pour@2))",
     "\"bourses pour\"", R_QUOTE},
    {"\"Sud-Sud", "Query(((sud@1 PHRASE 2 sud@2) OR sudsud@1))",
     "\"Sud-Sud\"", R_QUOTE},
    {"\"la paix\" \"", "Query((la@1 PHRASE 2 paix@2))",
     "\"la paix\"", R_QUOTE | R_EMPTY},
    {"paix \"", "Query((Zpaix@1 AND_MAYBE paix@1))",
     "paix", R_QUOTE | R_EMPTY},
    {"\"paix OR climat", "Query((paix@1 PHRASE 3 or@2 PHRASE 3 climat@3))",
     "\"paix OR climat\"", R_QUOTE},
};

static void expect_case(size_t i)
{
    parsed_t got = parse(cases[i].in);
    if (strcmp(got.xapian, cases[i].xapian) || strcmp(got.reading, cases[i].reading) ||
        got.repairs != cases[i].repairs)
        fprintf(stderr, "case %zu: [%s]\n", i, cases[i].in);
    ASSERT_EQ_STR(got.xapian, cases[i].xapian);
    ASSERT_EQ_STR(got.reading, cases[i].reading);
    ASSERT_EQ_HEX(got.repairs, cases[i].repairs);
}

static void test_query__table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_case(i);
}

/* The reading is a query in its own right: read back, it is taken as typed
 * (nothing to repair) and searches the same thing. */
static void expect_reads_back(const char *in)
{
    parsed_t first = parse(in);
    parsed_t again = parse(first.reading);
    if (strcmp(first.xapian, again.xapian) || again.repairs)
        fprintf(stderr, "[%s] read as [%s]\n", in, first.reading);
    ASSERT_EQ_STR(again.xapian, first.xapian);
    ASSERT_EQ_HEX(again.repairs, 0);
    ASSERT_EQ_STR(again.reading, first.reading);
}

static void test_query__reading_reads_back(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_reads_back(cases[i].in);
}

/* Invalid UTF-8 is read as U+FFFD, which is no word; the reading stays valid
 * UTF-8 (checked by parse_n). */
static void test_query__invalid_utf8(void)
{
    ASSERT_EQ_STR(parse("\xff\xfe").xapian, "(none)");
    ASSERT_EQ_STR(parse("\xff\xfe").reading, "");
    parsed_t p = parse("paix \xc3 OU climat");
    ASSERT_EQ_STR(p.xapian, "Query(((Zpaix@1 AND_MAYBE paix@1) OR (Zclimat@1 AND_MAYBE climat@1)))");
    ASSERT_EQ_STR(p.reading, "paix OU climat");
    p = parse("pa\xffix ET climat");
    ASSERT_EQ_STR(p.xapian, "Query(((pa@1 PHRASE 2 ix@2) AND (Zclimat@1 AND_MAYBE climat@1)))");
    ASSERT_EQ_STR(p.reading, "pa\xEF\xBF\xBDix ET climat");
    p = parse("\"\xe9t\xe9\" \xc3(paix)");
    ASSERT_EQ_STR(p.reading, "\"\xEF\xBF\xBDt\xEF\xBF\xBD\" \xEF\xBF\xBD(paix)");
    p = parse("(\xff OR \xfe) AND \xc3\xa9t\xc3\xa9*");
    ASSERT_EQ_STR(p.xapian, "Query(WILDCARD SYNONYM ete)");
    expect_reads_back("pa\xffix ET climat");
    expect_reads_back("\"\xe9t\xe9\" \xc3(paix)");
}

/* Appends n copies of s to b. */
static void repeat(cote_strbuf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ASSERT_OK(cote_strbuf_puts(b, s));
}

static void test_query__nesting_is_bounded(void)
{
    cote_strbuf_t b = COTE_STRBUF_INIT;
    /* up to the limit, groups are groups */
    repeat(&b, "(", COTE_QUERY_MAX_DEPTH);
    repeat(&b, "paix OU climat) ET guerre", 1);
    repeat(&b, ")", COTE_QUERY_MAX_DEPTH - 1);
    parsed_t p = parse(b.data);
    ASSERT_EQ_STR(p.reading, "(paix OU climat) ET guerre");
    ASSERT_EQ_HEX(p.repairs, 0);
    /* deeper, the parentheses are ignored, with their closing ones */
    cote_strbuf_reset(&b);
    repeat(&b, "(", 40);
    repeat(&b, "paix OU climat) ET guerre", 1);
    repeat(&b, ")", 39);
    p = parse(b.data);
    ASSERT_EQ_STR(p.reading, "paix OU (climat ET guerre)");
    ASSERT_EQ_HEX(p.repairs, R_DEPTH);
    cote_strbuf_reset(&b);
    repeat(&b, "(", 100000);
    repeat(&b, "paix", 1);
    p = parse(b.data);
    ASSERT_EQ_STR(p.reading, "paix");
    ASSERT_EQ_HEX(p.repairs, R_PAREN | R_DEPTH);
    cote_strbuf_reset(&b);
    repeat(&b, "paix", 1);
    repeat(&b, ")", 100000);
    p = parse(b.data);
    ASSERT_EQ_STR(p.reading, "paix");
    ASSERT_EQ_HEX(p.repairs, R_PAREN);
    cote_strbuf_reset(&b);
    repeat(&b, "-(NOT (", 5000);
    repeat(&b, "paix", 1);
    p = parse(b.data);
    ASSERT(p.repairs & R_DEPTH);
    cote_strbuf_free(&b);
}

/* Long queries: far beyond what the front ends accept (COTE_QUERY_MAX_BYTES),
 * each builds, and fast. */
static void test_query__long_queries(void)
{
    static const char *const units[] = {"paix OU ", "paix ", "\"", "NOT ", "- ", "* ", ") ", "ET (", "+(", "é",
                                        "\xff", "coopérat* ", "le "};
    cote_strbuf_t b = COTE_STRBUF_INIT;
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        cote_strbuf_reset(&b);
        repeat(&b, units[u], 100000 / strlen(units[u]));
        cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
        cote_error_t err;
        ASSERT_OK_ERR(cote_query_build(an, b.data, b.len, &q, &err), err);
        ASSERT(cote_utf8_valid(q.reading.data, q.reading.len, NULL));
        cote_parsed_query_free(&q);
    }
    cote_strbuf_reset(&b);
    repeat(&b, "paix OU ", 200);
    parsed_t p = parse(b.data);
    ASSERT_EQ_HEX(p.repairs, R_OPERATOR); /* the last OU */
    cote_strbuf_free(&b);
}

/* s without its parentheses, into buf. */
static const char *unbracketed(const char *s, char *buf, size_t cap)
{
    size_t k = 0;
    for (; *s && k + 1 < cap; s++)
        if (*s != '(' && *s != ')')
            buf[k++] = *s;
    buf[k] = '\0';
    return buf;
}

/* Random queries from the pieces people (and robots) type: every one builds,
 * its reading is valid UTF-8 and reads back without repair, to itself, and
 * to the same query up to grouping: a group that only stop words or empty
 * operands made more than words side by side, `(x y OU le)`, is read back
 * as the words it kept, `x y`, and their OR is no longer nested. */
static void test_query__random_queries(void)
{
    static const char *const pieces[] = {
        "paix", "climat", "Sud-Sud", "le", "et", "ou", "AND", "OR", "NOT", "ET", "OU", "SAUF", "&&", "||", "|",
        "(", ")", "\"", "+", "-", "*", "coopérat*", "ab*", "A/75/371", "S/RES/1809(2008)", "l'Asie", "é",
        "\xff", "\xc3", " ", " ", " ", "PNUD", "()", "+(", "-(", "-\"", "\"la paix\"", "ET*", "ou(", ")*", "le*",
    };
    uint32_t seed = 12345;
    char q[256];
    for (int i = 0; i < 5000; i++) {
        size_t n = 0;
        int parens = 0;
        seed = seed * 1103515245u + 12345u;
        unsigned len = 1 + (seed >> 16) % 20;
        for (unsigned k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            parens += strchr(piece, '(') != NULL;
            size_t m = strlen(piece);
            if (n + m + 2 >= sizeof q || parens > 8)
                break;
            memcpy(q + n, piece, m);
            n += m;
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 3)
                q[n++] = ' ';
        }
        q[n] = '\0';
        parsed_t first = parse(q), again = parse(first.reading);
        char a[4096], b[4096];
        if (strcmp(unbracketed(first.xapian, a, sizeof a), unbracketed(again.xapian, b, sizeof b)) || again.repairs ||
            strcmp(again.reading, first.reading))
            fprintf(stderr, "[%s] read as [%s]\n", q, first.reading);
        ASSERT_EQ_STR(b, a);
        ASSERT_EQ_HEX(again.repairs, 0);
        ASSERT_EQ_STR(again.reading, first.reading);
    }
}

/* The clause callback (entity_query.c) sees each clause once, as typed. */
typedef struct {
    cote_strbuf_t seen; /* "+text|" or "-text|" per call */
    int fail;           /* return this status instead */
} clause_log_t;

static cote_status_t log_clause(void *ctx, const char *text, size_t len, int negated, cote_xquery_t **out,
                                cote_error_t *err)
{
    clause_log_t *log = ctx;
    if (log->fail)
        return cote_error_set(err, (cote_status_t)log->fail, "refused");
    ASSERT_OK(cote_strbuf_putc(&log->seen, negated ? '-' : '+'));
    ASSERT_OK(cote_strbuf_append(&log->seen, text, len));
    ASSERT_OK(cote_strbuf_putc(&log->seen, '|'));
    return cote_xquery_term("Xclause", 1, 0, out, err);
}

static void test_query__clauses(void)
{
    static const struct {
        const char *in, *seen, *xapian;
    } clause_cases[] = {
        {"PNUD", "+PNUD|", "Query(((Zpnud@1 AND_MAYBE pnud@1) OR Xclause))"},
        {"coopération Sud-Sud", "+coopération Sud-Sud|",
         "Query(((Zcooper@1 AND_MAYBE cooperation@1) OR ((sud@1 PHRASE 2 sud@2) OR sudsud@1) OR Xclause))"},
        /* the whole run as typed, a group of words in it with its parentheses */
        {"résolution 1809 (2008)", "+résolution 1809 (2008)|", NULL},
        {"Organisation internationale pour les migrations", "+Organisation internationale pour les migrations|",
         NULL},
        {"PNUD OR UNICEF", "+PNUD|+UNICEF|", NULL},
        {"(paix OU sécurité) ET Afrique", "+paix|+sécurité|+Afrique|", NULL},
        /* excluded: the clause excludes its entities too */
        {"coopération SAUF PNUD", "+coopération|-PNUD|",
         "Query((((Zcooper@1 AND_MAYBE cooperation@1) OR Xclause) AND_NOT (Zpnud@1 OR Xclause)))"},
        /* a run with excluded words: those are their own clauses; required ones count */
        {"+Afrique PNUD -UNICEF", "-UNICEF|+Afrique PNUD|",
         "Query((((Zafriqu@1 AND_MAYBE afrique@1) AND_MAYBE ((Zpnud@1 AND_MAYBE pnud@1) OR Xclause)) AND_NOT "
         "(Zunicef@1 OR Xclause)))"},
        {"\"Document final\"", "+\"Document final\"|", NULL},
        /* prefixes name no entity */
        {"coopérat*", "", "Query(WILDCARD SYNONYM cooperat)"},
        {"coopérat* PNUD", "+PNUD|", NULL},
        {"NOT", "", "(none)"},
    };
    for (size_t i = 0; i < sizeof clause_cases / sizeof *clause_cases; i++) {
        clause_log_t log = {COTE_STRBUF_INIT, 0};
        const char *in = clause_cases[i].in;
        parsed_t p = parse_n(in, strlen(in), log_clause, &log);
        ASSERT_EQ_STR(log.seen.data ? log.seen.data : "", clause_cases[i].seen);
        if (clause_cases[i].xapian)
            ASSERT_EQ_STR(p.xapian, clause_cases[i].xapian);
        cote_strbuf_free(&log.seen);
    }
    /* the callback's failure is the build's */
    clause_log_t log = {COTE_STRBUF_INIT, COTE_INTERNAL};
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    ASSERT_EQ_STATUS(cote_query_build_ex(an, "paix ET climat", 14, log_clause, &log, &q, &err), COTE_INTERNAL);
    ASSERT(q.query == NULL);
    cote_parsed_query_free(&q);
}

static void test_query__note(void)
{
    static const struct {
        const char *in, *note;
    } notes[] = {
        {"\"Sud-Sud", "requête lue comme : \"Sud-Sud\" (guillemet fermé)"},
        {"paix AND", "requête lue comme : paix (opérateur sans opérande ignoré)"},
        {"(paix OR climat", "requête lue comme : paix OU climat (parenthèse fermée ou ignorée)"},
        {"NOT", "requête lue comme : (rien) (opérateur sans opérande ignoré)"},
        {"ab* ()", "requête lue comme : ab (groupe vide ignoré ; préfixe trop court lu comme un mot)"},
        {"paix", "requête lue comme : paix"},
    };
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
        cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
        cote_strbuf_t note = COTE_STRBUF_INIT;
        cote_error_t err;
        ASSERT_OK_ERR(cote_query_build(an, notes[i].in, strlen(notes[i].in), &q, &err), err);
        ASSERT_OK(cote_parsed_query_note(&q, &note));
        ASSERT_EQ_STR(note.data, notes[i].note);
        cote_strbuf_free(&note);
        cote_parsed_query_free(&q);
    }
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
    /* nor does anything under NOT; a rebuild starts afresh */
    s = "(paix OU climat) SAUF (guerre ET \"Sud-Sud\") coopérat*";
    ASSERT_OK_ERR(cote_query_build(an, s, strlen(s), &q, &err), err);
    ASSERT_EQ_INT(q.n_terms, 2);
    ASSERT(cote_parsed_query_has_term(&q, "Zpaix"));
    ASSERT(cote_parsed_query_has_term(&q, "Zclimat"));
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
    RUN(test_query__reading_reads_back);
    RUN(test_query__invalid_utf8);
    RUN(test_query__nesting_is_bounded);
    RUN(test_query__long_queries);
    RUN(test_query__random_queries);
    RUN(test_query__clauses);
    RUN(test_query__note);
    RUN(test_query__positive_terms_kept_for_highlighting);
    RUN(test_query__query_terms_are_indexed_terms);
    cote_analyser_free(an);
    return DONE();
}
