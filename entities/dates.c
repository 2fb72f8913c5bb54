/* dates.c: the French date recogniser (dates.h).
 *
 * The main loop (scan) walks the bytes: white space, punctuation and words
 * that cannot open a date are skipped there, the words after a look at
 * their first two letters and their length. Where a date may start (a
 * number, a month, a weekday, `premier`, frame words such as du, les,
 * entre, de, depuis, en) the text is read as tokens (numbers, words,
 * dashes, apostrophes, other punctuation, links) made on demand from a byte
 * offset, so nothing is allocated, and the patterns below look ahead a
 * bounded number of tokens: the scan is linear (about 6 ms for 1 MB of
 * French text).
 *
 * Day and month expressions are read as a chain of elements
 * `[weekday] [day] [month] [year]` joined by connectors: a range (au, à,
 * jusqu'au, a dash, the `et` of `entre … et …`) or a list (`et`, a comma,
 * allowed only while the year is still to come). Missing months and years
 * are then inherited from the right ("du 15 au 17 juillet 2025"; "du 30
 * décembre au 2 janvier 2021" starts in 2020), and the chain is cut into
 * entities: a range pair, a run of consecutive listed days ("les 4 et 5
 * décembre 2025" is one range), or single elements. A chain with no year at
 * all gets one from the context (see infer_or_defer).
 *
 * Year spans (`2019-2020`, `(2018-21)`), numeric dates and bare years have
 * their own small matchers; each rejects a number glued to a slash, a
 * letter or another number, which is what symbols, job numbers, names and
 * amounts look like.
 */
#include "dates.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* ---- tokens ---------------------------------------------------------- */

typedef enum { T_END, T_NUM, T_WORD, T_DASH, T_APOS, T_PUNCT, T_URL } tok_type_t;

typedef enum {
    KW_NONE,
    KW_MONTH,      /* arg: 1..12 */
    KW_MONTH_ABBR, /* janv. févr. avr. juill. sept. oct. nov. déc.: a dot must follow */
    KW_WEEKDAY,
    KW_PREMIER,    /* a day (le premier janvier) or an ordinal (premier trimestre) */
    KW_ORD,        /* arg: 1..4, 9 for `dernier` */
    KW_ER,         /* the `er`/`re` of 1er/1re, also 1ᵉʳ */
    KW_DU, KW_LES, KW_LE, KW_L, KW_ENTRE, KW_DE, KW_D, KW_DEPUIS, KW_JUSQU, KW_ICI,
    KW_EN, KW_AU, KW_A, KW_ET, KW_BEFORE, KW_FUZZY, KW_COURS, KW_ANNEE, KW_ANNEES,
    KW_EXERCICE, KW_BIENNAL, KW_TRIMESTRE, KW_SEMESTRE, KW_SIECLE, KW_POUR,
    KW_ROMAN,      /* XXIe, XIXe...: arg is the number */
} kw_t;

typedef struct {
    tok_type_t type;
    unsigned sp;       /* white space before: 0 none, 1 some, 2 with a blank line */
    size_t start, end; /* byte span */
    uint32_t val;      /* NUM: value (saturated); PUNCT: code point; WORD: keyword argument */
    unsigned ndig;     /* NUM: digit count */
    kw_t kw;           /* WORD */
} tok_t;

typedef struct {
    const char *w;
    kw_t kw;
    unsigned arg;
} kwdef_t;

/* Folded (lower case, no accents) keywords. */
static const kwdef_t KEYWORDS[] = {
    {"a", KW_A, 0},
    {"annee", KW_ANNEE, 0},
    {"annees", KW_ANNEES, 0},
    {"aout", KW_MONTH, 8},
    {"apres", KW_BEFORE, 0},
    {"au", KW_AU, 0},
    {"avant", KW_BEFORE, 0},
    {"avr", KW_MONTH_ABBR, 4},
    {"avril", KW_MONTH, 4},
    {"biennal", KW_BIENNAL, 0},
    {"courant", KW_FUZZY, 0},
    {"cours", KW_COURS, 0},
    {"d", KW_D, 0},
    {"de", KW_DE, 0},
    {"debut", KW_FUZZY, 0},
    {"dec", KW_MONTH_ABBR, 12},
    {"decembre", KW_MONTH, 12},
    {"depuis", KW_DEPUIS, 0},
    {"dernier", KW_ORD, 9},
    {"deuxieme", KW_ORD, 2},
    {"dimanche", KW_WEEKDAY, 0},
    {"du", KW_DU, 0},
    {"en", KW_EN, 0},
    {"entre", KW_ENTRE, 0},
    {"er", KW_ER, 0},
    {"et", KW_ET, 0},
    {"exercice", KW_EXERCICE, 0},
    {"fev", KW_MONTH_ABBR, 2},
    {"fevr", KW_MONTH_ABBR, 2},
    {"fevrier", KW_MONTH, 2},
    {"fin", KW_FUZZY, 0},
    {"ici", KW_ICI, 0},
    {"janv", KW_MONTH_ABBR, 1},
    {"janvier", KW_MONTH, 1},
    {"jeudi", KW_WEEKDAY, 0},
    {"juil", KW_MONTH_ABBR, 7},
    {"juill", KW_MONTH_ABBR, 7},
    {"juillet", KW_MONTH, 7},
    {"juin", KW_MONTH, 6},
    {"jusqu", KW_JUSQU, 0},
    {"l", KW_L, 0},
    {"le", KW_LE, 0},
    {"les", KW_LES, 0},
    {"lundi", KW_WEEKDAY, 0},
    {"mai", KW_MONTH, 5},
    {"mardi", KW_WEEKDAY, 0},
    {"mars", KW_MONTH, 3},
    {"mercredi", KW_WEEKDAY, 0},
    {"mi", KW_FUZZY, 0},
    {"milieu", KW_FUZZY, 0},
    {"nov", KW_MONTH_ABBR, 11},
    {"novembre", KW_MONTH, 11},
    {"oct", KW_MONTH_ABBR, 10},
    {"octobre", KW_MONTH, 10},
    {"pour", KW_POUR, 0},
    {"premier", KW_PREMIER, 1},
    {"premiere", KW_ORD, 1},
    {"quatrieme", KW_ORD, 4},
    {"re", KW_ER, 0},
    {"samedi", KW_WEEKDAY, 0},
    {"second", KW_ORD, 2},
    {"seconde", KW_ORD, 2},
    {"semestre", KW_SEMESTRE, 0},
    {"sept", KW_MONTH_ABBR, 9},
    {"septembre", KW_MONTH, 9},
    {"siecle", KW_SIECLE, 0},
    {"trimestre", KW_TRIMESTRE, 0},
    {"troisieme", KW_ORD, 3},
    {"vendredi", KW_WEEKDAY, 0},
};

#define FOLD_MAX 10 /* longer words are no keyword (the longest has 9 letters) */

/* One code point at s[0..n): the 1- and 2-byte cases of French text
 * inline, the rest through the strict decoder. 0 when invalid. */
static inline size_t decode(const char *s, size_t n, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && ((unsigned char)s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(c & 0x1F) << 6) | ((unsigned char)s[1] & 0x3F);
        return 2;
    }
    return cote_utf8_decode(s, n, cp);
}

