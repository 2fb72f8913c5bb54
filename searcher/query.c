/* query.c: the query language of query.h.
 *
 * The text is cut into chunks (a quoted phrase, or a run of non-space bytes
 * with an optional +/- mark) and each chunk is analysed like a document
 * (analysis.h). Then, in Xapian's terms:
 *   free word       Zstem AND_MAYBE bare        (word_query)
 *   code (PM2,5)    (Zstem OR Zjoinedstem) AND_MAYBE bare
 *   "one word"      bare                        (quotes: no stemming)
 *   several tokens  (bare1 PHRASE bare2 ...)    (phrase_query; window = n)
 *   compound        ((part1 PHRASE part2 ...) OR joined)  for Sud-Sud, COVID-19
 *   +chunk -chunk   required AND_MAYBE optional, AND_NOT excluded (assemble)
 * where bare is a token's accent-free unstemmed term, so "securite" and
 * "sécurité" find the same documents, and Zstem its stem term. French stop
 * words typed as free words are left out unless nothing else is searched.
 *
 * The positive terms are remembered for highlighting: a free word's Z term,
 * a phrase's bare terms, a compound's joined term (snippet.c matches a token
 * when any of its terms is among them).
 */
#include "query.h"

#include "schema.h"

#include <stdlib.h>
#include <string.h>

typedef enum { MARK_NONE, MARK_REQUIRED, MARK_EXCLUDED } mark_t;

typedef struct {
    cote_xquery_t **v;
    size_t n, cap;
} qlist_t;

static cote_status_t qlist_push(qlist_t *l, cote_xquery_t *q)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        cote_xquery_t **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return COTE_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = q;
    return COTE_OK;
}

static void qlist_free(qlist_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        cote_xquery_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Combines the list into one query (the list is emptied), or NULL if empty. */
static cote_status_t qlist_fold(qlist_t *l, cote_xquery_op_t op, unsigned window, cote_xquery_t **out,
                                cote_error_t *err)
{
    *out = NULL;
    if (l->n == 0)
        return COTE_OK;
    if (l->n == 1) {
        *out = l->v[0];
        l->n = 0;
        return COTE_OK;
    }
    cote_status_t st = cote_xquery_combine(op, l->v, l->n, window, out, err);
    qlist_free(l);
    return st;
}

int cote_parsed_query_has_term(const cote_parsed_query_t *q, const char *term)
{
    const char *p = q->terms.data;
    for (size_t i = 0; i < q->n_terms; i++) {
        if (strcmp(p, term) == 0)
            return 1;
        p += strlen(p) + 1;
    }
    return 0;
}

static cote_status_t remember_term(cote_parsed_query_t *pq, const char *term)
{
    if (cote_parsed_query_has_term(pq, term))
        return COTE_OK;
    if (cote_strbuf_puts(&pq->terms, term) || cote_strbuf_putc(&pq->terms, '\0'))
        return COTE_NOMEM;
    pq->n_terms++;
    return COTE_OK;
}

static cote_status_t term_query(const char *term, unsigned pos, cote_xquery_t **out, cote_error_t *err)
{
    return cote_xquery_term(term, 1, pos, out, err);
}

/* Combines two queries into *out; a and b are freed either way. */
static cote_status_t pair_query(cote_xquery_op_t op, cote_xquery_t *a, cote_xquery_t *b, cote_xquery_t **out,
                                cote_error_t *err)
{
    cote_xquery_t *pair[2] = {a, b};
    cote_status_t st = cote_xquery_combine(op, pair, 2, 0, out, err);
    cote_xquery_free(a);
    cote_xquery_free(b);
    return st;
}

/* A free word: documents with any word of its stem, those with the word
 * itself (accents aside) first:
 *     Zstem AND_MAYBE bare
 * AND_MAYBE rather than OR because every document holding `bare` also holds
 * its Z term (analysis gives both), so the stem alone decides what matches
 * and the exact form only adds weight: "coopération" finds "coopérer"
 * (both Zcooper) but ranks texts saying "coopération" first. A code with a
 * joined form (PM2,5 -> pm25) matches that form's stem too, so PM2.5, PM2,5
 * and PM25 find each other:
 *     (Zstem OR Zjoinedstem) AND_MAYBE bare
 * An excluded word excludes its stem (and joined stem) only. */
static cote_status_t word_query(const cote_token_list_t *toks, const cote_token_t *t, int excluded,
                                cote_parsed_query_t *pq, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    const char *bare = cote_token_bare(toks, t), *stem = cote_token_stem(toks, t);
    const char *jstem = cote_token_find(toks, t, COTE_TERM_JOINED_STEM);
    if (!stem) { /* stemming could not fit the term: the word alone */
        if (!excluded && remember_term(pq, bare))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        return term_query(bare, t->position, out, err);
    }
    cote_xquery_t *zq = NULL, *bq = NULL;
    cote_status_t st = term_query(stem, t->position, &zq, err);
    if (!st && !excluded && remember_term(pq, stem))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st && jstem) {
        cote_xquery_t *jq = NULL;
        st = term_query(jstem, t->position, &jq, err);
        if (!st) {
            cote_xquery_t *stems = zq;
            zq = NULL;
            st = pair_query(COTE_XQ_OR, stems, jq, &zq, err);
        }
        if (!st && !excluded && remember_term(pq, jstem))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st && excluded) {
        *out = zq;
        return COTE_OK;
    }
    if (!st)
        st = term_query(bare, t->position, &bq, err);
    if (!st)
        return pair_query(COTE_XQ_AND_MAYBE, zq, bq, out, err);
    cote_xquery_free(zq);
    return st;
}

