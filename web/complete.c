/* complete.c: prefix completions from the gazetteer and the index's terms.
 *
 * Case and accents: the organisations are matched on a folded form (lower
 * case, Latin accents removed) of both the prefix and each name, since
 * people type "pnud", "Pnud" or "developpement". Index words are stored in
 * lower case without accents (analysis.h, step 5), so the folded prefix
 * ("coopé" -> "coope") finds "cooperation", which is then shown as the
 * index's text writes it, "coopération" (written_form.h).
 *
 * Each source keeps its best KEEP candidates while it reads (a bounded
 * array, the least frequent replaced), so memory does not grow with the
 * index.
 */
#define _POSIX_C_SOURCE 200809L
#include "complete.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "data_files.h"
#include "schema.h"
#include "searcher.h"
#include "utf8.h"

#define KEEP 64
#define COMPLETE_RECORDS 3 /* records read per word for its spelling (written_form.h) */
#define FOLD_MAX 512 /* bytes of a folded name that are compared */

/* --- folding --- */

static uint32_t lower_cp(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F && (c & 1) == 0 && c != 0x130 && c != 0x138)
        return c + 1; /* Latin Extended-A pairs its capitals with the next code point */
    if (c == 0x178)
        return 0xFF;
    return c;
}

static size_t put_cp(char *out, size_t o, size_t cap, uint32_t c)
{
    char u[4];
    size_t k = cote_utf8_encode(c, u);
    if (o + k >= cap || c > 0xFFFF)
        return cap;
    memcpy(out + o, u, k);
    return o + k;
}

/* s[0..n) in lower case and without accents into out (NUL terminated, cut
 * at a code point when it does not fit); returns its length. Typographic
 * apostrophes become ASCII ones, as people type them. */
static size_t fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = cote_utf8_decode(s + i, n - i, &c);
        if (k == 0) {
            c = 0xFFFD;
            k = 1;
        }
        i += k;
        if (c == 0x2019)
            c = '\'';
        c = lower_cp(c);
        c = cote_utf8_unaccent(c);
        size_t next = put_cp(out, o, cap, c);
        if (next >= cap)
            break;
        o = next;
    }
    out[o] = '\0';
    return o;
}

static bool starts_with(const char *s, const char *prefix, size_t n)
{
    return strncmp(s, prefix, n) == 0;
}

/* --- the gazetteer, parsed once --- */

typedef struct {
    const char *id, *fr_name, *fr_acr, *en_name, *en_acr, *aliases;
} org_row_t;

static struct {
    char *text;       /* a copy of organisations.tsv with NULs for tabs and newlines */
    org_row_t *rows;
    size_t n;
} gaz;
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

static void gaz_load(void)
{
    const cote_asset_t *a = cote_embedded_find(cote_data_files, "organisations.tsv");
    if (!a)
        return;
    gaz.text = strndup((const char *)a->data, a->len);
    size_t lines = 1;
    for (size_t i = 0; i < a->len; i++)
        lines += a->data[i] == '\n';
    gaz.rows = calloc(lines, sizeof *gaz.rows);
    if (!gaz.text || !gaz.rows) {
        free(gaz.text);
        free(gaz.rows);
        gaz.text = NULL;
        gaz.rows = NULL;
        return;
    }
    char *p = gaz.text, *end = gaz.text + a->len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line_end = nl ? nl : end;
        *line_end = '\0';
        const char *f[6] = {"", "", "", "", "", ""};
        size_t nf = 0;
        for (char *q = p; nf < 6;) {
            f[nf++] = q;
            char *tab = strchr(q, '\t');
            if (!tab)
                break;
            *tab = '\0';
            q = tab + 1;
        }
        if (*p && *p != '#' && strcmp(f[0], "canonical_id") != 0)
            gaz.rows[gaz.n++] = (org_row_t){f[0], f[1], f[2], f[3], f[4], f[5]};
        p = line_end + 1;
    }
}

/* --- candidates --- */

