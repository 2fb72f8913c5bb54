/* entity_query.c: entities and field filters around the word query (see
 * entity_query.h). */
#include "entity_query.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_terms.h"
#include "dates.h"
#include "doc_filter.h"
#include "schema.h"
#include "symbols.h"

/* How far an entity match weighs above word matches. BM25 weights of single
 * terms are of the order of 1; entity terms are sparse, so their raw weight is
 * already high: the factor makes the order certain. */
#define ENTITY_BOOST 4.0
/* The document's own symbol above every citation of it. */
#define OWN_BOOST 25.0
/* Open date bounds are clamped to this span (a bound of date terms). */
#define DATE_MIN 19000101u
#define DATE_MAX 21001231u

typedef struct {
    cote_xquery_t **v;
    size_t n, cap;
} qvec_t;

static cote_status_t qvec_push(qvec_t *l, cote_xquery_t *q)
{
    if (!q)
        return COTE_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        cote_xquery_t **v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            cote_xquery_free(q);
            return COTE_NOMEM;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = q;
    return COTE_OK;
}

static void qvec_free(qvec_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        cote_xquery_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Combines l into one query (l is emptied); NULL when l is empty. */
static cote_status_t qvec_fold(qvec_t *l, cote_xquery_op_t op, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_status_t st = COTE_OK;
    if (l->n == 1) {
        *out = l->v[0];
        l->n = 0;
    } else if (l->n > 1) {
        st = cote_xquery_combine(op, l->v, l->n, 0, out, err);
    }
    qvec_free(l);
    return st;
}

/* Appends one sentence on how the query was read. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static cote_status_t note(cote_strbuf_t *notes, size_t *n, const char *fmt, ...)
{
    if (!notes)
        return COTE_OK;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (cote_strbuf_puts(notes, buf) || cote_strbuf_putc(notes, '\0'))
        return COTE_NOMEM;
    (*n)++;
    return COTE_OK;
}

static cote_status_t prefixed(const char *prefix, const char *value, double scale, cote_xquery_t **out,
                              cote_error_t *err)
{
    char t[COTE_ENTITY_CANON_MAX + 16];
    snprintf(t, sizeof t, "%s%s", prefix, value);
    cote_xquery_t *q = NULL;
    cote_status_t st = cote_xquery_term(t, 1, 0, &q, err);
    if (!st && scale != 1.0) {
        st = cote_xquery_scale(q, scale, out, err);
        cote_xquery_free(q);
        return st;
    }
    *out = q;
    return st;
}

static cote_status_t symbol_query(const char *canon, double boost, cote_xquery_t **out, cote_error_t *err)
{
    qvec_t v = {0};
    cote_xquery_t *q = NULL;
    cote_status_t st = prefixed(COTE_PREFIX_OWN, canon, OWN_BOOST, &q, err);
    if (!st && qvec_push(&v, q))
        st = COTE_NOMEM;
    if (!st)
        st = prefixed(COTE_PREFIX_SYMBOL, canon, boost, &q, err);
    if (!st && qvec_push(&v, q))
        st = COTE_NOMEM;
    if (st) {
        qvec_free(&v);
        return st == COTE_NOMEM ? cote_error_set(err, st, "out of memory") : st;
    }
    return qvec_fold(&v, COTE_XQ_OR, out, err);
}

typedef struct {
    qvec_t *v;
    qvec_t *coarse; /* NULL unless split */
    cote_error_t *err;
    cote_status_t st;
} date_ctx_t;

static int push_date_term(const char *t, void *ctx)
{
    date_ctx_t *c = ctx;
    cote_xquery_t *q = NULL;
    c->st = cote_xquery_term(t, 1, 0, &q, c->err);
    if (!c->st && qvec_push(c->v, q))
        c->st = cote_error_set(c->err, COTE_NOMEM, "out of memory");
    return c->st != COTE_OK;
}

static int push_coarse_term(const char *t, void *ctx)
{
    date_ctx_t *c = ctx;
    cote_xquery_t *q = NULL;
    c->st = cote_xquery_term(t, 1, 0, &q, c->err);
    if (!c->st && qvec_push(c->coarse, q))
        c->st = cote_error_set(c->err, COTE_NOMEM, "out of memory");
    return c->st != COTE_OK;
}