static bool is_space_cp(uint32_t cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

static bool is_dash_cp(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static bool is_apos_cp(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* Byte classes: ASCII letters, digits, white space; everything else 0. */
enum { B_LETTER = 1, B_DIGIT = 2, B_SPACE = 4 };
static const unsigned char BYTE_CLASS[256] = {
    ['\t'] = B_SPACE, ['\n'] = B_SPACE, ['\v'] = B_SPACE, ['\f'] = B_SPACE, ['\r'] = B_SPACE, [' '] = B_SPACE,
    ['0'] = B_DIGIT, ['1'] = B_DIGIT, ['2'] = B_DIGIT, ['3'] = B_DIGIT, ['4'] = B_DIGIT,
    ['5'] = B_DIGIT, ['6'] = B_DIGIT, ['7'] = B_DIGIT, ['8'] = B_DIGIT, ['9'] = B_DIGIT,
    ['A'] = B_LETTER, ['B'] = B_LETTER, ['C'] = B_LETTER, ['D'] = B_LETTER, ['E'] = B_LETTER, ['F'] = B_LETTER,
    ['G'] = B_LETTER, ['H'] = B_LETTER, ['I'] = B_LETTER, ['J'] = B_LETTER, ['K'] = B_LETTER, ['L'] = B_LETTER,
    ['M'] = B_LETTER, ['N'] = B_LETTER, ['O'] = B_LETTER, ['P'] = B_LETTER, ['Q'] = B_LETTER, ['R'] = B_LETTER,
    ['S'] = B_LETTER, ['T'] = B_LETTER, ['U'] = B_LETTER, ['V'] = B_LETTER, ['W'] = B_LETTER, ['X'] = B_LETTER,
    ['Y'] = B_LETTER, ['Z'] = B_LETTER,
    ['a'] = B_LETTER, ['b'] = B_LETTER, ['c'] = B_LETTER, ['d'] = B_LETTER, ['e'] = B_LETTER, ['f'] = B_LETTER,
    ['g'] = B_LETTER, ['h'] = B_LETTER, ['i'] = B_LETTER, ['j'] = B_LETTER, ['k'] = B_LETTER, ['l'] = B_LETTER,
    ['m'] = B_LETTER, ['n'] = B_LETTER, ['o'] = B_LETTER, ['p'] = B_LETTER, ['q'] = B_LETTER, ['r'] = B_LETTER,
    ['s'] = B_LETTER, ['t'] = B_LETTER, ['u'] = B_LETTER, ['v'] = B_LETTER, ['w'] = B_LETTER, ['x'] = B_LETTER,
    ['y'] = B_LETTER, ['z'] = B_LETTER,
};

static inline bool is_ascii_letter(unsigned char c)
{
    return BYTE_CLASS[c] & B_LETTER;
}

static inline bool is_digit(unsigned char c)
{
    return BYTE_CLASS[c] & B_DIGIT;
}

/* Letters beyond ASCII, roughly: everything but Latin-1 symbols, general
 * punctuation, symbols and CJK punctuation. Enough to keep words whole. */
static bool is_letter_cp(uint32_t cp)
{
    if (cp < 0x80)
        return is_ascii_letter((unsigned char)cp);
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return false;
    if (cp >= 0x3000 && cp <= 0x303F)
        return false;
    return !is_space_cp(cp) && !is_apos_cp(cp);
}

/* Appends the folded form of one code point to out (lower case ASCII, no
 * accents); false when it has none worth knowing. */
static bool fold_cp(uint32_t cp, char *out, size_t *k)
{
    char c = 0;
    if (cp < 0x80)
        c = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
    else if ((cp >= 0xC0 && cp <= 0xC5) || (cp >= 0xE0 && cp <= 0xE5))
        c = 'a';
    else if (cp == 0xC7 || cp == 0xE7)
        c = 'c';
    else if ((cp >= 0xC8 && cp <= 0xCB) || (cp >= 0xE8 && cp <= 0xEB) || cp == 0x1D49)
        c = 'e'; /* U+1D49 is the superscript e of 1ᵉʳ */
    else if ((cp >= 0xCC && cp <= 0xCF) || (cp >= 0xEC && cp <= 0xEF))
        c = 'i';
    else if (cp == 0xD1 || cp == 0xF1)
        c = 'n';
    else if ((cp >= 0xD2 && cp <= 0xD6) || (cp >= 0xF2 && cp <= 0xF6))
        c = 'o';
    else if ((cp >= 0xD9 && cp <= 0xDC) || (cp >= 0xF9 && cp <= 0xFC))
        c = 'u';
    else if (cp == 0x02B3)
        c = 'r'; /* superscript r */
    else
        return false;
    if (*k >= FOLD_MAX)
        return false;
    out[(*k)++] = c;
    return true;
}

/* Roman numeral of a century ordinal: `XXIe`, `XIXe`, `XXe`, `XXIème`
 * (upper-case letters only, so that `vie` stays a word). 0 if not one. */
static unsigned roman_ordinal(const char *s, size_t a, size_t b)
{
    unsigned v = 0, prev = 0;
    size_t i = a;
    for (; i < b && (s[i] == 'X' || s[i] == 'V' || s[i] == 'I'); i++) {
        unsigned d = s[i] == 'X' ? 10 : s[i] == 'V' ? 5 : 1;
        v += d;
        if (d > prev && prev)
            v -= 2 * prev;
        prev = d;
    }
    if (i == a)
        return 0;
    size_t rest = b - i;
    if ((rest == 1 && s[i] == 'e') || (rest == 4 && memcmp(s + i, "\xc3\xa8me", 4) == 0) ||
        (rest == 3 && memcmp(s + i, "eme", 3) == 0))
        return v;
    return 0;
}

/* The lexer: the text, a hash of the keywords (built per call: a few
 * hundred instructions, and no global state), and the last tokens made,
 * since a failed look-ahead is followed by the main loop reading the same
 * tokens again. */
#define KW_HASH 256 /* power of two, > 2 x the keyword count */
#define TOK_CACHE 4

typedef struct {
    const char *s;
    size_t n;
    unsigned char kw_slot[KW_HASH]; /* index in KEYWORDS + 1, 0 when empty */
    uint32_t kw_pairs[26];          /* [first letter] bit second letter (26: none) */
    uint32_t start_pairs[26];       /* the same for keywords that can open a date */
    uint32_t start_lens[26];        /* [first letter] bit byte length of those */
    size_t cache_pos[TOK_CACHE];
    tok_t cache[TOK_CACHE];
} lexer_t;

static unsigned kw_hash_step(unsigned h, char c)
{
    return h * 31u + (unsigned char)c;
}

/* Whether a keyword can open a date in the main loop (the others only
 * join or follow: à, au, et, le, l', er, ici, trimestre, siècle...). */
static bool kw_opens(kw_t kw)
{
    switch (kw) {
    case KW_A: case KW_AU: case KW_ET: case KW_LE: case KW_L: case KW_ER: case KW_ICI: case KW_BIENNAL:
    case KW_TRIMESTRE: case KW_SEMESTRE: case KW_SIECLE: case KW_NONE:
        return false;
    default:
        return true;
    }
}

static void lexer_init(lexer_t *lx, const char *s, size_t n)
{
    lx->s = s;
    lx->n = n;
    memset(lx->kw_slot, 0, sizeof lx->kw_slot);
    memset(lx->kw_pairs, 0, sizeof lx->kw_pairs);
    memset(lx->start_pairs, 0, sizeof lx->start_pairs);
    memset(lx->start_lens, 0, sizeof lx->start_lens);
    for (size_t i = 0; i < sizeof KEYWORDS / sizeof *KEYWORDS; i++) {
        unsigned h = 0;
        for (const char *w = KEYWORDS[i].w; *w; w++)
            h = kw_hash_step(h, *w);
        while (lx->kw_slot[h & (KW_HASH - 1)])
            h++;
        lx->kw_slot[h & (KW_HASH - 1)] = (unsigned char)(i + 1);
        const char *w = KEYWORDS[i].w;
        uint32_t bit = 1u << (w[1] ? w[1] - 'a' : 26);
        lx->kw_pairs[w[0] - 'a'] |= bit;
        if (kw_opens(KEYWORDS[i].kw)) {
            lx->start_pairs[w[0] - 'a'] |= bit;
            lx->start_lens[w[0] - 'a'] |= 7u << strlen(w); /* accented: a byte or two more */
        }
    }
    static const char roman[] = "xvi"; /* XXIe, XIXe, IVe... */
    for (size_t a = 0; a < 3; a++) {
        uint32_t bits = 1u << ('x' - 'a') | 1u << ('v' - 'a') | 1u << ('i' - 'a') | 1u << ('e' - 'a');
        lx->kw_pairs[roman[a] - 'a'] |= bits;
        lx->start_pairs[roman[a] - 'a'] |= bits;
        lx->start_lens[roman[a] - 'a'] |= 0x1FEu; /* 1 to 8 bytes */
    }
    for (size_t i = 0; i < TOK_CACHE; i++)
        lx->cache_pos[i] = SIZE_MAX;
}

/* The keyword f (folded, k bytes, hash h), or NULL. */
static const kwdef_t *kw_lookup(const lexer_t *lx, const char *f, size_t k, unsigned h)
{
    for (;; h++) {
        unsigned char slot = lx->kw_slot[h & (KW_HASH - 1)];
        if (!slot)
            return NULL;
        const kwdef_t *d = &KEYWORDS[slot - 1];
        if (d->w[0] == f[0] && strncmp(d->w, f, k) == 0 && d->w[k] == '\0')
            return d;
    }
}

/* Whether the word s[i..end) may be in `pairs` (a mask of first and second
 * letters, folded): `de` may be a keyword, `la` may not. Most words stop
 * here. */
static inline bool kw_possible(const lexer_t *lx, const uint32_t *pairs, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)lx->s;
    unsigned c0, c1;
    size_t next = i + 1;
    if (s[i] < 0x80) {
        c0 = (unsigned)(s[i] | 0x20) - 'a';
    } else if (s[i] == 0xC3 && i + 1 < end && (s[i + 1] | 0x20) == 0xA0) {
        c0 = 0; /* à */
        next = i + 2;
    } else {
        return s[i] == 0xE1 || s[i] == 0xCA; /* ᵉ of 1ᵉʳ, ʳ of 1ʳᵉ */
    }
    if (c0 >= 26)
        return false;
    if (next >= end) {
        c1 = 26;
    } else if (s[next] < 0x80) {
        c1 = (unsigned)(s[next] | 0x20) - 'a';
    } else {
        uint32_t cp;
        char f[FOLD_MAX + 1];
        size_t k = 0;
        if (!decode(lx->s + next, end - next, &cp) || !fold_cp(cp, f, &k))
            return false;
        c1 = (unsigned)f[0] - 'a';
    }
    return c1 <= 26 && (pairs[c0] >> c1 & 1u);
}

static void classify_word(const lexer_t *lx, tok_t *t)
{
    const char *s = lx->s;
    if (t->end - t->start > FOLD_MAX + 2 || !kw_possible(lx, lx->kw_pairs, t->start, t->end))
        return;
    char f[FOLD_MAX + 1];
    size_t k = 0;
    unsigned h = 0;
    for (size_t i = t->start; i < t->end;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* a letter: lower case it */
            if (k >= FOLD_MAX)
                return;
            f[k++] = (char)(b | 0x20);
            i++;
        } else {
            uint32_t cp;
            size_t len = decode(s + i, t->end - i, &cp);
            if (!len || !fold_cp(cp, f, &k))
                return;
            i += len;
        }
        h = kw_hash_step(h, f[k - 1]);
    }
    const kwdef_t *d = kw_lookup(lx, f, k, h);
    if (d) {
        t->kw = d->kw;
        t->val = d->arg;
        return;
    }
    unsigned r = roman_ordinal(s, t->start, t->end);
    if (r) {
        t->kw = KW_ROMAN;
        t->val = r;
    }
}

static bool prefix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != p[i])
            return false;
    }
    return true;
}

