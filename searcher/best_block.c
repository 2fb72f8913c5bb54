/* best_block.c: scoring a section's blocks against a query (best_block.h). */
#include "best_block.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "schema.h"

/* An entity's weight: as much as a rare word's (they are boosted in the query too). */
#define ENTITY_WEIGHT 10.0
/* A further match of a term adds this: the block that repeats it is the one
 * about it, all else equal. */
#define REPEAT_WEIGHT 0.01

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
    size_t *at, at_cap;  /* where each byte of fold comes from (holds_term) */
} probes_t;

static cote_status_t probes_new(const cote_analyser_t *an, const cote_parsed_query_t *q, const char *given,
                                probes_t *pr, cote_error_t *err)
{
    pr->n = q->n_terms;
    if (!pr->n)
        return COTE_OK;
    if (!(pr->v = malloc(pr->n * (COTE_TERM_MAX + 1))))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    const char *t = q->terms.data;
    for (size_t i = 0; i < pr->n; i++, t += strlen(t) + 1) {
        char *probe = pr->v + i * (COTE_TERM_MAX + 1);
        if (given) {
            size_t n = strlen(given);
            if (n > COTE_TERM_MAX)
                n = 0;
            memcpy(probe, given, n);
            probe[n] = '\0';
            given += strlen(given) + 1;
        } else {
            cote_term_probe(an, t, probe, COTE_TERM_MAX + 1);
        }
        if (!*probe)
            pr->all = true;
    }
    return COTE_OK;
}

static void probes_free(probes_t *pr)
{
    free(pr->v);
    free(pr->at);
    cote_strbuf_free(&pr->fold);
}

/* OK when the block's text may hold one of the terms (or cannot be told),
 * NOT_FOUND when it surely holds none, NOMEM. With counts (pr->n of them),
 * also how many times each term's probe occurs in it, overlaps included:
 * at least as many as its tokens that carry the term, since each such
 * token holds an occurrence that starts inside it. counts is left alone
 * when the function cannot tell (OK with pr->all, or a text it cannot fold). */
static cote_status_t may_hold(const cote_analyser_t *an, probes_t *pr, const json_t *text, size_t *counts,
                              bool *counted, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    *counted = false;
    if (pr->all || !cote_probe_text(an, json_string_value(text), json_string_length(text), &pr->fold, &st))
        return st ? cote_error_set(err, st, "out of memory") : COTE_OK;
    bool any = false;
    for (size_t i = 0; i < pr->n; i++) {
        const char *probe = pr->v + i * (COTE_TERM_MAX + 1);
        size_t c = 0;
        for (const char *at = strstr(pr->fold.data, probe); at; at = strstr(at + 1, probe))
            c++;
        if (counts)
            counts[i] = c;
        any |= c > 0;
        if (c && !counts)
            break;
    }
    *counted = counts != NULL;
    return any ? COTE_OK : COTE_NOT_FOUND;
}

static void swap_lists(cote_token_list_t *a, cote_token_list_t *b)
{
    cote_token_list_t t = *a;
    *a = *b;
    *b = t;
}

/* The choice so far: the highest score, ties to the first block. */
typedef struct {
    bool have;
    double top;
    size_t *best;
    cote_token_list_t *best_toks; /* NULL: the chosen block's tokens are not kept */
    bool *best_analysed;
} choice_t;

/* Block b, scored score (its analysis in scratch when analysed), becomes the
 * choice when it beats it; the chosen block's tokens are kept for its
 * snippet: a swap, no copy. */
static void consider(choice_t *ch, size_t b, double score, bool analysed, cote_token_list_t *scratch)
{
    if (ch->have && !(score > ch->top || (score == ch->top && b < *ch->best)))
        return;
    ch->have = true;
    ch->top = score;
    *ch->best = b;
    *ch->best_analysed = ch->best_toks && analysed;
    if (*ch->best_analysed)
        swap_lists(scratch, ch->best_toks);
}

/* Block b's score: entity_score plus, when the block may hold a term
 * (holds), its analysis in scratch (*analysed) scored term by term. */
static cote_status_t score_block(cote_analyser_t *an, cote_token_list_t *scratch, const cote_parsed_query_t *q,
                                 const double *weights, const json_t *text, double entities, bool holds,
                                 unsigned char *seen, double *score, bool *analysed, cote_error_t *err)
{
    *score = entities;
    *analysed = false;
    if (!holds)
        return COTE_OK;
    cote_status_t st = cote_analyse(an, json_string_value(text), json_string_length(text), 1, scratch, err);
    if (st)
        return st;
    *analysed = true;
    memset(seen, 0, q->n_terms);
    for (size_t i = 0; i < scratch->n; i++) {
        int m = term_index(q, scratch, &scratch->v[i]);
        if (m < 0)
            continue;
        *score += seen[m] ? REPEAT_WEIGHT : weights[m];
        seen[m] = 1;
    }
    return COTE_OK;
}