/* For ranking: mentions at the date's own precision (the day asked for)
 * weigh DATE_EXACT_BOOST times more than wider mentions that merely contain
 * it (its month, its year). */
#define DATE_EXACT_BOOST 3.0

static cote_status_t ranked_date_query(uint32_t from, uint32_t to, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    if (from < DATE_MIN)
        from = DATE_MIN;
    if (to > DATE_MAX)
        to = DATE_MAX;
    qvec_t exact = {0}, coarse = {0};
    date_ctx_t c = {&exact, &coarse, err, COTE_OK};
    if (from > to || cote_date_query_terms_split(from, to, push_date_term, push_coarse_term, &c) < 0 || c.st) {
        qvec_free(&exact);
        qvec_free(&coarse);
        return c.st;
    }
    cote_xquery_t *e = NULL, *k = NULL, *es = NULL;
    cote_status_t st = qvec_fold(&exact, COTE_XQ_SYNONYM, &e, err);
    if (!st)
        st = qvec_fold(&coarse, COTE_XQ_SYNONYM, &k, err);
    if (!st && e)
        st = cote_xquery_scale(e, DATE_EXACT_BOOST, &es, err);
    if (!st && es && k) {
        cote_xquery_t *pair[2] = {es, k};
        st = cote_xquery_combine(COTE_XQ_OR, pair, 2, 0, out, err);
    } else if (!st) {
        *out = es ? es : k;
        if (es)
            es = NULL;
        else
            k = NULL;
    }
    cote_xquery_free(e);
    cote_xquery_free(es);
    cote_xquery_free(k);
    return st;
}

/* Every mention overlapping [from, to], as one OR (weighted as a synonym, so
 * that a range does not weigh more for having more terms). */
static cote_status_t date_query(uint32_t from, uint32_t to, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    if (from < DATE_MIN)
        from = DATE_MIN;
    if (to > DATE_MAX)
        to = DATE_MAX;
    qvec_t v = {0};
    date_ctx_t c = {&v, NULL, err, COTE_OK};
    if (from > to || cote_date_query_terms(from, to, push_date_term, &c) < 0) {
        qvec_free(&v);
        return c.st;
    }
    if (c.st) {
        qvec_free(&v);
        return c.st;
    }
    return qvec_fold(&v, COTE_XQ_SYNONYM, out, err);
}

static cote_status_t scaled(cote_xquery_t *q, double f, cote_xquery_t **out, cote_error_t *err)
{
    *out = NULL;
    if (!q)
        return COTE_OK;
    cote_status_t st = cote_xquery_scale(q, f, out, err);
    cote_xquery_free(q);
    return st;
}

/* ---- filters ------------------------------------------------------------- */

static void fold_ascii(const char *s, size_t n, char *out, size_t cap)
{
    /* lower case, accents of the few type names dropped */
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[++i];
            out[k++] = (d >= 0xA8 && d <= 0xAB) || (d >= 0x88 && d <= 0x8B) ? 'e' : (d == 0xA0 || d == 0x80) ? 'a' : '?';
            continue;
        }
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[k] = '\0';
}

/* The document type as indexed, from what a person typed (resolution, Résolution...). */
static const char *type_name(const char *v, size_t n)
{
    static const char *const types[] = {"rapport", "résolution", "projet de résolution", "décision", "note",
                                        "lettre", "déclaration", NULL};
    char want[64], have[64];
    fold_ascii(v, n, want, sizeof want);
    for (const char *const *t = types; *t; t++) {
        fold_ascii(*t, strlen(*t), have, sizeof have);
        if (strcmp(want, have) == 0)
            return *t;
    }
    return NULL;
}

