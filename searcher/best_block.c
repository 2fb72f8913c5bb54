/* best_block.c: scoring a section's blocks against a query (best_block.h). */
#include "best_block.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "schema.h"

/* An entity's weight: as much as a rare word's (they are boosted in the query too). */
#define ENTITY_WEIGHT 10.0

/* Index of the query term token t holds (its stem, accent-free or joined form), or -1. */
static int term_index(const cote_parsed_query_t *q, const cote_token_list_t *l, const cote_token_t *t)
{
    const char *term = cote_token_term(l, t, 0);
    for (unsigned j = 0; j < t->n_terms; j++, term += strlen(term) + 1) {
        const char *p = q->terms.data;
        for (size_t i = 0; i < q->n_terms; i++, p += strlen(p) + 1)
            if (strcmp(p, term) == 0)
                return (int)i;
    }
    return -1;
}

/* "dYYYYMMDD-YYYYMMDD" -> [from, to]; 0 when not a date key. */
static int date_range(const char *k, unsigned long *from, unsigned long *to)
{
    if (k[0] != COTE_ENTITY_KEY_DATE || strlen(k) != 18 || k[9] != '-')
        return 0;
    *from = strtoul(k + 1, NULL, 10);
    *to = strtoul(k + 10, NULL, 10);
    return 1;
}

/* True when the block key matches the query key: the same symbol or
 * organisation, or a date mention overlapping the date asked for. */
static int key_matches(const char *block_key, const char *query_key)
{
    unsigned long bf, bt, qf, qt;
    if (date_range(block_key, &bf, &bt) && date_range(query_key, &qf, &qt))
        return bf <= qt && qf <= bt;
    return strcmp(block_key, query_key) == 0;
}

static double entity_score(const cote_parsed_query_t *q, const json_t *keys)
{
    double score = 0;
    const char *qk = q->entities.data;
    for (size_t i = 0; i < q->n_entities; i++, qk += strlen(qk) + 1) {
        size_t k;
        json_t *v;
        json_array_foreach(keys, k, v) {
            const char *bk = json_string_value(v);
            if (bk && key_matches(bk, qk)) {
                score += ENTITY_WEIGHT;
                break;
            }
        }
    }
    return score;
}

/* The probes of the query's terms (analysis.h): a block whose fold holds none
 * of them holds none of the terms, and is not analysed. */
typedef struct {
    char *v;             /* n_terms probes of COTE_TERM_MAX + 1 bytes */
    bool all;            /* some term has no probe: every block is analysed */
    cote_strbuf_t fold;  /* the block being tested, folded */
    size_t n;
} probes_t;

static cote_status_t probes_new(const cote_analyser_t *an, const cote_parsed_query_t *q, probes_t *pr,
                                cote_error_t *err)
{
    pr->n = q->n_terms;
    if (!pr->n)
        return COTE_OK;
    if (!(pr->v = malloc(pr->n * (COTE_TERM_MAX + 1))))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    const char *t = q->terms.data;
    for (size_t i = 0; i < pr->n; i++, t += strlen(t) + 1)
        if (!cote_term_probe(an, t, pr->v + i * (COTE_TERM_MAX + 1), COTE_TERM_MAX + 1))
            pr->all = true;
    return COTE_OK;
}

static void probes_free(probes_t *pr)
{
    free(pr->v);
    cote_strbuf_free(&pr->fold);
}

/* OK when the block's text may hold one of the terms (or cannot be told),
 * NOT_FOUND when it surely holds none, NOMEM. */
static cote_status_t may_hold(const cote_analyser_t *an, probes_t *pr, const json_t *text, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    if (pr->all || !cote_probe_text(an, json_string_value(text), json_string_length(text), &pr->fold, &st))
        return st ? cote_error_set(err, st, "out of memory") : COTE_OK;
    for (size_t i = 0; i < pr->n; i++)
        if (strstr(pr->fold.data, pr->v + i * (COTE_TERM_MAX + 1)))
            return COTE_OK;
    return COTE_NOT_FOUND;
}

static void swap_lists(cote_token_list_t *a, cote_token_list_t *b)
{
    cote_token_list_t t = *a;
    *a = *b;
    *b = t;
}

cote_status_t cote_best_block(cote_analyser_t *an, cote_token_list_t *scratch, const cote_parsed_query_t *q,
                              const double *weights, const json_t *blocks, size_t *best, double *scores,
                              cote_token_list_t *best_toks, bool *best_analysed, cote_error_t *err)
{
    *best = 0;
    if (best_analysed)
        *best_analysed = false;
    size_t n = json_array_size(blocks);
    if (n == 0 || (q->n_terms == 0 && q->n_entities == 0))
        return COTE_OK;
    unsigned char *seen = q->n_terms ? malloc(q->n_terms) : NULL;
    if (q->n_terms && !seen)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    double top = 0;
    probes_t pr = {0};
    cote_status_t st = probes_new(an, q, &pr, err);
    for (size_t b = 0; b < n && !st; b++) {
        const json_t *row = json_array_get(blocks, b);
        const json_t *text = json_array_get(row, COTE_BROW_TEXT);
        double score = entity_score(q, json_array_get(row, COTE_BROW_KEYS));
        bool analysed = false;
        bool holds = false;
        if (q->n_terms && json_is_string(text)) {
            cote_status_t h = may_hold(an, &pr, text, err);
            holds = h == COTE_OK;
            if (h != COTE_OK && h != COTE_NOT_FOUND)
                st = h;
        }
        if (holds) {
            st = cote_analyse(an, json_string_value(text), json_string_length(text), 1, scratch, err);
            analysed = st == COTE_OK;
            memset(seen, 0, q->n_terms);
            for (size_t i = 0; !st && i < scratch->n; i++) {
                int m = term_index(q, scratch, &scratch->v[i]);
                if (m < 0)
                    continue;
                /* a further match of a term counts a little: the block that
                 * repeats it is the one about it, all else equal */
                score += seen[m] ? 0.01 : weights[m];
                seen[m] = 1;
            }
        }
        if (scores)
            scores[b] = score;
        if (score > top || b == 0) {
            top = score;
            *best = b;
            /* keep the chosen block's tokens for its snippet: a swap, no copy */
            if (best_toks && analysed) {
                swap_lists(scratch, best_toks);
                if (best_analysed)
                    *best_analysed = true;
            } else if (best_analysed) {
                *best_analysed = false;
            }
        }
    }
    free(seen);
    probes_free(&pr);
    return st;
}
