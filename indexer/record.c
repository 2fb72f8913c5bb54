/* record.c: layout of an indexed record (see core/schema.h). */
#include "record.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "strbuf.h"
#include "utf8.h"

#define TITLE_MAX 240

/* Labels that open a document's front matter without being its title. */
static const char *const front_labels[] = {"Résumé", "Summary", "Note", "Note du Secrétariat", NULL};

static int is_front_label(const char *s, size_t n)
{
    for (const char *const *l = front_labels; *l; l++)
        if (strlen(*l) == n && memcmp(*l, s, n) == 0)
            return 1;
    return 0;
}

/* Trims ASCII spaces and NBSP-free whitespace from both ends of [*s, *s+*n). */
static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

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

cote_status_t cote_record_title(const char *file, const char *text, size_t len, char **out)
{
    *out = NULL;
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    const char *p = text, *end = text + len;
    int lines = 0;
    while (p < end && lines < 4) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        size_t n = (size_t)(le - p);
        p = nl ? nl + 1 : end;
        trim(&s, &n);
        if (n == 0)
            continue;
        if (lines == 0 && is_front_label(s, n))
            break; /* a summary comes first: the text does not state the title */
        /* A continuation line starts in lower case; a new capitalised line ends the title. */
        if (lines > 0 && !(islower((unsigned char)s[0]) || (unsigned char)s[0] >= 0xC3))
            break;
        if (sb.len + n + 1 > TITLE_MAX)
            break;
        if ((lines > 0 && cote_strbuf_putc(&sb, ' ')) || cote_strbuf_append(&sb, s, n)) {
            cote_strbuf_free(&sb);
            return COTE_NOMEM;
        }
        lines++;
        if (s[n - 1] == '.' || s[n - 1] == ':')
            break;
    }
    if (sb.len == 0) {
        cote_strbuf_free(&sb);
        return title_from_file(file, out);
    }
    *out = cote_strbuf_take(&sb);
    return *out ? COTE_OK : COTE_NOMEM;
}

static cote_status_t add_terms(cote_xdoc_t *d, const cote_token_list_t *toks, cote_error_t *err)
{
    for (size_t i = 0; i < toks->n; i++) {
        const cote_token_t *t = &toks->v[i];
        for (unsigned j = 0; j < t->n_terms; j++) {
            const char *term = cote_token_term(toks, t, j);
            cote_status_t st = cote_xdoc_add_posting(d, term, strlen(term), t->position, 1, err);
            if (st)
                return st;
        }
    }
    return COTE_OK;
}

static cote_status_t set_data(cote_xdoc_t *d, const cote_record_input_t *in, const char *title,
                              cote_error_t *err)
{
    json_t *o = json_object();
    json_t *syms = json_array();
    if (!o || !syms) {
        json_decref(o);
        json_decref(syms);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    int bad = json_object_set_new(o, "file", json_string(in->file));
    bad |= json_object_set_new(o, "doc", json_string(in->doc));
    bad |= json_object_set_new(o, "title", json_string(title));
    bad |= json_object_set_new(o, "symbols", syms);
    bad |= json_object_set_new(o, "text", json_stringn(in->text, in->len));
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
        st = cote_analyse(an, in->text, in->len, 1, scratch, err);
    if (!st)
        st = add_terms(d, scratch, err);
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
    if (!st && cote_record_title(in->file, in->text, in->len, &title))
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
