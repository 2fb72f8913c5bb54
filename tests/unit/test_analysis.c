/* test_analysis.c: text -> tokens with positions, spans and terms (analysis.h).
 * Lines are real ones from the seed documents where they show the case. */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "analysis.h"
#include "assert.h"
#include "strbuf.h"
#include "utf8.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;

/* "pos:term/variant/Zstem pos:term/Zstem ..." for the analysis of s; the
 * joined forms of a compound follow its first token's own terms after '+'. */
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
            cote_strbuf_printf(&out, "%s%s", j == 0 ? "" : t->kind[j] == COTE_TERM_JOINED ? "+" : "/",
                               cote_token_term(&toks, t, j));
    }
    return out.data;
}

static const struct {
    const char *in, *want;
} cases[] = {
    {"", ""},
    {"  \n\n , ; ", ""},
    /* stems come from the accent-free form, so both spellings stem alike */
    {"Sécurité régionale", "1:sécurité/securite/Zsecurit 2:régionale/regionale/Zregional"},
    {"securite regionale", "1:securite/Zsecurit 2:regionale/Zregional"},
    {"ÉTATS Membres", "1:états/etats/Zetat 2:membres/Zmembr"},
    /* elision, both apostrophes, and the longer forms */
    {"l’Union africaine", "1:union/Zunion 2:africaine/Zafricain"},
    {"L'ONU", "1:onu/Zonu"},
    {"jusqu’à présent", "1:à/a 2:présent/present/Zpresent"},
    {"qu’il s’agisse d’un État", "1:il 2:agisse/Zagiss 3:un 4:état/etat/Zetat"},
    {"lorsqu’elle", "1:elle"},
    /* a word that merely contains an apostrophe is not elided */
    {"aujourd’hui", "1:aujourd’hui/Zaujourd’hui"},
    /* compatibility forms fold (ligature fi, full-width digits) */
    {"\xef\xac\x81nancement \xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x90", "1:financement/Zfinanc 2:2020/Z2020"},
    /* as in seed 001: a compound keeps its parts and adds the joined form on
     * its first part; a symbol is (for now) three tokens */
    {"coopération Sud-Sud (A/75/371)",
     "1:coopération/cooperation/Zcooper 2:sud/Zsud+sudsud/Zsudsud 3:sud/Zsud 4:a 5:75/Z75 6:371/Z371"},
    {"la pandémie de maladie à coronavirus (COVID-19).",
     "1:la 2:pandémie/pandemie/Zpandem 3:de 4:maladie/Zmalad 5:à/a 6:coronavirus/Zcoronavirus "
     "7:covid/Zcovid+covid19/Zcovid19 8:19/Z19"},
    /* compounds: elided first part, accented parts, U+2011, a longer run */
    {"l’Asie-Pacifique", "1:asie/Zasi+asiepacifique/Zasiepacif 2:pacifique/Zpacif"},
    {"ONU-Habitat", "1:onu/Zonu+onuhabitat/Zonuhabitat 2:habitat/Zhabitat"},
    {"Sud\xe2\x80\x91" "Est", "1:sud/Zsud+sudest/Zsudest 2:est"},
    {"État-nation", "1:état/etat/Zetat+étatnation/etatnation/Zetatn 2:nation/Znation"},
    {"vingt-et-un", "1:vingt/Zvingt+vingtetun/Zvingtetun 2:et 3:un"},
    /* not compounds: spaces or a dash around the hyphen */
    {"Nord - Sud", "1:nord/Znord 2:sud/Zsud"},
    {"Nord\xe2\x80\x93" "Sud", "1:nord/Znord 2:sud/Zsud"},
    /* ICU keeps a decimal comma in its token; a code gets its joined form */
    {"61,9 %", "1:61,9/Z61,9"},
    {"PM2,5 et PM2.5", "1:pm2,5/Zpm2,5+pm25/Zpm25 2:et 3:pm2.5/Zpm2.5+pm25/Zpm25"},
    /* digit groups spaced with U+00A0, U+202F, U+2009 are one number... */
    {"30\xe2\x80\xaf" "000 et 1\xc2\xa0" "331,5", "1:30000/Z30000 2:et 3:1331,5/Z1331,5"},
    {"1\xe2\x80\x89" "000\xe2\x80\x89" "000", "1:1000000/Z1000000"},
    /* ...but not with an ASCII space, nor after a 4-digit group */
    {"2019 150 pays", "1:2019/Z2019 2:150/Z150 3:pays/Zpay"},
    {"2019\xc2\xa0" "150", "1:2019/Z2019 2:150/Z150"},
    {"30\xc2\xa0" "0000", "1:30/Z30 2:0000/Z0000"},
    /* U+202F before French punctuation never sticks to the word */
    {"\xc2\xab\xe2\x80\xaf" "Sud\xe2\x80\xaf\xc2\xbb 30\xe2\x80\xaf%", "1:sud/Zsud 2:30/Z30"},
    {"Œuvre", "1:œuvre/Zœuvr"},
    /* invalid UTF-8 is read as U+FFFD and never trusted */
    {"\xff\xfe abc \xc3", "1:abc/Zabc"},
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
    memcpy(s + 300, " fin", 5);
    ASSERT_EQ_STR(render(s), "1:fin/Zfin");
    /* The longest word kept leaves room for the "Z" of its stem term. */
    memset(s, 'b', COTE_TERM_MAX);
    s[COTE_TERM_MAX - 1] = '\0';
    render(s);
    ASSERT_EQ_INT(toks.n, 1);
    ASSERT_EQ_INT(strlen(cote_token_term(&toks, &toks.v[0], 0)), COTE_TERM_MAX - 1);
    s[COTE_TERM_MAX - 1] = 'b';
    s[COTE_TERM_MAX] = '\0';
    ASSERT_EQ_STR(render(s), "");
}

