/* query.c: the query language of query.h.
 *
 * The text is cut into chunks (a quoted phrase, or a run of non-space bytes
 * with an optional +/- mark), each chunk is analysed like a document, and
 * each token is searched under its broadest term (the last one analysis
 * gives: accent-free when the word has accents), so "securite" and
 * "sécurité" find the same documents.
 */
#include "query.h"

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

/* One chunk of text -> a term query, or a phrase when it holds several tokens. */
static cote_status_t chunk_query(cote_analyser_t *an, cote_token_list_t *toks, const char *s, size_t n,
                                 int positive, cote_parsed_query_t *pq, cote_xquery_t **out,
                                 cote_error_t *err)
{
    *out = NULL;
    cote_status_t st = cote_analyse(an, s, n, 1, toks, err);
    if (st)
        return st;
    qlist_t terms = {0};
    for (size_t i = 0; i < toks->n && !st; i++) {
        const cote_token_t *t = &toks->v[i];
        const char *term = cote_token_term(toks, t, t->n_terms - 1);
        cote_xquery_t *q = NULL;
        st = cote_xquery_term(term, 1, t->position, &q, err);
        if (!st && qlist_push(&terms, q)) {
            cote_xquery_free(q);
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        }
        if (!st && positive && remember_term(pq, term))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st)
        st = qlist_fold(&terms, COTE_XQ_PHRASE, 0, out, err);
    qlist_free(&terms);
    return st;
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
        st = cote_xquery_match_all(&pos, err);
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
    size_t i = 0;
    while (i < len && !st) {
        while (i < len && is_space(text[i]))
            i++;
        if (i >= len)
            break;
        mark_t mark = MARK_NONE;
        if ((text[i] == '+' || text[i] == '-') && i + 1 < len && !is_space(text[i + 1])) {
            mark = text[i] == '+' ? MARK_REQUIRED : MARK_EXCLUDED;
            i++;
        }
        size_t start, end;
        if (text[i] == '"') {
            start = ++i;
            while (i < len && text[i] != '"')
                i++;
            end = i;
            if (i < len)
                i++; /* closing quote; a missing one closes at the end */
        } else {
            start = i;
            while (i < len && !is_space(text[i]) && text[i] != '"')
                i++;
            end = i;
        }
        cote_xquery_t *q = NULL;
        st = chunk_query(an, &toks, text + start, end - start, mark != MARK_EXCLUDED, out, &q, err);
        if (!st)
            st = push_or_free(mark == MARK_REQUIRED ? &req : mark == MARK_EXCLUDED ? &excl : &opt, q, err);
    }
    if (!st)
        st = assemble(&req, &opt, &excl, &out->query, err);
    qlist_free(&req);
    qlist_free(&opt);
    qlist_free(&excl);
    cote_token_list_free(&toks);
    return st;
}

void cote_parsed_query_free(cote_parsed_query_t *q)
{
    cote_xquery_free(q->query);
    q->query = NULL;
    cote_strbuf_free(&q->terms);
    q->n_terms = 0;
}
