/* doc_filter.c: see doc_filter.h. */
#include "doc_filter.h"

#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "schema.h"
#include "strbuf.h"

typedef struct {
    cote_docid_t *v;
    size_t n, cap;
    int oom;
} docids_t;

static int add_docid(const char *term, size_t len, unsigned long docid, void *ctx)
{
    (void)term;
    (void)len;
    docids_t *d = ctx;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        cote_docid_t *v = realloc(d->v, cap * sizeof *v);
        if (!v) {
            d->oom = 1;
            return 1;
        }
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = (cote_docid_t)docid;
    return 0;
}

static cote_status_t postings(cote_xdb_t *db, const char *term, docids_t *out, cote_error_t *err)
{
    cote_status_t st = cote_xdb_postings(db, term, add_docid, out, err);
    if (!st && out->oom)
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    return st;
}

typedef struct {
    cote_strbuf_t ids; /* NUL-separated */
    size_t n;
    int oom;
} ids_t;

static int add_id(const char *v, size_t len, unsigned long docid, void *ctx)
{
    (void)docid;
    ids_t *ids = ctx;
    if (len == 0)
        return 0;
    if (cote_strbuf_append(&ids->ids, v, len) || cote_strbuf_putc(&ids->ids, '\0')) {
        ids->oom = 1;
        return 1;
    }
    ids->n++;
    return 0;
}

/* The passages of the documents whose records are docids (sorted in place). */
static cote_status_t passages_of(cote_xdb_t *db, cote_docid_t *docids, size_t n, cote_xquery_t **out,
                                 cote_error_t *err)
{
    ids_t ids = {COTE_STRBUF_INIT, 0, 0};
    cote_status_t st = cote_xdb_values_of(db, COTE_SLOT_DOC, docids, n, add_id, &ids, err);
    if (!st && ids.oom)
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st && ids.n)
        st = cote_xquery_any_term(COTE_PREFIX_DOC, ids.ids.data, ids.n, out, err);
    else if (!st) /* records without an id: an index of another schema; nothing matches */
        st = cote_xquery_term(COTE_PREFIX_DOC, 1, 0, out, err);
    cote_strbuf_free(&ids.ids);
    return st;
}

/* Sorted a minus sorted b, into a. */
static void subtract(docids_t *a, const docids_t *b)
{
    size_t k = 0, j = 0;
    for (size_t i = 0; i < a->n; i++) {
        while (j < b->n && b->v[j] < a->v[i])
            j++;
        if (j < b->n && b->v[j] == a->v[i])
            continue;
        a->v[k++] = a->v[i];
    }
    a->n = k;
}

cote_status_t cote_doc_filter_query(cote_xdb_t *db, const char *term, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    if (!db)
        return cote_xquery_term(term, 1, 0, out, err);
    docids_t with = {0}, all = {0};
    cote_status_t st = postings(db, term, &with, err);
    if (!st && with.n == 0) /* the term matches no passage: nothing */
        st = cote_xquery_term(term, 1, 0, out, err);
    else if (!st)
        st = postings(db, COTE_PREFIX_KIND COTE_KIND_DOC, &all, err);
    if (st || *out) {
        free(with.v);
        free(all.v);
        return st;
    }
    if (with.n * 2 <= all.n) {
        st = passages_of(db, with.v, with.n, out, err);
    } else {
        /* most documents: every passage but those of the few others */
        subtract(&all, &with);
        cote_xquery_t *every = NULL, *others = NULL;
        st = cote_query_all_passages(&every, err);
        if (!st && all.n == 0) {
            *out = every;
            every = NULL;
        } else if (!st) {
            st = passages_of(db, all.v, all.n, &others, err);
            cote_xquery_t *parts[2] = {every, others};
            if (!st)
                st = cote_xquery_combine(COTE_XQ_AND_NOT, parts, 2, 0, out, err);
        }
        cote_xquery_free(every);
        cote_xquery_free(others);
    }
    free(with.v);
    free(all.v);
    return st;
}