typedef struct {
    char *text, *label, *key; /* key: folded form, for merging */
    const char *kind;
    unsigned long freq;
} cand_t;

typedef struct {
    cand_t v[KEEP];
    size_t n;
    bool nomem;
} cands_t;

static void cand_free(cand_t *c)
{
    free(c->text);
    free(c->label);
    free(c->key);
    memset(c, 0, sizeof *c);
}

static void cands_free(cands_t *cs)
{
    for (size_t i = 0; i < cs->n; i++)
        cand_free(&cs->v[i]);
    cs->n = 0;
}

/* Adds a candidate, merging with one of the same key (the higher frequency
 * wins). When full, the least frequent makes room for a more frequent one. */
static void cands_add(cands_t *cs, const char *kind, const char *text, size_t tn, const char *label,
                      const char *key, unsigned long freq)
{
    for (size_t i = 0; i < cs->n; i++) {
        cand_t *c = &cs->v[i];
        if (strcmp(c->key, key) != 0)
            continue;
        if (freq > c->freq)
            c->freq = freq;
        return;
    }
    size_t slot = cs->n;
    if (cs->n == KEEP) {
        slot = 0;
        for (size_t i = 1; i < cs->n; i++)
            if (cs->v[i].freq < cs->v[slot].freq)
                slot = i;
        if (cs->v[slot].freq >= freq)
            return;
        cand_free(&cs->v[slot]);
    }
    cand_t c = {strndup(text, tn), label ? strdup(label) : NULL, strdup(key), kind, freq};
    if (!c.text || !c.key || (label && !c.label)) {
        cand_free(&c);
        cs->nomem = true;
        return;
    }
    cs->v[slot] = c;
    if (slot == cs->n)
        cs->n++;
}

static int by_freq_desc(const void *a, const void *b)
{
    const cand_t *x = a, *y = b;
    if (x->freq != y->freq)
        return x->freq < y->freq ? 1 : -1;
    return strcmp(x->text, y->text);
}

/* --- sources --- */

static cote_status_t add_orgs(cote_xdb_t *db, const char *prefix, web_lang_t lang, cands_t *cs,
                              cote_error_t *err)
{
    pthread_once(&gaz_once, gaz_load);
    char want[FOLD_MAX], form[FOLD_MAX], term[256];
    size_t wn = fold(prefix, strlen(prefix), want, sizeof want);
    if (wn == 0)
        return COTE_OK;
    for (size_t r = 0; r < gaz.n; r++) {
        const org_row_t *o = &gaz.rows[r];
        /* the first form that matches: acronyms, then names, then aliases */
        const char *fixed[4] = {o->fr_acr, o->en_acr, o->fr_name, o->en_name};
        const char *match = NULL;
        size_t match_len = 0;
        for (int i = 0; i < 4 && !match; i++) {
            size_t n = strlen(fixed[i]);
            if (n && fold(fixed[i], n, form, sizeof form) >= wn && starts_with(form, want, wn)) {
                match = fixed[i];
                match_len = n;
            }
        }
        for (const char *a = o->aliases; !match && *a;) {
            const char *bar = strchr(a, '|');
            size_t n = bar ? (size_t)(bar - a) : strlen(a);
            /* symbol series ("A/C.1") are not names people type */
            if (n && !memchr(a, '/', n) && fold(a, n, form, sizeof form) >= wn &&
                starts_with(form, want, wn)) {
                match = a;
                match_len = n;
            }
            a = bar ? bar + 1 : a + n;
        }
        if (!match)
            continue;
        int tl = snprintf(term, sizeof term, "%s%s", COTE_PREFIX_ORG, o->id);
        if (tl < 0 || (size_t)tl >= sizeof term)
            continue;
        unsigned long freq = 0;
        cote_status_t st = cote_xdb_term_freq(db, term, &freq, err);
        if (st != COTE_OK)
            return st;
        if (freq == 0)
            continue; /* the index never mentions it */
        const char *name = lang == WEB_LANG_EN && *o->en_name ? o->en_name : o->fr_name;
        if (!*name)
            name = o->en_name;
        cands_add(cs, "org", match, match_len, *name ? name : NULL, o->id, freq);
        if (cs->nomem)
            return cote_error_set(err, COTE_NOMEM, "completion: out of memory");
    }
    return COTE_OK;
}