static cote_status_t range_filter(const cote_entity_query_ctx_t *ctx, const char *v, size_t n, cote_xquery_t **out,
                                  cote_strbuf_t *notes, size_t *nn, cote_error_t *err)
{
    (void)ctx;
    char buf[128];
    if (n >= sizeof buf)
        return note(notes, nn, "date trop longue, ignorée");
    memcpy(buf, v, n);
    buf[n] = '\0';
    uint32_t from = DATE_MIN, to = DATE_MAX;
    char *dots = strstr(buf, "..");
    int ok = 1;
    if (dots) {
        *dots = '\0';
        if (buf[0])
            ok &= cote_parse_iso_bound(buf, false, &from);
        if (dots[2])
            ok &= cote_parse_iso_bound(dots + 2, true, &to);
    } else {
        cote_entity_t e;
        ok = cote_parse_date_query(buf, n, &e);
        if (ok) {
            from = e.from;
            to = e.to;
        }
    }
    if (!ok || from > to)
        return note(notes, nn, "date non comprise, filtre ignoré : %.100s", v);
    return date_query(from, to, out, err);
}

static cote_status_t doc_filter(const cote_entity_query_ctx_t *ctx, const char *prefix, const char *value,
                                cote_xquery_t **out, cote_error_t *err)
{
    char t[COTE_ENTITY_CANON_MAX + 16];
    snprintf(t, sizeof t, "%s%s", prefix, value);
    return cote_doc_filter_query(ctx->filters_as_terms ? NULL : ctx->db, t, out, err);
}

typedef struct {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
    int negated; /* -org:X, or after NOT / SAUF: exclude instead of restricting */
} field_t;

static cote_status_t field_filter(const cote_entity_query_ctx_t *ctx, const field_t *f, cote_xquery_t **out,
                                  cote_strbuf_t *notes, size_t *nn, cote_error_t *err)
{
    *out = NULL;
    char name[16], value[512];
    snprintf(name, sizeof name, "%.*s", (int)f->name_len, f->name);
    snprintf(value, sizeof value, "%.*s", (int)f->value_len, f->value);
    size_t vn = strlen(value);
    if (vn == 0)
        return COTE_OK;
    if (strcmp(name, "org") == 0 || strcmp(name, "organ") == 0) {
        const cote_org_t *o = cote_match_org_query(ctx->gazetteer, ctx->an, ctx->scratch, value, vn);
        if (!o)
            o = cote_gazetteer_get(ctx->gazetteer, value);
        const char *id = o ? o->id : value; /* an id learned from a corpus (sigle-...) */
        if (!o && note(notes, nn, "organisation absente du répertoire, cherchée telle quelle : %.100s", value))
            return COTE_NOMEM;
        if (strcmp(name, "organ") == 0)
            return prefixed(COTE_PREFIX_ORGAN, id, 1.0, out, err);
        return doc_filter(ctx, COTE_PREFIX_DOC_ORG, id, out, err);
    }
    if (strcmp(name, "symbol") == 0 || strcmp(name, "res") == 0 || strcmp(name, "cote") == 0) {
        char canon[COTE_ENTITY_CANON_MAX];
        if (!cote_parse_symbol_query(value, vn, canon, NULL) && !cote_canonical_symbol(value, vn, canon))
            return note(notes, nn, "cote non comprise, filtre ignoré : %.100s", value);
        return doc_filter(ctx, COTE_PREFIX_DOC_SYMBOL, canon, out, err);
    }
    if (strcmp(name, "date") == 0 || strcmp(name, "year") == 0 || strcmp(name, "annee") == 0)
        return range_filter(ctx, value, vn, out, notes, nn, err);
    if (strcmp(name, "type") == 0) {
        const char *t = type_name(value, vn);
        if (!t)
            return note(notes, nn, "type inconnu, filtre ignoré : %.100s", value);
        return prefixed(COTE_PREFIX_TYPE, t, 1.0, out, err);
    }
    return COTE_OK;
}

static int known_field(const char *s, size_t n)
{
    static const char *const names[] = {"org", "organ", "symbol", "res", "cote", "date", "year", "annee", "type", NULL};
    for (const char *const *f = names; *f; f++)
        if (strlen(*f) == n && strncmp(s, *f, n) == 0)
            return 1;
    return 0;
}

/* The operator the last chunk copied to rest is (query.h), if any. */
static cote_query_op_t last_operator(const cote_strbuf_t *rest, size_t last)
{
    return last < rest->len ? cote_query_operator(rest->data + last, rest->len - last) : COTE_QOP_NONE;
}

