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
 *
 * Speed (the indexer analyses every word it indexes): a word seen recently
 * takes its terms from a cache keyed by its bytes; otherwise a word made of
 * ASCII and Latin letters is folded and stripped of its accents through
 * tables built from ICU (build_tables), the rest through ICU itself; terms
 * are encoded to UTF-8 here, and stems come through a cache too. Every path
 * gives the same terms, byte for byte (tests/unit/test_analysis.c compares
 * them with ICU's).
 */
#include "analysis.h"

#include "fasthash.h"

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
    uint32_t hash;        /* pass 2: word cache hash of its bytes, 0 when too long */
} unit_t;

/* A small cache of stems: French text repeats its words (a few hundred
 * forms make most of any report), and a hit costs a hash and a compare
 * instead of a call into Snowball (it takes the analysis of the seed corpus
 * from 0.30 s to 0.19 s per 3 MB; 0.17 s without stemming at all).
 * Bounded: STEM_SETS sets of two 32-byte entries (256 KB per analyser); a
 * new word replaces the older entry of its set; longer words bypass it.
 * A stem is its word cut short plus a few other bytes (`problème` ->
 * `problem`), so an entry keeps the word and how to make the stem from it:
 * twice the entries of storing both in the same memory, which matters once
 * a corpus's vocabulary outgrows a few thousand words. */
#define STEM_SETS 4096
#define STEM_KEY 23 /* longest word cached, in bytes */
#define STEM_TAIL 6 /* most stem bytes that differ from the word's */

typedef struct {
    unsigned char wlen;  /* 0: empty entry */
    unsigned char keep;  /* the stem is word[0..keep) followed by tail[0..tlen) */
    unsigned char tlen;
    char word[STEM_KEY];
    char tail[STEM_TAIL];
} stem_slot_t;

/* A cache of whole words: the source bytes of a unit -> the terms its token
 * gets (EXACT, BARE, STEM) and the length of its elided prefix. A report
 * repeats its words, and a hit replaces folding, accent stripping, UTF-8
 * encoding and the stem cache with one hash, one compare and one copy.
 * Equal bytes decode to equal UTF-16 (units start and end on character
 * boundaries), and those terms depend on nothing else (the merged flag aside,
 * which is part of the key); joined forms, which depend on the neighbours,
 * are never cached, and neither is a word that could have a code's joined
 * form (a ',' or '.' in it). Bounded: WORD_SETS sets of two 120-byte
 * entries (480 KB per analyser), the older entry of a set replaced. */
#define WORD_SETS 2048
#define WORD_KEY 24   /* longest word cached, in source bytes */
#define WORD_TERMS 84 /* most term bytes (NULs included) an entry holds */

typedef struct {
    uint32_t hash; /* 0: empty entry */
    unsigned char klen, merged, skip, n_terms;
    unsigned char kind[3];
    unsigned char tlen; /* bytes of terms, each NUL-terminated */
    char key[WORD_KEY];
    char terms[WORD_TERMS];
} word_slot_t;

/* The fast path of folding (see build_tables): code points below FAST_MAX
 * (ASCII, Latin-1, Latin Extended-A and -B: nearly every letter of French
 * text), plus the apostrophe U+2019 that ICU keeps inside `l’Union`. */
#define FAST_MAX 0x250
#define FAST_APOS FAST_MAX /* the table slot of U+2019 */

struct cote_analyser {
    UBreakIterator *words;
    const UNormalizer2 *nfkc_cf; /* NFKC + case folding in one pass */
    const UNormalizer2 *nfd;     /* to strip accents: decompose, drop marks */
    cote_xstem_t *stem;          /* Snowball French, through Xapian */
    UChar *u16;                  /* the text in UTF-16 */
    int32_t *map;                /* UTF-16 index -> UTF-8 byte offset (size u16_len + 1) */
    size_t cap;
    int nnbsp;                   /* the text holds a U+202F (to_utf16) */
    unit_t *units;               /* pass 1 output */
    size_t units_cap;
    stem_slot_t *stems;          /* STEM_SETS pairs of entries, most recent first */
    word_slot_t *words_cache;    /* WORD_SETS pairs of entries, most recent first */
    /* fold[c]: NFKC_Casefold of c when it is one UTF-16 unit and c never
     * interacts with what precedes it, else 0 (c takes ICU's path);
     * bare[f]: the folded character f without its accents (NFD, marks
     * dropped) when that is exactly one unit, else 0. Indexed by code point,
     * U+2019 in slot FAST_APOS. */
    UChar fold[FAST_MAX + 1];
    UChar bare[FAST_MAX + 1];
    /* probe[c]: what cote_probe_text writes for code point c (see
     * probe_class), indexed as fold is */
    UChar probe[FAST_MAX + 1];
    /* probe_same[b]: the byte b is an ASCII character that is its own probe
     * whatever surrounds it (letters a-z, digits, the space: not the hyphen or a
     * decimal separator, which look around), so runs of them are copied whole */
    unsigned char probe_same[0x100];
};