/* The end of a link starting at pos (http://, https://, www., or a domain
 * name followed by a path: `unsouthsouth.org/2020/01/20/…`), or 0. Dates
 * inside links are not mentions of the document. */
static size_t url_end(const char *s, size_t n, size_t pos)
{
    bool url = prefix_ci(s + pos, n - pos, "http://") || prefix_ci(s + pos, n - pos, "https://") ||
               prefix_ci(s + pos, n - pos, "www.");
    if (!url) {
        if (pos > 0) {
            unsigned char b = (unsigned char)s[pos - 1];
            if (is_ascii_letter(b) || is_digit(b) || b == '.' || b == '/' || b == '@' || b == '-')
                return 0;
        }
        size_t i = pos, label = pos, dots = 0;
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (is_ascii_letter(c) || is_digit(c) || c == '-') {
                i++;
            } else if (c == '.' && i > label) {
                dots++;
                label = ++i;
            } else {
                break;
            }
        }
        if (!dots || i >= n || s[i] != '/' || i - label < 2 || i - label > 6)
            return 0;
        for (size_t j = label; j < i; j++)
            if (!is_ascii_letter((unsigned char)s[j]))
                return 0;
    }
    size_t e = pos;
    while (e < n && (unsigned char)s[e] > 0x20)
        e++;
    return e;
}

/* The end of the word of letters at pos (pos itself when there is none). */
static size_t word_end(const char *s, size_t n, size_t pos)
{
    size_t i = pos;
    for (;;) {
        while (i < n && is_ascii_letter((unsigned char)s[i]))
            i++;
        if (i >= n || (unsigned char)s[i] < 0x80)
            return i;
        uint32_t cp;
        size_t k = decode(s + i, n - i, &cp);
        if (!k || !is_letter_cp(cp))
            return i;
        i += k;
    }
}

/* The token at or after pos. */
static tok_t lex_scan(const lexer_t *lx, size_t pos)
{
    const char *s = lx->s;
    size_t n = lx->n;
    tok_t t;
    memset(&t, 0, sizeof t);
    unsigned nl = 0;
    bool ws = false;
    while (pos < n) {
        unsigned char c = (unsigned char)s[pos];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            ws = true;
            pos++;
            continue;
        }
        if (c == '\n') {
            ws = true;
            nl++;
            pos++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = decode(s + pos, n - pos, &cp);
            if (k && is_space_cp(cp)) {
                ws = true;
                pos += k;
                continue;
            }
        }
        break;
    }
    t.sp = nl >= 2 ? 2 : ws ? 1 : 0;
    t.start = pos;
    if (pos >= n) {
        t.type = T_END;
        t.end = n;
        return t;
    }
    unsigned char c = (unsigned char)s[pos];
    if (is_digit(c)) {
        size_t i = pos;
        uint32_t v = 0;
        while (i < n && is_digit((unsigned char)s[i])) {
            if (v < 100000000u)
                v = v * 10 + (uint32_t)(s[i] - '0');
            else
                v = 999999999u;
            i++;
        }
        t.type = T_NUM;
        t.end = i;
        t.val = v;
        t.ndig = (unsigned)(i - pos);
        return t;
    }
    uint32_t cp = c;
    size_t k = 1;
    if (c >= 0x80) {
        k = decode(s + pos, n - pos, &cp);
        if (!k) { /* invalid byte: punctuation of its own */
            t.type = T_PUNCT;
            t.val = c;
            t.end = pos + 1;
            return t;
        }
    }
    if (is_letter_cp(cp)) {
        size_t i = word_end(s, n, pos + k);
        if (i < n && (s[i] == '.' || s[i] == ':')) { /* www. http: unsouthsouth.org/ */
            size_t u = url_end(s, n, pos);
            if (u) {
                t.type = T_URL;
                t.end = u;
                return t;
            }
        }
        t.type = T_WORD;
        t.end = i;
        classify_word(lx, &t);
        return t;
    }
    t.end = pos + k;
    t.val = cp;
    t.type = is_dash_cp(cp) ? T_DASH : is_apos_cp(cp) ? T_APOS : T_PUNCT;
    return t;
}

static tok_t tok_at(lexer_t *lx, size_t pos)
{
    for (size_t i = 0; i < TOK_CACHE; i++) /* made from here, or from the space before */
        if (lx->cache_pos[i] == pos || (lx->cache_pos[i] <= pos && lx->cache[i].start == pos))
            return lx->cache[i];
    size_t k = pos % TOK_CACHE;
    lx->cache[k] = lex_scan(lx, pos);
    lx->cache_pos[k] = pos;
    return lx->cache[k];
}

/* ---- calendar -------------------------------------------------------- */

#define YEAR_MIN 1800 /* treaties can be old; event dates are later */
#define YEAR_MAX 2099
#define BARE_YEAR_MIN 1900

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dm[m - 1];
}

/* A point at day, month or year precision (d, or d and m, are 0). */
typedef struct {
    int y, m, d;
} pt_t;

static uint32_t pt_from(const pt_t *p)
{
    return (uint32_t)p->y * 10000u + (uint32_t)(p->m ? p->m : 1) * 100u + (uint32_t)(p->d ? p->d : 1);
}

