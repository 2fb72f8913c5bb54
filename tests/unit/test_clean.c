/* test_clean.c: the repair of PDF-extracted text (clean.h), on real lines
 * from the seed documents (corpus/), written here with their damage. */
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "clean.h"

static cote_lexicon_t *lex;
static cote_clean_doc_t doc = COTE_CLEAN_DOC_INIT;

static void clean(const char *raw)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_clean(lex, raw, strlen(raw), &doc, &err), err);
}

/* The text of block i. */
static const char *block(size_t i)
{
    static char buf[4096];
    ASSERT(i < doc.n_blocks);
    snprintf(buf, sizeof buf, "%.*s", (int)(doc.blocks[i].end - doc.blocks[i].start), doc.text.data + doc.blocks[i].start);
    return buf;
}

/* Whether the NUL-separated list holds s. */
static int listed(const cote_strbuf_t *list, size_t n, const char *s)
{
    const char *p = list->data;
    for (size_t i = 0; i < n; i++, p += strlen(p) + 1)
        if (strcmp(p, s) == 0)
            return 1;
    return 0;
}

/* One block of text through step 3 only. */
static const char *inline_fix(const char *s)
{
    static cote_strbuf_t t = COTE_STRBUF_INIT;
    static const unsigned char notes[COTE_FOOTNOTE_MAX + 1] = {0};
    cote_strmap_t vocab = COTE_STRMAP_INIT;
    unsigned next = 1;
    cote_strbuf_reset(&t);
    cote_strbuf_puts(&t, s);
    ASSERT_OK(cote_clean_inline(lex, &vocab, notes, &next, &t, &doc));
    cote_strmap_free(&vocab);
    return t.data;
}

static const struct {
    const char *in, *want;
} inline_cases[] = {
    /* words split by stray spaces (seed 004) */
    {"avec les organisations internat ionales et", "avec les organisations internationales et"},
    {"célébration du cinquantième anniversai re", "célébration du cinquantième anniversaire"},
    {"la déclaration du Préside n t sur la riposte", "la déclaration du Président sur la riposte"},
    {"le Secrétai re général", "le Secrétaire général"},
    {"à sa soixante-dix-sept i è me session", "à sa soixante-dix-septième session"},
    {"qu’el le collabore", "qu’elle collabore"},
    {"il s ont examiné", "ils ont examiné"},
    /* spaces before apostrophes, hyphens and punctuation */
    {"de l ’Organisation et l’ Association", "de l’Organisation et l’Association"},
    {"la coopération Sud -Sud et le Fonds COVID -19 , ainsi", "la coopération Sud-Sud et le Fonds COVID-19, ainsi"},
    {"de l’Association , \xc3\xa0 savoir", "de l’Association, \xc3\xa0 savoir"},
    {"Prenant note avec satisfaction  des progrès", "Prenant note avec satisfaction des progrès"},
    /* never two real words, nothing after `(e)`, a spaced dash stays */
    {"la migration de main-d’œuvre", "la migration de main-d’œuvre"},
    {"South-South Galaxy a dressé un inventaire", "South-South Galaxy a dressé un inventaire"},
    {"les participant(e)s ont fait le point", "les participant(e)s ont fait le point"},
    {"la Déclaration universel le des droits", "la Déclaration universel le des droits"},
    {"Buenos Aires - un jalon", "Buenos Aires - un jalon"},
    {"en 2019 - 2020", "en 2019 - 2020"},
};

static void test_clean__inline_repairs(void)
{
    for (size_t i = 0; i < sizeof inline_cases / sizeof *inline_cases; i++)
        ASSERT_EQ_STR(inline_fix(inline_cases[i].in), inline_cases[i].want);
}

