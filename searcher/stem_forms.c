/* stem_forms.c: the words of a stem, read from the vocabulary (stem_forms.h). */
#include "stem_forms.h"

#include <stdlib.h>
#include <string.h>

#include "blob_cache.h"
#include "schema.h"
#include "strbuf.h"

struct cote_stem_forms {
    cote_blob_cache_t words; /* stem term -> its words, each NUL-terminated */
};

typedef struct {
    const char *word; /* into found.data, by offset until the walk ends */
    size_t off;
    unsigned long freq;
} form_t;

typedef struct {
    cote_analyser_t *an;
    const char *zterm;
    cote_strbuf_t found; /* the matching words, NUL-terminated */
    form_t *v;
    size_t n, cap;
    cote_error_t *err;
    cote_status_t st;
} walk_t;

cote_status_t cote_stem_forms_new(cote_stem_forms_t **out, cote_error_t *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_blob_cache_t empty = COTE_BLOB_CACHE_INIT(COTE_STEM_FORMS_CACHE_BYTES);
    (*out)->words = empty;
    return COTE_OK;
}

void cote_stem_forms_free(cote_stem_forms_t *f)
{
    if (!f)
        return;
    cote_blob_cache_free(&f->words);
    free(f);
}

void cote_stem_forms_clear(cote_stem_forms_t *f)
{
    cote_blob_cache_clear(&f->words);
}

static int visit_term(const char *term, size_t len, unsigned long freq, void *ctx)
{
    walk_t *w = ctx;
    char stem[COTE_TERM_MAX + 8];
    cote_status_t st = cote_word_stem_term(w->an, term, len, stem, sizeof stem, w->err);
    if (st == COTE_NOT_FOUND || st == COTE_TOO_LARGE || (!st && strcmp(stem, w->zterm) != 0))
        return 0;
    if (st) {
        w->st = st;
        return 1;
    }
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        form_t *v = realloc(w->v, cap * sizeof *v);
        if (!v) {
            w->st = cote_error_set(w->err, COTE_NOMEM, "out of memory");
            return 1;
        }
        w->v = v;
        w->cap = cap;
    }
    w->v[w->n++] = (form_t){NULL, w->found.len, freq};
    if (cote_strbuf_append(&w->found, term, len) || cote_strbuf_putc(&w->found, '\0')) {
        w->st = cote_error_set(w->err, COTE_NOMEM, "out of memory");
        return 1;
    }
    return 0;
}

static int by_freq_desc(const void *a, const void *b)
{
    const form_t *x = a, *y = b;
    if (x->freq != y->freq)
        return x->freq > y->freq ? -1 : 1;
    return strcmp(x->word, y->word);
}

cote_status_t cote_stem_forms_get(cote_stem_forms_t *f, cote_xdb_t *db, cote_analyser_t *an, const char *zterm,
                                  const char **words, size_t *n, cote_error_t *err)
{
    *words = NULL;
    *n = 0;
    size_t zp = strlen(COTE_PREFIX_STEM), zlen = strlen(zterm);
    if (zlen <= zp || strncmp(zterm, COTE_PREFIX_STEM, zp) != 0 || zlen > COTE_TERM_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "not a stem term: %s", zterm);
    size_t bytes = 0;
    const char *p = cote_blob_cache_get(&f->words, zterm, zlen, &bytes);
    if (!p) {
        char prefix[COTE_TERM_MAX + 1];
        size_t pn = cote_stem_prefix_len(zterm + zp);
        memcpy(prefix, zterm + zp, pn);
        prefix[pn] = '\0';
        walk_t w = {an, zterm, COTE_STRBUF_INIT, NULL, 0, 0, err, COTE_OK};
        cote_status_t st = cote_xdb_allterms(db, prefix, visit_term, &w, err);
        if (!st)
            st = w.st;
        for (size_t i = 0; !st && i < w.n; i++)
            w.v[i].word = w.found.data + w.v[i].off;
        if (!st && w.n > COTE_STEM_FORMS_MAX) {
            qsort(w.v, w.n, sizeof *w.v, by_freq_desc);
            w.n = COTE_STEM_FORMS_MAX;
        }
        /* the words kept, each NUL-terminated */
        cote_strbuf_t blob = COTE_STRBUF_INIT;
        for (size_t i = 0; !st && i < w.n; i++)
            if (cote_strbuf_append(&blob, w.v[i].word, strlen(w.v[i].word) + 1))
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
        if (!st && cote_blob_cache_put(&f->words, zterm, zlen, blob.data ? blob.data : "", blob.len))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        free(w.v);
        cote_strbuf_free(&w.found);
        cote_strbuf_free(&blob);
        if (st)
            return st;
        p = cote_blob_cache_get(&f->words, zterm, zlen, &bytes);
    }
    *words = p;
    for (const char *end = p + bytes; p < end; p += strlen(p) + 1)
        (*n)++;
    return COTE_OK;
}

cote_status_t cote_stem_forms_query(cote_stem_forms_t *f, cote_xdb_t *db, cote_analyser_t *an, const char *zterm,
                                    unsigned pos, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    const char *words = NULL;
    size_t n = 0;
    cote_status_t st = cote_stem_forms_get(f, db, an, zterm, &words, &n, err);
    if (st)
        return st;
    if (n <= 1)
        return cote_xquery_term(n ? words : zterm, 1, pos, out, err);
    cote_xquery_t **subs = calloc(n, sizeof *subs);
    if (!subs)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    size_t built = 0;
    for (const char *w = words; !st && built < n; w += strlen(w) + 1)
        if (!(st = cote_xquery_term(w, 1, pos, &subs[built], err)))
            built++;
    if (!st)
        st = cote_xquery_combine(COTE_XQ_SYNONYM, subs, n, 0, out, err);
    for (size_t i = 0; i < built; i++)
        cote_xquery_free(subs[i]);
    free(subs);
    return st;
}

cote_status_t cote_stem_forms_freq(cote_stem_forms_t *f, cote_xdb_t *db, cote_analyser_t *an, const char *zterm,
                                   unsigned long *freq, cote_error_t *err)
{
    *freq = 0;
    const char *words = NULL;
    size_t n = 0;
    cote_status_t st = cote_stem_forms_get(f, db, an, zterm, &words, &n, err);
    for (size_t i = 0; !st && i < n; i++, words += strlen(words) + 1) {
        unsigned long k = 0;
        st = cote_xdb_term_freq(db, words, &k, err);
        *freq += k;
    }
    return st;
}