typedef struct {
    cands_t *cs;
    size_t skip;      /* bytes of the term prefix (XSYM:) not shown */
    unsigned long scanned;
} scan_t;

static int on_symbol(const char *term, size_t len, unsigned long freq, void *ctx)
{
    scan_t *s = ctx;
    if (++s->scanned > WEB_COMPLETE_SCAN || s->cs->nomem)
        return 1;
    if (len <= s->skip)
        return 0;
    char key[256];
    size_t n = len - s->skip < sizeof key - 1 ? len - s->skip : sizeof key - 1;
    memcpy(key, term + s->skip, n);
    key[n] = '\0';
    cands_add(s->cs, "symbol", term + s->skip, len - s->skip, NULL, key, freq);
    return 0;
}

static cote_status_t add_symbols(cote_xdb_t *db, const char *prefix, cands_t *cs, cote_error_t *err)
{
    char term[128];
    size_t pn = strlen(COTE_PREFIX_SYMBOL), n = strlen(prefix);
    if (pn + n >= sizeof term || !((prefix[0] | 0x20) >= 'a' && (prefix[0] | 0x20) <= 'z'))
        return COTE_OK;
    memcpy(term, COTE_PREFIX_SYMBOL, pn);
    for (size_t i = 0; i < n; i++) {
        char c = prefix[i];
        if (c == ' ' || (unsigned char)c >= 0x80)
            return COTE_OK; /* symbols are ASCII without spaces */
        term[pn + i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    }
    term[pn + n] = '\0';
    scan_t s = {cs, pn, 0};
    cote_status_t st = cote_xdb_allterms(db, term, on_symbol, &s, err);
    if (st == COTE_OK && cs->nomem)
        st = cote_error_set(err, COTE_NOMEM, "completion: out of memory");
    return st;
}

static int on_word(const char *term, size_t len, unsigned long freq, void *ctx)
{
    scan_t *s = ctx;
    if (++s->scanned > WEB_COMPLETE_SCAN || s->cs->nomem)
        return 1;
    char bare[128];
    size_t bn = fold(term, len, bare, sizeof bare);
    size_t cps = 0;
    bool digits = true, wordlike = true;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)term[i];
        cps += (c & 0xC0) != 0x80;
        digits = digits && c >= '0' && c <= '9';
        /* file names and addresses ("cooperation.html") are not words to offer */
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-')
            wordlike = false;
    }
    if (cps < 3 || digits || !wordlike || bn >= sizeof bare - 1 || cote_stopword(bare, bn))
        return 0;
    /* an accented form, which indexes before schema 10 hold beside the
     * accent-free one: that one is the word (written_form.h shows its accents) */
    if (bn != len || memcmp(bare, term, len) != 0)
        return 0;
    cands_add(s->cs, "term", term, len, NULL, bare, freq);
    return 0;
}

static cote_status_t add_words(cote_xdb_t *db, const char *prefix, cands_t *cs, cote_error_t *err)
{
    char low[FOLD_MAX];
    size_t n = fold(prefix, strlen(prefix), low, sizeof low); /* words are indexed accent-free */
    /* one word of letters and digits (and inner hyphens or apostrophes) */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)low[i];
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-')
            return COTE_OK;
    }
    if (n < 2)
        return COTE_OK;
    scan_t s = {cs, 0, 0};
    cote_status_t st = cote_xdb_allterms(db, low, on_word, &s, err);
    if (st == COTE_OK && cs->nomem)
        st = cote_error_set(err, COTE_NOMEM, "completion: out of memory");
    return st;
}