static uint32_t pt_to(const pt_t *p)
{
    int m = p->m ? p->m : 12;
    return (uint32_t)p->y * 10000u + (uint32_t)m * 100u + (uint32_t)(p->d ? p->d : days_in(p->y, m));
}

static bool pt_valid(const pt_t *p)
{
    if (p->y < 1 || p->y > 9999 || p->m < 0 || p->m > 12 || p->d < 0)
        return false;
    if (p->d && (!p->m || p->d > days_in(p->y, p->m)))
        return false;
    return true;
}

static size_t put_digits(char *b, unsigned v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        b[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return (size_t)width;
}

/* YYYY, YYYY-MM or YYYY-MM-DD at b; returns the length written (<= 10). */
static size_t put_pt(char *b, const pt_t *p)
{
    size_t k = put_digits(b, (unsigned)p->y, 4);
    if (p->m) {
        b[k++] = '-';
        k += put_digits(b + k, (unsigned)p->m, 2);
        if (p->d) {
            b[k++] = '-';
            k += put_digits(b + k, (unsigned)p->d, 2);
        }
    }
    return k;
}

/* ---- context --------------------------------------------------------- */

enum { OPEN_NONE, OPEN_START, OPEN_END };
enum { C_NONE, C_RANGE, C_LIST };
typedef enum { F_NONE, F_DU, F_LES, F_ENTRE, F_DE, F_DEPUIS, F_UNTIL } frame_t;

/* One element of a chain: [day] month [year]. */
typedef struct {
    int y, m, d;
    int ydelta; /* no year in the chain: offset from the year to be inferred */
    size_t start, end;
} elem_t;

/* A date without year waiting for the next explicit one of its paragraph. */
typedef struct {
    elem_t a, b;
    bool range;
    int open;
    size_t start, end;
    int fallback; /* year of the nearest preceding explicit date, or 0 */
} pending_t;

#define PENDING_MAX 16
#define CHAIN_MAX 8

typedef struct {
    lexer_t lx;
    const char *s;
    size_t n;
    bool query;
    cote_entity_list_t *out;
    size_t n0;       /* out->n at start */
    bool unordered;  /* something was appended out of text order */
    cote_status_t st;
    int last_year;   /* the year of the last explicit date, or 0 */
    size_t last_year_pos;
    size_t para_start;
    pending_t pending[PENDING_MAX];
    size_t npending;
} ctx_t;

static tok_t nxt(ctx_t *c, const tok_t *t)
{
    return tok_at(&c->lx, t->end);
}

static bool is_punct(const tok_t *t, uint32_t ch)
{
    return t->type == T_PUNCT && t->val == ch;
}

static bool is_kw(const tok_t *t, kw_t kw)
{
    return t->type == T_WORD && t->kw == kw;
}

static void emit(ctx_t *c, const pt_t *a, const pt_t *b, int open, size_t start, size_t end, unsigned flags)
{
    if (c->st != COTE_OK || !pt_valid(a) || (b && !pt_valid(b)))
        return;
    cote_entity_t e;
    memset(&e, 0, sizeof e);
    e.kind = COTE_ENT_DATE;
    e.start = start;
    e.end = end;
    size_t k = 0;
    if (open == OPEN_END) {
        memcpy(e.canon, "../", 3);
        k = 3;
    }
    k += put_pt(e.canon + k, a);
    e.from = pt_from(a);
    e.to = pt_to(a);
    if (open == OPEN_START) {
        memcpy(e.canon + k, "/..", 3);
        k += 3;
    } else if (b) {
        e.canon[k++] = '/';
        k += put_pt(e.canon + k, b);
        e.to = pt_to(b);
        if (e.from > e.to)
            return;
    }
    e.canon[k] = '\0';
    if (b || open)
        flags |= COTE_ENT_RANGE;
    e.flags = flags;
    if (c->out->n > c->n0 && c->out->v[c->out->n - 1].start > start)
        c->unordered = true;
    c->st = cote_entity_push(c->out, &e);
}

static void emit_pending(ctx_t *c, const pending_t *p, int year)
{
    pt_t a = {year + p->a.ydelta, p->a.m, p->a.d};
    pt_t b = {year + p->b.ydelta, p->b.m, p->b.d};
    emit(c, &a, p->range ? &b : NULL, p->open, p->start, p->end, COTE_ENT_INFERRED);
}

/* Paragraph over: waiting dates take the year that preceded them, if any. */
static void flush_pending(ctx_t *c)
{
    for (size_t i = 0; i < c->npending; i++)
        if (c->pending[i].fallback)
            emit_pending(c, &c->pending[i], c->pending[i].fallback);
    c->npending = 0;
}

/* An explicit year was written at pos: it is the context of later dates
 * without year, and of earlier ones of the same paragraph still waiting. */
static void note_year(ctx_t *c, int year, size_t pos)
{
    c->last_year = year;
    c->last_year_pos = pos;
    for (size_t i = 0; i < c->npending; i++)
        emit_pending(c, &c->pending[i], year);
    c->npending = 0;
}

/* A date without year (`Le 2 avril`, `Les 1er et 2 février`): the year of
 * the preceding explicit date of the paragraph, else of the next one in
 * the paragraph, else of the preceding one in the document. */
static void infer_or_defer(ctx_t *c, const elem_t *a, const elem_t *b, int open, size_t start, size_t end)
{
    if (c->query)
        return; /* a query has no context */
    pending_t p;
    memset(&p, 0, sizeof p);
    p.a = *a;
    p.b = b ? *b : *a;
    p.range = b != NULL;
    p.open = open;
    p.start = start;
    p.end = end;
    p.fallback = c->last_year;
    if (c->last_year && c->last_year_pos >= c->para_start) {
        emit_pending(c, &p, c->last_year);
        return;
    }
    if (c->npending == PENDING_MAX) {
        if (c->pending[0].fallback)
            emit_pending(c, &c->pending[0], c->pending[0].fallback);
        memmove(c->pending, c->pending + 1, (PENDING_MAX - 1) * sizeof *c->pending);
        c->npending--;
    }
    c->pending[c->npending++] = p;
}

/* ---- guards ---------------------------------------------------------- */

/* Whether a number t may start a date: not glued to a word (G20,
 * PM2,5), a number, a slash (A/75/2021), a dash (COVID-19), a dot or a
 * plus (Beijing+25); an opening bracket or quote is fine. */
static bool starts_free(const ctx_t *c, const tok_t *t)
{
    if (t->sp || t->start == 0)
        return true;
    size_t b = t->start - 1;
    while (b > 0 && t->start - b < 4 && ((unsigned char)c->s[b] & 0xC0) == 0x80)
        b--;
    uint32_t cp;
    if (!cote_utf8_decode(c->s + b, t->start - b, &cp))
        return false;
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || is_space_cp(cp) ||
           cp == '(' || cp == '[' || cp == 0xAB || cp == '"' || cp == 0x201C || cp == 0x2018;
}

/* Whether the number t ends there: the next token is not glued to it as a
 * word, a slash (2019/1, 2020/04/03) or a dash or dot followed by digits. */
static bool ends_free(ctx_t *c, const tok_t *t)
{
    tok_t w = nxt(c, t);
    if (w.sp)
        return true;
    if (w.type == T_WORD || w.type == T_NUM || is_punct(&w, '/'))
        return false;
    if (w.type == T_DASH || is_punct(&w, '.') || is_punct(&w, ',')) {
        tok_t x = nxt(c, &w);
        if (!x.sp && x.type == T_NUM)
            return false;
    }
    return true;
}

/* A year token: 4 digits, or a year with a footnote number glued to it in a
 * date slot (`20082` = 2008 + note 2); *end is where the year stops. */
static int year_tok(const tok_t *y, int lo, size_t *end)
{
    if (y->type != T_NUM || !y->sp)
        return 0;
    int v = 0;
    if (y->ndig == 4) {
        v = (int)y->val;
        *end = y->end;
    } else if (y->ndig == 5 || y->ndig == 6) {
        v = (int)(y->val / (y->ndig == 5 ? 10u : 100u));
        *end = y->start + 4;
    }
    return v >= lo && v <= YEAR_MAX ? v : 0;
}

/* A bare year: exactly 4 digits, standing alone (no span follows). */
static int bare_year_tok(ctx_t *c, const tok_t *y, bool need_space)
{
    if (y->type != T_NUM || y->ndig != 4 || (need_space && !y->sp))
        return 0;
    if (y->val < BARE_YEAR_MIN || y->val > YEAR_MAX || !ends_free(c, y))
        return 0;
    tok_t w = nxt(c, y);
    if (w.type == T_DASH) { /* 2019 - 2020: a span, read at its first year */
        tok_t x = nxt(c, &w);
        if (x.type == T_NUM)
            return 0;
    }
    return (int)y->val;
}

/* ---- chains of days and months -------------------------------------- */

static bool month_at(ctx_t *c, tok_t *u, int *m)
{
    if (u->type != T_WORD)
        return false;
    if (u->kw == KW_MONTH) {
        *m = (int)u->val;
        return true;
    }
    if (u->kw == KW_MONTH_ABBR) {
        tok_t dot = nxt(c, u);
        if (is_punct(&dot, '.') && !dot.sp) {
            *m = (int)u->val;
            *u = dot;
            return true;
        }
    }
    return false;
}

/* Reads `[weekday] day [month [year]]`, `premier month [year]` or
 * `month [year]` at *t; on success *t is its last token. */
static bool parse_elem(ctx_t *c, tok_t *t, bool first, elem_t *e)
{
    tok_t u = *t;
    memset(e, 0, sizeof *e);
    e->start = u.start;
    if (is_kw(&u, KW_WEEKDAY)) {
        u = nxt(c, &u);
        if (u.type != T_NUM && !is_kw(&u, KW_PREMIER))
            return false;
        first = false;
    }
    if (u.type == T_NUM || is_kw(&u, KW_PREMIER)) {
        if (u.type == T_NUM) {
            if (u.ndig > 2 || u.val < 1 || u.val > 31 || (first && !starts_free(c, &u)))
                return false;
        }
        e->d = u.type == T_NUM ? (int)u.val : 1;
        tok_t v = nxt(c, &u);
        if (u.type == T_NUM && is_kw(&v, KW_ER) && u.val == 1 && v.sp < 2) {
            u = v; /* 1er, 1 er, 1ᵉʳ, 1re */
            v = nxt(c, &u);
        } else if (u.type == T_NUM && !v.sp && (v.type == T_WORD || is_punct(&v, '/') || is_punct(&v, '.'))) {
            return false; /* 5e, 12h, 15/21, 1.2 */
        }
        *t = u;
        e->end = u.end;
        if (!month_at(c, &v, &e->m))
            return true; /* a day alone: its month is to the right */
        u = v;
    } else if (!month_at(c, &u, &e->m)) {
        return false;
    }
    *t = u;
    e->end = u.end;
    tok_t y = nxt(c, &u);
    size_t yend = 0;
    int year = year_tok(&y, YEAR_MIN, &yend);
    if (year && ends_free(c, &y)) {
        e->y = year;
        e->end = yend;
        *t = y;
    }
    return true;
}

/* The connector after *t, if any: C_RANGE or C_LIST; *t moves to its last
 * token (an article after it included: `et le`, `au`, `et du`). */
static int parse_conn(ctx_t *c, tok_t *t, frame_t frame, size_t nconn)
{
    tok_t u = nxt(c, t);
    int kind = C_NONE;
    if (u.type == T_DASH && u.sp < 2) {
        kind = C_RANGE;
    } else if (is_punct(&u, ',')) {
        kind = C_LIST;
    } else if (u.type == T_WORD) {
        if (u.kw == KW_AU || u.kw == KW_A) {
            kind = C_RANGE;
        } else if (u.kw == KW_ET) {
            kind = frame == F_ENTRE && nconn == 0 ? C_RANGE : C_LIST;
        } else if (u.kw == KW_JUSQU) {
            tok_t ap = nxt(c, &u);
            tok_t w = nxt(c, &ap);
            if (ap.type == T_APOS && (is_kw(&w, KW_AU) || is_kw(&w, KW_A))) {
                u = w;
                kind = C_RANGE;
            }
        }
    }
    if (kind == C_NONE)
        return C_NONE;
    tok_t v = nxt(c, &u);
    if (is_kw(&v, KW_LE) || is_kw(&v, KW_DU) || is_kw(&v, KW_LES) || is_kw(&v, KW_EN))
        u = v;
    *t = u;
    return kind;
}

typedef struct {
    elem_t e[CHAIN_MAX + 1];
    tok_t last[CHAIN_MAX + 1]; /* last token of each element */
    int conn[CHAIN_MAX + 1];   /* conn[i] joins e[i] and e[i+1] */
    size_t n;
} chain_t;

static pt_t elem_pt(const elem_t *e)
{
    pt_t p = {e->y, e->m, e->d};
    return p;
}

static void emit_group(ctx_t *c, const elem_t *a, const elem_t *b, int open, size_t start, size_t end)
{
    if (!a->y) { /* only days are worth a guess (`Le 2 avril`), not `en mai` */
        if (a->d && (!b || b->d))
            infer_or_defer(c, a, b, open, start, end);
        return;
    }
    pt_t pa = elem_pt(a), pb = elem_pt(b ? b : a);
    emit(c, &pa, b ? &pb : NULL, open, start, end, 0);
    note_year(c, b ? b->y : a->y, start);
}

/* Reads a chain of elements at first (frame: the word that introduced it,
 * at frame_start) and emits its dates. On a match *last is its last token;
 * an impossible date (31 février) matches and emits nothing. */
static bool parse_chain(ctx_t *c, const tok_t *first, frame_t frame, size_t frame_start, tok_t *last)
{
    chain_t ch;
    tok_t t = *first;
    if (!parse_elem(c, &t, true, &ch.e[0]))
        return false;
    ch.last[0] = t;
    ch.n = 1;
    while (ch.n < CHAIN_MAX) {
        const elem_t *pe = &ch.e[ch.n - 1];
        tok_t u = ch.last[ch.n - 1];
        int k = parse_conn(c, &u, frame, ch.n - 1);
        if (k == C_NONE || (k == C_LIST && pe->y) || (ch.n >= 2 && ch.conn[ch.n - 2] == C_RANGE && k == C_RANGE))
            break;
        tok_t v = nxt(c, &u);
        if (!parse_elem(c, &v, false, &ch.e[ch.n]))
            break;
        ch.conn[ch.n - 1] = k;
        ch.last[ch.n++] = v;
    }
    while (ch.n && !ch.e[ch.n - 1].m) /* a chain ends on a month */
        ch.n--;
    if (!ch.n)
        return false;
    ch.conn[ch.n - 1] = C_NONE;
    *last = ch.last[ch.n - 1];

    /* `en novembre 2020 et 2021`: the month again in the second year */
    const elem_t *le = &ch.e[ch.n - 1];
    if (le->y && !le->d && ch.n < CHAIN_MAX && frame != F_ENTRE) {
        tok_t u = nxt(c, last);
        tok_t v = nxt(c, &u);
        tok_t w = nxt(c, &v);
        int m2;
        int y2 = is_kw(&u, KW_ET) ? bare_year_tok(c, &v, true) : 0;
        if (y2 && y2 != le->y && !month_at(c, &w, &m2)) {
            elem_t *ne = &ch.e[ch.n];
            memset(ne, 0, sizeof *ne);
            ne->y = y2;
            ne->m = le->m;
            ne->start = v.start;
            ne->end = v.end;
            ch.conn[ch.n - 1] = C_LIST;
            ch.conn[ch.n] = C_NONE;
            ch.last[ch.n++] = v;
            *last = v;
        }
    }

    /* months and years from the right, then years from the left */
    for (size_t i = ch.n - 1; i-- > 0;) {
        elem_t *a = &ch.e[i];
        const elem_t *b = &ch.e[i + 1];
        if (!a->m)
            a->m = b->m;
        if (!a->y) {
            int back = a->m > b->m; /* du 30 décembre au 2 janvier 2021 */
            if (b->y)
                a->y = b->y - back;
            else
                a->ydelta = b->ydelta - back;
        }
    }
    for (size_t i = 1; i < ch.n; i++) {
        elem_t *b = &ch.e[i];
        const elem_t *a = &ch.e[i - 1];
        if (!b->y && a->y)
            b->y = a->y + (b->m < a->m);
    }
    /* an impossible day voids the whole expression (31 février 2020) */
    for (size_t i = 0; i < ch.n; i++) {
        const elem_t *e = &ch.e[i];
        if (e->d && e->d > days_in(e->y ? e->y : 2000, e->m))
            return true;
    }

    bool open_frame = frame == F_DEPUIS || frame == F_UNTIL;
    size_t i = 0;
    while (i < ch.n && c->st == COTE_OK) {
        size_t j = i;
        bool range = false;
        if (i + 1 < ch.n && ch.conn[i] == C_RANGE) {
            j = i + 1;
            range = true;
        } else {
            while (j + 1 < ch.n && ch.conn[j] == C_LIST && ch.e[j].d && ch.e[j + 1].d && ch.e[j + 1].m == ch.e[j].m &&
                   ch.e[j + 1].y == ch.e[j].y && ch.e[j + 1].ydelta == ch.e[j].ydelta &&
                   ch.e[j + 1].d == ch.e[j].d + 1 && !(j + 2 < ch.n && ch.conn[j + 1] == C_RANGE))
                j++;
            range = j > i;
        }
        int open = OPEN_NONE;
        if (open_frame && ch.n == 1)
            open = frame == F_DEPUIS ? OPEN_START : OPEN_END;
        size_t start = ch.e[i].start;
        if (frame != F_NONE && i == 0 && (range || open))
            start = frame_start;
        emit_group(c, &ch.e[i], range ? &ch.e[j] : NULL, open, start, ch.e[j].end);
        i = j + 1;
    }
    return true;
}

/* ---- other matchers -------------------------------------------------- */

static void emit_years(ctx_t *c, int y1, int y2, int open, size_t start, size_t end)
{
    pt_t a = {y1, 0, 0}, b = {y2, 0, 0};
    emit(c, &a, y2 ? &b : NULL, open, start, end, 0);
}

/* 15/02/2020, 15.02.2020, 15-2-2020 (day first) and 2020-02-15 (ISO). */
static bool numeric_date(ctx_t *c, const tok_t *t, tok_t *last)
{
    if (!starts_free(c, t) || (t->ndig > 2 && t->ndig != 4))
        return false;
    tok_t s1 = nxt(c, t);
    if (s1.sp || !(is_punct(&s1, '/') || is_punct(&s1, '.') || s1.type == T_DASH))
        return false;
    tok_t b = nxt(c, &s1);
    if (b.sp || b.type != T_NUM || b.ndig > 2)
        return false;
    tok_t s2 = nxt(c, &b);
    if (s2.sp || s2.type != s1.type || s2.val != s1.val)
        return false;
    tok_t y = nxt(c, &s2);
    if (y.sp || y.type != T_NUM || !ends_free(c, &y))
        return false;
    pt_t p;
    if (t->ndig <= 2 && y.ndig == 4) {
        p.y = (int)y.val;
        p.m = (int)b.val;
        p.d = (int)t->val;
    } else if (t->ndig == 4 && b.ndig == 2 && y.ndig == 2 && s1.type == T_DASH) {
        p.y = (int)t->val;
        p.m = (int)b.val;
        p.d = (int)y.val;
    } else {
        return false;
    }
    *last = y;
    if (p.y < YEAR_MIN || p.y > YEAR_MAX || p.m < 1 || p.d < 1 || !pt_valid(&p))
        return true; /* 31/02/2020: shaped like a date, but none */
    emit(c, &p, NULL, OPEN_NONE, t->start, y.end, 0);
    note_year(c, p.y, t->start);
    return true;
}

/* 2019-2020, 2018-21, (2020-2030), 2020–2021, 2016 - 2020, and
 * 2022-20258 (footnote 8 glued to 2025). */
static bool year_span(ctx_t *c, const tok_t *t, tok_t *last)
{
    if (t->ndig != 4 || t->val < BARE_YEAR_MIN || t->val > YEAR_MAX || !starts_free(c, t))
        return false;
    tok_t d = nxt(c, t);
    if (d.type != T_DASH || d.sp == 2)
        return false;
    tok_t u = nxt(c, &d);
    if (u.type != T_NUM || u.sp == 2)
        return false;
    int y1 = (int)t->val, y2;
    size_t end = u.end;
    if (u.ndig == 4) {
        y2 = (int)u.val;
    } else if (u.ndig == 2) {
        y2 = y1 - y1 % 100 + (int)u.val;
        if (y2 <= y1)
            y2 += 100;
        if (y2 - y1 > 20)
            return false; /* 2020-02 is not 2020/2102 */
    } else if (u.ndig == 5 || u.ndig == 6) {
        y2 = (int)(u.val / (u.ndig == 5 ? 10u : 100u));
        end = u.start + 4;
        if (y2 - y1 > 50)
            return false;
    } else {
        return false;
    }
    if (y2 <= y1 || y2 - y1 > 100 || y2 > YEAR_MAX + 1 || !ends_free(c, &u))
        return false;
    *last = u;
    emit_years(c, y1, y2, OPEN_NONE, t->start, end);
    return true;
}

/* `entre 2016 et 2020`, `de 2016 à 2020`: u is the first year. */
static bool year_pair(ctx_t *c, const tok_t *u, kw_t joiner, size_t start, tok_t *last)
{
    int y1 = bare_year_tok(c, u, true);
    if (!y1)
        return false;
    tok_t v = nxt(c, u);
    if (!(is_kw(&v, joiner) || (joiner == KW_A && is_kw(&v, KW_AU))))
        return false;
    tok_t w = nxt(c, &v);
    int y2 = bare_year_tok(c, &w, true);
    if (!y2 || y2 <= y1 || y2 - y1 > 100)
        return false;
    *last = w;
    emit_years(c, y1, y2, OPEN_NONE, start, w.end);
    return true;
}

/* A bare year after a word that makes it a time; open is OPEN_START for
 * `depuis`, OPEN_END for `d'ici à` / `jusqu'en`. */
static bool bare_year(ctx_t *c, const tok_t *u, bool need_space, int open, size_t start, tok_t *last)
{
    int y = bare_year_tok(c, u, need_space);
    if (!y)
        return false;
    *last = *u;
    emit_years(c, y, 0, open, open ? start : u->start, u->end);
    note_year(c, y, u->start);
    if (open == OPEN_NONE) { /* En 2021 et 2022 */
        tok_t et = nxt(c, u);
        tok_t v = nxt(c, &et);
        tok_t w = nxt(c, &v);
        int m, y2 = is_kw(&et, KW_ET) ? bare_year_tok(c, &v, true) : 0;
        if (y2 && !month_at(c, &w, &m)) {
            *last = v;
            emit_years(c, y2, 0, OPEN_NONE, v.start, v.end);
            note_year(c, y2, v.start);
        }
    }
    return true;
}

/* Words after which a year after `de`/`pour` is a year, not a count:
 * `l’accord de cessez-le-feu de 2020.`, `rapport de 2021 du Secrétaire`,
 * `programme de travail pour 2025 (point 3)`, but `de 2000 personnes`. */
static bool year_follower(ctx_t *c, const tok_t *y)
{
    static const char *const ok[] = {"a", "afin", "ainsi", "au", "aux", "avec", "ce", "cette", "contre", "d",
                                     "dans", "de", "des", "du", "elle", "elles", "en", "entre", "est", "et",
                                     "il", "ils", "l", "la", "le", "les", "leur", "leurs", "lors", "on", "ont",
                                     "ou", "par", "pour", "puis", "qu", "que", "qui", "sa", "se", "selon", "ses",
                                     "son", "sont", "sur", "un", "une", "vers"};
    tok_t w = nxt(c, y);
    if (w.type != T_WORD)
        return w.type != T_NUM && w.type != T_DASH && w.type != T_APOS;
    if (w.kw == KW_A || w.kw == KW_AU || w.kw == KW_ET || w.kw == KW_EN)
        return true;
    size_t len = w.end - w.start;
    char f[8];
    if (len >= sizeof f)
        return false;
    for (size_t i = 0; i < len; i++)
        f[i] = (char)(c->s[w.start + i] | 0x20); /* non-ASCII bytes never match */
    f[len] = '\0';
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strcmp(f, ok[i]) == 0)
            return true;
    return false;
}