static void test_clean__page_furniture_removed_and_kept(void)
{
    clean("1. Les États Membres n’ont cessé d’attester de l’importance de la coopération \n\n"
          "triangulaire, dimension croissante \n\n"
          "https://undocs.org/fr/A/RES/74/239\nhttps://undocs.org/fr/A/74/336\n\n\n"
          "A/75/371 \n \n\n \n\n20-12800 2/21 \n\n \n\n"
          "de la coopération au service du développement. \n\n");
    ASSERT_EQ_INT(doc.n_blocks, 1);
    ASSERT_EQ_STR(block(0), "1. Les États Membres n’ont cessé d’attester de l’importance de la coopération "
                            "triangulaire, dimension croissante de la coopération au service du développement.");
    ASSERT_EQ_INT(doc.blocks[0].kind, COTE_BLOCK_PARAGRAPH);
    ASSERT_EQ_STR(doc.blocks[0].label, "1");
    ASSERT(listed(&doc.furniture, doc.n_furniture, "A/75/371"));
    ASSERT(listed(&doc.furniture, doc.n_furniture, "20-12800 2/21"));
    ASSERT_EQ_INT(doc.n_links, 2);
    ASSERT(listed(&doc.links, doc.n_links, "https://undocs.org/fr/A/RES/74/239"));
    ASSERT_EQ_INT(doc.pages, 2);
}

static void test_clean__line_end_hyphens(void)
{
    clean(" la coopération Sud-\n\nSud et la coopération triangulaire de l’Asie du Sud -\n\n"
          "Est, le Plan -\n\ncadre et l’examen à mi -\n\nparcours. \n\n");
    ASSERT_EQ_STR(block(0), "la coopération Sud-Sud et la coopération triangulaire de l’Asie du Sud-Est, "
                            "le Plan-cadre et l’examen à mi-parcours.");
}

static void test_clean__footnotes_and_glued_markers(void)
{
    clean(" Rappelant les buts et objectifs de l’Association des nations de l’Asie du Sud -\n\n"
          "Est, consacrés dans la Déclaration de Bangkok du 8 août 19671, en particulier le  \n\n"
          "maintien d’une coopération, qui est entrée en vigueur le 15 décembre 20082, en  \n\n"
          "particulier, et l’Association des nations de l’Asie du Sud-Est3, \n\n"
          "__________________ \n\n"
          " \n1\n Nations Unies, Recueil des Traités, vol. 1331, n\n\no\n 22341. \n\n"
          " \n2\n Ibid., vol. 2624, n\n\no\n 46745. \n\n"
          " \n3\n Résolutions 57/35, 59/5 et 73/259. \n\n"
          "https://undocs.org/fr/A/RES/57/35\n"
          " ayant, à cette occasion, réaffirmé leur volonté. \n\n");
    ASSERT_EQ_INT(doc.n_blocks, 4);
    ASSERT_EQ_STR(block(0), "Rappelant les buts et objectifs de l’Association des nations de l’Asie du Sud-Est, "
                            "consacrés dans la Déclaration de Bangkok du 8 août 1967, en particulier le maintien "
                            "d’une coopération, qui est entrée en vigueur le 15 décembre 2008, en particulier, et "
                            "l’Association des nations de l’Asie du Sud-Est, ayant, à cette occasion, réaffirmé "
                            "leur volonté.");
    ASSERT_EQ_INT(doc.blocks[1].kind, COTE_BLOCK_FOOTNOTE);
    ASSERT_EQ_STR(doc.blocks[1].label, "1");
    ASSERT_EQ_STR(block(1), "Nations Unies, Recueil des Traités, vol. 1331, no 22341.");
    ASSERT_EQ_STR(block(2), "Ibid., vol. 2624, no 46745.");
    ASSERT_EQ_STR(doc.blocks[3].label, "3");
    ASSERT(listed(&doc.repairs, doc.n_repairs, "19671\t1967 [1]"));
}

static void test_clean__standalone_marker(void)
{
    /* a marker alone between a word and `du`, as in seed 001; a count stays */
    clean(" Les six solutions distinctives intégrées et interdépendantes 3 du Programme ont \n\n"
          "signé 3 accords et les 3 pays. \n\n"
          "__________________ \n\n"
          " 3 Les solutions distinctives concernent la pauvreté. \n\n");
    ASSERT_EQ_STR(block(0), "Les six solutions distinctives intégrées et interdépendantes du Programme ont "
                            "signé 3 accords et les 3 pays.");
    ASSERT(listed(&doc.repairs, doc.n_repairs, "interdépendantes 3\tinterdépendantes [3]"));
}