/* --- the whole --- */

/* Moves the best of cs (sorted) to out, skipping texts already there
 * (case-insensitively: the word "pnud" after the organisation PNUD). */
static cote_status_t take(cands_t *cs, unsigned max, web_completions_t *out, cote_error_t *err)
{
    qsort(cs->v, cs->n, sizeof cs->v[0], by_freq_desc);
    for (size_t i = 0; i < cs->n && out->n < max; i++) {
        cand_t *c = &cs->v[i];
        char a[FOLD_MAX], b[FOLD_MAX];
        fold(c->text, strlen(c->text), a, sizeof a);
        bool dup = false;
        for (size_t k = 0; k < out->n && !dup; k++) {
            fold(out->v[k].text, strlen(out->v[k].text), b, sizeof b);
            dup = strcmp(a, b) == 0;
        }
        if (dup)
            continue;
        web_completion_t w = {c->text, c->label, c->kind, c->freq};
        if (!w.label)
            w.label = strdup(c->text);
        if (!w.label)
            return cote_error_set(err, COTE_NOMEM, "completion: out of memory");
        c->text = NULL;
        c->label = NULL;
        out->v[out->n++] = w;
    }
    cands_free(cs);
    return COTE_OK;
}

/* The words shown as the index's text writes them ("coopération"). */
static cote_status_t write_words(cote_searcher_t *s, web_completions_t *out, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < out->n && st == COTE_OK; i++) {
        web_completion_t *w = &out->v[i];
        char *written = NULL;
        if (strcmp(w->kind, "term") != 0)
            continue;
        st = cote_searcher_written_form(s, w->text, COMPLETE_RECORDS, &written, err);
        char *label = written ? strdup(written) : NULL;
        if (st == COTE_OK && !label)
            st = cote_error_set(err, COTE_NOMEM, "completion: out of memory");
        if (st != COTE_OK) {
            free(written);
            free(label);
            break;
        }
        free(w->text);
        free(w->label);
        w->text = written;
        w->label = label;
    }
    return st;
}

cote_status_t web_complete(cote_searcher_t *searcher, const char *prefix, web_lang_t lang, unsigned max,
                           web_completions_t *out, cote_error_t *err)
{
    cote_xdb_t *db = cote_searcher_db(searcher);
    out->v = NULL;
    out->n = 0;
    if (max == 0 || max > WEB_COMPLETE_MAX)
        max = WEB_COMPLETE_DEFAULT;
    while (*prefix == ' ')
        prefix++;
    size_t n = strlen(prefix);
    if (n < 2 || n > WEB_COMPLETE_PREFIX_MAX)
        return COTE_OK;
    out->v = calloc(max, sizeof *out->v);
    if (!out->v)
        return cote_error_set(err, COTE_NOMEM, "completion: out of memory");

    cands_t *cs = calloc(1, sizeof *cs);
    if (!cs) {
        web_completions_free(out);
        return cote_error_set(err, COTE_NOMEM, "completion: out of memory");
    }
    bool symbol_first = strchr(prefix, '/') != NULL;
    cote_status_t st = COTE_OK;
    for (int step = 0; step < 3 && st == COTE_OK; step++) {
        int source = step;
        if (symbol_first)
            source = step == 0 ? 1 : step == 1 ? 0 : 2;
        switch (source) {
        case 0: st = add_orgs(db, prefix, lang, cs, err); break;
        case 1: st = add_symbols(db, prefix, cs, err); break;
        default: st = add_words(db, prefix, cs, err); break;
        }
        if (st == COTE_OK)
            st = take(cs, max, out, err);
    }
    if (st == COTE_OK)
        st = write_words(searcher, out, err);
    cands_free(cs);
    free(cs);
    if (st != COTE_OK)
        web_completions_free(out);
    return st;
}

void web_completions_free(web_completions_t *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].text);
        free(c->v[i].label);
    }
    free(c->v);
    c->v = NULL;
    c->n = 0;
}
