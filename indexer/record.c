/* record.c: layout of an indexed record (see core/schema.h). */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "strbuf.h"
#include "utf8.h"

static cote_status_t title_from_file(const char *file, char **out)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *t = malloc(n + 1);
    if (!t)
        return COTE_NOMEM;
    memcpy(t, base, n);
    t[n] = '\0';
    *out = t;
    return COTE_OK;
}

cote_status_t cote_record_title(const char *file, const cote_clean_doc_t *clean, char **out)
{
    *out = NULL;
    for (size_t i = 0; i < clean->n_blocks; i++) {
        const cote_block_t *b = &clean->blocks[i];
        if (b->kind != COTE_BLOCK_TITLE)
            continue;
        size_t n = b->end - b->start;
        char *t = malloc(n + 1);
        if (!t)
            return COTE_NOMEM;
        memcpy(t, clean->text.data + b->start, n);
        t[n] = '\0';
        *out = t;
        return COTE_OK;
    }
    return title_from_file(file, out);
}

static cote_status_t add_terms(cote_xdoc_t *d, const cote_token_list_t *toks, cote_error_t *err)
{
    for (size_t i = 0; i < toks->n; i++) {
        const cote_token_t *t = &toks->v[i];
        const char *term = cote_token_term(toks, t, 0);
        for (unsigned j = 0; j < t->n_terms; j++, term += strlen(term) + 1) {
            cote_status_t st = cote_term_positional((cote_term_kind_t)t->kind[j])
                                   ? cote_xdoc_add_posting(d, term, strlen(term), t->position, 1, err)
                                   : cote_xdoc_add_term(d, term, strlen(term), 1, err);
            if (st)
                return st;
        }
    }
    return COTE_OK;
}

