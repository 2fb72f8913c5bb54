/* record_entities.c: a document's entities as index terms, values and stored
 * JSON (core/schema.h, docs/schema.md). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "date_terms.h"
#include "record.h"
#include "schema.h"

static cote_status_t term(cote_xdoc_t *d, const char *prefix, const char *value, int boolean, cote_error_t *err)
{
    char t[COTE_ENTITY_CANON_MAX + 16];
    int n = snprintf(t, sizeof t, "%s%s", prefix, value);
    if (n <= 0 || (size_t)n >= sizeof t || !*value)
        return COTE_OK; /* nothing, or too long to be a term: not an error */
    return boolean ? cote_xdoc_add_boolean_term(d, t, (size_t)n, err) : cote_xdoc_add_term(d, t, (size_t)n, 1, err);
}

typedef struct {
    cote_xdoc_t *d;
    cote_error_t *err;
    cote_status_t st;
} date_ctx_t;

static int add_date_term(const char *t, void *ctx)
{
    date_ctx_t *c = ctx;
    c->st = cote_xdoc_add_term(c->d, t, strlen(t), 1, c->err);
    return c->st != COTE_OK;
}

static cote_status_t value(cote_xdoc_t *d, unsigned slot, const char *v, cote_error_t *err)
{
    return *v ? cote_xdoc_set_value(d, slot, v, strlen(v), err) : COTE_OK;
}

/* In a span [from, to) of the text: the symbols cited there, the
 * organisations and dates mentioned there. Citations read from links and the
 * document's own symbols belong to no span: they go with first (the
 * document's first passage). */
cote_status_t cote_record_span_terms(cote_xdoc_t *d, const cote_doc_entities_t *e, size_t from, size_t to, int first,
                                     cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < e->own.n && !st && first; i++)
        st = term(d, COTE_PREFIX_SYMBOL, e->own.v[i].canon, 0, err);
    for (size_t i = 0; i < e->citations.n && !st; i++) {
        const cote_entity_t *c = &e->citations.v[i];
        int here = (c->flags & COTE_ENT_LINK) ? first : (c->start >= from && c->start < to);
        if (here)
            st = term(d, COTE_PREFIX_SYMBOL, c->canon, 0, err);
    }
    for (size_t i = 0; i < e->orgs.n && !st; i++)
        if (e->orgs.v[i].start >= from && e->orgs.v[i].start < to)
            st = term(d, COTE_PREFIX_ORG, e->orgs.v[i].canon, 0, err);
    date_ctx_t dc = {d, err, COTE_OK};
    for (size_t i = 0; i < e->dates.n && !dc.st && !st; i++)
        if (e->dates.v[i].start >= from && e->dates.v[i].start < to)
            cote_date_index_terms(e->dates.v[i].from, e->dates.v[i].to, add_date_term, &dc);
    return st ? st : dc.st;
}

/* The values a hit shows and sorting reads: type, organ, date (YYYYMMDD). */
static cote_status_t type_organ_date(cote_xdoc_t *d, const cote_doc_entities_t *e, cote_error_t *err)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%08u", (unsigned)e->date);
    cote_status_t st = e->date ? value(d, COTE_SLOT_DATE, buf, err) : COTE_OK;
    if (!st)
        st = value(d, COTE_SLOT_TYPE, e->type, err);
    if (!st)
        st = value(d, COTE_SLOT_ORGAN, e->organ, err);
    return st;
}

/* What every passage of a document carries: its own symbols, job number,
 * type, organ and date (filters), and the values hits show and sorting
 * reads. */
cote_status_t cote_record_doc_terms(cote_xdoc_t *d, const cote_doc_entities_t *e, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < e->own.n && !st; i++)
        st = term(d, COTE_PREFIX_OWN, e->own.v[i].canon, 1, err);
    if (!st)
        st = term(d, COTE_PREFIX_JOB, e->job_number, 1, err);
    if (!st)
        st = term(d, COTE_PREFIX_TYPE, e->type, 1, err);
    if (!st)
        st = term(d, COTE_PREFIX_ORGAN, e->organ, 1, err);
    date_ctx_t dc = {d, err, COTE_OK};
    /* the document's own date counts as a date it bears, at its precision (a year) */
    if (!st && e->date)
        cote_date_index_terms(e->date, e->date / 10000 * 10000 + 1231, add_date_term, &dc);
    st = st ? st : dc.st;
    return st ? st : type_organ_date(d, e, err);
}

/* What the document record carries: the symbols and organisations of the
 * whole document (the filters symbol: and org:, which the searcher turns
 * into the matching documents' XDOC terms; on every passage they made half
 * the index), and every facet's value, which the searcher reads from the
 * hits' records: a value stream of one entry per document is read much
 * faster than one of one per passage. */