/* Skips `de`, `d'`, `l'année`, `de l'année` before a year; returns the
 * token after them. */
static tok_t skip_de_annee(ctx_t *c, tok_t u)
{
    if (is_kw(&u, KW_DE)) {
        u = nxt(c, &u);
    } else if (is_kw(&u, KW_D)) {
        tok_t ap = nxt(c, &u);
        if (ap.type == T_APOS)
            u = nxt(c, &ap);
    }
    if (is_kw(&u, KW_L)) {
        tok_t ap = nxt(c, &u);
        tok_t an = nxt(c, &ap);
        if (ap.type == T_APOS && is_kw(&an, KW_ANNEE))
            u = nxt(c, &an);
    }
    return u;
}

/* `au premier trimestre de 2021`, `second semestre 2020`. */
static bool quarter(ctx_t *c, const tok_t *t, tok_t *last)
{
    tok_t u = nxt(c, t);
    int per;
    if (is_kw(&u, KW_TRIMESTRE))
        per = 3;
    else if (is_kw(&u, KW_SEMESTRE))
        per = 6;
    else
        return false;
    int q = (int)t->val;
    if (q == 9)
        q = 12 / per;
    if (q < 1 || q > 12 / per)
        return false;
    tok_t y = skip_de_annee(c, nxt(c, &u));
    int year = bare_year_tok(c, &y, true);
    if (!year)
        return false;
    pt_t a = {year, (q - 1) * per + 1, 0}, b = {year, q * per, 0};
    *last = y;
    emit(c, &a, &b, OPEN_NONE, t->start, y.end, 0);
    note_year(c, year, t->start);
    return true;
}

