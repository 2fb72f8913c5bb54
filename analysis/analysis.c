/* analysis.c: ICU word segmentation -> NFKC_Casefold -> elision -> accent-free
 * variant. See analysis.h for the contract.
 *
 * The text is converted to UTF-16 once (ICU's native form) with a table that
 * maps every UTF-16 index back to its UTF-8 byte offset, so token spans are
 * reported in the caller's bytes and snippets never cut a sequence.
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

#define MAX_TEXT_BYTES ((size_t)1 << 30)
#define WORD_BUF 512 /* UTF-16 units for one normalised word; longer words are skipped */

struct cote_analyser {
    UBreakIterator *words;
    const UNormalizer2 *nfkc_cf; /* NFKC + case folding in one pass */
    const UNormalizer2 *nfd;     /* to strip accents: decompose, drop marks */
    UChar *u16;                  /* the text in UTF-16 */
    int32_t *map;                /* UTF-16 index -> UTF-8 byte offset (size u16_len + 1) */
    size_t cap;
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
    *out = a;
    return COTE_OK;
}

void cote_analyser_free(cote_analyser_t *a)
{
    if (!a)
        return;
    if (a->words)
        ubrk_close(a->words);
    free(a->u16);
    free(a->map);
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
    return COTE_OK;
}

/* Appends a UTF-16 term to the token's terms unless it repeats the previous one. */
static cote_status_t push_term(cote_token_list_t *l, const UChar *w, int32_t n)
{
    char buf[WORD_BUF * 3 + 1];
    int32_t blen = 0;
    UErrorCode ec = U_ZERO_ERROR;
    u_strToUTF8(buf, (int32_t)sizeof buf - 1, &blen, w, n, &ec);
    if (U_FAILURE(ec) || blen <= 0 || blen > COTE_TERM_MAX)
        return COTE_OK; /* not a term we index; not an error */
    cote_token_t *t = &l->v[l->n - 1];
    if (t->n_terms > 0) {
        const char *prev = cote_token_term(l, t, t->n_terms - 1);
        if ((int32_t)strlen(prev) == blen && memcmp(prev, buf, (size_t)blen) == 0)
            return COTE_OK;
    }
    if (cote_strbuf_append(&l->pool, buf, (size_t)blen) || cote_strbuf_putc(&l->pool, '\0'))
        return COTE_NOMEM;
    t->n_terms++;
    return COTE_OK;
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

cote_status_t cote_analyse(cote_analyser_t *a, const char *text, size_t len, unsigned first_position,
                           cote_token_list_t *out, cote_error_t *err)
{
    out->n = 0;
    cote_strbuf_reset(&out->pool);
    if (len > MAX_TEXT_BYTES)
        return cote_error_set(err, COTE_TOO_LARGE, "text of %zu bytes is over the analyser's limit", len);
    size_t ulen = 0;
    if (to_utf16(a, text, len, &ulen))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    UErrorCode ec = U_ZERO_ERROR;
    ubrk_setText(a->words, a->u16, (int32_t)ulen, &ec);
    if (U_FAILURE(ec))
        return cote_error_set(err, COTE_INTERNAL, "ICU word segmentation failed: %s", u_errorName(ec));
    unsigned pos = first_position;
    int32_t start = ubrk_first(a->words);
    for (int32_t end = ubrk_next(a->words); end != UBRK_DONE; start = end, end = ubrk_next(a->words)) {
        if (ubrk_getRuleStatus(a->words) < UBRK_WORD_NONE_LIMIT) /* spaces, punctuation */
            continue;
        if (end - start > WORD_BUF)
            continue;
        UChar folded[WORD_BUF * 2];
        ec = U_ZERO_ERROR;
        int32_t fn = unorm2_normalize(a->nfkc_cf, a->u16 + start, end - start, folded, WORD_BUF * 2, &ec);
        if (U_FAILURE(ec) || fn <= 0)
            continue;
        int32_t skip = elision_length(folded, fn);
        const UChar *w = folded + skip;
        int32_t wn = fn - skip;
        /* The elided prefix is ASCII letters and an apostrophe: the same length
         * before and after folding, so it can be skipped in the source too. */
        size_t bstart = (size_t)a->map[start + skip < end ? start + skip : start];
        size_t bend = (size_t)a->map[end];
        if (push_token(out, bstart, bend, pos) || push_term(out, w, wn))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        UChar bare[WORD_BUF * 2];
        int32_t bn = strip_accents(a, w, wn, bare, WORD_BUF * 2);
        if (bn > 0 && push_term(out, bare, bn))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        if (out->v[out->n - 1].n_terms == 0) {
            out->n--; /* nothing indexable (an over-long word): no position used */
            continue;
        }
        pos++;
    }
    return COTE_OK;
}