/* Probe occurrences whose words holds_term analyses before it analyses the
 * whole block instead; and the longest span of words it analyses so. */
#define SPAN_TRIES 4
#define SPAN_MAX 512

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Does any token of scratch carry one of the query's terms? */
static bool any_term(const cote_parsed_query_t *q, const cote_token_list_t *scratch)
{
    for (size_t i = 0; i < scratch->n; i++)
        if (term_index(q, scratch, &scratch->v[i]) >= 0)
            return true;
    return false;
}

/* Whether a block left unscored holds a token with one of the query's terms,
 * for counting the matching blocks exactly: rather than the whole block, the
 * words around the first SPAN_TRIES probe occurrences are analysed (ASCII
 * white space always ends a token, analysis.h, so a span of whole words
 * gives the tokens the block gives there); the whole block when that cannot
 * tell. */
static cote_status_t holds_term(cote_analyser_t *an, probes_t *pr, const cote_parsed_query_t *q,
                                cote_token_list_t *scratch, const json_t *text, bool *holds, cote_error_t *err)
{
    const char *s = json_string_value(text);
    size_t n = json_string_length(text);
    *holds = false;
    if (pr->at_cap < n + 1) {
        size_t *at = realloc(pr->at, (n + 1) * sizeof *at);
        if (!at)
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        pr->at = at;
        pr->at_cap = n + 1;
    }
    cote_status_t st = COTE_OK;
    bool folded = !pr->all && cote_probe_text_at(an, s, n, &pr->fold, pr->at, &st);
    if (st)
        return cote_error_set(err, st, "out of memory");
    size_t tries = 0;
    for (size_t i = 0; folded && i < pr->n && tries < SPAN_TRIES; i++) {
        const char *probe = pr->v + i * (COTE_TERM_MAX + 1);
        size_t plen = strlen(probe);
        for (const char *o = plen ? strstr(pr->fold.data, probe) : NULL; o && tries < SPAN_TRIES;
             o = strstr(o + 1, probe), tries++) {
            size_t f = (size_t)(o - pr->fold.data), lo = pr->at[f], hi = pr->at[f + plen - 1] + 1;
            while (lo > 0 && !is_space(s[lo - 1]) && hi - lo <= SPAN_MAX)
                lo--;
            while (hi < n && !is_space(s[hi]) && hi - lo <= SPAN_MAX)
                hi++;
            if (hi - lo > SPAN_MAX) {
                tries = SPAN_TRIES; /* a very long word: the whole block tells */
                break;
            }
            if ((st = cote_analyse(an, s + lo, hi - lo, 1, scratch, err)) != COTE_OK)
                return st;
            if (any_term(q, scratch)) {
                *holds = true;
                return COTE_OK;
            }
        }
    }
    if (folded && tries < SPAN_TRIES)
        return COTE_OK; /* every occurrence was looked at: none is a term */
    if ((st = cote_analyse(an, s, n, 1, scratch, err)) != COTE_OK)
        return st;
    *holds = any_term(q, scratch);
    return COTE_OK;
}

/* A block not yet scored, for the search of the best one (best_by_bound). */
typedef struct {
    size_t b;
    double bound;    /* its score is at most this */
    double entities; /* its entity score */
    bool holds;      /* it may hold a term: scoring analyses it */
} candidate_t;

static int by_bound(const void *a, const void *b)
{
    const candidate_t *x = a, *y = b;
    if (x->bound != y->bound)
        return x->bound < y->bound ? 1 : -1;
    return x->b < y->b ? -1 : x->b > y->b;
}

/* The best block without analysing every block that may hold a term: a
 * block's probe counts bound its score (may_hold: each term counted at
 * most once at full weight, and REPEAT_WEIGHT per further occurrence), so
 * blocks are scored in decreasing order of bound until none left can reach
 * the best score. The choice is the one scoring every block gives (ties to
 * the first block), and so is *matching, the blocks that score above 0: a
 * block left unscored matches through its entities, or holds_term. */