static void test_analysis__term_kinds_and_positions(void)
{
    render("la sécurité Sud-Sud");
    ASSERT_EQ_INT(toks.n, 4);
    const cote_token_t *t = &toks.v[1];
    ASSERT_EQ_INT(t->n_terms, 3);
    ASSERT_EQ_INT(t->kind[0], COTE_TERM_EXACT);
    ASSERT_EQ_INT(t->kind[1], COTE_TERM_BARE);
    ASSERT_EQ_INT(t->kind[2], COTE_TERM_STEM);
    ASSERT_EQ_STR(cote_token_bare(&toks, t), "securite");
    ASSERT_EQ_STR(cote_token_stem(&toks, t), "Zsecurit");
    ASSERT(cote_token_joined(&toks, t) == NULL);
    ASSERT_EQ_INT(t->run, 0);
    /* a word without accents is its own broadest term */
    ASSERT_EQ_STR(cote_token_bare(&toks, &toks.v[0]), "la");
    /* the compound's first part carries the run and the joined forms */
    t = &toks.v[2];
    ASSERT_EQ_INT(t->run, 2);
    ASSERT_EQ_INT(toks.v[3].run, 0);
    ASSERT_EQ_STR(cote_token_joined(&toks, t), "sudsud");
    ASSERT_EQ_STR(cote_token_find(&toks, t, COTE_TERM_JOINED_STEM), "Zsudsud");
    ASSERT_EQ_INT(t->position, 3);
    ASSERT_EQ_INT(toks.v[3].position, 4);
    /* stems go without positions, everything else with */
    ASSERT(cote_term_positional(COTE_TERM_EXACT));
    ASSERT(cote_term_positional(COTE_TERM_BARE));
    ASSERT(cote_term_positional(COTE_TERM_JOINED));
    ASSERT(cote_term_positional(COTE_TERM_JOINED_BARE));
    ASSERT(!cote_term_positional(COTE_TERM_STEM));
    ASSERT(!cote_term_positional(COTE_TERM_JOINED_STEM));
    /* the accent-free joined form is the broadest one */
    render("État-nation");
    ASSERT_EQ_STR(cote_token_joined(&toks, &toks.v[0]), "etatnation");
    /* only the broadest forms take the position: état (EXACT) has etat (BARE) */
    const cote_token_t *e = &toks.v[0];
    for (unsigned j = 0; j < e->n_terms; j++) {
        cote_term_kind_t k = (cote_term_kind_t)e->kind[j];
        int want = k == COTE_TERM_BARE || k == COTE_TERM_JOINED_BARE;
        ASSERT_EQ_INT(cote_token_term_positional(e, j), want);
    }
    /* a word without accents: its EXACT form is its broadest, and positional */
    render("paix");
    ASSERT(cote_token_term_positional(&toks.v[0], 0));
    ASSERT(!cote_token_term_positional(&toks.v[0], 1)); /* Zpaix */
}