/* [[kind, label, start, end, page], ...]: compact, read back by the searcher. */
static json_t *blocks_json(const cote_clean_doc_t *c)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < c->n_blocks; i++) {
        const cote_block_t *b = &c->blocks[i];
        json_t *row = json_pack("[ssIII]", cote_block_kind_name(b->kind), b->label, (json_int_t)b->start,
                                (json_int_t)b->end, (json_int_t)b->page);
        if (!row || json_array_append_new(a, row)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* A NUL-separated list as a JSON array of strings. */
static json_t *list_json(const cote_strbuf_t *list, size_t n)
{
    json_t *a = json_array();
    const char *p = list->data;
    for (size_t i = 0; a && i < n; i++, p += strlen(p) + 1)
        if (json_array_append_new(a, json_string(p))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static cote_status_t add_metadata(cote_analyser_t *an, cote_token_list_t *scratch, cote_xdoc_t *d,
                                  const cote_clean_doc_t *c, unsigned pos, cote_error_t *err);

/* Analyses each block on its own, leaving a gap of positions between blocks
 * so that a phrase never matches across two paragraphs. */
static cote_status_t add_blocks(cote_analyser_t *an, cote_token_list_t *scratch, cote_xdoc_t *d,
                                const cote_clean_doc_t *c, cote_error_t *err)
{
    unsigned pos = 1;
    for (size_t i = 0; i < c->n_blocks; i++) {
        const cote_block_t *b = &c->blocks[i];
        cote_status_t st = cote_analyse(an, c->text.data + b->start, b->end - b->start, pos, scratch, err);
        if (!st)
            st = add_terms(d, scratch, err);
        if (st)
            return st;
        if (scratch->n)
            pos = scratch->v[scratch->n - 1].position + COTE_BLOCK_POSITION_GAP;
    }
    return add_metadata(an, scratch, d, c, pos, err);
}

/* The document symbol an undocs.org link points to ("https://undocs.org/fr/A/RES/74/239"
 * -> "A/RES/74/239"), or NULL for other links. *n receives its length. */
static const char *undocs_symbol(const char *url, size_t *n)
{
    const char *p = strstr(url, "undocs.org/");
    if (!p)
        return NULL;
    p += strlen("undocs.org/");
    if (strlen(p) > 3 && p[2] == '/' && p[0] >= 'a' && p[0] <= 'z' && p[1] >= 'a' && p[1] <= 'z')
        p += 3; /* language: fr/, en/ */
    *n = strlen(p);
    return *n ? p : NULL;
}

/* Page furniture (running headers: the document's own symbols and job number)
 * and the symbols of undocs.org links are not prose, but they are what people
 * search for: index them after the text, each on positions of its own. */
static cote_status_t add_metadata(cote_analyser_t *an, cote_token_list_t *scratch, cote_xdoc_t *d,
                                  const cote_clean_doc_t *c, unsigned pos, cote_error_t *err)
{
    const char *p = c->furniture.data;
    for (size_t i = 0; i < c->n_furniture + c->n_links; i++) {
        if (i == c->n_furniture)
            p = c->links.data;
        const char *text = p;
        size_t n = strlen(p);
        p += n + 1;
        if (i >= c->n_furniture && !(text = undocs_symbol(text, &n)))
            continue;
        cote_status_t st = cote_analyse(an, text, n, pos, scratch, err);
        if (!st)
            st = add_terms(d, scratch, err);
        if (st)
            return st;
        if (scratch->n)
            pos = scratch->v[scratch->n - 1].position + COTE_BLOCK_POSITION_GAP;
    }
    return COTE_OK;
}

static cote_status_t set_data(cote_xdoc_t *d, const cote_record_input_t *in, const char *title,
                              cote_error_t *err)
{
    json_t *o = json_object();
    if (!o)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    int bad = json_object_set_new(o, "file", json_string(in->file));
    bad |= json_object_set_new(o, "doc", json_string(in->doc));
    bad |= json_object_set_new(o, "title", json_string(title));
    if (in->entities)
        bad |= cote_record_entities_json(o, in->entities, in->gazetteer, in->clean->text.data);
    else
        bad |= json_object_set_new(o, "symbols", json_array());
    bad |= json_object_set_new(o, "text", json_stringn(in->clean->text.data, in->clean->text.len));
    bad |= json_object_set_new(o, "blocks", blocks_json(in->clean));
    bad |= json_object_set_new(o, "furniture", list_json(&in->clean->furniture, in->clean->n_furniture));
    bad |= json_object_set_new(o, "links", list_json(&in->clean->links, in->clean->n_links));
    bad |= json_object_set_new(o, "repairs", list_json(&in->clean->repairs, in->clean->n_repairs));
    char *s = bad ? NULL : json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!s)
        return cote_error_set(err, COTE_BAD_INPUT, "cannot store the record (text or name not UTF-8?)");
    cote_status_t st = cote_xdoc_set_data(d, s, strlen(s), err);
    free(s);
    return st;
}

cote_status_t cote_record_build(cote_analyser_t *an, cote_token_list_t *scratch,
                                const cote_record_input_t *in, cote_xdoc_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_xdoc_t *d = NULL;
    char *title = NULL;
    char term[64];
    cote_status_t st = cote_xdoc_new(&d, err);
    if (!st)
        st = add_blocks(an, scratch, d, in->clean, err);
    if (!st) {
        snprintf(term, sizeof term, "%s%s", COTE_PREFIX_ID, in->doc);
        st = cote_xdoc_add_boolean_term(d, term, strlen(term), err);
    }
    if (!st) {
        snprintf(term, sizeof term, "%s%s", COTE_PREFIX_DOC, in->doc);
        st = cote_xdoc_add_boolean_term(d, term, strlen(term), err);
    }
    if (!st)
        st = cote_xdoc_set_value(d, COTE_SLOT_DOC, in->doc, strlen(in->doc), err);
    if (!st && in->entities)
        st = cote_record_entity_terms(d, in->entities, err);
    if (!st && cote_record_title(in->file, in->clean, &title))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st)
        st = set_data(d, in, title, err);
    free(title);
    if (st) {
        cote_xdoc_free(d);
        return st;
    }
    *out = d;
    return COTE_OK;
}
