/* clean_inline.c: step 3 of clean.h, on one block of text.
 *
 * Each pass rewrites the block from `text` into scratch and swaps, so passes
 * stay independent and easy to test on real lines from the seeds.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "clean.h"
#include "utf8.h"

#define MAX_PIECES 4

/* ---- characters ------------------------------------------------------- */

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    uint32_t cp = 0;
    size_t k = cote_utf8_decode(s + i, n - i, &cp);
    *len = k ? k : 1;
    return k ? cp : 0xFFFD;
}

static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x3FF);
}

static bool is_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
           (c >= 0x100 && c <= 0x17F && (c & 1)) || (c >= 0x3B1 && c <= 0x3C9);
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static bool is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019;
}

/* The code point just before byte i (0 at the start). */
static uint32_t cp_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t len;
    return cp_at(s, i, j, &len);
}

/* ---- elision words ---------------------------------------------------- */

static const char *const elided[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
                                     "puisqu", "quoiqu", "presqu", NULL};

/* True when s[start..end) is an elided article or pronoun (any case). */
static bool is_elision_word(const char *s, size_t start, size_t end)
{
    size_t n = end - start;
    for (const char *const *e = elided; *e; e++) {
        if (strlen(*e) != n)
            continue;
        size_t i = 0;
        while (i < n && (s[start + i] | 0x20) == (*e)[i])
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* Start of the letter run that ends at byte `end`. */
static size_t word_start(const char *s, size_t end)
{
    size_t i = end;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        size_t len;
        if (!is_letter(cp_at(s, i, j, &len)))
            break;
        i = j;
    }
    return i;
}

/* ---- pass 1: spaces around apostrophes, before hyphens and punctuation - */

static cote_status_t pass_spacing(const cote_strbuf_t *in, cote_strbuf_t *out)
{
    const char *s = in->data;
    size_t n = in->len;
    cote_strbuf_reset(out);
    for (size_t i = 0; i < n;) {
        size_t len;
        uint32_t c = cp_at(s, n, i, &len);
        if (c == ' ' && (out->len == 0 || out->data[out->len - 1] == ' ')) {
            i++; /* runs of spaces, and spaces at the start, collapse */
            continue;
        }
        if (c == ' ') {
            size_t nlen = 0;
            uint32_t next = i + 1 < n ? cp_at(s, n, i + 1, &nlen) : 0;
            uint32_t prev = cp_before(s, i);
            size_t after = i + 1 + (i + 1 < n ? nlen : 0);
            size_t alen;
            uint32_t next2 = after < n ? cp_at(s, n, after, &alen) : 0;
            /* `l ’Union` -> `l’Union` */
            if (is_apostrophe(next) && is_letter(prev) && is_elision_word(s, word_start(s, i), i) &&
                (is_letter(next2) || next2 == ' ')) {
                i++;
                continue;
            }
            /* `Sud -Sud`, `COVID -19` -> joined; a spaced dash ` - ` stays */
            if (next == '-' && (is_letter(prev) || is_digit(prev) || prev == ')') &&
                (is_letter(next2) || is_digit(next2))) {
                i++;
                continue;
            }
            /* `COVID-19 ,` -> `COVID-19,` (French sets no space before , and .) */
            if ((next == ',' || next == '.') && prev && prev != ' ' &&
                (after >= n || next2 == ' ' || next2 == 0xBB || next2 == ')') &&
                !(next == '.' && after < n && s[after] == '.')) {
                i++;
                continue;
            }
        } else if (is_apostrophe(c) && i + len < n && s[i + len] == ' ') {
            /* `l’ Association` -> `l’Association` */
            size_t ws = word_start(s, i);
            size_t nlen;
            uint32_t next2 = i + len + 1 < n ? cp_at(s, n, i + len + 1, &nlen) : 0;
            if (ws < i && is_elision_word(s, ws, i) && is_letter(next2)) {
                if (cote_strbuf_append(out, s + i, len))
                    return COTE_NOMEM;
                i += len + 1;
                continue;
            }
        }
        if (cote_strbuf_append(out, s + i, len))
            return COTE_NOMEM;
        i += len;
    }
    return COTE_OK;
}

/* ---- pass 2: footnote numbers glued to words and years ----------------- */

static unsigned parse_small(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

/* Length of the glued footnote marker at the end of s[start..end), or 0:
 * 1-3 trailing digits that name a footnote the document defines, the next
 * one expected (or one of the three after it: a marker may have been missed), after either a year (1600-2099) or a word
 * ending in a lower-case letter (`Sud-Est3`, `général6`; never `PM2`). */
static size_t glued_marker(const char *s, size_t start, size_t end, const unsigned char *footnotes,
                           unsigned next)
{
    size_t d = end; /* first digit of the trailing digit run */
    while (d > start && s[d - 1] >= '0' && s[d - 1] <= '9')
        d--;
    size_t nd = end - d;
    for (size_t m = 1; m <= 3 && m <= nd; m++) {
        size_t cut = end - m;
        if (s[cut] == '0')
            continue;
        unsigned num = parse_small(s + cut, m);
        if (num > COTE_FOOTNOTE_MAX || !footnotes[num] || num < next || num > next + 3)
            continue;
        if (d == start) {
            if (cut - start == 4) {
                unsigned year = parse_small(s + start, 4);
                if (year >= 1600 && year <= 2099)
                    return m;
            }
        } else if (cut == d && cut - start >= 3 && is_lower(cp_before(s, cut))) {
            return m;
        }
    }
    return 0;
}

static cote_status_t pass_footnotes(const cote_strbuf_t *in, cote_strbuf_t *out, const unsigned char *footnotes,
                                    unsigned *next, cote_clean_doc_t *d)
{
    const char *s = in->data;
    size_t n = in->len;
    cote_strbuf_reset(out);
    size_t i = 0;
    while (i < n) {
        /* a run of letters, digits and inner hyphens */
        size_t start = i, len;
        while (i < n) {
            uint32_t c = cp_at(s, n, i, &len);
            if (!(is_letter(c) || is_digit(c) || (c == '-' && i > start)))
                break;
            i += len;
        }
        if (i > start) {
            size_t m = footnotes ? glued_marker(s, start, i, footnotes, *next) : 0;
            if (cote_strbuf_append(out, s + start, i - start - m))
                return COTE_NOMEM;
            if (m) {
                *next = parse_small(s + i - m, m) + 1;
                if (cote_strbuf_append(&d->repairs, s + start, i - start) || cote_strbuf_putc(&d->repairs, '\t') ||
                    cote_strbuf_append(&d->repairs, s + start, i - start - m) ||
                    cote_strbuf_printf(&d->repairs, " [%.*s]", (int)m, s + i - m) || cote_strbuf_putc(&d->repairs, '\0'))
                    return COTE_NOMEM;
                d->n_repairs++;
            }
            continue;
        }
        cp_at(s, n, i, &len);
        if (cote_strbuf_append(out, s + i, len))
            return COTE_NOMEM;
        i += len;
    }
    return COTE_OK;
}

/* ---- pass 3: words split by stray spaces ------------------------------ */

typedef struct {
    size_t start, end; /* the piece */
    size_t core;       /* start of the word after an elided prefix (l’, qu’...) */
} piece_t;

/* Reads a word piece at s[i]: letters with inner hyphens and apostrophes. */
static size_t read_piece(const char *s, size_t n, size_t i, piece_t *p)
{
    size_t j = i, len;
    p->start = i;
    p->core = i;
    while (j < n) {
        uint32_t c = cp_at(s, n, j, &len);
        if (is_letter(c)) {
            j += len;
        } else if ((c == '-' || is_apostrophe(c)) && j > i && j + len < n) {
            size_t l2;
            if (!is_letter(cp_at(s, n, j + len, &l2)))
                break;
            if (is_apostrophe(c) && is_elision_word(s, i, j))
                p->core = j + len;
            j += len;
        } else {
            break;
        }
    }
    p->end = j;
    return j - i;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* What a piece of a possibly split word is. HARD: not a word (unknown to
 * the dictionary, or a stray letter other than a, à, y): surely debris.
 * SOFT: the dictionary knows it but real UN French never uses it and this
 * document hardly does: hunspell accepts fragments such as "Secrétai" (a
 * verb form) that splits leave behind. COMMON: a word used everywhere (de,
 * le, a): its neighbour being rare is no evidence of a split. */
typedef enum { PIECE_HARD, PIECE_SOFT, PIECE_SOLID, PIECE_COMMON } piece_class_t;

#define COMMON_USAGE 200

static piece_class_t classify(cote_lexicon_t *lex, const cote_strmap_t *vocab, const char *s, size_t n)
{
    if (utf8_chars(s, n) == 1) {
        bool word = n == 1 ? (s[0] == 'a' || s[0] == 'y' || s[0] == 'A') : (memcmp(s, "\xc3\xa0", 2) == 0);
        return word ? PIECE_COMMON : PIECE_HARD;
    }
    unsigned long usage = 0;
    if (!cote_lexicon_lookup(lex, s, n, &usage))
        return PIECE_HARD;
    if (usage >= COMMON_USAGE)
        return PIECE_COMMON;
    if (usage == 0 && cote_strmap_get(vocab, s, n) < 3)
        return PIECE_SOFT;
    return PIECE_SOLID;
}

static cote_status_t pass_joins(cote_lexicon_t *lex, const cote_strmap_t *vocab, const cote_strbuf_t *in,
                                cote_strbuf_t *out, cote_clean_doc_t *d)
{
    const char *s = in->data;
    size_t n = in->len;
    cote_strbuf_reset(out);
    char joined[256];
    size_t i = 0;
    size_t last_start = (size_t)-1, last_end = 0;
    piece_class_t last_class = PIECE_SOLID;
    while (i < n) {
        piece_t p[MAX_PIECES];
        size_t np = 0, j = i;
        /* pieces separated by exactly one space, later ones starting in lower case */
        /* a split word starts after a space or an opening mark, not after `(e)` */
        uint32_t before = cp_before(s, i);
        bool boundary = !(is_letter(before) || is_digit(before) || before == ')' || is_apostrophe(before));
        while (boundary && np < MAX_PIECES && j < n && read_piece(s, n, j, &p[np]) > 0) {
            size_t l;
            if (np > 0 && !is_lower(cp_at(s, n, p[np].start, &l)))
                break;
            j = p[np].end;
            np++;
            if (j + 1 >= n || s[j] != ' ' || s[j + 1] == ' ')
                break;
            j++;
        }
        /* Each piece is classified once; the next window reuses the class of
         * its first piece. A window whose first two pieces are both words is
         * skipped at once: that is nearly every window of real text. */
        piece_class_t cls[MAX_PIECES];
        for (size_t q = 0; q < np && q < 2; q++) {
            size_t from = q == 0 ? p[0].core : p[q].start;
            if (from == last_start && p[q].end == last_end) {
                cls[q] = last_class;
            } else {
                cls[q] = classify(lex, vocab, s + from, p[q].end - from);
                last_start = from;
                last_end = p[q].end;
                last_class = cls[q];
            }
        }
        bool worth = np >= 2 && (cls[0] <= PIECE_SOFT || cls[1] <= PIECE_SOFT);
        for (size_t q = 2; worth && q < np; q++)
            cls[q] = classify(lex, vocab, s + p[q].start, p[q].end - p[q].start);
        size_t take = 0;
        for (size_t k = np; worth && k >= 2 && !take; k--) {
            size_t jl = 0;
            bool fits = true, hard = false, soft = false, common = false;
            for (size_t q = 0; q < k && fits; q++) {
                size_t from = q == 0 ? p[0].core : p[q].start;
                size_t plen = p[q].end - from;
                if (jl + plen >= sizeof joined) {
                    fits = false;
                    break;
                }
                memcpy(joined + jl, s + from, plen);
                jl += plen;
                hard |= cls[q] == PIECE_HARD;
                soft |= cls[q] == PIECE_SOFT;
                common |= cls[q] == PIECE_COMMON;
            }
            if (!fits || jl < 3 || !(hard || soft))
                continue;
            unsigned long usage = 0;
            bool known = cote_lexicon_lookup(lex, joined, jl, &usage) || usage > 0 ||
                         cote_strmap_get(vocab, joined, jl) > 0;
            /* A surely broken piece needs only a known whole; a doubtful one needs
             * a whole that UN French really uses and no common word among the parts. */
            if (known && (hard || (usage > 0 && !common)))
                take = k;
        }
        if (take) {
            size_t from = p[0].start, to = p[take - 1].end;
            if (cote_strbuf_append(&d->repairs, s + from, to - from) || cote_strbuf_putc(&d->repairs, '\t'))
                return COTE_NOMEM;
            for (size_t q = 0; q < take; q++)
                if (cote_strbuf_append(out, s + p[q].start, p[q].end - p[q].start) ||
                    cote_strbuf_append(&d->repairs, s + p[q].start, p[q].end - p[q].start))
                    return COTE_NOMEM;
            if (cote_strbuf_putc(&d->repairs, '\0'))
                return COTE_NOMEM;
            d->n_repairs++;
            i = to;
            continue;
        }
        if (np > 0) {
            /* keep the first piece and move on to the next one */
            if (cote_strbuf_append(out, s + p[0].start, p[0].end - p[0].start))
                return COTE_NOMEM;
            i = p[0].end;
            continue;
        }
        size_t len;
        cp_at(s, n, i, &len);
        if (cote_strbuf_append(out, s + i, len))
            return COTE_NOMEM;
        i += len;
    }
    return COTE_OK;
}

cote_status_t cote_clean_inline(cote_lexicon_t *lex, const cote_strmap_t *vocab, const unsigned char *footnotes,
                                unsigned *next_footnote, cote_strbuf_t *text, cote_clean_doc_t *d)
{
    cote_strbuf_t *tmp = &d->scratch;
    if (pass_spacing(text, tmp))
        return COTE_NOMEM;
    if (pass_footnotes(tmp, text, footnotes, next_footnote, d))
        return COTE_NOMEM;
    if (lex) {
        if (pass_joins(lex, vocab, text, tmp, d))
            return COTE_NOMEM;
        cote_strbuf_t swap = *text;
        *text = *tmp;
        *tmp = swap;
    }
    return COTE_OK;
}