/* Several tokens: a phrase of their unstemmed accent-free terms. When the
 * tokens are exactly one hyphenated compound (Sud-Sud, COVID-19), the
 * compound written as one word matches too:
 *     (part1 PHRASE part2 ...) OR joined */
static cote_status_t phrase_query(const cote_token_list_t *toks, int positive, cote_parsed_query_t *pq,
                                  cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    qlist_t terms = {0};
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < toks->n && !st; i++) {
        const cote_token_t *t = &toks->v[i];
        const char *term = cote_token_bare(toks, t);
        cote_xquery_t *q = NULL;
        st = term_query(term, t->position, &q, err);
        if (!st && qlist_push(&terms, q)) {
            cote_xquery_free(q);
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        }
        if (!st && positive && remember_term(pq, term))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st)
        st = qlist_fold(&terms, COTE_XQ_PHRASE, 0, out, err); /* window: the phrase's length */
    qlist_free(&terms);
    const char *joined = toks->n > 1 && toks->v[0].run == toks->n ? cote_token_joined(toks, &toks->v[0]) : NULL;
    if (!st && joined) {
        cote_xquery_t *jq = NULL;
        st = term_query(joined, toks->v[0].position, &jq, err);
        if (!st) {
            cote_xquery_t *phrase = *out;
            *out = NULL;
            st = pair_query(COTE_XQ_OR, phrase, jq, out, err);
        }
        if (!st && positive && remember_term(pq, joined))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return st;
}

/* One chunk of text -> its query: a free word (unquoted, one token), the bare
 * term of a quoted single word (quotes turn stemming off), or a phrase. */
static cote_status_t chunk_query(const cote_token_list_t *toks, int quoted, int excluded,
                                 cote_parsed_query_t *pq, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    if (toks->n == 0)
        return COTE_OK;
    if (toks->n > 1)
        return phrase_query(toks, !excluded, pq, out, err);
    const cote_token_t *t = &toks->v[0];
    if (!quoted)
        return word_query(toks, t, excluded, pq, out, err);
    return phrase_query(toks, !excluded, pq, out, err);
}

