/* analysis.c: ICU word segmentation -> number groups -> NFKC_Casefold ->
 * elision -> accent-free variant -> Snowball stem, plus the joined form of
 * hyphenated compounds. See analysis.h for the contract.
 *
 * The text is converted to UTF-16 once (ICU's native form) with a table that
 * maps every UTF-16 index back to its UTF-8 byte offset, so token spans are
 * reported in the caller's bytes and snippets never cut a sequence.
 *
 * The work is done in two passes over the text, both into buffers the
 * analyser keeps between calls (no allocation per token):
 *   1. ICU's word segments (cut at U+202F, see find_units) are collected as
 *      "units" (UTF-16 spans), with what separates each from the previous
 *      word: one hyphen, one no-break or thin space, or anything else. Digit
 *      groups separated by one no-break space are merged into one unit here.
 *   2. Each unit becomes a token with its terms. A unit that starts a run of
 *      hyphen-separated units looks ahead at the run to build its joined form;
 *      compounds are rare, so folding their parts twice costs nothing.
 */
#include "analysis.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "utf8.h"
#include "xdb.h"

#define MAX_TEXT_BYTES ((size_t)1 << 30)
#define WORD_BUF 512 /* UTF-16 units for one normalised word; longer words are skipped */
/* Room for the UTF-8 of one term: terms longer than COTE_TERM_MAX are never kept. */
#define TERM_BUF (COTE_TERM_MAX + 1)
/* Hyphen-joined runs longer than this are not joined (they are lists, not words). */
#define RUN_MAX 8

/* What lies between a word unit and the word before it. */
enum { GAP_OTHER, GAP_HYPHEN, GAP_SPACE };

typedef struct {
    int32_t start, end; /* UTF-16 span */
    unsigned char gap;  /* GAP_* before this unit */
    unsigned char merged; /* digit groups joined across no-break spaces */
} unit_t;

/* A small direct-mapped cache of stems: French text repeats its words (a
 * few hundred forms make most of any report), and a hit costs a hash and a
 * compare instead of a call into Snowball (it takes the analysis of the
 * seed corpus from 0.30 s to 0.19 s per 3 MB; 0.17 s without stemming at
 * all). Bounded: STEM_SLOTS entries (200 KB per analyser), a
 * new word simply replaces the one in its slot; longer words bypass it. */
#define STEM_SLOTS 4096
#define STEM_KEY 24

typedef struct {
    unsigned char wlen, slen; /* wlen 0: empty slot */
    char word[STEM_KEY];
    char stem[STEM_KEY];
} stem_slot_t;

struct cote_analyser {
    UBreakIterator *words;
    const UNormalizer2 *nfkc_cf; /* NFKC + case folding in one pass */
    const UNormalizer2 *nfd;     /* to strip accents: decompose, drop marks */
    cote_xstem_t *stem;          /* Snowball French, through Xapian */
    UChar *u16;                  /* the text in UTF-16 */
    int32_t *map;                /* UTF-16 index -> UTF-8 byte offset (size u16_len + 1) */
    size_t cap;
    unit_t *units;               /* pass 1 output */
    size_t units_cap;
    stem_slot_t *stems;          /* STEM_SLOTS entries */
};