/* Table slot of code unit c, or -1 when c is outside the fast path. */
static inline int32_t fast_slot(UChar c)
{
    return c < FAST_MAX ? (int32_t)c : c == 0x2019 ? FAST_APOS : -1;
}

static UChar slot_char(int32_t i)
{
    return i == FAST_APOS ? (UChar)0x2019 : (UChar)i;
}

/* What cote_probe_text makes of a code point outside the fast tables, or of
 * one they leave to ICU. PROBE_DROP for what folding removes inside a word
 * (combining marks, default-ignorable characters such as the soft hyphen)
 * and for hyphens, so that joined forms (`Sud-Sud` -> `sudsud`) are found;
 * PROBE_SPACE for what never belongs to a word's term (spaces, punctuation,
 * symbols); PROBE_UNSURE for a letter or digit whose folding the probe
 * does not know (`ß`, `²`, `ﬁ`, other scripts): a text holding one is
 * analysed in full. */
#define PROBE_SPACE 0x20
#define PROBE_DROP 0xFFFF
#define PROBE_UNSURE 0xFFFE

static UChar probe_class(UChar32 c)
{
    if (c == 0x2D || c == 0x2010 || c == 0x2011)
        return PROBE_DROP;
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        return PROBE_DROP;
    uint32_t m = U_GET_GC_MASK(c);
    if (m & U_GC_MN_MASK)
        return PROBE_DROP;
    if (m & (U_GC_P_MASK | U_GC_S_MASK | U_GC_Z_MASK | U_GC_CC_MASK))
        return PROBE_SPACE;
    return PROBE_UNSURE;
}

/* Fills a->fold and a->bare from ICU itself, so that the fast path cannot
 * disagree with it. NFKC_Casefold of a word made only of characters that
 * have a normalisation boundary before them is the concatenation of their
 * own foldings (nothing composes across them), and a character enters only
 * when it folds to one unit by plain case folding (its NFKC is itself: so
 * not ß, ſ, µ, ª, º, superscripts, fractions, ligatures, Ǆ, İ, ŉ, Ĳ...).
 * Its bare form enters only when its NFD is one starter followed by
 * non-spacing marks: those marks are what strip_accents drops, and
 * canonical reordering never moves a mark across a starter, so the bare
 * form of such a word is the concatenation too. Everything else (0 in the
 * tables) goes through ICU. About 600 look-ups, once per analyser. */
