/* record_json.c: the stored records' JSON read from memory (record_json.h). */
#include "record_json.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record_codec.h"
#include "strbuf.h"
#include "utf8.h"
#include "xdb.h"

#define MAX_DEPTH 64

typedef struct {
    const char *p, *end;
    char *buf; /* unescaped strings are built here */
    size_t cap;
} reader_t;

static void skip_space(reader_t *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\t' || *r->p == '\r'))
        r->p++;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* The string at r->p (after its opening quote); NULL for what this reader
 * leaves to jansson. */
static json_t *read_string(reader_t *r)
{
    const char *s = r->p, *q = s;
    while (q < r->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
        q++;
    if (q < r->end && *q == '"') { /* no escape: the common case */
        size_t n = (size_t)(q - s);
        if (!cote_utf8_valid(s, n, NULL))
            return NULL;
        r->p = q + 1;
        return json_stringn_nocheck(s, n);
    }
    size_t n = 0;
    for (q = s; q < r->end && *q != '"'; q++) {
        if (n + 4 >= r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 256;
            char *b = realloc(r->buf, cap);
            if (!b)
                return NULL;
            r->buf = b;
            r->cap = cap;
        }
        unsigned char c = (unsigned char)*q;
        if (c < 0x20)
            return NULL;
        if (c != '\\') {
            r->buf[n++] = (char)c;
            continue;
        }
        if (++q >= r->end)
            return NULL;
        switch (*q) {
        case '"': r->buf[n++] = '"'; break;
        case '\\': r->buf[n++] = '\\'; break;
        case '/': r->buf[n++] = '/'; break;
        case 'b': r->buf[n++] = '\b'; break;
        case 'f': r->buf[n++] = '\f'; break;
        case 'n': r->buf[n++] = '\n'; break;
        case 'r': r->buf[n++] = '\r'; break;
        case 't': r->buf[n++] = '\t'; break;
        case 'u': {
            unsigned v;
            if (r->end - q < 5 || !hex4(q + 1, &v) || v == 0 || (v >= 0xD800 && v <= 0xDFFF))
                return NULL;
            n += cote_utf8_encode(v, r->buf + n);
            q += 4;
            break;
        }
        default:
            return NULL;
        }
    }
    if (q >= r->end || !cote_utf8_valid(r->buf, n, NULL))
        return NULL;
    r->p = q + 1;
    return json_stringn_nocheck(r->buf, n);
}

static json_t *read_integer(reader_t *r)
{
    const char *s = r->p;
    bool neg = s < r->end && *s == '-';
    if (neg)
        s++;
    uint64_t v = 0;
    const char *d = s;
    while (s < r->end && *s >= '0' && *s <= '9' && s - d < 18)
        v = v * 10 + (uint64_t)(*s++ - '0');
    if (s == d || (s < r->end && ((*s >= '0' && *s <= '9') || *s == '.' || *s == 'e' || *s == 'E')) ||
        (*d == '0' && s - d > 1))
        return NULL; /* a real, a huge or a malformed number: jansson's */
    r->p = s;
    return json_integer(neg ? -(json_int_t)v : (json_int_t)v);
}

static json_t *read_value(reader_t *r, int depth);

static json_t *read_array(reader_t *r, int depth)
{
    json_t *a = json_array();
    skip_space(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        return a;
    }
    while (a) {
        json_t *v = read_value(r, depth + 1);
        if (!v || json_array_append_new(a, v))
            break;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == ']') {
            r->p++;
            return a;
        }
        break;
    }
    json_decref(a);
    return NULL;
}

static json_t *read_object(reader_t *r, int depth)
{
    json_t *o = json_object();
    skip_space(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return o;
    }
    while (o) {
        skip_space(r);
        if (r->p >= r->end || *r->p != '"')
            break;
        r->p++;
        json_t *k = read_string(r);
        if (!k)
            break;
        skip_space(r);
        json_t *v = NULL;
        if (r->p < r->end && *r->p == ':') {
            r->p++;
            v = read_value(r, depth + 1);
        }
        int bad = !v || json_object_setn_new_nocheck(o, json_string_value(k), json_string_length(k), v);
        json_decref(k);
        if (bad)
            break;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            return o;
        }
        break;
    }
    json_decref(o);
    return NULL;
}

static int literal(reader_t *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return 0;
    r->p += n;
    return 1;
}

static json_t *read_value(reader_t *r, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    skip_space(r);
    if (r->p >= r->end)
        return NULL;
    switch (*r->p) {
    case '{': r->p++; return read_object(r, depth);
    case '[': r->p++; return read_array(r, depth);
    case '"': r->p++; return read_string(r);
    case 't': return literal(r, "true") ? json_true() : NULL;
    case 'f': return literal(r, "false") ? json_false() : NULL;
    case 'n': return literal(r, "null") ? json_null() : NULL;
    default: return read_integer(r);
    }
}

json_t *cote_record_json_parse(const char *data, size_t len)
{
    reader_t r = {data, data + len, NULL, 0};
    json_t *v = read_value(&r, 0);
    skip_space(&r);
    free(r.buf);
    if (v && r.p != r.end) {
        json_decref(v);
        return NULL;
    }
    return v;
}

cote_status_t cote_record_load(cote_xdoc_t *d, json_t **out, cote_error_t *err)
{
    const char *stored, *data;
    size_t stored_len, len;
    cote_strbuf_t unpacked = COTE_STRBUF_INIT;
    *out = NULL;
    cote_status_t st = cote_xdoc_data(d, &stored, &stored_len, err);
    if (!st)
        st = cote_record_unpack(stored, stored_len, &unpacked, &data, &len, err);
    if (st) {
        cote_strbuf_free(&unpacked);
        return st;
    }
    json_error_t jerr = {.text = "not an object"};
    *out = cote_record_json_parse(data, len);
    if (!*out) /* what the fast reader leaves, and corrupt data: jansson says what is wrong */
        *out = json_loadb(data, len, 0, &jerr);
    cote_strbuf_free(&unpacked);
    if (!*out || !json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        return cote_error_set(err, COTE_DB_CORRUPT, "a stored record is not valid JSON: %s", jerr.text);
    }
    return COTE_OK;
}