cote_status_t cote_analyser_new(cote_analyser_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_analyser_t *a = calloc(1, sizeof *a);
    if (!a)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    UErrorCode ec = U_ZERO_ERROR;
    a->words = ubrk_open(UBRK_WORD, "fr", NULL, 0, &ec);
    if (U_SUCCESS(ec))
        a->nfkc_cf = unorm2_getNFKCCasefoldInstance(&ec);
    if (U_SUCCESS(ec))
        a->nfd = unorm2_getNFDInstance(&ec);
    if (U_FAILURE(ec)) {
        cote_analyser_free(a);
        return cote_error_set(err, COTE_INTERNAL, "ICU could not load its word rules: %s",
                              u_errorName(ec));
    }
    a->stems = calloc(STEM_SLOTS, sizeof *a->stems);
    if (!a->stems) {
        cote_analyser_free(a);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    cote_status_t st = cote_xstem_new("french", &a->stem, err);
    if (st) {
        cote_analyser_free(a);
        return st == COTE_NOMEM ? st : cote_error_set(err, COTE_INTERNAL, "no French stemmer in Xapian");
    }
    *out = a;
    return COTE_OK;
}

void cote_analyser_free(cote_analyser_t *a)
{
    if (!a)
        return;
    if (a->words)
        ubrk_close(a->words);
    cote_xstem_free(a->stem);
    free(a->u16);
    free(a->map);
    free(a->units);
    free(a->stems);
    free(a);
}

void cote_token_list_free(cote_token_list_t *l)
{
    free(l->v);
    cote_strbuf_free(&l->pool);
    l->v = NULL;
    l->n = l->cap = 0;
}

const char *cote_token_term(const cote_token_list_t *l, const cote_token_t *t, unsigned j)
{
    const char *p = l->pool.data + t->terms;
    while (j-- > 0)
        p += strlen(p) + 1;
    return p;
}

const char *cote_token_find(const cote_token_list_t *l, const cote_token_t *t, cote_term_kind_t kind)
{
    const char *p = l->pool.data + t->terms;
    for (unsigned j = 0; j < t->n_terms; j++) {
        if (t->kind[j] == kind)
            return p;
        p += strlen(p) + 1;
    }
    return NULL;
}

const char *cote_token_bare(const cote_token_list_t *l, const cote_token_t *t)
{
    const char *b = cote_token_find(l, t, COTE_TERM_BARE);
    return b ? b : cote_token_term(l, t, 0);
}

const char *cote_token_stem(const cote_token_list_t *l, const cote_token_t *t)
{
    return cote_token_find(l, t, COTE_TERM_STEM);
}

const char *cote_token_joined(const cote_token_list_t *l, const cote_token_t *t)
{
    const char *b = cote_token_find(l, t, COTE_TERM_JOINED_BARE);
    return b ? b : cote_token_find(l, t, COTE_TERM_JOINED);
}

int cote_term_positional(cote_term_kind_t kind)
{
    return kind != COTE_TERM_STEM && kind != COTE_TERM_JOINED_STEM;
}

/* Decodes text into a->u16 and fills a->map; invalid bytes become U+FFFD. */
static cote_status_t to_utf16(cote_analyser_t *a, const char *text, size_t len, size_t *u16_len)
{
    /* A UTF-8 byte yields at most one UTF-16 unit, so len + 1 units suffice. */
    if (len + 1 > a->cap) {
        size_t cap = len + 1;
        UChar *u = realloc(a->u16, cap * sizeof *u);
        if (!u)
            return COTE_NOMEM;
        a->u16 = u;
        int32_t *m = realloc(a->map, cap * sizeof *m);
        if (!m)
            return COTE_NOMEM;
        a->map = m;
        a->cap = cap;
    }
    size_t i = 0, k = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = cote_utf8_decode(text + i, len - i, &cp);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (cp > 0xFFFF) {
            a->u16[k] = U16_LEAD(cp);
            a->map[k++] = (int32_t)i;
            a->u16[k] = U16_TRAIL(cp);
            a->map[k++] = (int32_t)i;
        } else {
            a->u16[k] = (UChar)cp;
            a->map[k++] = (int32_t)i;
        }
        i += n;
    }
    a->map[k] = (int32_t)len;
    *u16_len = k;
    return COTE_OK;
}

/* ---- Pass 1: units ------------------------------------------------------ */

static int is_hyphen(UChar c)
{
    return c == 0x2D || c == 0x2010 || c == 0x2011;
}