static void test_clean__glued_number_without_footnote_stays(void)
{
    /* No footnote 1 defined: 19671 is left alone (no evidence). */
    clean(" un montant de 19671 dollars et la norme PM2,5. \n\n");
    ASSERT_EQ_STR(block(0), "un montant de 19671 dollars et la norme PM2,5.");
}

static void test_clean__structure(void)
{
    clean("   Coopération entre l’Organisation des Nations Unies \n\n"
          "et l’Association des nations de l’Asie du Sud-Est \n \n\n \n\n"
          " L’Assemblée générale, \n\n"
          " Rappelant ses résolutions, \n\n"
          " I. Introduction \n\n"
          "1. Les États Membres ont adopté le texte. \n\n"
          "2. Le présent rapport porte sur : \n\n"
          " a) les partenariats ; \n\n"
          " b) les contributions. \n\n"
          " Résumé \n\n"
          " Le rapport décrit les activités. \n\n");
    static const struct {
        cote_block_kind_t kind;
        const char *label, *text;
    } want[] = {
        {COTE_BLOCK_TITLE, "", "Coopération entre l’Organisation des Nations Unies et l’Association des nations de l’Asie du Sud-Est"},
        {COTE_BLOCK_PARAGRAPH, "", "L’Assemblée générale,"},
        {COTE_BLOCK_PARAGRAPH, "", "Rappelant ses résolutions,"},
        {COTE_BLOCK_HEADING, "I", "I. Introduction"},
        {COTE_BLOCK_PARAGRAPH, "1", "1. Les États Membres ont adopté le texte."},
        {COTE_BLOCK_PARAGRAPH, "2", "2. Le présent rapport porte sur :"},
        {COTE_BLOCK_ITEM, "a", "a) les partenariats ;"},
        {COTE_BLOCK_ITEM, "b", "b) les contributions."},
        {COTE_BLOCK_HEADING, "", "Résumé"},
        {COTE_BLOCK_PARAGRAPH, "", "Le rapport décrit les activités."},
    };
    ASSERT_EQ_INT(doc.n_blocks, sizeof want / sizeof *want);
    for (size_t i = 0; i < doc.n_blocks; i++) {
        ASSERT_EQ_INT(doc.blocks[i].kind, want[i].kind);
        ASSERT_EQ_STR(doc.blocks[i].label, want[i].label);
        ASSERT_EQ_STR(block(i), want[i].text);
    }
}

static void test_clean__without_dictionary(void)
{
    cote_error_t err;
    const char *raw = " le Secrétai re général de l ’Organisation \n\n20-12800 2/21 \n\n";
    ASSERT_OK_ERR(cote_clean(NULL, raw, strlen(raw), &doc, &err), err);
    ASSERT_EQ_STR(block(0), "le Secrétai re général de l’Organisation");
    ASSERT_EQ_INT(doc.n_furniture, 1);
}

static void test_clean__empty_and_blank(void)
{
    clean("");
    ASSERT_EQ_INT(doc.n_blocks, 0);
    clean(" \n\n \n\n");
    ASSERT_EQ_INT(doc.n_blocks, 0);
    ASSERT_EQ_INT(doc.text.len, 0);
}

int main(void)
{
    cote_error_t err;
    cote_status_t st = cote_lexicon_open(NULL, &lex, &err);
    if (st) {
        fprintf(stderr, "test_clean: %s\n", err.msg);
        return 1;
    }
    RUN(test_clean__inline_repairs);
    RUN(test_clean__page_furniture_removed_and_kept);
    RUN(test_clean__line_end_hyphens);
    RUN(test_clean__footnotes_and_glued_markers);
    RUN(test_clean__standalone_marker);
    RUN(test_clean__glued_number_without_footnote_stays);
    RUN(test_clean__structure);
    RUN(test_clean__without_dictionary);
    RUN(test_clean__empty_and_blank);
    cote_clean_doc_free(&doc);
    cote_lexicon_free(lex);
    return DONE();
}