static void build_tables(cote_analyser_t *a)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&ec);
    memset(a->fold, 0, sizeof a->fold);
    memset(a->bare, 0, sizeof a->bare);
    if (U_FAILURE(ec))
        return; /* no fast path: every word goes through ICU */
    for (int32_t i = 0; i <= FAST_MAX; i++) {
        UChar c = slot_char(i), d[8];
        a->bare[i] = 0;
        ec = U_ZERO_ERROR;
        int32_t dn = unorm2_normalize(a->nfd, &c, 1, d, 8, &ec);
        if (U_FAILURE(ec) || dn < 1 || U16_IS_SURROGATE(d[0]) || u_getCombiningClass(d[0]) != 0 ||
            u_charType(d[0]) == U_NON_SPACING_MARK)
            continue;
        int32_t k = 1;
        while (k < dn && u_charType(d[k]) == U_NON_SPACING_MARK)
            k++;
        if (k == dn)
            a->bare[i] = d[0];
    }
    for (int32_t i = 0; i <= FAST_MAX; i++) {
        UChar c = slot_char(i), f[8], k[8];
        a->fold[i] = 0;
        ec = U_ZERO_ERROR;
        int32_t fn = unorm2_normalize(a->nfkc_cf, &c, 1, f, 8, &ec);
        int32_t kn = U_SUCCESS(ec) ? unorm2_normalize(nfkc, &c, 1, k, 8, &ec) : 0;
        if (U_FAILURE(ec) || fn != 1 || kn != 1 || k[0] != c || U16_IS_SURROGATE(f[0]) ||
            (UChar32)f[0] != u_foldCase(c, U_FOLD_CASE_DEFAULT) || !unorm2_hasBoundaryBefore(a->nfkc_cf, c))
            continue;
        int32_t fs = fast_slot(f[0]);
        if (fs >= 0 && a->bare[fs])
            a->fold[i] = f[0];
    }
    for (int32_t i = 0; i <= FAST_MAX; i++) {
        UChar f = a->fold[i], b = f ? a->bare[fast_slot(f)] : 0;
        if (!b || probe_class(slot_char(i)) == PROBE_DROP)
            a->probe[i] = probe_class(slot_char(i));
        else
            a->probe[i] = U_GET_GC_MASK(b) & (U_GC_L_MASK | U_GC_ND_MASK) ? b : PROBE_SPACE;
    }
    for (int32_t c = 0; c < 0x100; c++) /* bytes from 0x80 start or continue a sequence: never */
        a->probe_same[c] = c < 0x80 && c != '-' && c != ',' && c != '.' && a->probe[c] == (UChar)c;
}

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
    a->stems = calloc(STEM_SETS * 2, sizeof *a->stems);
    a->words_cache = calloc(WORD_SETS * 2, sizeof *a->words_cache);
    if (!a->stems || !a->words_cache) {
        cote_analyser_free(a);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    cote_status_t st = cote_xstem_new("french", &a->stem, err);
    if (st) {
        cote_analyser_free(a);
        return st == COTE_NOMEM ? st : cote_error_set(err, COTE_INTERNAL, "no French stemmer in Xapian");
    }
    build_tables(a);
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
    free(a->words_cache);
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

int cote_token_term_positional(const cote_token_t *t, unsigned j)
{
    cote_term_kind_t kind = (cote_term_kind_t)t->kind[j];
    if (!cote_term_positional(kind))
        return 0;
    /* an accented form whose accent-free sibling carries the position */
    cote_term_kind_t bare = kind == COTE_TERM_EXACT ? COTE_TERM_BARE : kind == COTE_TERM_JOINED ? COTE_TERM_JOINED_BARE
                                                                                               : kind;
    if (bare == kind)
        return 1;
    for (unsigned k = 0; k < t->n_terms; k++)
        if (t->kind[k] == bare)
            return 0;
    return 1;
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
    a->nnbsp = 0;
    UChar *u16 = a->u16;
    int32_t *map = a->map;
    while (i < len) {
        /* Eight ASCII bytes at a time: one test, then a copy without branches. */
        uint64_t v;
        if (i + 8 <= len && (memcpy(&v, text + i, 8), (v & 0x8080808080808080ull) == 0)) {
            for (size_t j = 0; j < 8; j++) {
                u16[k + j] = (UChar)(unsigned char)text[i + j];
                map[k + j] = (int32_t)(i + j);
            }
            i += 8;
            k += 8;
            continue;
        }
        if ((unsigned char)text[i] < 0x80) { /* most of the text: no call */
            u16[k] = (UChar)(unsigned char)text[i];
            map[k++] = (int32_t)i++;
            continue;
        }
        unsigned char b = (unsigned char)text[i];
        if (b >= 0xC2 && b <= 0xDF && i + 1 < len && ((unsigned char)text[i + 1] & 0xC0) == 0x80) {
            /* two bytes (é, à, œ...): decoded here, no call */
            u16[k] = (UChar)(((b & 0x1F) << 6) | ((unsigned char)text[i + 1] & 0x3F));
            map[k++] = (int32_t)i;
            i += 2;
            continue;
        }
        uint32_t cp;
        size_t n = cote_utf8_decode(text + i, len - i, &cp);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (cp > 0xFFFF) {
            u16[k] = U16_LEAD(cp);
            map[k++] = (int32_t)i;
            u16[k] = U16_TRAIL(cp);
            map[k++] = (int32_t)i;
        } else {
            a->nnbsp |= cp == 0x202F;
            u16[k] = (UChar)cp;
            map[k++] = (int32_t)i;
        }
        i += n;
    }
    map[k] = (int32_t)len;
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
    a->units[(*n)++] = (unit_t){start, end, (unsigned char)gap, 0, 0};
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
        if (!a->nnbsp) { /* no U+202F in the text: no cut to look for */
            if (add_piece(a, &sc, start, end))
                return cote_error_set(err, COTE_NOMEM, "out of memory");
            continue;
        }
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
    cote_strbuf_t *pool = &l->pool;
    if (t->n_terms > 0) {
        /* The token's previous term is the last one in the pool, "prev\0";
         * terms hold no NUL, so it has this length when the byte before it is
         * a NUL or the token's first term starts there. */
        size_t len = pn + n;
        if (pool->len >= t->terms + len + 1) {
            size_t at = pool->len - 1 - len;
            if ((at == t->terms || pool->data[at - 1] == '\0') && memcmp(pool->data + at, prefix, pn) == 0 &&
                memcmp(pool->data + at + pn, s, n) == 0)
                return COTE_OK;
        }
    }
    if (cote_strbuf_reserve(pool, pn + n + 1))
        return COTE_NOMEM;
    memcpy(pool->data + pool->len, prefix, pn);
    memcpy(pool->data + pool->len + pn, s, n);
    pool->len += pn + n + 1;
    pool->data[pool->len - 1] = '\0';
    pool->data[pool->len] = '\0';
    t->kind[t->n_terms++] = (unsigned char)kind;
    return COTE_OK;
}

/* UTF-8 of w[0..n) into buf[TERM_BUF]; its length, or -1 when it is not a
 * term we keep (too long for a term with the stem prefix, or unconvertible).
 * Encoded here rather than by u_strToUTF8 (a call and a status per term); the
 * same answers: an unpaired surrogate, like an empty or too long result, is
 * refused. */
static int32_t term_utf8(const UChar *w, int32_t n, char buf[TERM_BUF])
{
    const int32_t max = COTE_TERM_MAX - (int32_t)(sizeof COTE_PREFIX_STEM - 1); /* longest length kept */
    unsigned char *o = (unsigned char *)buf;
    int32_t k = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t c = w[i];
        if (c < 0x80) {
            if (k + 1 > max)
                return -1;
            o[k++] = (unsigned char)c;
        } else if (c < 0x800) {
            if (k + 2 > max)
                return -1;
            o[k++] = (unsigned char)(0xC0 | (c >> 6));
            o[k++] = (unsigned char)(0x80 | (c & 0x3F));
        } else if (!U16_IS_SURROGATE(c)) {
            if (k + 3 > max)
                return -1;
            o[k++] = (unsigned char)(0xE0 | (c >> 12));
            o[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            o[k++] = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            if (!U16_IS_SURROGATE_LEAD(c) || i + 1 >= n || !U16_IS_TRAIL(w[i + 1]))
                return -1;
            c = (uint32_t)U16_GET_SUPPLEMENTARY(c, w[i + 1]);
            i++;
            if (k + 4 > max)
                return -1;
            o[k++] = (unsigned char)(0xF0 | (c >> 18));
            o[k++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            o[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            o[k++] = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    if (k == 0)
        return -1;
    buf[k] = '\0';
    return k;
}

static int is_apostrophe(UChar c)
{
    return c == 0x27 || c == 0x2019 || c == 0x2BC;
}

/* Length of a French elided article or pronoun at the start of w (including
 * its apostrophe), or 0. l’Union -> Union, qu’il -> il, jusqu’à -> à. */
static int32_t elision_length(const UChar *w, int32_t n)
{
    static const struct {
        char s[8];
        int32_t k;
    } elided[] = {
        {"l", 1}, {"d", 1}, {"j", 1}, {"m", 1}, {"n", 1}, {"s", 1}, {"t", 1}, {"c", 1},
        {"qu", 2}, {"jusqu", 5}, {"lorsqu", 6}, {"puisqu", 6}, {"quoiqu", 6}, {"presqu", 6},
    };
    /* Every word is asked: most start with none of these letters. */
    if (n < 3 || !(w[0] < 0x80 && memchr("cdjlmnpqst", (int)w[0], 10)))
        return 0;
    for (size_t e = 0; e < sizeof elided / sizeof *elided; e++) {
        int32_t k = elided[e].k;
        if (n <= k + 1 || !is_apostrophe(w[k]))
            continue;
        int32_t i = 0;
        while (i < k && w[i] == (UChar)elided[e].s[i])
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
    /* Fast path: one table look-up per unit (see build_tables). */
    int32_t i = 0;
    UChar diff = 0;
    for (; i < n && i < cap; i++) {
        int32_t slot = fast_slot(w[i]);
        UChar b = slot >= 0 ? a->bare[slot] : 0;
        if (!b)
            break;
        out[i] = b;
        diff |= (UChar)(b ^ w[i]);
    }
    if (i == n)
        return diff ? n : -1;
    UChar d[WORD_BUF * 2];
    UErrorCode ec = U_ZERO_ERROR;
    int32_t dn = unorm2_normalize(a->nfd, w, n, d, WORD_BUF * 2, &ec);
    if (U_FAILURE(ec))
        return -1;
    int32_t k = 0;
    for (int32_t j = 0; j < dn && k < cap; j++)
        if (u_charType(d[j]) != U_NON_SPACING_MARK)
            out[k++] = d[j];
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
    /* Fast path: a word of table characters folds one unit at a time
     * (see build_tables); unorm2_normalize costs far more than the look-ups. */
    int32_t fn = 0;
    while (fn < n) {
        int32_t slot = fast_slot(src[fn]);
        UChar f = slot >= 0 ? a->fold[slot] : 0;
        if (!f)
            break;
        out[fn++] = f;
    }
    if (fn < n) {
        UErrorCode ec = U_ZERO_ERROR;
        fn = unorm2_normalize(a->nfkc_cf, src, n, out, WORD_BUF * 2, &ec);
        if (U_FAILURE(ec))
            return -1;
    }
    if (fn <= 0)
        return -1;
    *skip = elision_length(out, fn);
    return fn;
}

/* Stems word[0..n) into out[TERM_BUF] through the cache; statuses of
 * cote_xstem_apply. */
static cote_status_t stem_word(cote_analyser_t *a, const char *word, size_t n, char *out, size_t *out_len,
                               cote_error_t *err)
{
    stem_slot_t *set = NULL;
    if (n <= STEM_KEY) {
        uint32_t h = 2166136261u; /* FNV-1a */
        for (size_t i = 0; i < n; i++)
            h = (h ^ (unsigned char)word[i]) * 16777619u;
        set = &a->stems[(h % STEM_SETS) * 2];
        for (int w = 0; w < 2; w++) {
            const stem_slot_t *e = &set[w];
            if (e->wlen == n && memcmp(e->word, word, n) == 0) {
                memcpy(out, e->word, e->keep);
                memcpy(out + e->keep, e->tail, e->tlen);
                *out_len = (size_t)e->keep + e->tlen;
                out[*out_len] = '\0';
                if (w == 1) { /* most recent first */
                    stem_slot_t t = set[0];
                    set[0] = set[1];
                    set[1] = t;
                }
                return COTE_OK;
            }
        }
    }
    cote_status_t st = cote_xstem_apply(a->stem, word, n, out, TERM_BUF, out_len, err);
    if (st || !set)
        return st;
    size_t keep = 0, sn = *out_len;
    while (keep < n && keep < sn && out[keep] == word[keep])
        keep++;
    if (sn - keep <= STEM_TAIL) {
        set[1] = set[0];
        stem_slot_t *e = &set[0];
        e->wlen = (unsigned char)n;
        e->keep = (unsigned char)keep;
        e->tlen = (unsigned char)(sn - keep);
        memcpy(e->word, word, n);
        memcpy(e->tail, out + keep, sn - keep);
    }
    return COTE_OK;
}

/* Pushes the three forms of one word (w[0..n), folded) to the last token:
 * the word (kind base), its accent-free form (base + 1) when different, and
 * "Z" + the stem of the accent-free form (base + 2), but for stop words. */
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
    /* queries search a stop word as itself, never its stem (query.c): a
     * stem term would be a tenth of the index for nothing */
    if (base == COTE_TERM_EXACT && cote_stopword(b, (size_t)bn))
        return COTE_OK;
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
    /* Separators first: nearly every word has none, and then the letters
     * (u_isalpha, a call per unit) need not be looked at. */
    int letters = 0, seps = 0;
    for (int32_t i = 1; i + 1 < n; i++)
        if ((w[i] == ',' || w[i] == '.') && is_digit(w[i - 1]) && is_digit(w[i + 1]))
            seps++;
    if (!seps)
        return 0;
    for (int32_t i = 0; i < n && !letters; i++) {
        if ((w[i] == ',' || w[i] == '.') && i > 0 && i + 1 < n && is_digit(w[i - 1]) && is_digit(w[i + 1]))
            continue;
        letters = u_isalpha(w[i]) != 0;
    }
    if (!letters)
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

/* Sets the word cache hash of unit u and asks the processor to fetch its
 * entries: pass 2 does this a few units ahead, so that the entries (the
 * cache is larger than the processor's nearest caches) have arrived when the
 * unit's turn comes instead of stalling it. */
static void word_prepare(cote_analyser_t *a, const char *text, unit_t *u)
{
    size_t b0 = (size_t)a->map[u->start], n = (size_t)a->map[u->end] - b0;
    u->hash = n <= WORD_KEY ? cote_fast_hash(text + b0, n, 0x9E3779B97F4A7C15ull ^ ((uint64_t)n << 1) ^ u->merged) : 0;
#if defined(__GNUC__)
    if (u->hash) {
        const word_slot_t *e = &a->words_cache[(u->hash % WORD_SETS) * 2];
        __builtin_prefetch(e);
        __builtin_prefetch((const char *)e + 64);
        __builtin_prefetch((const char *)(e + 1) + 56);
        __builtin_prefetch((const char *)(e + 1) + 120);
    }
#endif
}

/* The cached entry of unit u (source bytes text[b0..b1), hash prepared), or
 * NULL. *set is where it would go (NULL when the word is too long). */
static word_slot_t *word_find(cote_analyser_t *a, const char *text, size_t b0, size_t b1, const unit_t *u,
                              word_slot_t **set, uint32_t *hash)
{
    *set = NULL;
    size_t n = b1 - b0;
    uint32_t h = u->hash;
    if (!h)
        return NULL;
    word_slot_t *e = &a->words_cache[(h % WORD_SETS) * 2];
    *set = e;
    *hash = h;
    for (int w = 0; w < 2; w++)
        if (e[w].hash == h && e[w].klen == n && e[w].merged == u->merged && cote_bytes_equal(e[w].key, text + b0, n)) {
            if (w == 1) { /* most recent first */
                word_slot_t t = e[0];
                e[0] = e[1];
                e[1] = t;
            }
            return &e[0];
        }
    return NULL;
}

/* Remembers the terms just pushed for the last token of l (from pool offset
 * terms) as the entry of the unit's bytes text[b0..b1). */
static void word_store(word_slot_t *set, uint32_t h, const char *text, size_t b0, size_t b1, const unit_t *u,
                       int32_t skip, const cote_token_list_t *l)
{
    const cote_token_t *t = &l->v[l->n - 1];
    size_t tlen = l->pool.len - t->terms;
    if (tlen > WORD_TERMS || t->n_terms > 3 || skip > 255)
        return;
    set[1] = set[0];
    word_slot_t *e = &set[0];
    e->hash = h;
    e->klen = (unsigned char)(b1 - b0);
    e->merged = u->merged;
    e->skip = (unsigned char)skip;
    e->n_terms = (unsigned char)t->n_terms;
    memcpy(e->kind, t->kind, 3);
    e->tlen = (unsigned char)tlen;
    memcpy(e->key, text + b0, b1 - b0);
    memcpy(e->terms, l->pool.data + t->terms, tlen);
}

/* True when w holds a ',' or '.', which could give it a code's joined form. */
static int has_separator(const UChar *w, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (w[i] == ',' || w[i] == '.')
            return 1;
    return 0;
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
    enum { AHEAD = 4 }; /* units whose cache entries are fetched in advance */
    for (size_t k = 0; k < n_units && k < AHEAD; k++)
        word_prepare(a, text, &a->units[k]);
    for (size_t k = 0; k < n_units; k++) {
        if (k + AHEAD < n_units)
            word_prepare(a, text, &a->units[k + AHEAD]);
        const unit_t *u = &a->units[k];
        size_t b0 = (size_t)a->map[u->start], bend = (size_t)a->map[u->end];
        word_slot_t *set;
        uint32_t hash = 0;
        const word_slot_t *hit = word_find(a, text, b0, bend, u, &set, &hash);
        if (hit) {
            size_t bstart = (size_t)a->map[u->start + hit->skip < u->end ? u->start + hit->skip : u->start];
            if (push_token(out, bstart, bend, pos) || cote_strbuf_reserve(&out->pool, hit->tlen))
                return cote_error_set(err, COTE_NOMEM, "out of memory");
            memcpy(out->pool.data + out->pool.len, hit->terms, hit->tlen);
            out->pool.len += hit->tlen;
            out->pool.data[out->pool.len] = '\0';
            cote_token_t *t = &out->v[out->n - 1];
            t->n_terms = hit->n_terms;
            memcpy(t->kind, hit->kind, 3);
            size_t run = run_length(a, n_units, k);
            if (run) { /* no code's joined form: a cached word has no separator */
                t->run = (unsigned)run;
                if ((st = push_joined(a, out, k, run, err)))
                    return st;
            }
            pos++;
            continue;
        }
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
        if (push_token(out, bstart, bend, pos))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        if ((st = push_forms(a, out, w, wn, COTE_TERM_EXACT, err)))
            return st;
        if (out->v[out->n - 1].n_terms == 0) {
            out->n--; /* nothing indexable (an over-long word): no position used */
            continue;
        }
        if (set && !has_separator(w, wn))
            word_store(set, hash, text, b0, bend, u, skip, out);
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

/* Bytes of an elided article or pronoun (with its apostrophe) at the start
 * of s[0..n), which follows a hyphen: a joined run's part loses it as a
 * word does (`main-d’œuvre` -> `mainœuvre`, elision_length). 0 when none. */
static size_t elided_after_hyphen(const char *s, size_t n)
{
    static const char *const elided[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu",
                                         "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"};
    for (size_t e = 0; e < sizeof elided / sizeof *elided; e++) {
        size_t k = strlen(elided[e]), i = 0;
        while (i < k && i < n && (s[i] | 0x20) == elided[e][i])
            i++;
        if (i < k)
            continue;
        if (i < n && s[i] == '\'')
            return k + 1;
        if (i + 2 < n && memcmp(s + i, "\xE2\x80\x99", 3) == 0) /* U+2019 */
            return k + 3;
        if (i + 1 < n && memcmp(s + i, "\xCA\xBC", 2) == 0) /* U+02BC */
            return k + 2;
    }
    return 0;
}

/* Folds text[0..n) into out (appended) the way probes are; false when it
 * holds a character marked PROBE_UNSURE (out is then incomplete). */
static bool probe_fold(const cote_analyser_t *a, const char *text, size_t n, cote_strbuf_t *out, size_t *at,
                       cote_status_t *st)
{
    *st = cote_strbuf_reserve(out, n + 1);
    if (*st)
        return false;
    char *w = out->data + out->len, *base = w;
    for (size_t i = 0; i < n;) {
        size_t from = i;
        UChar32 c;
        unsigned char byte = (unsigned char)text[i];
        /* Most of a text: runs of lower-case letters, digits and spaces,
         * their own probes, copied whole */
        if (a->probe_same[byte]) {
            size_t j = i + 1;
            while (j < n && a->probe_same[(unsigned char)text[j]])
                j++;
            memcpy(w, text + i, j - i);
            for (size_t k = 0; at && k < j - i; k++)
                at[w - base + k] = i + k;
            w += j - i;
            i = j;
            continue;
        }
        if (byte < 0x80) { /* most of the text: no decoding */
            c = byte;
            i++;
        } else {
            uint32_t cp;
            size_t k = cote_utf8_decode(text + i, n - i, &cp);
            if (!k) {
                out->data[out->len] = '\0';
                return false;
            }
            c = (UChar32)cp;
            i += k;
        }
        int32_t slot = c <= 0xFFFF ? fast_slot((UChar)c) : -1;
        UChar p = slot >= 0 ? a->probe[slot] : probe_class(c);
        if (c == 0x2D || c == 0x2010 || c == 0x2011)
            i += elided_after_hyphen(text + i, n - i);
        /* between two digits, a decimal separator or a group space goes:
         * `30 000` is the term 30000, `PM2,5` also pm25 (analysis.h) */
        if ((c == ',' || c == '.' || (c <= 0xFFFF && is_group_space((UChar)c))) && w > out->data + out->len &&
            w[-1] >= '0' && w[-1] <= '9' && i < n && text[i] >= '0' && text[i] <= '9')
            p = PROBE_DROP;
        if (p == PROBE_UNSURE) {
            out->data[out->len] = '\0';
            return false;
        }
        if (p == PROBE_DROP)
            continue;
        /* p < FAST_MAX: at most two UTF-8 bytes, as many as c took at least */
        if (at)
            at[w - base] = from;
        if (p < 0x80) {
            *w++ = (char)p;
        } else {
            *w++ = (char)(0xC0 | (p >> 6));
            if (at)
                at[w - base] = from;
            *w++ = (char)(0x80 | (p & 0x3F));
        }
    }
    *w = '\0';
    out->len = (size_t)(w - out->data);
    return true;
}

bool cote_probe_text(const cote_analyser_t *a, const char *text, size_t n, cote_strbuf_t *out, cote_status_t *st)
{
    cote_strbuf_reset(out);
    return probe_fold(a, text, n, out, NULL, st);
}

bool cote_probe_text_at(const cote_analyser_t *a, const char *text, size_t n, cote_strbuf_t *out, size_t *at,
                        cote_status_t *st)
{
    cote_strbuf_reset(out);
    return probe_fold(a, text, n, out, at, st);
}

size_t cote_term_probe(const cote_analyser_t *a, const char *term, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    out[0] = '\0';
    bool stem = strncmp(term, COTE_PREFIX_STEM, strlen(COTE_PREFIX_STEM)) == 0;
    if (stem)
        term += strlen(COTE_PREFIX_STEM);
    else if (*term >= 'A' && *term <= 'Z')
        return 0; /* a prefixed term: not made of a text's words */
    cote_strbuf_t f = COTE_STRBUF_INIT;
    cote_status_t st;
    size_t n = 0;
    if (probe_fold(a, term, strlen(term), &f, NULL, &st)) {
        n = f.len;
        /* a stem may end otherwise than its words (`nationaux` -> `national`,
         * `publicité` -> `publiqu`): only what precedes its last
         * COTE_STEM_PROBE_CUT characters is surely in them */
        for (int k = 0; stem && k < COTE_STEM_PROBE_CUT && n > 0; k++)
            while (n > 0 && ((unsigned char)f.data[--n] & 0xC0) == 0x80)
                ;
        if (n < COTE_PROBE_MIN || n >= cap)
            n = 0;
        memcpy(out, f.data, n);
        out[n] = '\0';
    }
    cote_strbuf_free(&f);
    return n;
}

size_t cote_stem_prefix_len(const char *stem)
{
    size_t n = strlen(stem), chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)stem[i] & 0xC0) != 0x80;
    size_t keep = chars > COTE_STEM_PROBE_CUT + 3 ? chars - COTE_STEM_PROBE_CUT : chars < 3 ? chars : 3;
    size_t i = 0;
    for (size_t c = 0; i < n; i++) {
        if (((unsigned char)stem[i] & 0xC0) != 0x80 && c++ == keep)
            break;
    }
    return i;
}

cote_status_t cote_word_stem_term(cote_analyser_t *a, const char *word, size_t len, char *out, size_t cap,
                                  cote_error_t *err)
{
    if (len == 0 || len >= TERM_BUF || cote_stopword(word, len))
        return COTE_NOT_FOUND;
    UChar w[TERM_BUF], b[TERM_BUF];
    int32_t wn = 0;
    UErrorCode ec = U_ZERO_ERROR;
    u_strFromUTF8(w, TERM_BUF, &wn, word, (int32_t)len, &ec);
    if (U_FAILURE(ec) || wn <= 0 || wn >= TERM_BUF)
        return COTE_NOT_FOUND;
    if (strip_accents(a, w, wn, b, TERM_BUF) >= 0)
        return COTE_NOT_FOUND; /* an accented form: its accent-free sibling carries the stem */
    char stem[TERM_BUF];
    size_t sn = 0;
    cote_status_t st = stem_word(a, word, len, stem, &sn, err);
    if (st == COTE_TOO_LARGE)
        return COTE_NOT_FOUND;
    if (st)
        return st;
    size_t pn = strlen(COTE_PREFIX_STEM);
    if (pn + sn + 1 > cap)
        return COTE_TOO_LARGE;
    memcpy(out, COTE_PREFIX_STEM, pn);
    memcpy(out + pn, stem, sn + 1);
    return COTE_OK;
}