/* `les années 1990` -> 1990/1999. */
static bool decade(ctx_t *c, const tok_t *t, tok_t *last)
{
    tok_t u = nxt(c, t);
    int y = bare_year_tok(c, &u, true);
    if (!y || y % 10)
        return false;
    *last = u;
    emit_years(c, y, y + 9, OPEN_NONE, t->start, u.end);
    return true;
}

/* `le XXIe siècle` -> 2001/2100. */
static bool century(ctx_t *c, const tok_t *t, tok_t *last)
{
    tok_t u = nxt(c, t);
    if (!is_kw(&u, KW_SIECLE) || t->val < 10 || t->val > 21)
        return false;
    *last = u;
    emit_years(c, (int)(t->val - 1) * 100 + 1, (int)t->val * 100, OPEN_NONE, t->start, u.end);
    return true;
}

/* `exercice 2021/22`: a peacekeeping financial period, 1 July to 30 June. */
static bool budget_year(ctx_t *c, const tok_t *t, tok_t *last)
{
    tok_t u = nxt(c, t);
    if (is_kw(&u, KW_BIENNAL))
        u = nxt(c, &u);
    if (u.type != T_NUM || u.ndig != 4 || u.val < BARE_YEAR_MIN || u.val > YEAR_MAX)
        return false;
    tok_t sl = nxt(c, &u);
    tok_t v = nxt(c, &sl);
    if (!is_punct(&sl, '/') || sl.sp || v.sp || v.type != T_NUM || !ends_free(c, &v))
        return false;
    int y = (int)u.val;
    if (!((v.ndig == 2 && (int)v.val == (y + 1) % 100) || (v.ndig == 4 && (int)v.val == y + 1)))
        return false;
    pt_t a = {y, 7, 1}, b = {y + 1, 6, 30};
    *last = v;
    emit(c, &a, &b, OPEN_NONE, u.start, v.end, 0);
    return true;
}