/* Splits text into field chunks (name:value, name:"quoted value") and the
 * rest, the query's words. A field may stand inside parentheses,
 * `(paix org:CESAP)`: they stay in the rest, with the ')' that its value
 * does not open (symbol:S/RES/1325(2000) keeps its own). A filter applies
 * to the whole query, so an AND or OR left without an operand by its
 * removal goes with it (`paix AND org:CESAP`, `org:CESAP OR paix`), and a
 * NOT before it (or a - mark) makes it exclude: `paix SAUF org:PNUD` (a +
 * mark changes nothing). */
static cote_status_t split_fields(const char *text, size_t len, field_t *fields, size_t *nf, size_t max,
                                  cote_strbuf_t *rest)
{
    size_t i = 0, last = SIZE_MAX; /* where the last chunk of rest starts */
    int after_field = 0;
    *nf = 0;
    while (i < len) {
        size_t start = i, name = i;
        while (name < len && text[name] == '(')
            name++;
        int minus = name < len && text[name] == '-', mark = minus || (name < len && text[name] == '+');
        i = name + (size_t)mark;
        while (i < len && text[i] != ' ' && text[i] != ':' && text[i] != '"' && text[i] != '(' && text[i] != ')')
            i++;
        if (i < len && text[i] == ':' && known_field(text + name + mark, i - name - (size_t)mark) && *nf < max) {
            field_t *f = &fields[(*nf)++];
            f->name = text + name + mark;
            f->name_len = i - name - (size_t)mark;
            f->negated = minus;
            size_t closes = 0;
            i++;
            if (i < len && text[i] == '"') {
                f->value = text + ++i;
                while (i < len && text[i] != '"')
                    i++;
                f->value_len = (size_t)(text + i - f->value);
                if (i < len)
                    i++;
                while (i < len && text[i] == ')') {
                    i++;
                    closes++;
                }
            } else {
                f->value = text + i;
                size_t opened = 0, shut = 0;
                for (; i < len && text[i] != ' '; i++) {
                    opened += text[i] == '(';
                    shut += text[i] == ')';
                }
                f->value_len = (size_t)(text + i - f->value);
                while (shut > opened && f->value_len && f->value[f->value_len - 1] == ')') {
                    f->value_len--;
                    shut--;
                    closes++;
                }
            }
            cote_query_op_t op = last_operator(rest, last);
            if (op != COTE_QOP_NONE) { /* its operator goes with it */
                rest->len = last ? last - 1 : 0;
                rest->data[rest->len] = '\0';
                last = SIZE_MAX;
                f->negated |= op == COTE_QOP_NOT;
            }
            /* parentheses around the field alone, (org:X), go with it */
            size_t opens = name - start, pairs = opens < closes ? opens : closes;
            const char *parens[] = {"(", ")"};
            for (int k = 0; k < 2; k++) {
                size_t n = (k ? closes : opens) - pairs;
                for (size_t j = 0; j < n; j++) {
                    if ((rest->len && cote_strbuf_putc(rest, ' ')) || cote_strbuf_puts(rest, parens[k]))
                        return COTE_NOMEM;
                    last = rest->len - 1;
                }
            }
            after_field = 1;
            while (i < len && text[i] == ' ')
                i++;
            continue;
        }
        /* not a field: copy up to the next space, keeping quoted runs whole */
        i = start;
        while (i < len && text[i] != ' ') {
            if (text[i] == '"') {
                i++;
                while (i < len && text[i] != '"')
                    i++;
            }
            if (i < len)
                i++;
        }
        cote_query_op_t op = cote_query_operator(text + start, i - start);
        int dangling = after_field && (op == COTE_QOP_AND || op == COTE_QOP_OR) &&
                       (!rest->len || rest->data[rest->len - 1] == '(' || last_operator(rest, last) != COTE_QOP_NONE);
        if (!dangling && i > start) {
            if (rest->len && cote_strbuf_putc(rest, ' '))
                return COTE_NOMEM;
            last = rest->len;
            if (cote_strbuf_append(rest, text + start, i - start))
                return COTE_NOMEM;
        }
        after_field = 0;
        while (i < len && text[i] == ' ')
            i++;
    }
    return COTE_OK;
}

/* ---- entities in the free text ------------------------------------------ */

/* The forms under which an organisation appears in text as one word (its
 * acronyms, folded as analysis folds them), so the snippets of a search for
 * UNDP highlight PNUD. Names of several words are not added: their words are
 * common ones. forms may be NULL. */