/* The spaces French typography puts between digit groups (never U+0020). */
static int is_group_space(UChar c)
{
    return c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

static int is_digit(UChar c)
{
    return c >= '0' && c <= '9';
}

/* 1 to 3 digits and nothing else: the first group of a spaced number. */
static int is_lead_group(const UChar *s, int32_t n)
{
    if (n < 1 || n > 3)
        return 0;
    for (int32_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

/* Exactly 3 digits, optionally followed by a decimal part (",5", ".25").
 * *decimal tells whether it had one (the number ends there). */
static int is_next_group(const UChar *s, int32_t n, int *decimal)
{
    if (n < 3 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]))
        return 0;
    *decimal = n > 3;
    if (n == 3)
        return 1;
    if (n == 4 || (s[3] != ',' && s[3] != '.'))
        return 0;
    for (int32_t i = 4; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

static cote_status_t push_unit(cote_analyser_t *a, size_t *n, int32_t start, int32_t end, int gap)
{
    if (*n == a->units_cap) {
        size_t cap = a->units_cap ? a->units_cap * 2 : 256;
        unit_t *u = realloc(a->units, cap * sizeof *u);
        if (!u)
            return COTE_NOMEM;
        a->units = u;
        a->units_cap = cap;
    }
    a->units[(*n)++] = (unit_t){start, end, (unsigned char)gap, 0};
    return COTE_OK;
}

/* State of pass 1 between pieces. */
typedef struct {
    size_t n;            /* units so far */
    int32_t prev_end;    /* end of the previous piece, or -1 */
    int number_open;     /* the last unit is a spaced number that may go on */
} scan_t;

/* Adds the word piece a->u16[start..end) as a unit, or to the previous unit
 * when it continues a number spaced with no-break spaces. */
static cote_status_t add_piece(cote_analyser_t *a, scan_t *sc, int32_t start, int32_t end)
{
    const UChar *s = a->u16 + start;
    int32_t len = end - start;
    int gap = GAP_OTHER;
    if (sc->prev_end >= 0 && start == sc->prev_end + 1) {
        UChar c = a->u16[sc->prev_end];
        gap = is_hyphen(c) ? GAP_HYPHEN : is_group_space(c) ? GAP_SPACE : GAP_OTHER;
    }
    sc->prev_end = end;
    int decimal = 0;
    if (gap == GAP_SPACE && sc->number_open && is_next_group(s, len, &decimal)) {
        unit_t *u = &a->units[sc->n - 1];
        u->end = end;
        u->merged = 1;
        sc->number_open = !decimal;
        return COTE_OK;
    }
    if (push_unit(a, &sc->n, start, end, gap))
        return COTE_NOMEM;
    sc->number_open = is_lead_group(s, len);
    return COTE_OK;
}

/* Collects the word segments of a->u16[0..ulen) into a->units.
 *
 * ICU (Unicode's word rules) counts U+202F NARROW NO-BREAK SPACE as
 * ExtendNumLet, so it glues "30 000 000" into one segment, but also "Sud "
 * before a French » or ;, and "30 " before %. Segments are therefore cut at
 * every U+202F here, and the pieces go through the same number rule as the
 * other no-break spaces: "2019 150" stays two numbers, "30 000" becomes one. */
static cote_status_t find_units(cote_analyser_t *a, size_t ulen, size_t *n_units, cote_error_t *err)
{
    *n_units = 0;
    UErrorCode ec = U_ZERO_ERROR;
    ubrk_setText(a->words, a->u16, (int32_t)ulen, &ec);
    if (U_FAILURE(ec))
        return cote_error_set(err, COTE_INTERNAL, "ICU word segmentation failed: %s", u_errorName(ec));
    scan_t sc = {0, -1, 0};
    int32_t start = ubrk_first(a->words);
    for (int32_t end = ubrk_next(a->words); end != UBRK_DONE; start = end, end = ubrk_next(a->words)) {
        if (ubrk_getRuleStatus(a->words) < UBRK_WORD_NONE_LIMIT) /* spaces, punctuation */
            continue;
        int32_t p = start;
        for (int32_t i = start; i <= end; i++) {
            if (i < end && a->u16[i] != 0x202F)
                continue;
            if (i > p && add_piece(a, &sc, p, i))
                return cote_error_set(err, COTE_NOMEM, "out of memory");
            p = i + 1;
        }
    }
    *n_units = sc.n;
    return COTE_OK;
}

/* ---- Pass 2: terms ------------------------------------------------------ */

static cote_status_t push_token(cote_token_list_t *l, size_t start, size_t end, unsigned pos)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        cote_token_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return COTE_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    cote_token_t *t = &l->v[l->n++];
    t->start = start;
    t->end = end;
    t->position = pos;
    t->terms = l->pool.len;
    t->n_terms = 0;
    t->run = 0;
    return COTE_OK;
}

/* Appends prefix + s[0..n) as a term of the given kind to the last token,
 * unless it repeats the token's previous term or is too long. */
static cote_status_t push_term(cote_token_list_t *l, const char *prefix, const char *s, size_t n,
                               cote_term_kind_t kind)
{
    size_t pn = strlen(prefix);
    cote_token_t *t = &l->v[l->n - 1];
    if (n == 0 || pn + n > COTE_TERM_MAX || t->n_terms == COTE_TOKEN_TERMS_MAX)
        return COTE_OK; /* not a term we index; not an error */
    if (t->n_terms > 0) {
        const char *prev = cote_token_term(l, t, t->n_terms - 1);
        if (strlen(prev) == pn + n && memcmp(prev, prefix, pn) == 0 && memcmp(prev + pn, s, n) == 0)
            return COTE_OK;
    }
    if (cote_strbuf_append(&l->pool, prefix, pn) || cote_strbuf_append(&l->pool, s, n) ||
        cote_strbuf_putc(&l->pool, '\0'))
        return COTE_NOMEM;
    t->kind[t->n_terms++] = (unsigned char)kind;
    return COTE_OK;
}

/* UTF-8 of w[0..n) into buf[TERM_BUF]; its length, or -1 when it is not a
 * term we keep (too long for a term with the stem prefix, or unconvertible). */
static int32_t term_utf8(const UChar *w, int32_t n, char buf[TERM_BUF])
{
    int32_t blen = 0;
    UErrorCode ec = U_ZERO_ERROR;
    u_strToUTF8(buf, TERM_BUF, &blen, w, n, &ec);
    if (U_FAILURE(ec) || ec == U_STRING_NOT_TERMINATED_WARNING || blen <= 0 ||
        blen + (int32_t)strlen(COTE_PREFIX_STEM) > COTE_TERM_MAX)
        return -1;
    return blen;
}

static int is_apostrophe(UChar c)
{
    return c == 0x27 || c == 0x2019 || c == 0x2BC;
}

/* Length of a French elided article or pronoun at the start of w (including
 * its apostrophe), or 0. l’Union -> Union, qu’il -> il, jusqu’à -> à. */
static int32_t elision_length(const UChar *w, int32_t n)
{
    static const char *const elided[] = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    };
    for (size_t e = 0; e < sizeof elided / sizeof *elided; e++) {
        int32_t k = (int32_t)strlen(elided[e]);
        if (n <= k + 1 || !is_apostrophe(w[k]))
            continue;
        int32_t i = 0;
        while (i < k && w[i] == (UChar)elided[e][i])
            i++;
        if (i == k)
            return k + 1;
    }
    return 0;
}

/* Writes w without combining marks into out (NFD, then drop Mn); returns its
 * length, or -1 when it equals w or cannot be computed. */
static int32_t strip_accents(const cote_analyser_t *a, const UChar *w, int32_t n, UChar *out,
                             int32_t cap)
{
    UChar d[WORD_BUF * 2];
    UErrorCode ec = U_ZERO_ERROR;
    int32_t dn = unorm2_normalize(a->nfd, w, n, d, WORD_BUF * 2, &ec);
    if (U_FAILURE(ec))
        return -1;
    int32_t k = 0;
    for (int32_t i = 0; i < dn && k < cap; i++)
        if (u_charType(d[i]) != U_NON_SPACING_MARK)
            out[k++] = d[i];
    if (k == n && memcmp(out, w, (size_t)n * sizeof *w) == 0)
        return -1;
    return k;
}

/* Folds unit u into out[WORD_BUF * 2] (no-break spaces of a merged number
 * dropped) and removes an elision; returns the folded length (-1 when there
 * is nothing to index) and the elided length in *skip. */
static int32_t fold_unit(const cote_analyser_t *a, const unit_t *u, UChar *out, int32_t *skip)
{
    const UChar *src = a->u16 + u->start;
    int32_t n = u->end - u->start;
    UChar digits[WORD_BUF];
    *skip = 0;
    if (n > WORD_BUF)
        return -1;
    if (u->merged) {
        int32_t k = 0;
        for (int32_t i = 0; i < n; i++)
            if (!is_group_space(src[i]))
                digits[k++] = src[i];
        src = digits;
        n = k;
    }
    UErrorCode ec = U_ZERO_ERROR;
    int32_t fn = unorm2_normalize(a->nfkc_cf, src, n, out, WORD_BUF * 2, &ec);
    if (U_FAILURE(ec) || fn <= 0)
        return -1;
    *skip = elision_length(out, fn);
    return fn;
}

/* Stems word[0..n) into out[TERM_BUF] through the cache; statuses of
 * cote_xstem_apply. */
static cote_status_t stem_word(cote_analyser_t *a, const char *word, size_t n, char *out, size_t *out_len,
                               cote_error_t *err)
{
    stem_slot_t *slot = NULL;
    if (n < STEM_KEY) {
        uint32_t h = 2166136261u; /* FNV-1a */
        for (size_t i = 0; i < n; i++)
            h = (h ^ (unsigned char)word[i]) * 16777619u;
        slot = &a->stems[h % STEM_SLOTS];
        if (slot->wlen == n && memcmp(slot->word, word, n) == 0) {
            memcpy(out, slot->stem, slot->slen);
            out[slot->slen] = '\0';
            *out_len = slot->slen;
            return COTE_OK;
        }
    }
    cote_status_t st = cote_xstem_apply(a->stem, word, n, out, TERM_BUF, out_len, err);
    if (!st && slot && *out_len < STEM_KEY) {
        slot->wlen = (unsigned char)n;
        memcpy(slot->word, word, n);
        slot->slen = (unsigned char)*out_len;
        memcpy(slot->stem, out, *out_len);
    }
    return st;
}

/* Pushes the three forms of one word (w[0..n), folded) to the last token:
 * the word (kind base), its accent-free form (base + 1) when different, and
 * "Z" + the stem of the accent-free form (base + 2). */
static cote_status_t push_forms(cote_analyser_t *a, cote_token_list_t *l, const UChar *w, int32_t n,
                                cote_term_kind_t base, cote_error_t *err)
{
    char exact[TERM_BUF], bare[TERM_BUF], stem[TERM_BUF];
    int32_t en = term_utf8(w, n, exact);
    if (en < 0)
        return COTE_OK;
    if (push_term(l, "", exact, (size_t)en, base))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    UChar b16[WORD_BUF * 2];
    int32_t b16n = strip_accents(a, w, n, b16, WORD_BUF * 2);
    const char *b = exact;
    int32_t bn = en;
    if (b16n > 0 && (bn = term_utf8(b16, b16n, bare)) > 0) {
        b = bare;
        if (push_term(l, "", bare, (size_t)bn, (cote_term_kind_t)(base + 1)))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
    } else {
        bn = en;
    }
    size_t sn = 0;
    cote_status_t st = stem_word(a, b, (size_t)bn, stem, &sn, err);
    if (st == COTE_TOO_LARGE)
        return COTE_OK; /* a stem longer than its word: leave it out */
    if (st)
        return st; /* NOMEM, or INTERNAL from Xapian; err says which */
    if (push_term(l, COTE_PREFIX_STEM, stem, sn, (cote_term_kind_t)(base + 2)))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    return COTE_OK;
}

/* Joined form of a code such as `pm2,5` (letters, and digits around a
 * decimal separator): the word without its separators, in out; its length,
 * or 0 when w is not such a code. */
static int32_t code_joined(const UChar *w, int32_t n, UChar *out)
{
    int letters = 0, seps = 0;
    for (int32_t i = 0; i < n; i++) {
        if ((w[i] == ',' || w[i] == '.') && i > 0 && i + 1 < n && is_digit(w[i - 1]) && is_digit(w[i + 1]))
            seps++;
        else if (u_isalpha(w[i]))
            letters = 1;
    }
    if (!letters || !seps)
        return 0;
    int32_t k = 0;
    for (int32_t i = 0; i < n; i++)
        if (!((w[i] == ',' || w[i] == '.') && i > 0 && i + 1 < n && is_digit(w[i - 1]) && is_digit(w[i + 1])))
            out[k++] = w[i];
    return k;
}

/* Number of units in the hyphen-joined run starting at units[k] (at least 2),
 * or 0 when units[k] starts none. */
static size_t run_length(const cote_analyser_t *a, size_t n_units, size_t k)
{
    if (k > 0 && a->units[k].gap == GAP_HYPHEN)
        return 0; /* inside a run */
    size_t m = k + 1;
    while (m < n_units && a->units[m].gap == GAP_HYPHEN)
        m++;
    return m - k >= 2 && m - k <= RUN_MAX ? m - k : 0;
}

/* The joined forms of units[k..k+run) on the last token. */
static cote_status_t push_joined(cote_analyser_t *a, cote_token_list_t *l, size_t k, size_t run,
                                 cote_error_t *err)
{
    UChar joined[WORD_BUF * 2];
    int32_t jn = 0;
    for (size_t m = k; m < k + run; m++) {
        UChar part[WORD_BUF * 2];
        int32_t skip;
        int32_t pn = fold_unit(a, &a->units[m], part, &skip);
        if (pn < 0)
            continue;
        if (jn + pn - skip > WORD_BUF * 2)
            return COTE_OK; /* too long to be a word */
        memcpy(joined + jn, part + skip, (size_t)(pn - skip) * sizeof *part);
        jn += pn - skip;
    }
    return push_forms(a, l, joined, jn, COTE_TERM_JOINED, err);
}

cote_status_t cote_analyse(cote_analyser_t *a, const char *text, size_t len, unsigned first_position,
                           cote_token_list_t *out, cote_error_t *err)
{
    out->n = 0;
    cote_strbuf_reset(&out->pool);
    if (len > MAX_TEXT_BYTES)
        return cote_error_set(err, COTE_TOO_LARGE, "text of %zu bytes is over the analyser's limit", len);
    size_t ulen = 0, n_units = 0;
    if (to_utf16(a, text, len, &ulen))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_status_t st = find_units(a, ulen, &n_units, err);
    if (st)
        return st;
    unsigned pos = first_position;
    for (size_t k = 0; k < n_units; k++) {
        const unit_t *u = &a->units[k];
        UChar folded[WORD_BUF * 2];
        int32_t skip;
        int32_t fn = fold_unit(a, u, folded, &skip);
        if (fn < 0)
            continue;
        const UChar *w = folded + skip;
        int32_t wn = fn - skip;
        /* The elided prefix is ASCII letters and an apostrophe: the same length
         * before and after folding, so it can be skipped in the source too. */
        size_t bstart = (size_t)a->map[u->start + skip < u->end ? u->start + skip : u->start];
        size_t bend = (size_t)a->map[u->end];
        if (push_token(out, bstart, bend, pos))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        if ((st = push_forms(a, out, w, wn, COTE_TERM_EXACT, err)))
            return st;
        if (out->v[out->n - 1].n_terms == 0) {
            out->n--; /* nothing indexable (an over-long word): no position used */
            continue;
        }
        size_t run = run_length(a, n_units, k);
        if (run) {
            out->v[out->n - 1].run = (unsigned)run;
            st = push_joined(a, out, k, run, err);
        } else {
            UChar code[WORD_BUF * 2];
            int32_t cn = code_joined(w, wn, code);
            if (cn > 0)
                st = push_forms(a, out, code, cn, COTE_TERM_JOINED, err);
        }
        if (st)
            return st;
        pos++;
    }
    return COTE_OK;
}