/* ---- dispatch -------------------------------------------------------- */

static bool try_num(ctx_t *c, const tok_t *t, tok_t *last)
{
    if (numeric_date(c, t, last) || year_span(c, t, last))
        return true;
    if (t->ndig <= 2 && parse_chain(c, t, F_NONE, t->start, last))
        return true;
    if (t->ndig <= 2 && (t->val == 0 || t->val > 31) && starts_free(c, t)) {
        tok_t v = nxt(c, t); /* 32 mars 2020: no date, and not `mars 2020` either */
        int m;
        if (month_at(c, &v, &m)) {
            tok_t y = nxt(c, &v);
            size_t yend;
            *last = year_tok(&y, YEAR_MIN, &yend) ? y : v;
            return true;
        }
    }
    if (c->query && starts_free(c, t) && bare_year(c, t, false, OPEN_NONE, t->start, last))
        return true;
    return false;
}

static bool try_word(ctx_t *c, const tok_t *t, tok_t *last)
{
    tok_t u = nxt(c, t);
    switch (t->kw) {
    case KW_MONTH:
    case KW_MONTH_ABBR:
    case KW_WEEKDAY:
        return parse_chain(c, t, F_NONE, t->start, last);
    case KW_PREMIER:
        return quarter(c, t, last) || parse_chain(c, t, F_NONE, t->start, last);
    case KW_ORD:
        return quarter(c, t, last);
    case KW_DU:
        return parse_chain(c, &u, F_DU, t->start, last);
    case KW_LES:
        return parse_chain(c, &u, F_LES, t->start, last);
    case KW_ENTRE:
        if (is_kw(&u, KW_LE))
            u = nxt(c, &u);
        return year_pair(c, &u, KW_ET, t->start, last) || parse_chain(c, &u, F_ENTRE, t->start, last);
    case KW_DE: /* de 2016 à 2020, de mars à mai 2021, l'accord de 2013 */
        if (year_pair(c, &u, KW_A, t->start, last))
            return true;
        if (u.type == T_NUM)
            return year_follower(c, &u) && bare_year(c, &u, true, OPEN_NONE, t->start, last);
        return u.type == T_WORD && parse_chain(c, &u, F_DE, t->start, last);
    case KW_POUR: /* programme de travail pour 2025 */
        return year_follower(c, &u) && bare_year(c, &u, true, OPEN_NONE, t->start, last);
    case KW_D: {
        if (u.type != T_APOS)
            return false;
        tok_t v = nxt(c, &u);
        if (is_kw(&v, KW_ICI)) { /* d'ici à 2030, d'ici 2030, d'ici au 30 juin 2022 */
            tok_t w = nxt(c, &v);
            if (is_kw(&w, KW_A) || is_kw(&w, KW_AU))
                w = nxt(c, &w);
            return bare_year(c, &w, true, OPEN_END, t->start, last) ||
                   parse_chain(c, &w, F_UNTIL, t->start, last);
        }
        if (year_pair(c, &v, KW_A, t->start, last))
            return true;
        return v.type == T_WORD && parse_chain(c, &v, F_DE, t->start, last);
    }
    case KW_DEPUIS:
        if (is_kw(&u, KW_LE))
            u = nxt(c, &u);
        return bare_year(c, &u, true, OPEN_START, t->start, last) ||
               parse_chain(c, &u, F_DEPUIS, t->start, last);
    case KW_JUSQU: {
        tok_t v = nxt(c, &u);
        if (u.type != T_APOS)
            return false;
        tok_t w = nxt(c, &v);
        if (is_kw(&v, KW_EN))
            return bare_year(c, &w, true, OPEN_END, t->start, last);
        if (is_kw(&v, KW_AU) || is_kw(&v, KW_A))
            return parse_chain(c, &w, F_UNTIL, t->start, last);
        return false;
    }
    case KW_EN:
    case KW_BEFORE:
    case KW_ANNEE:
        return bare_year(c, &u, true, OPEN_NONE, t->start, last);
    case KW_FUZZY: /* fin 2021, début de 2022, mi-2021, courant 2020 */
        if (u.type == T_DASH && !u.sp) {
            tok_t v = nxt(c, &u);
            return !v.sp && bare_year(c, &v, false, OPEN_NONE, t->start, last);
        }
        u = skip_de_annee(c, u);
        return bare_year(c, &u, true, OPEN_NONE, t->start, last);
    case KW_COURS: /* au cours de 2021 */
        if (!is_kw(&u, KW_DE) && !is_kw(&u, KW_D))
            return false;
        u = skip_de_annee(c, u);
        return bare_year(c, &u, true, OPEN_NONE, t->start, last);
    case KW_ANNEES:
        return decade(c, t, last);
    case KW_ROMAN:
        return century(c, t, last);
    case KW_EXERCICE:
        return budget_year(c, t, last);
    default:
        return false;
    }
}