static cote_status_t push_or_free(qlist_t *l, cote_xquery_t *q, cote_error_t *err)
{
    if (!q)
        return COTE_OK;
    if (qlist_push(l, q)) {
        cote_xquery_free(q);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return COTE_OK;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

typedef struct {
    size_t start, end; /* the chunk's text, quotes and mark excluded */
    mark_t mark;
    int quoted;
} chunk_t;

/* The next chunk of text from *i: a quoted phrase (a missing closing quote
 * closes at the end) or a run of non-space bytes, either with an optional
 * +/- mark. Returns 0 at the end of the text. */
static int next_chunk(const char *text, size_t len, size_t *i, chunk_t *c)
{
    size_t k = *i;
    while (k < len && is_space(text[k]))
        k++;
    if (k >= len) {
        *i = k;
        return 0;
    }
    c->mark = MARK_NONE;
    if ((text[k] == '+' || text[k] == '-') && k + 1 < len && !is_space(text[k + 1])) {
        c->mark = text[k] == '+' ? MARK_REQUIRED : MARK_EXCLUDED;
        k++;
    }
    c->quoted = text[k] == '"';
    if (c->quoted) {
        c->start = ++k;
        while (k < len && text[k] != '"')
            k++;
        c->end = k;
        if (k < len)
            k++; /* closing quote */
    } else {
        c->start = k;
        while (k < len && !is_space(text[k]) && text[k] != '"')
            k++;
        c->end = k;
    }
    *i = k;
    return 1;
}

/* A chunk that may be left out as a stop word: unmarked, unquoted, one
 * token whose accent-free form is on the list (analysis/stopwords.c). */
static int is_stop_chunk(const chunk_t *c, const cote_token_list_t *toks)
{
    if (c->mark != MARK_NONE || c->quoted || toks->n != 1)
        return 0;
    const char *bare = cote_token_bare(toks, &toks->v[0]);
    return cote_stopword(bare, strlen(bare));
}

/* Builds the final query from its three groups (each list is emptied):
 * required AND_MAYBE optional, AND_NOT excluded. */
static cote_status_t assemble(qlist_t *req, qlist_t *opt, qlist_t *excl, cote_xquery_t **out,
                              cote_error_t *err)
{
    *out = NULL;
    cote_xquery_t *r = NULL, *o = NULL, *x = NULL, *pos = NULL;
    cote_status_t st = qlist_fold(req, COTE_XQ_AND, 0, &r, err);
    if (!st)
        st = qlist_fold(opt, COTE_XQ_OR, 0, &o, err);
    if (!st)
        st = qlist_fold(excl, COTE_XQ_OR, 0, &x, err);
    if (!st && r && o) {
        cote_xquery_t *pair[2] = {r, o};
        st = cote_xquery_combine(COTE_XQ_AND_MAYBE, pair, 2, 0, &pos, err);
    } else if (!st) {
        pos = r ? r : o;
        r = o = NULL; /* ownership moved to pos */
    }
    if (!st && !pos && x)
        st = cote_query_all_passages(&pos, err);
    if (!st && x) {
        cote_xquery_t *pair[2] = {pos, x};
        st = cote_xquery_combine(COTE_XQ_AND_NOT, pair, 2, 0, out, err);
    } else if (!st) {
        *out = pos;
        pos = NULL;
    }
    cote_xquery_free(r);
    cote_xquery_free(o);
    cote_xquery_free(x);
    cote_xquery_free(pos);
    return st;
}

cote_status_t cote_query_build(cote_analyser_t *an, const char *text, size_t len,
                               cote_parsed_query_t *out, cote_error_t *err)
{
    out->query = NULL;
    out->n_terms = 0;
    cote_strbuf_reset(&out->terms);
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
    qlist_t req = {0}, opt = {0}, excl = {0};
    cote_status_t st = COTE_OK;
    chunk_t c;
    /* First pass: stop words are dropped only when some other positive chunk
     * searches something; a query of nothing but stop words searches them. */
    int drop_stop = 0;
    for (size_t i = 0; !st && !drop_stop && next_chunk(text, len, &i, &c);) {
        st = cote_analyse(an, text + c.start, c.end - c.start, 1, &toks, err);
        if (!st && c.mark != MARK_EXCLUDED && toks.n > 0 && !is_stop_chunk(&c, &toks))
            drop_stop = 1;
    }
    for (size_t i = 0; !st && next_chunk(text, len, &i, &c);) {
        st = cote_analyse(an, text + c.start, c.end - c.start, 1, &toks, err);
        if (st || (drop_stop && is_stop_chunk(&c, &toks)))
            continue;
        cote_xquery_t *q = NULL;
        st = chunk_query(&toks, c.quoted, c.mark == MARK_EXCLUDED, out, &q, err);
        if (!st)
            st = push_or_free(c.mark == MARK_REQUIRED ? &req : c.mark == MARK_EXCLUDED ? &excl : &opt, q, err);
    }
    if (!st)
        st = assemble(&req, &opt, &excl, &out->query, err);
    qlist_free(&req);
    qlist_free(&opt);
    qlist_free(&excl);
    cote_token_list_free(&toks);
    return st;
}

cote_status_t cote_query_all_passages(cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_xquery_t *t = NULL;
    cote_status_t st = cote_xquery_term(COTE_PREFIX_KIND COTE_KIND_PASSAGE, 1, 0, &t, err);
    if (!st)
        st = cote_xquery_scale(t, 0.0, out, err);
    cote_xquery_free(t);
    return st;
}

void cote_parsed_query_free(cote_parsed_query_t *q)
{
    cote_xquery_free(q->query);
    q->query = NULL;
    cote_strbuf_free(&q->terms);
    q->n_terms = 0;
}