cote_status_t cote_record_doc_filters(cote_xdoc_t *d, const cote_doc_entities_t *e, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    /* boolean: adding one twice changes nothing */
    for (size_t i = 0; i < e->own.n && !st; i++)
        st = term(d, COTE_PREFIX_DOC_SYMBOL, e->own.v[i].canon, 1, err);
    for (size_t i = 0; i < e->citations.n && !st; i++)
        st = term(d, COTE_PREFIX_DOC_SYMBOL, e->citations.v[i].canon, 1, err);
    for (size_t i = 0; i < e->orgs.n && !st; i++)
        st = term(d, COTE_PREFIX_DOC_ORG, e->orgs.v[i].canon, 1, err);
    if (st)
        return st;
    /* distinct organisation ids, for the facet; guesses by head noun and
     * ambiguous acronyms are searchable but not counted */
    char ids[2048];
    size_t k = 0;
    for (size_t i = 0; i < e->orgs.n; i++) {
        const char *id = e->orgs.v[i].canon;
        int dup = 0;
        for (size_t p = 0; p < i && !dup; p++)
            dup = strcmp(e->orgs.v[p].canon, id) == 0;
        size_t n = strlen(id);
        if (dup || strncmp(id, "name-", 5) == 0 || strncmp(id, "ambiguous-", 10) == 0 || k + n + 2 > sizeof ids)
            continue;
        if (k)
            ids[k++] = '\n';
        memcpy(ids + k, id, n);
        k += n;
    }
    ids[k] = '\0';
    st = value(d, COTE_SLOT_ORGS, ids, err);
    char year[8];
    snprintf(year, sizeof year, "%04u", (unsigned)(e->date / 10000) % 10000);
    if (!st && e->date)
        st = value(d, COTE_SLOT_YEAR, year, err);
    return st ? st : type_organ_date(d, e, err);
}

/* The text of an entity's span, as stored for people ("first_text"). */
static json_t *span_text(const char *text, const cote_entity_t *e)
{
    return json_stringn(text + e->start, e->end - e->start);
}

static int seen_before(const cote_entity_list_t *l, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(l->v[k].canon, l->v[i].canon) == 0)
            return 1;
    return 0;
}

int cote_record_entities_json(json_t *o, const cote_doc_entities_t *e, const cote_gazetteer_t *g, const char *text)
{
    int bad = 0;
    json_t *own = json_array(), *cit = json_array(), *dates = json_array(), *orgs = json_array();
    for (size_t i = 0; i < e->own.n; i++)
        bad |= json_array_append_new(own, json_string(e->own.v[i].canon));
    /* citations: one entry per symbol; a link only corroborates a mention in the text */
    for (size_t i = 0; i < e->citations.n; i++) {
        const cote_entity_t *c = &e->citations.v[i];
        if (seen_before(&e->citations, i))
            continue;
        unsigned flags = 0;
        for (size_t k = i; k < e->citations.n; k++)
            if (strcmp(e->citations.v[k].canon, c->canon) == 0)
                flags |= e->citations.v[k].flags;
        int in_text = !(c->flags & COTE_ENT_LINK);
        bad |= json_array_append_new(
            cit, json_pack("{s:s,s:b,s:b,s:b,s:o}", "symbol", c->canon, "inferred", (flags & COTE_ENT_INFERRED) != 0,
                           "resolution", (flags & COTE_ENT_RESOLUTION) != 0, "link", (flags & COTE_ENT_LINK) != 0,
                           "text", in_text ? span_text(text, c) : json_null()));
    }
    for (size_t i = 0; i < e->dates.n; i++) {
        const cote_entity_t *dt = &e->dates.v[i];
        bad |= json_array_append_new(dates, json_pack("{s:s,s:o,s:b}", "iso", dt->canon, "text", span_text(text, dt),
                                                      "inferred", (dt->flags & COTE_ENT_INFERRED) != 0));
    }
    for (size_t i = 0; i < e->orgs.n; i++) {
        const cote_entity_t *og = &e->orgs.v[i];
        if (seen_before(&e->orgs, i))
            continue;
        unsigned long mentions = 0;
        for (size_t k = i; k < e->orgs.n; k++)
            mentions += strcmp(e->orgs.v[k].canon, og->canon) == 0;
        const cote_org_t *entry = cote_gazetteer_get(g, og->canon);
        json_t *acr = json_array();
        if (entry && entry->fr_acronym && *entry->fr_acronym)
            json_array_append_new(acr, json_string(entry->fr_acronym));
        if (entry && entry->en_acronym && *entry->en_acronym &&
            !(entry->fr_acronym && strcmp(entry->fr_acronym, entry->en_acronym) == 0))
            json_array_append_new(acr, json_string(entry->en_acronym));
        bad |= json_array_append_new(
            orgs, json_pack("{s:s,s:o,s:o,s:o,s:I,s:b}", "id", og->canon, "name",
                            entry ? json_string(entry->fr_name) : span_text(text, og), "acronyms", acr, "text",
                            span_text(text, og), "mentions", (json_int_t)mentions,
                            "ambiguous", (og->flags & COTE_ENT_AMBIGUOUS) != 0));
    }
    bad |= json_object_set_new(o, "symbols", own);
    bad |= json_object_set_new(o, "job_number", e->job_number[0] ? json_string(e->job_number) : json_null());
    bad |= json_object_set_new(o, "type", e->type[0] ? json_pack("{s:s,s:s}", "name", e->type, "how", e->type_how)
                                                   : json_null());
    bad |= json_object_set_new(o, "organ", e->organ[0] ? json_pack("{s:s,s:s}", "id", e->organ, "how", e->organ_how)
                                                     : json_null());
    bad |= json_object_set_new(o, "date", e->date_iso[0] ? json_pack("{s:s,s:s}", "iso", e->date_iso, "how", e->date_how)
                                                       : json_null());
    bad |= json_object_set_new(o, "citations", cit);
    bad |= json_object_set_new(o, "dates", dates);
    bad |= json_object_set_new(o, "organisations", orgs);
    return bad;
}
