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

static inline uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) { /* most of the text: no call */
        *len = 1;
        return b;
    }
    /* Latin-1 and Latin Extended letters (é, à, œ) are two bytes: no call either */
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
        *len = 2;
        return ((uint32_t)(b & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
    }
    uint32_t cp = 0;
    size_t k = cote_utf8_decode(s + i, n - i, &cp);
    *len = k ? k : 1;
    return k ? cp : 0xFFFD;
}

static bool is_ascii_letter(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
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
    if ((unsigned char)s[i - 1] < 0x80)
        return (unsigned char)s[i - 1];
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t len;
    return cp_at(s, i, j, &len);
}

/* ---- elision words ---------------------------------------------------- */

static const struct {
    char s[8];
    size_t n;
} elided[] = {{"l", 1},  {"d", 1},     {"j", 1},      {"m", 1},      {"n", 1},      {"s", 1},      {"t", 1},
              {"c", 1},  {"qu", 2},    {"jusqu", 5},  {"lorsqu", 6}, {"puisqu", 6}, {"quoiqu", 6}, {"presqu", 6}};

/* True when s[start..end) is an elided article or pronoun (any case). */
static bool is_elision_word(const char *s, size_t start, size_t end)
{
    size_t n = end - start;
    if (n > 6)
        return false;
    for (size_t e = 0; e < sizeof elided / sizeof *elided; e++) {
        if (elided[e].n != n)
            continue;
        size_t i = 0;
        while (i < n && (s[start + i] | 0x20) == elided[e].s[i])
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

/* pass_spacing looks only at a space and the first byte of an apostrophe
 * (' or the E2 80 99 of ’). Every other byte is copied as it is, a run at a
 * time: none of them can start a space or an apostrophe, and none is inside a
 * sequence that does (continuation bytes are 80-BF). */
static cote_status_t pass_spacing(const cote_strbuf_t *in, cote_strbuf_t *out)
{
    const char *s = in->data;
    size_t n = in->len;
    cote_strbuf_reset(out);
    if (cote_strbuf_reserve(out, n)) /* the output is never longer */
        return COTE_NOMEM;
    /* stop[c] & 1: c must be looked at; & 2: a space before c may have to go */
    static const unsigned char stop[256] = {[' '] = 3, ['\''] = 3, [0xE2] = 3, ['-'] = 2, [','] = 2, ['.'] = 2};
    char *o = out->data;
    size_t k = 0; /* output length */
    for (size_t i = 0; i < n;) {
        size_t run = i;
        for (;;) {
            while (run < n && !(stop[(unsigned char)s[run]] & 1))
                run++;
            /* A single space before anything but an apostrophe, a hyphen, a
             * comma or a full stop stays: no rule below applies to it. */
            if (run + 1 < n && s[run] == ' ' && run > i && s[run - 1] != ' ' &&
                !(stop[(unsigned char)s[run + 1]] & 2)) {
                run++;
                continue;
            }
            break;
        }
        memcpy(o + k, s + i, run - i);
        k += run - i;
        if ((i = run) >= n)
            break;
        size_t len;
        uint32_t c = cp_at(s, n, i, &len);
        if (c == ' ' && (k == 0 || o[k - 1] == ' ')) {
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
                memcpy(o + k, s + i, len);
                k += len;
                i += len + 1;
                continue;
            }
        }
        memcpy(o + k, s + i, len);
        k += len;
        i += len;
    }
    out->len = k;
    o[k] = '\0';
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

/* Whether a glued marker can still be found: glued_marker takes only the
 * footnotes next..next+3 that the document defines. */
static bool markers_possible(const unsigned char *footnotes, unsigned next)
{
    for (unsigned k = 0; footnotes && k <= 3; k++) {
        unsigned num = next + k;
        if (num < next || num > COTE_FOOTNOTE_MAX)
            break;
        if (footnotes[num])
            return true;
    }
    return false;
}

/* An ASCII byte that is neither a letter, a digit nor a hyphen: it ends any
 * run of pass_footnotes, which starts afresh after it. */
static bool ends_runs(unsigned char b)
{
    return b < 0x80 && !is_ascii_letter(b) && !is_digit(b) && b != '-';
}

/* The text is copied a stretch at a time: only a glued marker changes it.
 * A marker ends in a digit, so the walk over runs of letters, digits and
 * inner hyphens starts only near a digit (after the nearest byte that ends
 * runs, where walking from the start would be too), and not at all once no
 * defined footnote can be the next marker. */
/* A footnote marker standing alone after a space (`interdépendantes 3 du
 * Programme`, `du Sud-Est 8 , au`): the number of a footnote the document
 * defines and the next one expected (or one of the three after it), after a
 * word ending in a lower-case letter, and followed by punctuation or by one
 * of the small words a sentence goes on with. A count (`ont signé 3
 * accords`, `les 3 pays`) is followed by its noun, and stays. */
static int standalone_marker(const char *s, size_t n, size_t start, size_t end, const unsigned char *footnotes,
                             unsigned next)
{
    size_t nd = end - start;
    if (nd == 0 || nd > 3 || s[start] == '0' || start < 2 || s[start - 1] != ' ')
        return 0;
    for (size_t k = start; k < end; k++)
        if (!is_digit((unsigned char)s[k]))
            return 0;
    unsigned num = parse_small(s + start, nd);
    if (num > COTE_FOOTNOTE_MAX || !footnotes[num] || num < next || num > next + 3)
        return 0;
    /* the word before: ends in a lower-case letter, and is not one that takes a number */
    size_t we = start - 1, ws = we;
    while (ws > 0 && s[ws - 1] != ' ')
        ws--;
    if (we - ws < 3 || !is_lower(cp_before(s, we)))
        return 0;
    static const char *const takes_number[] = {"de", "des", "les", "aux", "plus", "moins", "paragraphe", "paragraphes",
                                               "article", "articles", "annexe", "chapitre", "page", "pages", "section",
                                               "point", "alinéa", "numéro", "résolution", "résolutions", "décision",
                                               "session", "sessions", "environ", "quelque", "sur", "vol.", NULL};
    for (const char *const *w = takes_number; *w; w++)
        if (strlen(*w) == we - ws && memcmp(s + ws, *w, we - ws) == 0)
            return 0;
    /* what follows: punctuation, or a word the sentence goes on with */
    if (end >= n)
        return 1;
    if (strchr(",;.:)", s[end]))
        return 1;
    if (s[end] != ' ' || end + 1 >= n)
        return 0;
    if (strchr(",;.:)", s[end + 1]))
        return 1;
    static const char *const goes_on[] = {"du", "de", "des", "et", "en", "au", "aux", "à", "qui", "que", "dans", NULL};
    for (const char *const *w = goes_on; *w; w++) {
        size_t k = strlen(*w);
        if (end + 1 + k <= n && memcmp(s + end + 1, *w, k) == 0 && (end + 1 + k == n || s[end + 1 + k] == ' '))
            return 1;
    }
    return 0;
}

static cote_status_t pass_footnotes(const cote_strbuf_t *in, cote_strbuf_t *out, const unsigned char *footnotes,
                                    unsigned *next, cote_clean_doc_t *d)
{
    const char *s = in->data;
    size_t n = in->len;
    cote_strbuf_reset(out);
    if (cote_strbuf_reserve(out, n))
        return COTE_NOMEM;
    size_t i = 0, copied = 0; /* s[copied..i) is still to be copied; i is between runs */
    while (i < n && markers_possible(footnotes, *next)) {
        size_t digit = i;
        while (digit < n && !is_digit((unsigned char)s[digit]))
            digit++;
        if (digit == n)
            break;
        size_t from = digit;
        while (from > i && !ends_runs((unsigned char)s[from - 1]))
            from--;
        i = from;
        while (i <= digit) {
            /* a run of letters, digits and inner hyphens */
            size_t start = i, len;
            while (i < n) {
                unsigned char b = (unsigned char)s[i];
                if (b < 0x80) {
                    if (!(is_ascii_letter(b) || is_digit(b) || (b == '-' && i > start)))
                        break;
                    i++;
                    continue;
                }
                uint32_t c = cp_at(s, n, i, &len);
                if (!is_letter(c))
                    break;
                i += len;
            }
            if (i == start) { /* not in a run: copied later as it is */
                cp_at(s, n, i, &len);
                i += len;
                continue;
            }
            size_t m = is_digit((unsigned char)s[i - 1]) ? glued_marker(s, start, i, footnotes, *next) : 0;
            if (!m && is_digit((unsigned char)s[start]) && standalone_marker(s, n, start, i, footnotes, *next)) {
                /* drop the space before it and the number */
                if (cote_strbuf_append(out, s + copied, start - 1 - copied))
                    return COTE_NOMEM;
                copied = i;
                *next = parse_small(s + start, i - start) + 1;
                size_t ws = start - 1;
                while (ws > 0 && s[ws - 1] != ' ')
                    ws--;
                if (cote_strbuf_append(&d->repairs, s + ws, i - ws) || cote_strbuf_putc(&d->repairs, '\t') ||
                    cote_strbuf_append(&d->repairs, s + ws, start - 1 - ws) ||
                    cote_strbuf_printf(&d->repairs, " [%.*s]", (int)(i - start), s + start) ||
                    cote_strbuf_putc(&d->repairs, '\0'))
                    return COTE_NOMEM;
                d->n_repairs++;
                continue;
            }
            if (m) {
                if (cote_strbuf_append(out, s + copied, i - m - copied))
                    return COTE_NOMEM;
                copied = i;
                *next = parse_small(s + i - m, m) + 1;
                if (cote_strbuf_append(&d->repairs, s + start, i - start) || cote_strbuf_putc(&d->repairs, '\t') ||
                    cote_strbuf_append(&d->repairs, s + start, i - start - m) ||
                    cote_strbuf_printf(&d->repairs, " [%.*s]", (int)m, s + i - m) ||
                    cote_strbuf_putc(&d->repairs, '\0'))
                    return COTE_NOMEM;
                d->n_repairs++;
            }
        }
    }
    if (cote_strbuf_append(out, s + copied, n - copied))
        return COTE_NOMEM;
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
        unsigned char b = (unsigned char)s[j];
        if (is_ascii_letter(b)) { /* the common case, without decoding */
            j++;
            continue;
        }
        if (b < 0x80 && b != '-' && b != '\'') /* a space, a digit, punctuation: the end */
            break;
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
    if (n <= 4 && utf8_chars(s, n) == 1) {
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

/* Whether a piece ending at e may be followed by another: exactly one space,
 * then something. */
static bool piece_goes_on(const char *s, size_t n, size_t e)
{
    return e + 1 < n && s[e] == ' ' && s[e + 1] != ' ';
}

/* Reads the piece after p[*np - 1] into p[*np] when the window goes on
 * there (it must start in lower case); false when the window ends. */
static bool next_piece(const char *s, size_t n, piece_t *p, size_t *np)
{
    size_t e = p[*np - 1].end, l;
    if (*np == MAX_PIECES || !piece_goes_on(s, n, e) || read_piece(s, n, e + 1, &p[*np]) == 0 ||
        !is_lower(cp_at(s, n, e + 1, &l)))
        return false;
    (*np)++;
    return true;
}

/* The text is copied a stretch at a time: only a join changes it (the spaces
 * between the pieces it joins go). A window starts at a letter after a space
 * or an opening mark; every other position is passed over without a look
 * at the lexicon.
 *
 * The window at a piece usually follows the window at the piece before, whose
 * second piece it is: that piece and its class are carried over (both are
 * pure functions of the text, the lexicon's cache changing only how fast it
 * answers), so each piece is read and looked up once, not up to MAX_PIECES
 * times. */
static cote_status_t pass_joins(cote_lexicon_t *lex, const cote_strmap_t *vocab, const cote_strbuf_t *in,
                                cote_strbuf_t *out, cote_clean_doc_t *d)
{
    const char *s = in->data;
    size_t n = in->len;
    cote_strbuf_reset(out);
    if (cote_strbuf_reserve(out, n))
        return COTE_NOMEM;
    char joined[256];
    size_t i = 0, copied = 0; /* s[copied..i) is still to be copied */
    piece_t carry = {(size_t)-1, 0, 0}; /* the second piece of the window before... */
    piece_class_t carry_cls = PIECE_SOLID; /* ...and its class (from its start) */
    while (i < n) {
        size_t len = 1;
        unsigned char b0 = (unsigned char)s[i];
        bool letter = b0 < 0x80 ? is_ascii_letter(b0) : is_letter(cp_at(s, n, i, &len));
        if (!letter) {
            i += len;
            continue;
        }
        /* a split word starts after a space or an opening mark, not after `(e)` */
        uint32_t before = cp_before(s, i);
        if (is_letter(before) || is_digit(before) || before == ')' || is_apostrophe(before)) {
            i += len;
            continue;
        }
        /* pieces separated by exactly one space, later ones starting in lower case */
        piece_t p[MAX_PIECES];
        piece_class_t cls[MAX_PIECES];
        size_t from[MAX_PIECES];
        bool reuse = carry.start == i;
        if (reuse)
            p[0] = carry;
        else
            read_piece(s, n, i, &p[0]); /* not empty: s[i] is a letter */
        size_t np = 1;
        next_piece(s, n, p, &np);
        /* A window whose first two pieces are both words is skipped at once:
         * that is nearly every window of real text. */
        bool worth = false;
        if (np >= 2) {
            from[0] = p[0].core;
            from[1] = p[1].start;
            cls[0] = reuse && from[0] == carry.start
                         ? carry_cls
                         : classify(lex, vocab, s + from[0], p[0].end - from[0]);
            cls[1] = classify(lex, vocab, s + from[1], p[1].end - from[1]);
            worth = cls[0] <= PIECE_SOFT || cls[1] <= PIECE_SOFT;
            carry = p[1];
            carry_cls = cls[1];
        } else {
            carry.start = (size_t)-1;
        }
        size_t take = 0;
        if (worth) {
            while (next_piece(s, n, p, &np)) {
                from[np - 1] = p[np - 1].start;
                cls[np - 1] = classify(lex, vocab, s + from[np - 1], p[np - 1].end - from[np - 1]);
            }
        }
        for (size_t k = np; worth && k >= 2 && !take; k--) {
            size_t jl = 0;
            bool fits = true, hard = false, soft = false, common = false;
            for (size_t q = 0; q < k && fits; q++) {
                size_t plen = p[q].end - from[q];
                if (jl + plen >= sizeof joined) {
                    fits = false;
                    break;
                }
                memcpy(joined + jl, s + from[q], plen);
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
            size_t start = p[0].start, to = p[take - 1].end;
            if (cote_strbuf_append(out, s + copied, start - copied) ||
                cote_strbuf_append(&d->repairs, s + start, to - start) || cote_strbuf_putc(&d->repairs, '\t'))
                return COTE_NOMEM;
            for (size_t q = 0; q < take; q++)
                if (cote_strbuf_append(out, s + p[q].start, p[q].end - p[q].start) ||
                    cote_strbuf_append(&d->repairs, s + p[q].start, p[q].end - p[q].start))
                    return COTE_NOMEM;
            if (cote_strbuf_putc(&d->repairs, '\0'))
                return COTE_NOMEM;
            d->n_repairs++;
            i = copied = to;
            continue;
        }
        /* keep the first piece and move on to the next one */
        i = p[0].end;
    }
    if (cote_strbuf_append(out, s + copied, n - copied))
        return COTE_NOMEM;
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
