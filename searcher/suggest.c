/* suggest.c: spelling suggestions from the index's vocabulary (suggest.h). */
#include "suggest.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "strbuf.h"
#include "utf8.h"
#include "written_form.h"

#define WORD_MAX 64       /* letters; longer words get no suggestion */
#define CANDIDATES_MAX 512
#define SUGGEST_RECORDS 8 /* records read for the spelling shown (written_form.h) */
/* A word the index holds this rarely may still be a typo of a common one:
 * suggested (never searched instead) when the neighbour is RARE_RATIO times
 * more frequent. */
#define RARE_FREQ 2
#define RARE_RATIO 50

/* The base letter of a lower- or upper-case Latin-1 letter with a diacritic
 * (what analysis's accent-free form keeps); any other code point as is. */
static unsigned fold_cp(unsigned c)
{
    static const char latin1[] = /* U+00C0 .. U+00FF */
        "aaaaaaaceeeeiiii" "dnooooo*ouuuuyts"
        "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
    if (c >= 0xC0 && c <= 0xFF && latin1[c - 0xC0] != '*' && latin1[c - 0xC0] != '/')
        return (unsigned char)latin1[c - 0xC0];
    return c;
}

static int is_letter(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || c == 0x153 || c == 0xE6;
}

/* Decodes s[0..n) into at most cap code points; 0 when it does not fit or
 * holds anything but lower-case letters. */
static size_t decode_letters(const char *s, size_t n, unsigned *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t step = cote_utf8_decode(s + i, n - i, &c);
        if (!step || k == cap || !is_letter(c))
            return 0;
        out[k++] = c;
        i += step;
    }
    return k;
}