static void test_analysis__merged_number_span_covers_the_groups(void)
{
    const char *s = "soit 30\xe2\x80\xaf" "000\xc2\xa0" "500 personnes";
    render(s);
    ASSERT_EQ_INT(toks.n, 3);
    ASSERT_EQ_STR(cote_token_term(&toks, &toks.v[1], 0), "30000500");
    ASSERT_EQ_MEM(s + toks.v[1].start, toks.v[1].end - toks.v[1].start,
                  "30\xe2\x80\xaf" "000\xc2\xa0" "500", 13);
    ASSERT_EQ_INT(toks.v[2].position, 3);
}

static void test_analysis__stopwords(void)
{
    static const char *const yes[] = {"le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et",
                                      "a", "au", "aux", "en", "pour", "par", "sur", "dans", "que", "qui",
                                      "ne", "pas", "se", "sa", "son", "ses", "leur", "leurs", "ce",
                                      "cette", "ces", "il", "elle", "ils", "elles", "est", "sont", "ete",
                                      "avec", "ou", "plus", "y"};
    static const char *const no[] = {"", "paix", "etat", "pays", "onu", "or", "nations", "lee", "cettes",
                                     "é", "à", "été", "zz"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        ASSERT_EQ_STR(cote_stopword(yes[i], strlen(yes[i])) ? yes[i] : "(not a stop word)", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        ASSERT_EQ_STR(cote_stopword(no[i], strlen(no[i])) ? "(a stop word)" : no[i], no[i]);
    /* the length is honoured: "les" cut to 2 bytes is "le" */
    ASSERT(cote_stopword("les", 2));
    ASSERT(!cote_stopword("lesxyz", 6));
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

/* ---- the fast path of folding against ICU ---------------------------- */

/* What the terms of a word are by definition, computed with ICU alone (the
 * analyser folds most words through tables): EXACT is NFKC_Casefold of the
 * word, BARE its NFD without non-spacing marks (NULL when equal to EXACT). */
static void reference_forms(const char *s, size_t n, char *exact, char *bare, size_t cap)
{
    UChar w[256], f[512], d[1024], b[1024];
    int32_t wn = 0, fn, dn, bn = 0, len = 0;
    UErrorCode ec = U_ZERO_ERROR;
    u_strFromUTF8(w, 256, &wn, s, (int32_t)n, &ec);
    fn = unorm2_normalize(unorm2_getNFKCCasefoldInstance(&ec), w, wn, f, 512, &ec);
    u_strToUTF8(exact, (int32_t)cap, &len, f, fn, &ec);
    dn = unorm2_normalize(unorm2_getNFDInstance(&ec), f, fn, d, 1024, &ec);
    for (int32_t i = 0; i < dn; i++)
        if (u_charType(d[i]) != U_NON_SPACING_MARK)
            b[bn++] = d[i];
    u_strToUTF8(bare, (int32_t)cap, &len, b, bn, &ec);
    ASSERT(U_SUCCESS(ec));
    if (strcmp(bare, exact) == 0)
        bare[0] = '\0';
}

/* Every token of s has the EXACT and BARE terms ICU gives its span. */
static void check_against_icu(const char *s)
{
    render(s);
    for (size_t i = 0; i < toks.n; i++) {
        const cote_token_t *t = &toks.v[i];
        char exact[512], bare[512];
        reference_forms(s + t->start, t->end - t->start, exact, bare, sizeof exact);
        const char *got_bare = cote_token_find(&toks, t, COTE_TERM_BARE);
        ASSERT_EQ_STR(cote_token_term(&toks, t, 0), exact);
        ASSERT_EQ_STR(got_bare ? got_bare : "", bare);
    }
}

static void test_analysis__fast_path_folds_as_icu_does(void)
{
    /* characters whose folding or NFKC is not a plain lower-casing, alone and
     * inside words of plain letters, next to their look-alikes */
    static const char *const words[] = {
        "Straße STRASSE stra\xc3\x9f" "e \xe1\xba\x9e" "E",     /* ß, capital ẞ */
        "\xc5\xbftate \xc5\xbf\xc5\xbf",                   /* ſ */
        "10\xc2\xb5g \xc2\xb5 \xce\xbc \xce\x9c",             /* µ, μ, Μ */
        "\xef\xac\x81nancement \xef\xac\x82" "eur o\xef\xac\x80re", /* ﬁ ﬂ ﬀ */
        "\xc7\x84" "emal \xc7\x85" "emal \xc7\x86" "emal",   /* Ǆ ǅ ǆ */
        "\xc4\xb0stanbul \xc4\xb1zmir ISTANBUL",              /* İ ı */
        "n\xc2\xba 1\xc2\xaa \xc2\xaa \xc2\xba",              /* º ª */
        "\xc5\x92uvre \xc5\x93uvre \xc5\x92UVRE \xc3\x86" "quo", /* Œ œ Æ */
        "\xc3\xbf \xc5\xb8 L\xc5\xb8S \xc3\xbfs",              /* ÿ Ÿ */
        "COVID19 h2o 2\xc3\xa8me XXIe 1er 3\xc2\xb2 m\xc2\xb2 km\xc2\xb3 x\xc2\xb9", /* digits, superscripts */
        "\xe2\x84\xaa" "elvin \xe2\x84\xab" "ngstr\xc3\xb6m \xc3\x85ngstr\xc3\xb6m", /* K and Å signs */
        "\xc5\x89 \xc4\xb2ssel \xc4\xb3ssel \xc4\xbf" "a \xc5\x80" "a", /* ŉ Ĳ ĳ Ŀ ŀ */
        "\xc2\xbd \xc2\xbc 3\xc2\xbe",                          /* fractions */
        "e\xcc\x81t\xc3\xa9 E\xcc\x81TE\xcc\x81 a\xcc\x8a", /* combining marks */
        "\xef\xbc\xa1\xef\xbc\xa2\xef\xbd\x83 \xef\xbc\x91\xef\xbc\x92", /* full width */
        "\xc5\x81\xc3\x93" "D\xc5\xb9 \xc5\xa0KODA \xc4\x90\xc3\x90\xc3\xb0 \xc3\x98\xc3\xb8 \xc3\x9e\xc3\xbe",
        "l\xe2\x80\x99\xc3\x89tat L\xe2\x80\x99\xc3\x89TAT qu\xe2\x80\x99\xc3\xa0 aujourd\xe2\x80\x99hui",
        "\xc8\x98tefan \xc8\x9a\xc8\x9b \xc6\x8f \xc9\x99 \xc8\xba \xc9\x90", /* Latin Extended-B, IPA */
        "se\xc2\xad" "curit\xc3\xa9",                             /* soft hyphen */
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        check_against_icu(words[i]);
    /* every two-byte code point up to U+024F, upper and lower case, in
     * a word of its own and inside plain words */
    for (uint32_t c = 0xA0; c < 0x250; c++) {
        char s[64], ch[4];
        size_t k = 0;
        ch[k++] = (char)(0xC0 | (c >> 6));
        ch[k++] = (char)(0x80 | (c & 0x3F));
        snprintf(s, sizeof s, "x%.*sy %.*s %.*sAb Ab%.*s", (int)k, ch, (int)k, ch, (int)k, ch, (int)k, ch);
        check_against_icu(s);
    }
    /* the fast path keeps what ICU made of the word: ß is "ss" */
    ASSERT_EQ_STR(render("Straße"), "1:strasse/Zstrass");
    ASSERT_EQ_STR(render("\xef\xac\x81n \xc5\xbf"), "1:fin/Zfin 2:s/Zs");
}

/* A word's terms are the same the first time (folded) and later (cached),
 * whatever words came in between, and after a cached word its neighbours
 * still join. */
static void test_analysis__repeated_words_keep_their_terms(void)
{
    const char *s = "La sécurité régionale, la Sécurité Sud-Sud et l’Union ; sécurité Sud-Sud PM2,5 l’Union";
    char first[1024];
    snprintf(first, sizeof first, "%s", render(s));
    for (int i = 0; i < 3; i++)
        ASSERT_EQ_STR(render(s), first);
    ASSERT_EQ_STR(render("sécurité Sud-Sud"), "1:sécurité/securite/Zsecurit 2:sud/Zsud+sudsud/Zsudsud 3:sud/Zsud");
    ASSERT_EQ_STR(render("Sud"), "1:sud/Zsud");
    ASSERT_EQ_STR(render("Sud-Est Sud"), "1:sud/Zsud+sudest/Zsudest 2:est 3:sud/Zsud");
}

/* The probe fold (analysis.h): letters folded and stripped of accents,
 * hyphens, combining marks and soft hyphens dropped, an elision after a
 * hyphen dropped, the rest a space; a letter the tables do not fold makes
 * the text unusable. */
static void test_analysis__probe_text(void)
{
    cote_strbuf_t f = COTE_STRBUF_INIT;
    cote_status_t st;
    struct {
        const char *in, *out;
    } probes[] = {
        {"La Sécurité, l’Union.", "la securite  l union "},
        {"Sud-Sud", "sudsud"},
        {"la main-d’œuvre", "la mainœuvre"},
        {"co\u00ADop\u00E9ration", "cooperation"},
        {"coope\xCC\x81ration", "cooperation"}, /* e + combining acute */
        {"30\u00A0000 «PNUD» 61,9 PM2.5, 1 et 2", "30000  pnud  619 pm25  1 et 2"},
    };
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
        ASSERT(cote_probe_text(an, probes[i].in, strlen(probes[i].in), &f, &st));
        ASSERT_EQ_STR(f.data, probes[i].out);
    }
    ASSERT(!cote_probe_text(an, "Straße", strlen("Straße"), &f, &st) && st == COTE_OK);
    ASSERT(!cote_probe_text(an, "10 m²", strlen("10 m²"), &f, &st) && st == COTE_OK);
    ASSERT(!cote_probe_text(an, "\xFF", 1, &f, &st) && st == COTE_OK);
    /* where each folded byte comes from in the text: runs copied whole,
     * capitals and accents folded one by one, the hyphen dropped */
    const char *text = "abc DEF-gé 2,5";
    size_t at[32];
    ASSERT(cote_probe_text_at(an, text, strlen(text), &f, at, &st));
    ASSERT_EQ_STR(f.data, "abc defge 25");
    static const size_t want[] = {0, 1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 14};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        ASSERT_EQ_INT(at[i], want[i]);
    cote_strbuf_free(&f);
}

/* A term's probe: the folded term; a stem without its last characters; none
 * for other prefixes, or fewer than COTE_PROBE_MIN bytes. */
static void test_analysis__term_probe(void)
{
    char p[64];
    ASSERT_EQ_INT(cote_term_probe(an, "sécurité", p, sizeof p), strlen("securite"));
    ASSERT_EQ_STR(p, "securite");
    ASSERT(cote_term_probe(an, "Zpubliqu", p, sizeof p) > 0);
    ASSERT_EQ_STR(p, "publi");
    ASSERT(cote_term_probe(an, "Zpaix", p, sizeof p) > 0);
    ASSERT_EQ_STR(p, "pa");
    ASSERT_EQ_INT(cote_term_probe(an, "Zmal", p, sizeof p), 0);
    ASSERT(cote_term_probe(an, "61,9", p, sizeof p) > 0);
    ASSERT_EQ_STR(p, "619");
    ASSERT_EQ_INT(cote_term_probe(an, "XDORGpnud", p, sizeof p), 0);
    ASSERT_EQ_INT(cote_term_probe(an, "a", p, sizeof p), 0);
    ASSERT_EQ_INT(cote_term_probe(an, "securite", p, 4), 0); /* does not fit */
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_analysis__table);
    RUN(test_analysis__spans_are_bytes_of_the_input);
    RUN(test_analysis__first_position);
    RUN(test_analysis__overlong_word_takes_no_position);
    RUN(test_analysis__term_kinds_and_positions);
    RUN(test_analysis__merged_number_span_covers_the_groups);
    RUN(test_analysis__stopwords);
    RUN(test_analysis__every_term_is_valid_utf8);
    RUN(test_analysis__fast_path_folds_as_icu_does);
    RUN(test_analysis__repeated_words_keep_their_terms);
    RUN(test_analysis__probe_text);
    RUN(test_analysis__term_probe);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    return DONE();
}
