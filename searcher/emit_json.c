/* emit_json.c: the one JSON writer for `cote search --json`, `cote show --json`
 * and /api/v1 (docs/api.md). jansson does the escaping; key order is the
 * insertion order below, which docs/api.md shows. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "searcher.h"

static json_t *symbols_array(char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_string(v[i]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static cote_status_t dump(json_t *o, int bad, cote_strbuf_t *out)
{
    char *s = (!bad && o) ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(o);
    if (!s)
        return COTE_NOMEM;
    cote_status_t st = cote_strbuf_puts(out, s);
    free(s);
    return st;
}

cote_status_t cote_search_response_json(const cote_search_response_t *r, cote_strbuf_t *out)
{
    json_t *o = json_object();
    json_t *hits = json_array();
    int bad = !o || !hits;
    for (size_t i = 0; !bad && i < r->n_hits; i++) {
        const cote_hit_t *h = &r->hits[i];
        json_t *j = json_object();
        bad |= !j;
        bad |= json_object_set_new(j, "rank", json_integer(h->rank));
        bad |= json_object_set_new(j, "file", json_string(h->file));
        bad |= json_object_set_new(j, "doc", json_string(h->doc));
        bad |= json_object_set_new(j, "symbols", symbols_array(h->symbols, h->n_symbols));
        bad |= json_object_set_new(j, "title", json_string(h->title));
        bad |= json_object_set_new(j, "paragraph", h->paragraph < 0 ? json_null() : json_integer(h->paragraph));
        bad |= json_object_set_new(j, "score", json_real(h->score));
        bad |= json_object_set_new(j, "snippet", json_string(h->snippet));
        json_t *hl = json_array();
        for (size_t k = 0; hl && k < h->n_highlights; k++)
            bad |= json_array_append_new(hl, json_pack("[II]", (json_int_t)h->highlights[2 * k],
                                                       (json_int_t)h->highlights[2 * k + 1]));
        bad |= json_object_set_new(j, "highlights", hl);
        bad |= json_object_set_new(j, "passage", json_pack("{s:s,s:s,s:I,s:I,s:[II]}", "kind", h->kind, "label",
                                                           h->label, "block", (json_int_t)h->block, "page",
                                                           (json_int_t)h->page, "section",
                                                           (json_int_t)h->section_first, (json_int_t)h->section_last));
        bad |= json_object_set_new(j, "other_passages", json_integer((json_int_t)h->others));
        bad |= json_object_set_new(j, "date", h->date[0] ? json_string(h->date) : json_null());
        bad |= json_object_set_new(j, "type", h->type && *h->type ? json_string(h->type) : json_null());
        bad |= json_object_set_new(j, "type_en", h->type_en && *h->type_en ? json_string(h->type_en) : json_null());
        bad |= json_object_set_new(
            j, "organ",
            h->organ && *h->organ
                ? json_pack("{s:s,s:s,s:s}", "id", h->organ, "label",
                            h->organ_label && *h->organ_label ? h->organ_label : h->organ, "label_en",
                            h->organ_label_en && *h->organ_label_en ? h->organ_label_en : h->organ)
                : json_null());
        bad |= json_array_append_new(hits, j);
    }
    bad |= json_object_set_new(o, "query", json_string(r->query));
    bad |= json_object_set_new(o, "total", json_integer((json_int_t)r->total));
    bad |= json_object_set_new(o, "offset", json_integer(r->offset));
    bad |= json_object_set_new(o, "limit", json_integer(r->limit));
    bad |= json_object_set_new(o, "hits", hits);
    json_t *facets = json_object();
    for (size_t f = 0; f < COTE_FACETS && facets; f++) {
        json_t *a = json_array();
        for (size_t i = 0; a && i < r->facets[f].n; i++) {
            const cote_facet_value_t *v = &r->facets[f].values[i];
            bad |= json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:I}", "value", v->value, "label", v->label,
                                                      "label_en", v->label_en ? v->label_en : v->label, "count",
                                                      (json_int_t)v->count));
        }
        bad |= json_object_set_new(facets, r->facets[f].name ? r->facets[f].name : "?", a);
    }
    bad |= json_object_set_new(o, "facets", facets);
    json_t *notes = json_array();
    const char *p = r->notes.data;
    for (size_t i = 0; notes && i < r->n_notes; i++, p += strlen(p) + 1)
        bad |= json_array_append_new(notes, json_string(p));
    bad |= json_object_set_new(o, "notes", notes);
    if (r->suggestion) {
        bad |= json_object_set_new(o, "suggestion", json_string(r->suggestion));
        bad |= json_object_set_new(o, "corrected", json_boolean(r->corrected));
    }
    return dump(o, bad, out);
}

cote_status_t cote_document_json(const cote_document_t *d, bool with_text, cote_strbuf_t *out)
{
    json_error_t jerr;
    json_t *rec = d->record ? json_loads(d->record, 0, &jerr) : NULL;
    json_t *o = json_object();
    int bad = !o;
    /* the stable fields first, then the rest of the record in its own order */
    bad |= json_object_set_new(o, "doc", json_string(d->doc));
    bad |= json_object_set_new(o, "file", json_string(d->file));
    bad |= json_object_set_new(o, "title", json_string(d->title));
    bad |= json_object_set_new(o, "symbols", symbols_array(d->symbols, d->n_symbols));
    bad |= json_object_set_new(o, "terms", json_integer((json_int_t)d->terms));
    bad |= json_object_set_new(o, "passages", json_integer((json_int_t)d->passages));
    const char *key;
    json_t *v;
    json_object_foreach(rec, key, v) {
        if (json_object_get(o, key) ||
            (!with_text && (!strcmp(key, "text") || !strcmp(key, "blocks") || !strcmp(key, "repairs"))))
            continue;
        bad |= json_object_set(o, key, v);
    }
    json_decref(rec);
    return dump(o, bad, out);
}