static cote_status_t add_org_forms(cote_strbuf_t *forms, size_t *n_forms, const cote_org_t *o)
{
    if (!forms || !o)
        return COTE_OK;
    const char *acr[] = {o->fr_acronym, o->en_acronym};
    for (size_t i = 0; i < 2; i++) {
        const char *a = acr[i];
        if (!a || !*a || strlen(a) > 32)
            continue;
        int plain = 1;
        for (const char *c = a; *c; c++)
            plain &= (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9');
        if (!plain)
            continue; /* ONU-Habitat: analysed into several words */
        for (const char *c = a; *c; c++)
            if (cote_strbuf_putc(forms, (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c)))
                return COTE_NOMEM;
        if (cote_strbuf_putc(forms, '\0'))
            return COTE_NOMEM;
        (*n_forms)++;
    }
    return COTE_OK;
}

/* The key of a positive entity (COTE_ENTITY_KEY_*), which the searcher looks
 * for in the blocks of a hit's section; keys is NULL for an excluded clause. */
static cote_status_t add_key(cote_strbuf_t *keys, size_t *n_keys, char kind, const char *canon, unsigned from,
                             unsigned to)
{
    if (!keys)
        return COTE_OK;
    char k[COTE_ENTITY_CANON_MAX + 32];
    if (kind == COTE_ENTITY_KEY_DATE)
        snprintf(k, sizeof k, "%c%08u-%08u", kind, from, to);
    else
        snprintf(k, sizeof k, "%c%s", kind, canon);
    if (cote_strbuf_puts(keys, k) || cote_strbuf_putc(keys, '\0'))
        return COTE_NOMEM;
    (*n_keys)++;
    return COTE_OK;
}

static cote_status_t entity_part(const cote_entity_query_ctx_t *ctx, const char *q, size_t n, cote_xquery_t **out,
                                 cote_strbuf_t *notes, size_t *nn, cote_strbuf_t *forms, size_t *n_forms,
                                 cote_strbuf_t *keys, size_t *n_keys, cote_error_t *err)
{
    *out = NULL;
    char canon[COTE_ENTITY_CANON_MAX];
    unsigned flags = 0;
    if (n == 0)
        return COTE_OK;
    /* the whole query names one thing */
    if (cote_parse_symbol_query(q, n, canon, &flags)) {
        if (note(notes, nn, "cote reconnue : %s%s", canon, flags & COTE_ENT_INFERRED ? " (organe déduit)" : "") ||
            add_key(keys, n_keys, COTE_ENTITY_KEY_SYMBOL, canon, 0, 0))
            return COTE_NOMEM;
        return symbol_query(canon, ENTITY_BOOST, out, err);
    }
    cote_entity_t d;
    if (cote_parse_date_query(q, n, &d)) {
        if (note(notes, nn, "date reconnue : %s", d.canon) ||
            add_key(keys, n_keys, COTE_ENTITY_KEY_DATE, NULL, (unsigned)d.from, (unsigned)d.to))
            return COTE_NOMEM;
        cote_xquery_t *dq = NULL;
        cote_status_t st = ranked_date_query(d.from, d.to, &dq, err);
        return st ? st : scaled(dq, ENTITY_BOOST, out, err);
    }
    const cote_org_t *o = cote_match_org_query(ctx->gazetteer, ctx->an, ctx->scratch, q, n);
    if (o) {
        if (note(notes, nn, "organisation reconnue : %s (%s)", o->fr_name, o->id) || add_org_forms(forms, n_forms, o) ||
            add_key(keys, n_keys, COTE_ENTITY_KEY_ORG, o->id, 0, 0))
            return COTE_NOMEM;
        return prefixed(COTE_PREFIX_ORG, o->id, ENTITY_BOOST, out, err);
    }
    /* entities inside a longer query, found as in documents */
    cote_entity_list_t found = COTE_ENTITY_LIST_INIT;
    qvec_t v = {0};
    cote_status_t st = cote_find_symbols(q, n, &found);
    if (!st)
        st = cote_find_dates(q, n, &found);
    if (!st)
        st = cote_find_orgs(ctx->gazetteer, ctx->an, ctx->scratch, q, n, &found, err);
    for (size_t i = 0; i < found.n && !st; i++) {
        const cote_entity_t *e = &found.v[i];
        cote_xquery_t *eq = NULL;
        if (e->kind == COTE_ENT_SYMBOL) {
            st = symbol_query(e->canon, ENTITY_BOOST, &eq, err);
            if (!st && add_key(keys, n_keys, COTE_ENTITY_KEY_SYMBOL, e->canon, 0, 0))
                st = COTE_NOMEM;
        } else if (e->kind == COTE_ENT_DATE) {
            cote_xquery_t *dq = NULL;
            st = ranked_date_query(e->from, e->to, &dq, err);
            if (!st)
                st = scaled(dq, ENTITY_BOOST, &eq, err);
            if (!st && add_key(keys, n_keys, COTE_ENTITY_KEY_DATE, NULL, (unsigned)e->from, (unsigned)e->to))
                st = COTE_NOMEM;
        } else if (!(e->flags & COTE_ENT_AMBIGUOUS) && strncmp(e->canon, "name-", 5) != 0) {
            st = prefixed(COTE_PREFIX_ORG, e->canon, ENTITY_BOOST, &eq, err);
            if (!st && (add_org_forms(forms, n_forms, cote_gazetteer_get(ctx->gazetteer, e->canon)) ||
                        add_key(keys, n_keys, COTE_ENTITY_KEY_ORG, e->canon, 0, 0)))
                st = COTE_NOMEM;
        }
        if (!st && eq && qvec_push(&v, eq))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        if (!st && eq && note(notes, nn, "%s reconnue : %s", e->kind == COTE_ENT_SYMBOL ? "cote" : e->kind == COTE_ENT_DATE ? "date" : "organisation", e->canon))
            st = COTE_NOMEM;
    }
    cote_entity_list_free(&found);
    if (st) {
        qvec_free(&v);
        return st == COTE_NOMEM ? cote_error_set(err, st, "out of memory") : st;
    }
    return qvec_fold(&v, COTE_XQ_OR, out, err);
}

/* The word query calls this for each of its clauses (query.h): the entities
 * a clause names are searched with its words, so that they obey the
 * operators around it (`coopération SAUF PNUD` also excludes the passages
 * naming the PNUD in full). */
typedef struct {
    const cote_entity_query_ctx_t *ctx;
    cote_strbuf_t *notes;
    size_t *n_notes;
    cote_strbuf_t forms; /* extra forms to highlight, NUL-separated */
    size_t n_forms;
    cote_strbuf_t keys; /* the positive entities' keys, NUL-separated */
    size_t n_keys;
} clause_ctx_t;

static cote_status_t entity_clause(void *c, const char *text, size_t len, int negated, cote_xquery_t **out,
                                   cote_error_t *err)
{
    clause_ctx_t *cc = c;
    /* an excluded clause's entities are searched, not highlighted */
    cote_status_t st = entity_part(cc->ctx, text, len, out, cc->notes, cc->n_notes, negated ? NULL : &cc->forms,
                                   &cc->n_forms, negated ? NULL : &cc->keys, &cc->n_keys, err);
    return st == COTE_NOMEM ? cote_error_set(err, st, "out of memory") : st;
}

static cote_status_t stem_words(void *c, const char *zterm, unsigned pos, cote_xquery_t **out, cote_error_t *err)
{
    const cote_entity_query_ctx_t *ctx = ((clause_ctx_t *)c)->ctx;
    *out = NULL;
    if (!ctx->db || !ctx->stems)
        return COTE_OK;
    return cote_stem_forms_query(ctx->stems, ctx->db, ctx->an, zterm, pos, out, err);
}

cote_status_t cote_entity_query_build(const cote_entity_query_ctx_t *ctx, const cote_search_request_t *req,
                                      cote_parsed_query_t *pq, cote_xquery_t **out, cote_strbuf_t *notes,
                                      size_t *n_notes, cote_error_t *err)
{
    *out = NULL;
    field_t fields[16];
    size_t nf = 0;
    cote_strbuf_t rest = COTE_STRBUF_INIT;
    const char *text = req->query ? req->query : "";
    cote_status_t st = split_fields(text, strlen(text), fields, &nf, 16, &rest);
    const char *free_text = rest.data ? rest.data : "";
    clause_ctx_t cc = {ctx, notes, n_notes, COTE_STRBUF_INIT, 0, COTE_STRBUF_INIT, 0};
    cote_query_hooks_t hooks = {entity_clause, stem_words, &cc};
    if (!st)
        st = cote_query_build_with(ctx->an, free_text, rest.len, &hooks, pq, err);
    /* the entities' own forms join the words to highlight */
    if (!st && cc.n_forms) {
        if (cote_strbuf_append(&pq->terms, cc.forms.data, cc.forms.len))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        else
            pq->n_terms += cc.n_forms;
    }
    if (!st && cc.n_keys) {
        if (cote_strbuf_append(&pq->entities, cc.keys.data, cc.keys.len))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        else
            pq->n_entities += cc.n_keys;
    }
    cote_strbuf_free(&cc.forms);
    cote_strbuf_free(&cc.keys);
    /* a query that had to be repaired says how it was read */
    if (!st && pq->repairs && notes) {
        if (cote_parsed_query_note(pq, notes) || cote_strbuf_putc(notes, '\0'))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        else
            (*n_notes)++;
    }
    /* positive part: the words with the entities of each clause */
    cote_xquery_t *pos = NULL;
    if (!st && pq->query) {
        cote_xquery_t *only = pq->query; /* a copy: pq keeps its own */
        st = cote_xquery_combine(COTE_XQ_OR, &only, 1, 0, &pos, err);
    }
    /* filters: fields of the text, then the request's own */
    qvec_t filters = {0}, exclusions = {0};
    for (size_t i = 0; i < nf && !st; i++) {
        cote_xquery_t *f = NULL;
        st = field_filter(ctx, &fields[i], &f, notes, n_notes, err);
        if (!st && qvec_push(fields[i].negated ? &exclusions : &filters, f))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    const struct {
        const char *name, *value;
    } flags[] = {{"org", req->org}, {"symbol", req->symbol}, {"type", req->type}, {"organ", req->organ}};
    for (size_t i = 0; i < sizeof flags / sizeof *flags && !st; i++) {
        if (!flags[i].value || !*flags[i].value)
            continue;
        field_t f = {flags[i].name, strlen(flags[i].name), flags[i].value, strlen(flags[i].value), 0};
        cote_xquery_t *q = NULL;
        st = field_filter(ctx, &f, &q, notes, n_notes, err);
        if (!st && qvec_push(&filters, q))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st && ((req->from && *req->from) || (req->to && *req->to))) {
        char range[96];
        snprintf(range, sizeof range, "%s..%s", req->from ? req->from : "", req->to ? req->to : "");
        field_t f = {"date", 4, range, strlen(range), 0};
        cote_xquery_t *q = NULL;
        st = field_filter(ctx, &f, &q, notes, n_notes, err);
        if (!st && qvec_push(&filters, q))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    cote_xquery_t *filter = NULL, *excluded = NULL, *kept = NULL;
    if (!st)
        st = qvec_fold(&filters, COTE_XQ_AND, &filter, err);
    if (!st)
        st = qvec_fold(&exclusions, COTE_XQ_OR, &excluded, err);
    qvec_free(&filters);
    qvec_free(&exclusions);
    if (!st && !pos && (filter || excluded))
        st = cote_query_all_passages(&pos, err);
    if (!st && filter) {
        cote_xquery_t *pair[2] = {pos, filter};
        st = cote_xquery_combine(COTE_XQ_FILTER, pair, 2, 0, &kept, err);
    } else if (!st) {
        kept = pos;
        pos = NULL;
    }
    /* excluding filters (-org:X, SAUF org:X) */
    if (!st && excluded) {
        cote_xquery_t *pair[2] = {kept, excluded};
        st = cote_xquery_combine(COTE_XQ_AND_NOT, pair, 2, 0, out, err);
    } else if (!st) {
        *out = kept;
        kept = NULL;
    }
    cote_xquery_free(pos);
    cote_xquery_free(filter);
    cote_xquery_free(excluded);
    cote_xquery_free(kept);
    cote_strbuf_free(&rest);
    return st;
}
