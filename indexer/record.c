/* record.c: layout of an indexed record (see core/schema.h). */
#include "record.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "record_codec.h"
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

/* The terms of tokens [from, to) of toks, each at its position + shift. */
static cote_status_t add_terms(cote_xdoc_t *d, const cote_token_list_t *toks, size_t from, size_t to, long shift,
                               cote_error_t *err)
{
    for (size_t i = from; i < to; i++) {
        const cote_token_t *t = &toks->v[i];
        const char *term = cote_token_term(toks, t, 0);
        for (unsigned j = 0; j < t->n_terms; j++, term += strlen(term) + 1) {
            /* Only the broadest forms: no stem terms since schema 8 (the
             * searcher finds a stem's words in the vocabulary,
             * searcher/stem_forms.h), no accented form beside its accent-free
             * one since schema 10 (no search reads it; suggestions find it in
             * the stored text, searcher/written_form.h). */
            if (!cote_token_term_positional(t, j))
                continue;
            cote_status_t st = cote_xdoc_add_posting(d, term, strlen(term), (unsigned)(t->position + shift), 1, err);
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

/* The text around the blocks: n_blocks + 1 strings (before the first block,
 * between each two, after the last). The blocks' own text is stored in their
 * passages, so the document record keeps only this, and the searcher joins
 * the two back (searcher.c, load_document): the text is not stored twice.
 * NULL when blocks overlap or run backwards (then the whole text is stored). */
static json_t *gaps_json(const cote_clean_doc_t *c)
{
    size_t at = 0;
    for (size_t i = 0; i < c->n_blocks; i++) {
        if (c->blocks[i].start < at || c->blocks[i].end < c->blocks[i].start || c->blocks[i].end > c->text.len)
            return NULL;
        at = c->blocks[i].end;
    }
    json_t *a = json_array();
    at = 0;
    for (size_t i = 0; a && i <= c->n_blocks; i++) {
        size_t to = i < c->n_blocks ? c->blocks[i].start : c->text.len;
        if (json_array_append_new(a, json_stringn(c->text.data + at, to - at))) {
            json_decref(a);
            return NULL;
        }
        if (i < c->n_blocks)
            at = c->blocks[i].end;
    }
    return a;
}

/* Sets d's data to the record json, packed (core/record_codec.h): here, on
 * the record thread, rather than by Xapian's zlib on the writer's. */
static cote_status_t store_json(cote_xdoc_t *d, const char *json, cote_error_t *err)
{
    cote_strbuf_t packed = COTE_STRBUF_INIT;
    cote_status_t st = cote_record_pack(json, strlen(json), &packed, err);
    if (!st)
        st = cote_xdoc_set_data(d, packed.data, packed.len, err);
    cote_strbuf_free(&packed);
    return st;
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

/* The document symbol an undocs.org link points to, or NULL for other links.
 * *n receives its length. */
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

int cote_record_metadata_next(const cote_clean_doc_t *c, cote_metadata_iter_t *it, const char **text, size_t *n)
{
    if (!it->p)
        it->p = c->furniture.data;
    while (it->i < c->n_furniture + c->n_links) {
        if (it->i == c->n_furniture)
            it->p = c->links.data;
        const char *s = it->p;
        size_t len = strlen(s);
        it->p += len + 1;
        if (it->i++ >= c->n_furniture && !(s = undocs_symbol(s, &len)))
            continue;
        *text = s;
        *n = len;
        return 1;
    }
    return 0;
}

/* Page furniture and link symbols are not prose, but they are what people
 * search for: index them after the text, each on positions of its own. */
static cote_status_t add_metadata(cote_analyser_t *an, cote_token_list_t *scratch, cote_xdoc_t *d,
                                  const cote_clean_doc_t *c, unsigned pos, cote_error_t *err)
{
    cote_metadata_iter_t it = {0};
    const char *text;
    size_t n;
    while (cote_record_metadata_next(c, &it, &text, &n)) {
        cote_status_t st = cote_analyse(an, text, n, pos, scratch, err);
        if (!st)
            st = add_terms(d, scratch, 0, scratch->n, 0, err);
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
    json_t *gaps = gaps_json(in->clean);
    if (gaps)
        bad |= json_object_set_new(o, "gaps", gaps);
    else
        bad |= json_object_set_new(o, "text", json_stringn(in->clean->text.data, in->clean->text.len));
    bad |= json_object_set_new(o, "blocks", blocks_json(in->clean));
    bad |= json_object_set_new(o, "furniture", list_json(&in->clean->furniture, in->clean->n_furniture));
    bad |= json_object_set_new(o, "links", list_json(&in->clean->links, in->clean->n_links));
    bad |= json_object_set_new(o, "repairs", list_json(&in->clean->repairs, in->clean->n_repairs));
    char *s = bad ? NULL : json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!s)
        return cote_error_set(err, COTE_BAD_INPUT, "cannot store the record (text or name not UTF-8?)");
    cote_status_t st = store_json(d, s, err);
    free(s);
    return st;
}

/* The numbered paragraph a block belongs to: its own number, or for an item
 * the number of the paragraph it continues; 0 when none. */
static long paragraph_of(const cote_clean_doc_t *c, size_t i)
{
    for (size_t k = i + 1; k-- > 0;) {
        const cote_block_t *b = &c->blocks[k];
        if (b->kind == COTE_BLOCK_PARAGRAPH && b->label[0] >= '0' && b->label[0] <= '9')
            return strtol(b->label, NULL, 10);
        if (b->kind != COTE_BLOCK_ITEM) /* only items look back, and only over items */
            return 0;
    }
    return 0;
}

/* The entities a block mentions, as the keys the searcher compares with a
 * query's (core/schema.h, COTE_ENTITY_KEY_*): how it tells which block of a
 * section a search for an entity matched. NULL when none. The document's own
 * symbols and its links' belong to its first block. */
static json_t *block_entities(const cote_doc_entities_t *e, size_t from, size_t to, int first)
{
    json_t *a = NULL;
    char key[COTE_ENTITY_CANON_MAX + 32];
    for (size_t pass = 0; pass < 4; pass++) {
        const cote_entity_list_t *l = pass == 0 ? &e->own : pass == 1 ? &e->citations : pass == 2 ? &e->orgs : &e->dates;
        for (size_t i = 0; i < l->n; i++) {
            const cote_entity_t *en = &l->v[i];
            int here = pass == 0 || (pass == 1 && (en->flags & COTE_ENT_LINK)) ? first
                                                                                 : en->start >= from && en->start < to;
            if (!here)
                continue;
            if (pass == 3)
                snprintf(key, sizeof key, "%c%08u-%08u", COTE_ENTITY_KEY_DATE, (unsigned)en->from, (unsigned)en->to);
            else
                snprintf(key, sizeof key, "%c%s", pass == 2 ? COTE_ENTITY_KEY_ORG : COTE_ENTITY_KEY_SYMBOL, en->canon);
            int dup = 0;
            size_t k;
            json_t *v;
            json_array_foreach(a, k, v) dup |= strcmp(json_string_value(v), key) == 0;
            if (dup)
                continue;
            if (!a)
                a = json_array();
            json_array_append_new(a, json_string(key));
        }
    }
    return a;
}

/* One block as a section stores it: [n, kind, label, paragraph, page, text]
 * and, when it mentions any, the keys of its entities. */
static json_t *section_block_json(const cote_record_input_t *in, size_t i)
{
    const cote_clean_doc_t *c = in->clean;
    const cote_block_t *b = &c->blocks[i];
    long par = paragraph_of(c, i);
    json_t *row = json_pack("[Isso Is%]", (json_int_t)i, cote_block_kind_name(b->kind), b->label,
                            par ? json_integer(par) : json_null(), (json_int_t)b->page, c->text.data + b->start,
                            b->end - b->start);
    json_t *ents = row && in->entities ? block_entities(in->entities, b->start, b->end, i == 0) : NULL;
    if (ents && json_array_append_new(row, ents)) {
        json_decref(row);
        return NULL;
    }
    return row;
}

static cote_status_t section_data(cote_xdoc_t *d, const cote_record_input_t *in, const char *title, size_t first,
                                  size_t end, cote_error_t *err)
{
    json_t *syms = json_array();
    for (size_t k = 0; in->entities && syms && k < in->entities->own.n; k++)
        json_array_append_new(syms, json_string(in->entities->own.v[k].canon));
    json_t *blocks = json_array();
    for (size_t i = first; blocks && i < end; i++) {
        json_t *row = section_block_json(in, i);
        if (!row || json_array_append_new(blocks, row)) {
            json_decref(blocks);
            blocks = NULL;
        }
    }
    /* the document's date as precise as it is known ("2020", "2022-09-12"), for hits */
    const char *date = in->entities ? in->entities->date_iso : "";
    json_t *o = blocks && syms ? json_pack("{s:s,s:s,s:s,s:O,s:s,s:O}", "file", in->file, "doc", in->doc, "title",
                                           title, "symbols", syms, "date", date, "blocks", blocks)
                               : NULL;
    json_decref(syms);
    json_decref(blocks);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s)
        return cote_error_set(err, COTE_BAD_INPUT, "cannot store a passage (text or name not UTF-8?)");
    cote_status_t st = store_json(d, s, err);
    free(s);
    return st;
}

static cote_status_t boolean(cote_xdoc_t *d, const char *prefix, const char *value, cote_error_t *err)
{
    char term[COTE_TERM_MAX + 16];
    int n = snprintf(term, sizeof term, "%s%s", prefix, value);
    return cote_xdoc_add_boolean_term(d, term, (size_t)n, err);
}

/* The tokens [*from, *to) of the whole text's analysis that lie in block b,
 * when they are what analysing the block alone gives: false when a token
 * straddles one of its ends (then the block is analysed by itself). */
static bool block_tokens(const cote_token_list_t *toks, const cote_block_t *b, size_t *from, size_t *to)
{
    size_t lo = 0, hi = toks->n;
    while (lo < hi) { /* the first token ending after the block's start */
        size_t mid = lo + (hi - lo) / 2;
        if (toks->v[mid].end <= b->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    if (k < toks->n && toks->v[k].start < b->start)
        return false;
    while (k < toks->n && toks->v[k].end <= b->end)
        k++;
    if (k < toks->n && toks->v[k].start < b->end)
        return false;
    *from = lo;
    *to = k;
    return true;
}

/* One section: the blocks [first, ...) that reach in->section_words words
 * (the last may pass it; a block is never cut), each block's words on
 * positions of its own range (phrases never span two blocks), then (first
 * section only) the page furniture and link symbols, the entities in its
 * blocks, the document's type, organ and date terms and values, a unique term
 * per block and XKIND:passage counting its blocks. *end receives the block
 * after its last. */
static cote_status_t build_section(cote_analyser_t *an, cote_token_list_t *scratch, const cote_record_input_t *in,
                                   const char *title, size_t first, size_t *end, cote_xdoc_t **out,
                                   cote_error_t *err)
{
    const cote_clean_doc_t *c = in->clean;
    cote_xdoc_t *d = NULL;
    cote_status_t st = cote_xdoc_new(&d, err);
    unsigned pos = 1;
    size_t words = 0, i = first, most = in->section_words ? in->section_words : COTE_SECTION_WORDS_DEFAULT;
    while (!st && i < c->n_blocks && (i == first || words < most)) {
        const cote_block_t *b = &c->blocks[i];
        const cote_token_list_t *toks = scratch;
        size_t from = 0, to = 0;
        long shift = 0;
        if (in->tokens && block_tokens(in->tokens, b, &from, &to)) {
            toks = in->tokens;
            shift = from < to ? (long)pos - (long)toks->v[from].position : 0;
        } else {
            st = cote_analyse(an, c->text.data + b->start, b->end - b->start, pos, scratch, err);
            to = st ? 0 : scratch->n;
        }
        if (!st)
            st = add_terms(d, toks, from, to, shift, err);
        if (!st && to > from) {
            pos = (unsigned)(toks->v[to - 1].position + shift) + COTE_BLOCK_POSITION_GAP;
            words += to - from;
        }
        i++;
    }
    *end = i;
    if (!st && first == 0)
        st = add_metadata(an, scratch, d, c, pos, err);
    if (!st && in->entities)
        st = cote_record_span_terms(d, in->entities, c->blocks[first].start, c->blocks[i - 1].end, first == 0, err);
    if (!st && in->entities)
        st = cote_record_doc_terms(d, in->entities, err);
    if (!st)
        st = boolean(d, COTE_PREFIX_DOC, in->doc, err);
    /* its wdf is the number of blocks: the collection frequency counts passages */
    if (!st)
        st = cote_xdoc_add_term(d, COTE_PREFIX_KIND COTE_KIND_PASSAGE, strlen(COTE_PREFIX_KIND COTE_KIND_PASSAGE),
                                (unsigned)(i - first), err);
    /* named by its first block only: the section of block k is the one
     * with the greatest first block <= k (searcher.c, section_of_block).
     * A term for each block was a unique term per block, 64% of a shard's
     * vocabulary, each written at its own place in the B-tree. */
    if (!st) {
        char unique[COTE_DOC_ID_LEN + 32];
        int n = snprintf(unique, sizeof unique, "%s%s#%zu", COTE_PREFIX_ID, in->doc, first);
        st = cote_xdoc_add_boolean_term(d, unique, (size_t)n, err);
    }
    if (!st)
        st = cote_xdoc_set_value(d, COTE_SLOT_DOC, in->doc, strlen(in->doc), err);
    if (!st)
        st = section_data(d, in, title, first, i, err);
    if (st) {
        cote_xdoc_free(d);
        return st;
    }
    *out = d;
    return COTE_OK;
}

cote_status_t cote_record_build(cote_analyser_t *an, cote_token_list_t *scratch, const cote_record_input_t *in,
                                cote_record_fn fn, void *ctx, cote_error_t *err)
{
    char *title = NULL;
    char unique[COTE_DOC_ID_LEN + 32];
    if (cote_record_title(in->file, in->clean, &title))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    /* the document record */
    cote_xdoc_t *d = NULL;
    cote_status_t st = cote_xdoc_new(&d, err);
    snprintf(unique, sizeof unique, "%s%s", COTE_PREFIX_ID, in->doc);
    if (!st)
        st = cote_xdoc_add_boolean_term(d, unique, strlen(unique), err);
    if (!st)
        st = boolean(d, COTE_PREFIX_DOC, in->doc, err);
    if (!st)
        st = boolean(d, COTE_PREFIX_KIND, COTE_KIND_DOC, err);
    if (!st && in->entities)
        st = cote_record_doc_filters(d, in->entities, err);
    /* the searcher reads a filter's documents' ids from here */
    if (!st)
        st = cote_xdoc_set_value(d, COTE_SLOT_DOC, in->doc, strlen(in->doc), err);
    if (!st)
        st = set_data(d, in, title, err);
    if (!st && in->source)
        st = cote_xdoc_set_value(d, COTE_SLOT_SOURCE, in->source, strlen(in->source), err);
    if (!st) {
        st = fn(unique, d, ctx, err);
        d = NULL; /* the callback's */
    }
    cote_xdoc_free(d);
    /* its sections, each named by its first block */
    for (size_t i = 0, next = 0; i < in->clean->n_blocks && !st; i = next) {
        cote_xdoc_t *p = NULL;
        st = build_section(an, scratch, in, title, i, &next, &p, err);
        snprintf(unique, sizeof unique, "%s%s#%zu", COTE_PREFIX_ID, in->doc, i);
        if (!st) {
            st = fn(unique, p, ctx, err);
            p = NULL; /* the callback's */
        }
        cote_xdoc_free(p);
    }
    free(title);
    return st;
}
