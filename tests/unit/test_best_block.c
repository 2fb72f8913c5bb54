/* test_best_block.c: which block of a section a search matched (best_block.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assert.h"
#include "best_block.h"
#include "schema.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT;

/* A section's stored blocks from texts (NULL-terminated), with entity keys
 * ("" for none) for each. */
static json_t *section(const char *const *texts, const char *const *keys)
{
    json_t *a = json_array();
    for (size_t i = 0; texts[i]; i++) {
        json_t *row = json_pack("[Issn Is]", (json_int_t)(10 + i), "paragraph", "1", (json_int_t)1, texts[i]);
        if (keys && keys[i][0])
            json_array_append_new(row, json_pack("[s]", keys[i]));
        json_array_append_new(a, row);
    }
    return a;
}

/* The best block for query (words) and entity keys (NUL-separated, n of them). */
static size_t best_for(const char *query, const char *entities, size_t n_entities, const double *weights,
                       json_t *blocks, double *scores)
{
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT;
    cote_error_t err;
    ASSERT_OK_ERR(cote_query_build(an, query, strlen(query), &q, &err), err);
    for (size_t i = 0, at = 0; i < n_entities; i++) {
        size_t k = strlen(entities + at) + 1;
        ASSERT_OK(cote_strbuf_append(&q.entities, entities + at, k));
        at += k;
    }
    q.n_entities = n_entities;
    double ones[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    ASSERT(q.n_terms <= 8);
    size_t best = 99, matching = 0;
    cote_token_list_t best_toks = COTE_TOKEN_LIST_INIT;
    bool analysed = false;
    ASSERT_OK_ERR(cote_best_block(an, &toks, &q, weights ? weights : ones, NULL, blocks, &best, NULL, &matching, &best_toks,
                                  &analysed, &err),
                  err);
    /* every block scored gives the same choice and the same count of matches */
    double all[64];
    size_t n = json_array_size(blocks), best_all = 99, matching_all = 0;
    ASSERT(n <= 64);
    ASSERT_OK_ERR(cote_best_block(an, &toks, &q, weights ? weights : ones, NULL, blocks, &best_all, scores ? scores : all,
                                  &matching_all, NULL, NULL, &err),
                  err);
    ASSERT_EQ_INT(best, best_all);
    ASSERT_EQ_INT(matching, matching_all);
    if (!scores)
        scores = all;
    /* the chosen block's tokens are kept when it holds a word searched (a
     * block whose probe fold holds none is not analysed) */
    ASSERT(!analysed || q.n_terms > 0);
    if (q.n_terms && !n_entities && scores[best] > 0)
        ASSERT(analysed);
    if (scores[best] > 0)
        ASSERT(matching >= 1);
    if (analysed) {
        const char *text = json_string_value(json_array_get(json_array_get(blocks, best), COTE_BROW_TEXT));
        ASSERT(best_toks.n == 0 || best_toks.v[best_toks.n - 1].end <= strlen(text));
        cote_token_list_t again = COTE_TOKEN_LIST_INIT;
        ASSERT_OK_ERR(cote_analyse(an, text, strlen(text), 1, &again, &err), err);
        ASSERT_EQ_INT(again.n, best_toks.n);
        cote_token_list_free(&again);
    }
    cote_token_list_free(&best_toks);
    cote_parsed_query_free(&q);
    return best;
}

static void test_best_block__most_distinct_terms_win(void)
{
    const char *texts[] = {"La sécurité alimentaire.", "La coopération Sud-Sud et la sécurité alimentaire.",
                           "La sécurité, la sécurité, encore la sécurité.", NULL};
    json_t *b = section(texts, NULL);
    double scores[3];
    /* block 1 holds both words; block 2 repeats one of them */
    ASSERT_EQ_INT(best_for("coopération sécurité", "", 0, NULL, b, scores), 1);
    ASSERT(scores[0] > 0 && scores[2] > scores[0] && scores[1] > scores[2]);
    json_decref(b);
}

static void test_best_block__rare_term_outweighs_common(void)
{
    const char *texts[] = {"Le développement durable.", "Le Sahel.", NULL};
    json_t *b = section(texts, NULL);
    /* query terms in order: Zdevelopp, Zsahel; the second is rare */
    double w[] = {0.5, 4.0};
    ASSERT_EQ_INT(best_for("développement Sahel", "", 0, w, b, NULL), 1);
    double w2[] = {4.0, 0.5};
    ASSERT_EQ_INT(best_for("développement Sahel", "", 0, w2, b, NULL), 0);
    json_decref(b);
}

static void test_best_block__ties_and_no_match_go_to_the_first(void)
{
    const char *texts[] = {"Rien ici.", "Le Sahel.", "Le Sahel encore.", NULL};
    json_t *b = section(texts, NULL);
    double scores[3];
    ASSERT_EQ_INT(best_for("Sahel", "", 0, NULL, b, scores), 1);
    ASSERT(scores[0] == 0 && scores[1] > 0);
    ASSERT_EQ_INT(best_for("Amazonie", "", 0, NULL, b, scores), 0);
    ASSERT(scores[0] == 0 && scores[1] == 0 && scores[2] == 0);
    json_decref(b);
}

/* Blocks the probes rule out score as analysed blocks without the words do,
 * and forms the probes must not miss still match: accents, case, elision,
 * a joined run with an elided part, a stem whose end Snowball rewrote. */
static void test_best_block__probes_never_hide_a_match(void)
{
    const char *texts[] = {"Rien ici.", "Les PUBLICATIONS de l’Organisation.", "La main-d’œuvre locale.",
                           "Coopération Sud-Sud.", "Des principaux résultats.", NULL};
    json_t *b = section(texts, NULL);
    double scores[5];
    ASSERT_EQ_INT(best_for("publique", "", 0, NULL, b, scores), 1); /* Zpubliqu */
    ASSERT(scores[0] == 0 && scores[2] == 0 && scores[3] == 0 && scores[4] == 0);
    ASSERT_EQ_INT(best_for("organisation", "", 0, NULL, b, scores), 1);
    ASSERT_EQ_INT(best_for("main-d’œuvre", "", 0, NULL, b, scores), 2);
    ASSERT_EQ_INT(best_for("sudsud", "", 0, NULL, b, scores), 3);
    ASSERT_EQ_INT(best_for("principal", "", 0, NULL, b, scores), 4);
    ASSERT(scores[0] == 0 && scores[1] == 0 && scores[2] == 0 && scores[3] == 0);
    json_decref(b);
}

static void test_best_block__entities_by_key(void)
{
    const char *texts[] = {"Voir ci-dessus.", "La résolution citée plus haut.", "Le 15 février 2020.", NULL};
    const char *keys[] = {"", "sA/RES/74/239", "d20200215-20200215", NULL};
    json_t *b = section(texts, keys);
    /* a symbol: the same key; the block's words are not what matches */
    ASSERT_EQ_INT(best_for("", "sA/RES/74/239", 1, NULL, b, NULL), 1);
    ASSERT_EQ_INT(best_for("", "sA/RES/74/240", 1, NULL, b, NULL), 0);
    /* a date: any mention overlapping the range asked for */
    ASSERT_EQ_INT(best_for("", "d20200201-20200229", 1, NULL, b, NULL), 2);
    ASSERT_EQ_INT(best_for("", "d20200216-20200301", 1, NULL, b, NULL), 0);
    /* an entity weighs more than a common word */
    ASSERT_EQ_INT(best_for("voir", "d20200101-20201231", 1, NULL, b, NULL), 2);
    json_decref(b);
}

/* Over real text: the seeds cut into sections of eight paragraphs, and
 * queries of common, rare, accented, compound, quoted and repeated words with
 * several weightings, choosing without scoring every block always picks
 * the block scoring every block picks (best_for checks it). */
static void test_best_block__bounds_choose_as_scoring_all(void)
{
    const char *src = getenv("COTE_SOURCE_DIR");
    ASSERT(src != NULL);
    static const char *const files[] = {"000_762af29753e22db9.txt", "001_e4636524b80d4ef4.txt",
                                        "002_b286289361bc6f94.txt", NULL};
    static const char *const queries[] = {"développement", "coopération Sud-Sud", "paix sécurité", "le",
                                          "Conseil de sécurité", "programme", "femmes enfants", "publique",
                                          "Nations Unies", "climat énergie eau", "rapport",
                                          /* quoted: the word alone, no stem, so repeats decide */
                                          "\"sécurité\"", "\"pays\"", "\"développement\" \"durable\""};
    static const double weightings[][3] = {{1, 1, 1}, {0.1, 5, 0.5}, {3, 0.1, 2}};
    size_t sections = 0, compared = 0;
    for (size_t f = 0; files[f]; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/%s", src, files[f]);
        FILE *in = fopen(path, "r");
        ASSERT(in != NULL);
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        json_t *blocks = json_array();
        for (;;) {
            len = getline(&line, &cap, in);
            if (len > 1) {
                line[len - 1] = '\0';
                json_array_append_new(blocks, json_pack("[Issn Is]", (json_int_t)json_array_size(blocks), "paragraph",
                                                        "1", (json_int_t)1, line));
            }
            if (json_array_size(blocks) == 8 || (len < 0 && json_array_size(blocks) > 0)) {
                sections++;
                for (size_t k = 0; k < sizeof queries / sizeof *queries; k++)
                    for (size_t w = 0; w < 3; w++, compared++) {
                        double weights[8];
                        for (size_t i = 0; i < 8; i++)
                            weights[i] = weightings[w][i % 3];
                        best_for(queries[k], "", 0, weights, blocks, NULL);
                    }
                json_array_clear(blocks);
            }
            if (len < 0)
                break;
        }
        json_decref(blocks);
        free(line);
        fclose(in);
    }
    ASSERT(sections >= 10);
    ASSERT(compared > 300);
}

int main(void)
{
    cote_error_t err;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    RUN(test_best_block__most_distinct_terms_win);
    RUN(test_best_block__rare_term_outweighs_common);
    RUN(test_best_block__ties_and_no_match_go_to_the_first);
    RUN(test_best_block__probes_never_hide_a_match);
    RUN(test_best_block__entities_by_key);
    RUN(test_best_block__bounds_choose_as_scoring_all);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    return DONE();
}
