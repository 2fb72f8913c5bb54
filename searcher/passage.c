/* passage.c: finding a passage of a stored document by its selector. */
#include "passage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

typedef enum { SEL_PARAGRAPH, SEL_NOTE, SEL_BLOCK } sel_kind_t;

/* Reads "9", "par-9", "note-3", "n3", "block-12". */
static int parse_selector(const char *s, sel_kind_t *kind, long *n)
{
    static const struct {
        const char *prefix;
        sel_kind_t kind;
    } forms[] = {{"par-", SEL_PARAGRAPH}, {"par", SEL_PARAGRAPH}, {"note-", SEL_NOTE}, {"n", SEL_NOTE},
                 {"block-", SEL_BLOCK}, {"", SEL_PARAGRAPH}};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t k = strlen(forms[i].prefix);
        if (strncmp(s, forms[i].prefix, k) != 0 || !(s[k] >= '0' && s[k] <= '9'))
            continue;
        char *end;
        long v = strtol(s + k, &end, 10);
        if (*end || v < 0 || v > 1000000)
            return 0;
        *kind = forms[i].kind;
        *n = v;
        return 1;
    }
    return 0;
}

cote_status_t cote_document_passage(const cote_document_t *d, const char *selector, cote_passage_t *out,
                                    cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    sel_kind_t kind;
    long n;
    if (!parse_selector(selector, &kind, &n))
        return cote_error_set(err, COTE_NOT_FOUND, "\"%s\" names no passage (try 9, par-9, note-3, block-12)",
                              selector);
    json_error_t jerr;
    json_t *rec = d->record ? json_loads(d->record, 0, &jerr) : NULL;
    json_t *blocks = json_object_get(rec, "blocks");
    if (!json_is_array(blocks)) {
        json_decref(rec);
        return cote_error_set(err, COTE_INVALID_ARG, "the document holds no passages");
    }
    size_t tlen = strlen(d->text);
    cote_status_t st = cote_error_set(err, COTE_NOT_FOUND, "the document has no passage %s", selector);
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        const char *k = json_string_value(json_array_get(b, 0));
        const char *label = json_string_value(json_array_get(b, 1));
        int hit = kind == SEL_BLOCK ? (long)i == n
                                    : (k && label && label[0] >= '0' && label[0] <= '9' && strtol(label, NULL, 10) == n &&
                                       strcmp(k, kind == SEL_NOTE ? "footnote" : "paragraph") == 0);
        if (!hit)
            continue;
        json_int_t start = json_integer_value(json_array_get(b, 2)), end = json_integer_value(json_array_get(b, 3));
        if (start < 0 || end < start || (size_t)end > tlen)
            break;
        snprintf(out->kind, sizeof out->kind, "%s", k ? k : "");
        snprintf(out->label, sizeof out->label, "%s", label ? label : "");
        out->block = (long)i;
        out->page = (long)json_integer_value(json_array_get(b, 4));
        out->text = d->text + start;
        out->len = (size_t)(end - start);
        st = COTE_OK;
        cote_error_clear(err);
        break;
    }
    json_decref(rec);
    return st;
}