static int entity_cmp(const void *a, const void *b)
{
    const cote_entity_t *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* The main loop: white space and plain words are skipped here, byte by
 * byte; tokens are made only where a date may start. */
static void scan(ctx_t *c)
{
    const char *s = c->s;
    size_t pos = 0, n = c->n;
    unsigned nl = 0;
    while (pos < n && c->st == COTE_OK) {
        unsigned char b = (unsigned char)s[pos];
        size_t k = 1; /* bytes of the character at pos */
        bool letter = is_ascii_letter(b);
        if (BYTE_CLASS[b] & B_SPACE) {
            nl += b == '\n';
            pos++;
            continue;
        }
        if (b >= 0x80) {
            uint32_t cp;
            k = decode(s + pos, n - pos, &cp);
            if (k && is_space_cp(cp)) {
                pos += k;
                continue;
            }
            letter = k && is_letter_cp(cp);
            k = k ? k : 1;
        }
        if (nl >= 2) { /* a blank line: a new paragraph */
            flush_pending(c);
            c->para_start = pos;
        }
        nl = 0;
        if (!letter && !is_digit(b)) {
            pos += k; /* punctuation opens nothing */
            continue;
        }
        if (letter) {
            size_t e = word_end(s, n, pos);
            unsigned li = (unsigned)(b | 0x20) - 'a'; /* an ASCII letter: 0..25 */
            bool maybe = e - pos <= FOLD_MAX + 2 && (li >= 26 || (c->lx.start_lens[li] >> (e - pos) & 1u)) &&
                         kw_possible(&c->lx, c->lx.start_pairs, pos, e);
            if (!maybe && (e >= n || (s[e] != '.' && s[e] != ':'))) {
                pos = e; /* neither a keyword that opens a date nor a link */
                continue;
            }
        }
        tok_t t = tok_at(&c->lx, pos);
        if (t.type == T_END)
            break;
        tok_t last = t;
        if (t.type == T_NUM)
            try_num(c, &t, &last);
        else if (t.type == T_WORD && t.kw != KW_NONE)
            try_word(c, &t, &last);
        pos = last.end; /* a link (T_URL) is skipped whole */
    }
    flush_pending(c);
    if (c->unordered && c->st == COTE_OK)
        qsort(c->out->v + c->n0, c->out->n - c->n0, sizeof *c->out->v, entity_cmp);
}

static void ctx_init(ctx_t *c, const char *s, size_t n, cote_entity_list_t *out, bool query)
{
    memset(c, 0, sizeof *c);
    c->s = s ? s : "";
    c->n = n;
    lexer_init(&c->lx, c->s, n);
    c->out = out;
    c->n0 = out->n;
    c->query = query;
    c->st = COTE_OK;
}

cote_status_t cote_find_dates(const char *text, size_t len, cote_entity_list_t *out)
{
    if (!out || (!text && len))
        return COTE_INVALID_ARG;
    ctx_t c;
    ctx_init(&c, text, len, out, false);
    scan(&c);
    return c.st;
}

/* ---- queries and bounds ---------------------------------------------- */

/* YYYY, YYYY-MM or YYYY-MM-DD, exactly s[0..n). */
static bool parse_iso_pt(const char *s, size_t n, pt_t *p)
{
    if (n != 4 && n != 7 && n != 10)
        return false;
    int f[3] = {0, 0, 0};
    static const size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (size_t k = 0; k < 3 && at[k] < n; k++) {
        if (k && s[at[k] - 1] != '-')
            return false;
        for (size_t i = 0; i < len[k]; i++) {
            if (!is_digit((unsigned char)s[at[k] + i]))
                return false;
            f[k] = f[k] * 10 + (s[at[k] + i] - '0');
        }
    }
    p->y = f[0];
    p->m = f[1];
    p->d = f[2];
    if (p->y < 1000 || (n >= 7 && p->m < 1) || (n == 10 && p->d < 1))
        return false;
    return pt_valid(p);
}

bool cote_parse_iso_bound(const char *s, bool upper, uint32_t *day)
{
    pt_t p;
    if (!s || !day || !parse_iso_pt(s, strnlen(s, 11), &p))
        return false;
    *day = upper ? pt_to(&p) : pt_from(&p);
    return true;
}

static bool set_query_entity(cote_entity_t *out, const pt_t *a, const pt_t *b, size_t start, size_t end)
{
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ctx_t c;
    ctx_init(&c, "", 0, &l, true);
    emit(&c, a, b, OPEN_NONE, start, end, 0);
    bool ok = c.st == COTE_OK && l.n == 1;
    if (ok)
        *out = l.v[0];
    cote_entity_list_free(&l);
    return ok;
}

static bool filler(const tok_t *t)
{
    if (t->type == T_PUNCT || t->type == T_APOS)
        return true;
    if (t->type != T_WORD)
        return false;
    switch (t->kw) {
    case KW_LE: case KW_LES: case KW_L: case KW_DU: case KW_DE: case KW_D: case KW_EN: case KW_AU: case KW_A:
        return true;
    default:
        return false;
    }
}

/* One date expression (no `..`) in s[a..b). */
static bool query_one(const char *s, size_t a, size_t b, cote_entity_t *out)
{
    pt_t p, q;
    if (parse_iso_pt(s + a, b - a, &p))
        return set_query_entity(out, &p, NULL, a, b);
    for (size_t i = a; i < b; i++) /* ISO interval 2016/2020, 2020-01/2020-03 */
        if (s[i] == '/' && parse_iso_pt(s + a, i - a, &p) && parse_iso_pt(s + i + 1, b - i - 1, &q))
            return set_query_entity(out, &p, &q, a, b);
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    ctx_t c;
    ctx_init(&c, s + a, b - a, &l, true);
    scan(&c);
    bool ok = c.st == COTE_OK && l.n == 1;
    if (ok) { /* nothing else than articles and punctuation around it */
        for (tok_t t = tok_at(&c.lx, 0); ok && t.type != T_END; t = tok_at(&c.lx, t.end))
            if ((t.start < l.v[0].start || t.start >= l.v[0].end) && !filler(&t))
                ok = false;
    }
    if (ok) {
        *out = l.v[0];
        out->start += a;
        out->end += a;
    }
    cote_entity_list_free(&l);
    return ok;
}

static bool is_trim_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

bool cote_parse_date_query(const char *s, size_t n, cote_entity_t *out)
{
    if (!out)
        return false;
    memset(out, 0, sizeof *out);
    if (!s || n > 256 || !cote_utf8_valid(s, n, NULL))
        return false;
    size_t a = 0, b = n;
    while (a < b && is_trim_space((unsigned char)s[a]))
        a++;
    while (b > a && is_trim_space((unsigned char)s[b - 1]))
        b--;
    if (a == b)
        return false;
    for (size_t i = a; i + 1 < b; i++) {
        if (s[i] != '.' || s[i + 1] != '.')
            continue;
        size_t le = i, rs = i + 2;
        while (le > a && is_trim_space((unsigned char)s[le - 1]))
            le--;
        while (rs < b && is_trim_space((unsigned char)s[rs]))
            rs++;
        cote_entity_t x, y;
        if (le == a || rs == b || !query_one(s, a, le, &x) || !query_one(s, rs, b, &y))
            return false;
        if (strstr(x.canon, "..") || strstr(y.canon, "..") || strchr(x.canon, '/') || strchr(y.canon, '/') ||
            x.from > y.to)
            return false;
        memset(out, 0, sizeof *out);
        out->kind = COTE_ENT_DATE;
        out->flags = COTE_ENT_RANGE;
        out->start = a;
        out->end = b;
        out->from = x.from;
        out->to = y.to;
        size_t lx = strlen(x.canon), ly = strlen(y.canon);
        memcpy(out->canon, x.canon, lx);
        out->canon[lx] = '/';
        memcpy(out->canon + lx + 1, y.canon, ly + 1);
        return true;
    }
    if (!query_one(s, a, b, out)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    return true;
}