unsigned cote_edit_distance(const unsigned *a, size_t na, const unsigned *b, size_t nb, unsigned max)
{
    if (na > WORD_MAX || nb > WORD_MAX)
        return max + 1;
    if ((na > nb ? na - nb : nb - na) > max)
        return max + 1;
    /* three rows of the optimal-string-alignment table */
    unsigned rows[3][WORD_MAX + 1];
    unsigned *pp = rows[0], *p = rows[1], *c = rows[2];
    for (size_t j = 0; j <= nb; j++)
        p[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        c[0] = (unsigned)i;
        unsigned best = c[0];
        for (size_t j = 1; j <= nb; j++) {
            unsigned cost = a[i - 1] != b[j - 1];
            unsigned v = p[j - 1] + cost;
            if (p[j] + 1 < v)
                v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
        unsigned *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[nb] > max ? max + 1 : p[nb];
}

typedef struct {
    char *term;
    unsigned long freq;
    unsigned dist;
} candidate_t;

typedef struct {
    unsigned word[WORD_MAX];
    size_t n;
    unsigned max;
    candidate_t *v;
    size_t nv;
    int oom;
} scan_t;

static int visit_term(const char *term, size_t len, unsigned long freq, void *ctx)
{
    scan_t *sc = ctx;
    unsigned cps[WORD_MAX];
    size_t n = decode_letters(term, len, cps, WORD_MAX);
    if (!n || (n > sc->n ? n - sc->n : sc->n - n) > sc->max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (fold_cp(cps[i]) != cps[i])
            return 0; /* an accented form, which indexes before schema 10 hold beside its accent-free one */
    unsigned d = cote_edit_distance(sc->word, sc->n, cps, n, sc->max);
    if (d == 0 || d > sc->max || sc->nv == CANDIDATES_MAX)
        return 0;
    /* candidates further than the best so far will never be chosen */
    for (size_t i = 0; i < sc->nv; i++)
        if (sc->v[i].dist < d)
            return 0;
    candidate_t *c = &sc->v[sc->nv];
    c->term = strndup(term, len);
    c->freq = freq;
    c->dist = d;
    if (!c->term) {
        sc->oom = 1;
        return 1;
    }
    sc->nv++;
    return 0;
}

/* Among the closest candidates, the word most often met (then the first in
 * byte order, so that shards read in any order agree). */
static const candidate_t *choose(const scan_t *sc)
{
    if (!sc->nv)
        return NULL;
    const candidate_t *best = &sc->v[0];
    for (size_t i = 1; i < sc->nv; i++) {
        const candidate_t *c = &sc->v[i];
        bool more_frequent = c->freq > best->freq || (c->freq == best->freq && strcmp(c->term, best->term) < 0);
        if (c->dist < best->dist || (c->dist == best->dist && more_frequent))
            best = c;
    }
    return best;
}

static cote_status_t suggest_word(cote_xdb_t *db, cote_analyser_t *an, cote_token_list_t *scratch, const char *word,
                                  size_t len, char **out, unsigned *distance, unsigned long *freq, cote_error_t *err)
{
    *out = NULL;
    *distance = 0;
    *freq = 0;
    scan_t sc;
    memset(&sc, 0, sizeof sc);
    unsigned cps[WORD_MAX];
    sc.n = decode_letters(word, len, cps, WORD_MAX);
    if (sc.n < COTE_SUGGEST_MIN_LETTERS)
        return COTE_OK;
    for (size_t i = 0; i < sc.n; i++)
        sc.word[i] = fold_cp(cps[i]);
    sc.max = sc.n >= COTE_SUGGEST_LONG_LETTERS ? 2 : 1;
    if (sc.word[0] >= 0x80)
        return COTE_OK; /* a first letter outside Latin-1 (œ): its words are not scanned */
    if (!(sc.v = calloc(CANDIDATES_MAX, sizeof *sc.v)))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    char first[2] = {(char)sc.word[0], '\0'};
    cote_status_t st = cote_xdb_allterms(db, first, visit_term, &sc, err);
    if (!st && sc.oom)
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    const candidate_t *c = st ? NULL : choose(&sc);
    if (c) {
        /* shown as the index's text mostly writes it: "coopération" */
        st = cote_written_form(db, an, scratch, c->term, SUGGEST_RECORDS, out, err);
        *distance = c->dist;
        *freq = c->freq;
    }
    for (size_t i = 0; i < sc.nv; i++)
        free(sc.v[i].term);
    free(sc.v);
    return st;
}

cote_status_t cote_suggest_word(cote_xdb_t *db, cote_analyser_t *an, cote_token_list_t *scratch, const char *word,
                                size_t len, char **out, unsigned *distance, cote_error_t *err)
{
    unsigned long freq;
    return suggest_word(db, an, scratch, word, len, out, distance, &freq, err);
}

/* Is token [start, end) of q something to leave as typed: inside a quoted
 * phrase, a field name or value, a prefix*, part of a hyphenated word? */
static int left_as_typed(const char *q, size_t len, size_t start, size_t end)
{
    unsigned quotes = 0;
    for (size_t i = 0; i < start; i++)
        quotes += q[i] == '"';
    if (quotes % 2)
        return 1;
    if (end < len && (q[end] == '*' || q[end] == ':' || q[end] == '-'))
        return 1;
    size_t chunk = start;
    while (chunk > 0 && q[chunk - 1] != ' ' && q[chunk - 1] != '\t' && q[chunk - 1] != '(')
        chunk--;
    for (size_t i = chunk; i < start; i++)
        if (q[i] == ':' || (q[i] == '-' && i > chunk))
            return 1;
    return 0;
}

/* Capitals (acronyms) and anything with a digit are names, not typos. */
static int looks_like_name(const char *s, size_t n)
{
    size_t upper = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            return 1;
        upper += c >= 'A' && c <= 'Z';
    }
    return upper >= 2;
}

/* Appends word, its first letter in capitals when the typed one was. */
static cote_status_t append_cased(cote_strbuf_t *sb, const char *typed, const char *word)
{
    unsigned char t0 = (unsigned char)typed[0];
    int cap = (t0 >= 'A' && t0 <= 'Z') || (t0 == 0xC3 && (unsigned char)typed[1] >= 0x80 &&
                                          (unsigned char)typed[1] <= 0x9E);
    size_t at = sb->len;
    if (cote_strbuf_puts(sb, word))
        return COTE_NOMEM;
    unsigned char *w = (unsigned char *)sb->data + at;
    if (cap && w[0] >= 'a' && w[0] <= 'z')
        w[0] = (unsigned char)(w[0] - 32);
    else if (cap && w[0] == 0xC3 && w[1] >= 0xA0 && w[1] <= 0xBE && w[1] != 0xB7)
        w[1] = (unsigned char)(w[1] - 0x20);
    return COTE_OK;
}

cote_status_t cote_suggest_query(cote_xdb_t *db, cote_analyser_t *an, cote_stem_forms_t *stems,
                                 cote_token_list_t *toks, const char *query, size_t len, cote_suggestion_t *out,
                                 cote_error_t *err)
{
    cote_suggestion_t none = COTE_SUGGESTION_INIT;
    *out = none;
    cote_status_t st = cote_analyse(an, query, len, 1, toks, err);
    if (st)
        return st;
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    cote_token_list_t scratch = COTE_TOKEN_LIST_INIT; /* toks is being read */
    size_t copied = 0;
    unsigned words = 0;
    bool unknown_only = true, long_only = true;
    for (size_t i = 0; i < toks->n && !st; i++) {
        const cote_token_t *t = &toks->v[i];
        const char *raw = query + t->start;
        size_t rn = t->end - t->start;
        if (left_as_typed(query, len, t->start, t->end) || looks_like_name(raw, rn) ||
            cote_query_operator(raw, rn) != COTE_QOP_NONE)
            continue;
        const char *bare = cote_token_bare(toks, t);
        if (cote_stopword(bare, strlen(bare)))
            continue;
        /* the word matches when its stem does (that is what free words search) */
        const char *stem = cote_token_stem(toks, t);
        unsigned long freq = 0;
        st = stem ? cote_stem_forms_freq(stems, db, an, stem, &freq, err) : cote_xdb_term_freq(db, bare, &freq, err);
        if (st || freq > RARE_FREQ)
            continue;
        char *fix = NULL;
        unsigned dist = 0;
        unsigned long fix_freq = 0;
        const char *exact = cote_token_term(toks, t, 0);
        st = suggest_word(db, an, &scratch, exact, strlen(exact), &fix, &dist, &fix_freq, err);
        if (st || !fix || (freq > 0 && (dist > 1 || fix_freq < RARE_RATIO * freq))) {
            free(fix);
            continue;
        }
        unsigned letters[WORD_MAX];
        size_t nl = decode_letters(exact, strlen(exact), letters, WORD_MAX);
        if (cote_strbuf_append(&sb, query + copied, t->start - copied) || append_cased(&sb, raw, fix))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        copied = t->end;
        words++;
        unknown_only = unknown_only && freq == 0;
        long_only = long_only && dist == 1 && nl >= COTE_SUGGEST_AUTO_LETTERS;
        free(fix);
    }
    cote_token_list_free(&scratch);
    if (!st && words && cote_strbuf_append(&sb, query + copied, len - copied))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (st || !words) {
        cote_strbuf_free(&sb);
        return st;
    }
    out->text = sb.data;
    out->words = words;
    out->unknown_only = unknown_only;
    out->long_only = long_only;
    return COTE_OK;
}

void cote_suggestion_free(cote_suggestion_t *s)
{
    if (!s)
        return;
    free(s->text);
    s->text = NULL;
    s->words = 0;
}