static cote_status_t best_by_bound(cote_analyser_t *an, cote_token_list_t *scratch, const cote_parsed_query_t *q,
                                   const double *weights, const json_t *blocks, probes_t *pr, size_t *best,
                                   size_t *matching, cote_token_list_t *best_toks, bool *best_analysed,
                                   unsigned char *seen, cote_error_t *err)
{
    size_t n = json_array_size(blocks);
    candidate_t *c = calloc(n, sizeof *c);
    size_t *counts = q->n_terms ? calloc(q->n_terms, sizeof *counts) : NULL;
    cote_status_t st = !c || (q->n_terms && !counts) ? cote_error_set(err, COTE_NOMEM, "out of memory") : COTE_OK;
    for (size_t b = 0; b < n && !st; b++) {
        const json_t *row = json_array_get(blocks, b);
        const json_t *text = json_array_get(row, COTE_BROW_TEXT);
        c[b].b = b;
        c[b].entities = c[b].bound = entity_score(q, json_array_get(row, COTE_BROW_KEYS));
        if (!q->n_terms || !json_is_string(text))
            continue;
        bool counted;
        cote_status_t h = may_hold(an, pr, text, counts, &counted, err);
        if (h != COTE_OK && h != COTE_NOT_FOUND) {
            st = h;
            break;
        }
        c[b].holds = h == COTE_OK;
        if (!c[b].holds)
            continue;
        if (!counted) {
            c[b].bound = HUGE_VAL;
            continue;
        }
        for (size_t m = 0; m < q->n_terms; m++)
            if (counts[m])
                c[b].bound += weights[m] + REPEAT_WEIGHT * (double)(counts[m] - 1);
    }
    if (!st && n > 1)
        qsort(c, n, sizeof *c, by_bound);
    choice_t ch = {false, 0, best, best_toks, best_analysed};
    *matching = 0;
    size_t scored = 0;
    for (; scored < n && !st; scored++) {
        /* bounds are summed in another order than scores: a margin of
         * rounding, so that a block that could tie is still scored */
        if (ch.have && c[scored].bound * (1 + 1e-9) + 1e-12 < ch.top)
            break;
        const json_t *text = json_array_get(json_array_get(blocks, c[scored].b), COTE_BROW_TEXT);
        double score;
        bool analysed;
        st = score_block(an, scratch, q, weights, text, c[scored].entities, c[scored].holds, seen, &score,
                         &analysed, err);
        if (st)
            break;
        *matching += score > 0;
        consider(&ch, c[scored].b, score, analysed, scratch);
    }
    for (size_t i = scored; i < n && !st; i++) {
        bool holds = c[i].entities > 0;
        if (!holds && c[i].holds)
            st = holds_term(an, pr, q, scratch, json_array_get(json_array_get(blocks, c[i].b), COTE_BROW_TEXT),
                            &holds, err);
        *matching += holds;
    }
    free(counts);
    free(c);
    return st;
}

cote_status_t cote_best_block(cote_analyser_t *an, cote_token_list_t *scratch, const cote_parsed_query_t *q,
                              const double *weights, const char *probes, const json_t *blocks, size_t *best,
                              double *scores,
                              size_t *matching, cote_token_list_t *best_toks, bool *best_analysed,
                              cote_error_t *err)
{
    *best = 0;
    bool analysed_dummy = false;
    if (!best_analysed)
        best_analysed = &analysed_dummy;
    *best_analysed = false;
    size_t n = json_array_size(blocks), matched = 0;
    if (matching)
        *matching = 0;
    if (n == 0 || (q->n_terms == 0 && q->n_entities == 0))
        return COTE_OK;
    unsigned char *seen = q->n_terms ? malloc(q->n_terms) : NULL;
    if (q->n_terms && !seen)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    probes_t pr = {0};
    cote_status_t st = probes_new(an, q, probes, &pr, err);
    if (!st && !scores) {
        st = best_by_bound(an, scratch, q, weights, blocks, &pr, best, &matched, best_toks, best_analysed, seen,
                           err);
        if (!st && matching)
            *matching = matched;
        free(seen);
        probes_free(&pr);
        return st;
    }
    choice_t ch = {false, 0, best, best_toks, best_analysed};
    for (size_t b = 0; b < n && !st; b++) {
        const json_t *row = json_array_get(blocks, b);
        const json_t *text = json_array_get(row, COTE_BROW_TEXT);
        bool holds = false, analysed = false, counted;
        if (q->n_terms && json_is_string(text)) {
            cote_status_t h = may_hold(an, &pr, text, NULL, &counted, err);
            holds = h == COTE_OK;
            if (h != COTE_OK && h != COTE_NOT_FOUND)
                st = h;
        }
        double score = 0;
        if (!st)
            st = score_block(an, scratch, q, weights, text, entity_score(q, json_array_get(row, COTE_BROW_KEYS)),
                             holds, seen, &score, &analysed, err);
        if (st)
            break;
        scores[b] = score;
        matched += score > 0;
        consider(&ch, b, score, analysed, scratch);
    }
    if (!st && matching)
        *matching = matched;
    free(seen);
    probes_free(&pr);
    return st;
}
