/* symbols.c: recognition and canonicalisation of UN document symbols and
 * resolution references (symbols.h; the grammar is shared/domain/symbols.md).
 *
 * Everything is a hand-written scanner over bytes: symbols are ASCII, and
 * the French words around them are compared through a small folding reader
 * that maps accented Latin letters to their base letter, curly apostrophes
 * to `'` and every kind of space to one space, so that `l’Assemblée
 * générale`, `l'Assemblee generale` and `L’ASSEMBLÉE GÉNÉRALE` meet.
 */
#include "symbols.h"

#include <string.h>

/* ---- characters ------------------------------------------------------- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
static bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static int to_upper(int c) { return is_lower(c) ? c - 'a' + 'A' : c; }
static int to_lower(int c) { return is_upper(c) ? c - 'A' + 'a' : c; }
static bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

/* Folded characters that are not ASCII letters: another letter (Greek, an
 * unusual accent...) or something else (punctuation, symbols). */
enum { F_LETTER = 1, F_OTHER = 2 };

/* Reads the character at t[i] (i < n): its folded form in *c (ASCII lower
 * case, accents removed, `’` -> `'`, spaces and line breaks -> ' ') and
 * returns its length in bytes. */
static size_t fold_at(const char *t, size_t n, size_t i, int *c)
{
    unsigned char b = (unsigned char)t[i];
    if (b < 0x80) {
        *c = (b == '\t' || b == '\n' || b == '\r') ? ' ' : to_lower(b);
        return 1;
    }
    size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > n)
        len = n - i;
    unsigned char b2 = len > 1 ? (unsigned char)t[i + 1] : 0;
    unsigned char b3 = len > 2 ? (unsigned char)t[i + 2] : 0;
    *c = F_OTHER;
    if (b == 0xC3 && len == 2) {
        unsigned x = b2 >= 0xA0 ? b2 - 0x20u : b2; /* lower -> upper block */
        if (x >= 0x80 && x <= 0x85)
            *c = 'a';
        else if (x == 0x87)
            *c = 'c';
        else if (x >= 0x88 && x <= 0x8B)
            *c = 'e';
        else if (x >= 0x8C && x <= 0x8F)
            *c = 'i';
        else if (x == 0x91)
            *c = 'n';
        else if (x >= 0x92 && x <= 0x96)
            *c = 'o';
        else if (x >= 0x99 && x <= 0x9C)
            *c = 'u';
        else if (x != 0x97) /* x == 0x97 is × or ÷ */
            *c = F_LETTER;
    } else if (b == 0xC2 && b2 == 0xA0) {
        *c = ' '; /* NBSP */
    } else if (b == 0xE2 && b2 == 0x80) {
        if (b3 == 0x98 || b3 == 0x99)
            *c = '\'';
        else if (b3 == 0xAF || (b3 >= 0x80 && b3 <= 0x8A))
            *c = ' '; /* narrow NBSP and the other spaces */
    } else if (b == 0xC5 && (b2 == 0x92 || b2 == 0x93)) {
        *c = 'o'; /* œ, Œ: only "o" is needed to fail a match cleanly */
    } else if (b == 0xCA && b2 == 0xBC) {
        *c = '\'';
    } else if (b >= 0xC4 && b < 0xE2) {
        *c = F_LETTER; /* Latin Extended, Greek, Cyrillic... */
    }
    return len;
}

static bool folded_word(int c) { return is_alnum(c) || c == F_LETTER; }

/* Whether the character ending just before t[i] is a letter or digit. */
static bool word_before(const char *t, size_t i)
{
    if (i == 0)
        return false;
    size_t s = i - 1;
    while (s > 0 && i - s < 4 && is_cont((unsigned char)t[s]))
        s--;
    int c;
    fold_at(t, i, s, &c);
    return folded_word(c);
}

static bool word_at(const char *t, size_t n, size_t i)
{
    int c;
    if (i >= n)
        return false;
    fold_at(t, n, i, &c);
    return folded_word(c);
}

/* Skips spaces (any kind, line breaks included) from i. */
static size_t skip_spaces(const char *t, size_t n, size_t i)
{
    int c;
    while (i < n) {
        size_t k = fold_at(t, n, i, &c);
        if (c != ' ')
            break;
        i += k;
    }
    return i;
}

/* Matches pat at t[i]: pat is folded ASCII where ' ' stands for one or more
 * spaces and '\'' for an apostrophe (a space may follow it). Returns the end
 * of the match, or 0 (a match always ends after i). The caller checks word
 * boundaries. */
static size_t match_folded(const char *t, size_t n, size_t i, const char *pat)
{
    size_t j = i;
    for (const char *p = pat; *p; p++) {
        if (*p == ' ') {
            size_t k = skip_spaces(t, n, j);
            if (k == j)
                return 0;
            j = k;
            continue;
        }
        if (j >= n)
            return 0;
        int c;
        size_t k = fold_at(t, n, j, &c);
        if (c != *p)
            return 0;
        j += k;
        if (*p == '\'')
            j = skip_spaces(t, n, j);
    }
    return j;
}

/* match_folded, also requiring that the match ends a word. */
static size_t match_word(const char *t, size_t n, size_t i, const char *pat)
{
    size_t e = match_folded(t, n, i, pat);
    return e && !word_at(t, n, e) ? e : 0;
}

/* ---- canonical strings ------------------------------------------------ */

typedef struct {
    char s[COTE_ENTITY_CANON_MAX];
    size_t len;
    bool full; /* something did not fit: the result is refused */
} canon_t;

static void cput(canon_t *c, const char *s, size_t n)
{
    if (c->len + n >= sizeof c->s) {
        c->full = true;
        return;
    }
    memcpy(c->s + c->len, s, n);
    c->len += n;
    c->s[c->len] = '\0';
}

static void cputc(canon_t *c, char ch) { cput(c, &ch, 1); }

static void cputs(canon_t *c, const char *s) { cput(c, s, strlen(s)); }

static void cputu(canon_t *c, unsigned long v)
{
    char d[24];
    size_t k = sizeof d;
    do {
        d[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    cput(c, d + k, sizeof d - k);
}

/* Words written in mixed case in symbols (symbols.md §1, §3.4, §3.5). */
static const char *const mixed_words[] = {"Add", "Corr", "Rev", "Amend", "Sub", "Sect", "Part",
                                          "Vol", "Supp", "Resumption", "Summary"};

/* The mixed-case spelling of the letters s[0..n), or NULL. */
static const char *mixed_word(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof mixed_words / sizeof *mixed_words; k++) {
        const char *w = mixed_words[k];
        if (strlen(w) != n)
            continue;
        size_t j = 0;
        while (j < n && to_lower((unsigned char)s[j]) == to_lower((unsigned char)w[j]))
            j++;
        if (j == n)
            return w;
    }
    return NULL;
}

/* Appends the letters s[0..n) upper-cased, or in their mixed-case form. */
static void cput_letters(canon_t *c, const char *s, size_t n)
{
    const char *w = mixed_word(s, n);
    if (w) {
        cputs(c, w);
        return;
    }
    for (size_t j = 0; j < n; j++)
        cputc(c, (char)to_upper((unsigned char)s[j]));
}

/* ---- written symbols -------------------------------------------------- */

enum { COMP_NONE, COMP_NUM, COMP_ALPHA, COMP_SESS };

typedef struct {
    int kind;
    size_t start, end;
    size_t letters; /* COMP_ALPHA: length of the leading letter run */
    bool final_ok;  /* may be the last component of a symbol */
} comp_t;

#define MAX_COMPS 16

/* Reads one component at t[i]: `RES`, `C.3`, `OzL.Pro.30`, `GC(20)`,
 * `Corr.1` (ALPHA), `74` (NUM), `ES-10`, `S-26` (SESS). In strict mode
 * (document text) letters must start upper case, and the series (first)
 * component must be all upper case. */
static comp_t read_comp(const char *t, size_t n, size_t i, bool lenient, bool first)
{
    comp_t r = {COMP_NONE, i, i, 0, false};
    if (i >= n)
        return r;
    int c0 = (unsigned char)t[i];
    /* ES-10, S-26 */
    size_t j = i;
    if (j < n && to_upper(c0) == 'E' && j + 1 < n && to_upper((unsigned char)t[j + 1]) == 'S')
        j++;
    if (j < n && to_upper((unsigned char)t[j]) == 'S' && j + 1 < n && t[j + 1] == '-' && j + 2 < n &&
        is_digit((unsigned char)t[j + 2]) && (lenient || is_upper(c0))) {
        j += 2;
        while (j < n && is_digit((unsigned char)t[j]))
            j++;
        if (j < n && is_alpha((unsigned char)t[j]))
            return r;
        r.kind = COMP_SESS;
        r.end = j;
        return r;
    }
    if (is_digit(c0)) {
        j = i;
        while (j < n && is_digit((unsigned char)t[j]) && j - i < 7)
            j++;
        if (j < n && (is_alnum((unsigned char)t[j]) || t[j] == '_'))
            return r;
        r.kind = COMP_NUM;
        r.end = j;
        r.final_ok = true;
        return r;
    }
    if (!is_alpha(c0) || (!lenient && !is_upper(c0)))
        return r;
    j = i;
    while (j < n && is_alpha((unsigned char)t[j])) {
        if (!lenient && first && !is_upper((unsigned char)t[j]))
            return r;
        j++;
    }
    if (j - i > 10 || (j - i > 8 && !mixed_word(t + i, j - i)))
        return r;
    r.letters = j - i;
    bool digits_last = false;
    while (j + 1 < n && t[j] == '.' && is_alnum((unsigned char)t[j + 1])) {
        j++;
        digits_last = true;
        while (j < n && is_alnum((unsigned char)t[j])) {
            if (!is_digit((unsigned char)t[j]))
                digits_last = false;
            j++;
        }
    }
    bool paren = false;
    if (j + 2 < n && t[j] == '(' && is_digit((unsigned char)t[j + 1])) {
        size_t k = j + 1;
        while (k < n && is_digit((unsigned char)t[k]))
            k++;
        if (k < n && t[k] == ')' && k - j <= 4) {
            j = k + 1;
            paren = true;
        }
    }
    if (j < n && (is_digit((unsigned char)t[j]) || t[j] == '_'))
        return r;
    const char *w = mixed_word(t + i, r.letters);
    /* an ordinary capitalised word (`ONU/Femmes/2020`) is no component */
    if (!lenient && !w && r.letters >= 4) {
        size_t k = i + 1;
        while (k < i + r.letters && is_lower((unsigned char)t[k]))
            k++;
        if (k == i + r.letters)
            return r;
    }
    r.kind = COMP_ALPHA;
    r.end = j;
    r.final_ok = !paren && (digits_last || (w && strcmp(w, "Summary") == 0 && j == i + r.letters));
    return r;
}

/* Appends component c in canonical case. */
static void cput_comp(canon_t *cn, const char *t, const comp_t *c)
{
    if (c->kind != COMP_ALPHA) {
        for (size_t j = c->start; j < c->end; j++)
            cputc(cn, (char)to_upper((unsigned char)t[j]));
        return;
    }
    cput_letters(cn, t + c->start, c->letters);
    for (size_t j = c->start + c->letters; j < c->end; j++)
        cputc(cn, (char)to_upper((unsigned char)t[j]));
}

/* Series known to issue two-component symbols (`S/26695`, `S/PV.9000`,
 * `E/5715`, `LC/G.2650`, `T/1234`, `DP/2008`): any other series needs at
 * least three components (`CDIP/25/2`), which keeps `UE/2020` out. */
static const char *const short_series[] = {"A", "S", "E", "T", "ST", "LC", "DP", "TD", "ID", "ECE", "HSP", "UNEP"};
/* Press release series (symbols.md §8): not documents. */
static const char *const press_series[] = {"SC", "AG", "GA", "CPSD", "SG", "ECOSOC", "OBV"};

static bool series_in(const char *t, const comp_t *c, const char *const *list, size_t count)
{
    if (c->end != c->start + c->letters)
        return false;
    for (size_t k = 0; k < count; k++) {
        size_t len = strlen(list[k]);
        if (len != c->letters)
            continue;
        size_t j = 0;
        while (j < len && to_upper((unsigned char)t[c->start + j]) == list[k][j])
            j++;
        if (j == len)
            return true;
    }
    return false;
}

/* Whether t[i..] holds a 4-digit year, a Roman numeral or `S-`/`ES-` +
 * Roman numeral followed by ')'; returns the position of ')' or 0. */
static size_t paren_session(const char *t, size_t n, size_t i, bool *year)
{
    size_t j = i;
    if (j + 4 < n && is_digit((unsigned char)t[j]) && is_digit((unsigned char)t[j + 1]) &&
        is_digit((unsigned char)t[j + 2]) && is_digit((unsigned char)t[j + 3]) && t[j + 4] == ')') {
        *year = true;
        return j + 4;
    }
    *year = false;
    if (j + 1 < n && (t[j] == 'E' || t[j] == 'e') && (t[j + 1] == 'S' || t[j + 1] == 's'))
        j += 2;
    else if (j < n && (t[j] == 'S' || t[j] == 's'))
        j++;
    if (j > i) {
        if (j >= n || t[j] != '-')
            return 0;
        j++;
    }
    size_t r = j;
    while (j < n && strchr("IVXLC", to_upper((unsigned char)t[j])) && t[j] != '\0')
        j++;
    if (j == r || j - r > 8 || j >= n || t[j] != ')')
        return 0;
    return j;
}

typedef struct {
    size_t start, end; /* span of the symbol in the text */
    canon_t canon;
} sym_t;

/* Separator between components at t[i]: '/' with, in lenient mode, spaces
 * around it; in text, one space after the slash is tolerated before a
 * number once two components are read (`A/RES/74/ 239`, a line wrapped at
 * the slash). Returns the start of the next component, or 0. */
static size_t read_slash(const char *t, size_t n, size_t i, bool lenient, size_t ncomps)
{
    size_t j = i;
    if (lenient)
        while (j < n && t[j] == ' ')
            j++;
    if (j >= n || t[j] != '/')
        return 0;
    j++;
    if (lenient) {
        while (j < n && t[j] == ' ')
            j++;
    } else if (j + 1 < n && t[j] == ' ' && ncomps >= 2 && is_digit((unsigned char)t[j + 1])) {
        j++;
    }
    return j < n ? j : 0;
}

/* An optional qualifier at t[i]: ` (Sect.22)`, `(Part I)`, `(Vol. II)`,
 * `(Resumption 1)`. Returns its end and appends it, or returns i. */
static size_t read_qualifier(const char *t, size_t n, size_t i, bool lenient, canon_t *cn)
{
    size_t j = i;
    if (j < n && t[j] == ' ')
        j++;
    if (lenient)
        while (j < n && t[j] == ' ')
            j++;
    if (j >= n || t[j] != '(')
        return i;
    j++;
    while (lenient && j < n && t[j] == ' ')
        j++;
    size_t w = j;
    while (j < n && is_alpha((unsigned char)t[j]))
        j++;
    const char *word = mixed_word(t + w, j - w);
    if (!word || strcmp(word, "Add") == 0 || strcmp(word, "Corr") == 0 || strcmp(word, "Rev") == 0 ||
        strcmp(word, "Amend") == 0 || strcmp(word, "Summary") == 0)
        return i;
    if (!lenient && !is_upper((unsigned char)t[w]))
        return i;
    bool dot = j < n && t[j] == '.';
    if (dot)
        j++;
    bool space = false;
    while (j < n && t[j] == ' ') {
        j++;
        space = true;
    }
    size_t v = j;
    while (j < n && is_alnum((unsigned char)t[j]))
        j++;
    if (j == v || j - v > 6)
        return i;
    size_t ve = j;
    while (lenient && j < n && t[j] == ' ')
        j++;
    if (j >= n || t[j] != ')')
        return i;
    cputc(cn, '(');
    cputs(cn, word);
    if (dot)
        cputc(cn, '.');
    else if (space)
        cputc(cn, ' ');
    for (size_t k = v; k < ve; k++)
        cputc(cn, (char)to_upper((unsigned char)t[k]));
    cputc(cn, ')');
    return j + 1;
}

/* Parses a symbol starting at t[i]. The caller has checked what precedes. */
static bool parse_symbol(const char *t, size_t n, size_t i, bool lenient, sym_t *out)
{
    comp_t comps[MAX_COMPS];
    size_t nc = 0, last_final = 0;
    comp_t c = read_comp(t, n, i, lenient, true);
    if (c.kind != COMP_ALPHA)
        return false;
    comps[nc++] = c;
    for (;;) {
        size_t k = read_slash(t, n, c.end, lenient, nc);
        if (!k || nc == MAX_COMPS)
            break;
        c = read_comp(t, n, k, lenient, false);
        if (c.kind == COMP_NONE)
            break;
        comps[nc++] = c;
        if (c.final_ok)
            last_final = nc;
    }
    if (last_final < 2)
        return false;
    nc = last_final;
    if (series_in(t, &comps[0], press_series, sizeof press_series / sizeof *press_series))
        return false;
    if (nc == 2 && !series_in(t, &comps[0], short_series, sizeof short_series / sizeof *short_series))
        return false;

    canon_t *cn = &out->canon;
    cn->len = 0;
    cn->full = false;
    cn->s[0] = '\0';
    for (size_t k = 0; k < nc; k++) {
        if (k)
            cputc(cn, '/');
        cput_comp(cn, t, &comps[k]);
    }
    size_t end = comps[nc - 1].end;

    /* what follows must not continue a word or a path */
    if (end < n && (is_alnum((unsigned char)t[end]) || t[end] == '_'))
        return false;
    if (!lenient && end + 1 < n && t[end] == '/' && is_alnum((unsigned char)t[end + 1]))
        return false;

    /* S/RES/1325 (2000), A/RES/217 (III), E/RES/1503(XLVIII) */
    const comp_t *prev = &comps[nc - 2];
    if (comps[nc - 1].kind == COMP_NUM && prev->kind == COMP_ALPHA && prev->letters == 3 &&
        prev->end == prev->start + 3 && to_upper((unsigned char)t[prev->start]) == 'R' &&
        to_upper((unsigned char)t[prev->start + 1]) == 'E' && to_upper((unsigned char)t[prev->start + 2]) == 'S') {
        size_t j = end;
        if (j < n && t[j] == ' ')
            j++;
        while (lenient && j < n && t[j] == ' ')
            j++;
        bool year;
        size_t close = j < n && t[j] == '(' ? paren_session(t, n, j + 1, &year) : 0;
        if (close) {
            cputc(cn, '(');
            for (size_t k = j + 1; k < close; k++)
                cputc(cn, (char)to_upper((unsigned char)t[k]));
            cputc(cn, ')');
            end = close + 1;
        }
    }

    size_t q = read_qualifier(t, n, end, lenient, cn);
    if (q != end) {
        end = q;
        /* suffixes may follow a qualifier: A/74/6(Sect.22)/Add.1 */
        for (;;) {
            size_t k = read_slash(t, n, end, lenient, nc);
            if (!k)
                break;
            comp_t s = read_comp(t, n, k, lenient, false);
            if (s.kind != COMP_ALPHA || !s.final_ok || !mixed_word(t + s.start, s.letters))
                break;
            cputc(cn, '/');
            cput_comp(cn, t, &s);
            end = s.end;
        }
    }
    if (cn->full)
        return false;
    out->start = i;
    out->end = end;
    return true;
}

/* Whether a symbol may start at t[i]: not inside a word, a path, a number
 * or a dotted name. */
static bool symbol_start_ok(const char *t, size_t i)
{
    if (i == 0)
        return true;
    unsigned char p = (unsigned char)t[i - 1];
    if (p < 0x80)
        return !is_alnum(p) && !strchr("/._-@:\\&=?#%+", p);
    return !word_before(t, i);
}

/* After a symbol ending at t[i], a joint symbol: `-S/2020/898`,
 * `–S/2022/606`. Returns the start of the second symbol, or 0. */
static size_t joint_next(const char *t, size_t n, size_t i)
{
    if (i + 1 < n && t[i] == '-' && is_upper((unsigned char)t[i + 1]))
        return i + 1;
    if (i + 3 < n && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94) && is_upper((unsigned char)t[i + 3]))
        return i + 3;
    return 0;
}

/* ---- URLs ------------------------------------------------------------- */

static bool space_byte(unsigned char b) { return b == ' ' || b == '\n' || b == '\t' || b == '\r'; }

static size_t token_end(const char *t, size_t n, size_t i)
{
    while (i < n && !space_byte((unsigned char)t[i]))
        i++;
    return i;
}

/* Whether the token t[i..e) is a web address: a scheme, `www.`, or a
 * lower-case domain name followed by a path (`unohrlls.org/unldc-v/`). */
static bool is_url_token(const char *t, size_t i, size_t e)
{
    size_t len = e - i;
    for (size_t k = i; k + 2 < e; k++)
        if (t[k] == ':' && t[k + 1] == '/' && t[k + 2] == '/')
            return true;
    if (len >= 4 && to_lower((unsigned char)t[i]) == 'w' && to_lower((unsigned char)t[i + 1]) == 'w' &&
        to_lower((unsigned char)t[i + 2]) == 'w' && t[i + 3] == '.')
        return true;
    if (len >= 5 && strncmp(t + i, "file:", 5) == 0)
        return true;
    /* domain.tld/... : labels of lower-case letters, digits and '-' */
    size_t k = i, dots = 0;
    while (k < e) {
        size_t l = k;
        while (k < e && (is_lower((unsigned char)t[k]) || is_digit((unsigned char)t[k]) || t[k] == '-'))
            k++;
        if (k == l)
            return false;
        if (k < e && t[k] == '.') {
            k++;
            dots++;
            continue;
        }
        return dots > 0 && k < e && t[k] == '/' && is_lower((unsigned char)t[l]);
    }
    return false;
}

/* If a web address starts at t[i] (a token start), returns where it ends,
 * including a continuation the line joining cut off (`.../ctitf/ files/...`);
 * otherwise 0. */
static size_t url_end(const char *t, size_t n, size_t i)
{
    size_t e = token_end(t, n, i);
    size_t s = i;
    while (s < e && strchr("([«\"'<", t[s]))
        s++;
    if (s < e && (unsigned char)t[s] == 0xC2 && s + 1 < e && (unsigned char)t[s + 1] == 0xAB)
        s += 2;
    if (s >= e || !is_url_token(t, s, e))
        return 0;
    while (e < n && strchr("/-_", t[e - 1]) && e + 1 < n && t[e] == ' ' && !space_byte((unsigned char)t[e + 1])) {
        size_t e2 = token_end(t, n, e + 1);
        bool pathlike = false;
        for (size_t k = e + 1; k + 1 < e2; k++)
            if (t[k] == '/' || (t[k] == '.' && is_alnum((unsigned char)t[k + 1])))
                pathlike = true;
        if (!pathlike)
            break;
        e = e2;
    }
    return e;
}

/* ---- resolution references -------------------------------------------- */

typedef enum { ORG_NONE, ORG_GA, ORG_SC, ORG_ECOSOC, ORG_HRC, ORG_ESCAP, ORG_OTHER } organ_t;

/* Organ names, folded (see match_folded). ORG_OTHER: bodies whose
 * resolutions have no series we can name; a reference to them yields
 * nothing rather than a wrong General Assembly symbol. */
static const struct {
    const char *name;
    organ_t org;
} organs[] = {
    {"assemblee generale", ORG_GA},
    {"conseil de securite", ORG_SC},
    {"conseil economique et social", ORG_ECOSOC},
    {"ecosoc", ORG_ECOSOC},
    {"conseil des droits de l'homme", ORG_HRC},
    {"commission economique et sociale pour l'asie et le pacifique", ORG_ESCAP},
    {"cesap", ORG_ESCAP},
    {"escap", ORG_ESCAP},
    {"assemblee des nations unies pour l'environnement", ORG_OTHER},
    {"assemblee mondiale de la sante", ORG_OTHER},
    {"commission des stupefiants", ORG_OTHER},
    {"commission de la condition de la femme", ORG_OTHER},
    {"commission de la population et du developpement", ORG_OTHER},
    {"commission du developpement social", ORG_OTHER},
    {"commission de statistique", ORG_OTHER},
    {"commission pour la prevention du crime et la justice penale", ORG_OTHER},
    {"conference des parties", ORG_OTHER},
    {"conseil d'administration", ORG_OTHER},
    {"conseil des gouverneurs", ORG_OTHER},
    {"conseil executif", ORG_OTHER},
};

/* The organ named at t[i] (a word start), or ORG_NONE; *end its end. */
static organ_t organ_at(const char *t, size_t n, size_t i, size_t *end)
{
    if (i >= n) /* `adoptée par l’` at the very end of the text */
        return ORG_NONE;
    int c;
    fold_at(t, n, i, &c);
    if (!is_lower(c))
        return ORG_NONE;
    for (size_t k = 0; k < sizeof organs / sizeof *organs; k++) {
        if (organs[k].name[0] != c)
            continue;
        size_t e = match_word(t, n, i, organs[k].name);
        if (e) {
            if (end)
                *end = e;
            return organs[k].org;
        }
    }
    return ORG_NONE;
}

typedef enum { SH_SESSION, SH_YEAR, SH_SC, SH_ROMAN, SH_SPECIAL, SH_COUNT } shape_t;

typedef struct {
    shape_t shape;
    unsigned long a, b;    /* 74/239: 74, 239; 1325 (2000): 1325, 2000; 217 (III): 217 */
    char sess[12];         /* SH_ROMAN: `III`, `S-VII`; SH_SPECIAL: `ES-11` */
    size_t start, end;
} item_t;

/* The series prefix organ o gives a reference of shape sh ("" when the
 * organ is known but has no series: emit nothing), or NULL when o does not
 * number its texts that way. */
static const char *organ_prefix(organ_t o, const item_t *it, bool decision)
{
    switch (o) {
    case ORG_GA:
        if (it->shape == SH_SESSION)
            return it->a >= 31 ? (decision ? "A/DEC/" : "A/RES/") : "";
        if (it->shape == SH_SPECIAL)
            return decision ? "A/DEC/" : "A/RES/";
        if (it->shape == SH_ROMAN)
            return decision ? "" : "A/RES/";
        return NULL;
    case ORG_SC:
        return it->shape == SH_SC ? (decision ? "" : "S/RES/") : NULL;
    case ORG_ECOSOC:
        if (it->shape == SH_YEAR)
            return decision ? "E/DEC/" : "E/RES/";
        if (it->shape == SH_ROMAN)
            return decision ? "" : "E/RES/";
        return NULL;
    case ORG_HRC:
        if (it->shape == SH_SESSION || (it->shape == SH_SPECIAL && it->sess[0] == 'S'))
            return decision ? "A/HRC/DEC/" : "A/HRC/RES/";
        return NULL;
    case ORG_ESCAP:
        return it->shape == SH_SESSION ? (decision ? "ESCAP/DEC/" : "ESCAP/RES/") : NULL;
    case ORG_OTHER:
        return it->shape == SH_SESSION || it->shape == SH_YEAR ? "" : NULL;
    case ORG_NONE:
        break;
    }
    return NULL;
}

/* The organ a reference of shape sh falls to when none is named. */
static organ_t default_organ(const item_t *it, bool *inferred)
{
    *inferred = it->shape != SH_SC;
    switch (it->shape) {
    case SH_SESSION:
        return it->a >= 31 && it->a <= 99 ? ORG_GA : ORG_NONE;
    case SH_YEAR:
        return ORG_ECOSOC;
    case SH_SC:
        return ORG_SC;
    case SH_ROMAN:
    case SH_SPECIAL:
        return ORG_GA;
    case SH_COUNT:
        break;
    }
    return ORG_NONE;
}

static size_t read_digits(const char *t, size_t n, size_t i, size_t max, unsigned long *v)
{
    size_t j = i;
    *v = 0;
    while (j < n && is_digit((unsigned char)t[j]) && j - i < max)
        *v = *v * 10 + (unsigned long)(t[j++] - '0');
    if (j < n && is_digit((unsigned char)t[j]))
        return i;
    return j;
}

/* One capital part letter at t[i] (`A` in `217 A (III)`, `31/16 A`),
 * standing alone; returns its end or i. */
static size_t part_letter(const char *t, size_t n, size_t i)
{
    if (i < n && is_upper((unsigned char)t[i]) && !word_at(t, n, i + 1) &&
        !(i + 1 < n && (t[i + 1] == '/' || t[i + 1] == '.' || t[i + 1] == '-')))
        return i + 1;
    return i;
}

/* Reads one referenced number at t[i]: `74/239`, `2019/15`, `1325 (2000)`,
 * `217 A (III)`, `3411 A et B (XXX)`, `ES-11/1`, `31/16 A`. */
static bool read_item(const char *t, size_t n, size_t i, item_t *it)
{
    memset(it, 0, sizeof *it);
    it->start = i;
    size_t j = i;
    /* ES-11/1, S-26/2 */
    if (j + 2 < n && (t[j] == 'E' || t[j] == 'S')) {
        size_t k = j + (t[j] == 'E' ? 1 : 0);
        if (k + 2 < n && t[k] == 'S' && t[k + 1] == '-' && is_digit((unsigned char)t[k + 2])) {
            unsigned long s;
            size_t e = read_digits(t, n, k + 2, 2, &s);
            if (e == k + 2 || e + 1 >= n || t[e] != '/' || !is_digit((unsigned char)t[e + 1]))
                return false;
            size_t e2 = read_digits(t, n, e + 1, 4, &it->b);
            if (e2 == e + 1 || (e2 < n && (t[e2] == '/' || is_alpha((unsigned char)t[e2]))))
                return false;
            memcpy(it->sess, t + j, e - j);
            it->sess[e - j] = '\0';
            it->shape = SH_SPECIAL;
            it->end = e2;
            if (e2 + 1 < n && t[e2] == ' ' && part_letter(t, n, e2 + 1) > e2 + 1)
                it->end = e2 + 2; /* ES-10/2 A */
            return true;
        }
        return false;
    }
    size_t e = read_digits(t, n, j, 5, &it->a);
    if (e == j)
        return false;
    if (e + 1 < n && t[e] == '/' && is_digit((unsigned char)t[e + 1])) {
        size_t e2 = read_digits(t, n, e + 1, 4, &it->b);
        if (e2 == e + 1 || it->b == 0)
            return false;
        /* 15/02/2020, 2/21 p., 3/4-inch: not references */
        if (e2 < n && (t[e2] == '/' || t[e2] == '-' || is_alpha((unsigned char)t[e2]) ||
                       (t[e2] == ',' && e2 + 1 < n && is_digit((unsigned char)t[e2 + 1]))))
            return false;
        size_t la = e - j;
        if (la == 4 && it->a >= 1978 && it->a <= 2100)
            it->shape = SH_YEAR;
        else if (la <= 2 && it->a >= 1)
            it->shape = SH_SESSION;
        else
            return false;
        it->end = e2;
        if (e2 + 1 < n && t[e2] == ' ') {
            size_t p = part_letter(t, n, e2 + 1);
            if (p > e2 + 1)
                it->end = p;
        }
        return true;
    }
    /* NNNN (YYYY), NNN [A [et B]] (ROMAN) */
    size_t k = e;
    bool parts = false;
    for (int guard = 0; guard < 8; guard++) {
        size_t s = skip_spaces(t, n, k);
        size_t p = part_letter(t, n, s);
        if (p == s)
            break;
        parts = true;
        k = skip_spaces(t, n, p);
        size_t m;
        if ((m = match_word(t, n, k, "et")) || (m = match_word(t, n, k, "a")) || (k < n && t[k] == ',' && (m = k + 1)))
            k = m;
        else
            break;
    }
    k = skip_spaces(t, n, k);
    if (k - e > 40 || k >= n || t[k] != '(')
        return false;
    bool year;
    size_t close = paren_session(t, n, k + 1, &year);
    if (!close)
        return false;
    if (year) {
        unsigned long y;
        read_digits(t, n, k + 1, 4, &y);
        if (parts || y < 1946 || y > 2100 || it->a == 0)
            return false;
        it->shape = SH_SC;
        it->b = y;
    } else {
        size_t len = close - (k + 1);
        if (len >= sizeof it->sess)
            return false;
        for (size_t q = 0; q < len; q++)
            it->sess[q] = (char)to_upper((unsigned char)t[k + 1 + q]);
        it->sess[len] = '\0';
        it->shape = SH_ROMAN;
    }
    it->end = close + 1;
    return true;
}

#define MAX_ITEMS 64

/* Reads a list of items at t[i] joined by `,`, `et`, `ou`, `à`. Returns the
 * number read (0 if none). */
static size_t read_items(const char *t, size_t n, size_t i, item_t *items)
{
    size_t count = 0;
    size_t j = i;
    while (count < MAX_ITEMS && read_item(t, n, j, &items[count])) {
        size_t e = items[count++].end;
        size_t k = skip_spaces(t, n, e);
        if (k < n && t[k] == ',')
            k = skip_spaces(t, n, k + 1);
        size_t m;
        if ((m = match_word(t, n, k, "et")) || (m = match_word(t, n, k, "ou")) || (m = match_word(t, n, k, "a")))
            k = skip_spaces(t, n, m);
        if (k == e)
            break;
        j = k;
    }
    return count;
}

/* Skips a date after a reference: `du 19 juillet 2017`, `, en date du 31
 * octobre 2000`, `de 2015`. */
static size_t skip_date(const char *t, size_t n, size_t i)
{
    size_t j = skip_spaces(t, n, i);
    if (j < n && t[j] == ',')
        j = skip_spaces(t, n, j + 1);
    size_t m;
    if ((m = match_folded(t, n, j, "en date du ")) || (m = match_folded(t, n, j, "du ")))
        j = m;
    else
        return i;
    unsigned long d;
    size_t e = read_digits(t, n, j, 2, &d);
    if (e == j)
        return i;
    if (e + 1 < n && t[e] == 'e' && t[e + 1] == 'r')
        e += 2;
    j = skip_spaces(t, n, e);
    size_t w = j;
    int c;
    while (j < n) {
        size_t k = fold_at(t, n, j, &c);
        if (!is_lower(c))
            break;
        j += k;
    }
    if (j - w < 3)
        return i;
    j = skip_spaces(t, n, j);
    unsigned long y;
    e = read_digits(t, n, j, 4, &y);
    return e - j == 4 ? e : i;
}

/* An organ named right after a reference: `de l’Assemblée générale`, `du
 * Conseil de sécurité`, `adoptée par l’Assemblée générale`; *end (may be
 * NULL) gets the end of its name. */
static organ_t organ_after(const char *t, size_t n, size_t i, size_t *end)
{
    static const char *const lead[] = {"de l'", "de la ", "du ", "des ", "par l'", "par la ", "par le "};
    size_t j = skip_date(t, n, i);
    j = skip_spaces(t, n, j);
    size_t m;
    if ((m = match_folded(t, n, j, "adoptee ")) || (m = match_folded(t, n, j, "adoptees ")))
        j = m;
    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
        m = match_folded(t, n, j, lead[k]);
        if (!m)
            continue;
        organ_t o = organ_at(t, n, m, end);
        if (o != ORG_NONE)
            return o;
    }
    return ORG_NONE;
}

#define LOOKBACK 400

/* The nearest organ named before t[pos] in the same sentence (at most
 * LOOKBACK bytes back) that numbers its texts like it. */
static organ_t organ_before(const char *t, size_t n, size_t pos, const item_t *it, bool decision)
{
    size_t lo = pos > LOOKBACK ? pos - LOOKBACK : 0;
    for (size_t p = pos; p > lo; p--) {
        char c = t[p - 1];
        if (c == '\n') {
            lo = p;
            break;
        }
        if ((c == '.' || c == '!' || c == '?') && p + 1 < pos && t[p] == ' ') {
            unsigned char b = (unsigned char)t[p + 1];
            if (is_upper(b) || (b == 0xC3 && p + 2 < n && (unsigned char)t[p + 2] < 0xA0)) {
                lo = p;
                break;
            }
        }
    }
    for (size_t p = pos; p-- > lo;) {
        if (is_cont((unsigned char)t[p]) || word_before(t, p))
            continue;
        organ_t o = organ_at(t, n, p, NULL);
        if (o != ORG_NONE && organ_prefix(o, it, decision))
            return o;
    }
    return ORG_NONE;
}

/* The body speaking at a block start: `L’Assemblée générale,`, `Le Conseil
 * de sécurité,`. */
static organ_t speaker_at(const char *t, size_t n, size_t i)
{
    static const char *const lead[] = {"l'", "le ", "la "};
    size_t j = skip_spaces(t, n, i);
    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
        size_t m = match_folded(t, n, j, lead[k]);
        size_t e;
        organ_t o = m ? organ_at(t, n, m, &e) : ORG_NONE;
        if (o != ORG_NONE && o != ORG_OTHER) {
            e = skip_spaces(t, n, e);
            if (e < n && t[e] == ',')
                return o;
        }
    }
    return ORG_NONE;
}

/* Tracks the speaking body while the scan moves forward (linear overall). */
typedef struct {
    size_t pos;      /* text before pos has been looked at */
    organ_t speaker; /* the last speaker seen */
} speaker_t;

static organ_t speaker_until(speaker_t *s, const char *t, size_t n, size_t pos)
{
    while (s->pos < pos) {
        if (s->pos == 0 || t[s->pos - 1] == '\n') {
            organ_t o = speaker_at(t, n, s->pos);
            if (o != ORG_NONE)
                s->speaker = o;
        }
        s->pos++;
    }
    return s->speaker;
}

/* Whether the word before the trigger at t[i] is a possessive: `sa`,
 * `ses`, `leur`, `leurs`. */
static bool possessive_before(const char *t, size_t i)
{
    size_t j = i;
    while (j > 0 && space_byte((unsigned char)t[j - 1]))
        j--;
    if (j == i)
        return false;
    size_t w = j;
    while (w > 0 && is_alpha((unsigned char)t[w - 1]) && j - w < 6)
        w--;
    if (w > 0 && word_before(t, w))
        return false;
    size_t len = j - w;
    char buf[8];
    for (size_t k = 0; k < len; k++)
        buf[k] = (char)to_lower((unsigned char)t[w + k]);
    buf[len] = '\0';
    return strcmp(buf, "sa") == 0 || strcmp(buf, "ses") == 0 || strcmp(buf, "leur") == 0 ||
           strcmp(buf, "leurs") == 0;
}

/* The trigger word at t[i]: `résolution(s)`, `décision(s)` (any case,
 * with or without accents). Returns its end (before the spaces) or 0. */
static size_t trigger_at(const char *t, size_t n, size_t i, bool *decision)
{
    size_t m;
    if ((m = match_word(t, n, i, "resolutions")) || (m = match_word(t, n, i, "resolution"))) {
        *decision = false;
        return m;
    }
    if ((m = match_word(t, n, i, "decisions")) || (m = match_word(t, n, i, "decision"))) {
        *decision = true;
        return m;
    }
    return 0;
}

static void item_canon(const item_t *it, const char *prefix, canon_t *c)
{
    c->len = 0;
    c->full = false;
    c->s[0] = '\0';
    cputs(c, prefix);
    switch (it->shape) {
    case SH_SESSION:
    case SH_YEAR:
        cputu(c, it->a);
        cputc(c, '/');
        cputu(c, it->b);
        break;
    case SH_SC:
        cputu(c, it->a);
        cputc(c, '(');
        cputu(c, it->b);
        cputc(c, ')');
        break;
    case SH_ROMAN:
        cputu(c, it->a);
        cputc(c, '(');
        cputs(c, it->sess);
        cputc(c, ')');
        break;
    case SH_SPECIAL:
        cputs(c, it->sess);
        cputc(c, '/');
        cputu(c, it->b);
        break;
    case SH_COUNT:
        break;
    }
}

/* Decides the organ of item it: named after (after), named before in the
 * sentence (looked up lazily, cached per shape), the speaker for a
 * possessive, or the shape's default. Returns the prefix or NULL. */
typedef struct {
    const char *t;
    size_t n, trigger;
    bool decision, possessive;
    organ_t after;
    organ_t before[SH_COUNT];
    bool before_done[SH_COUNT];
    speaker_t *speaker;
} ref_ctx_t;

static const char *resolve(ref_ctx_t *rc, const item_t *it, bool *inferred)
{
    *inferred = false;
    const char *p = rc->after != ORG_NONE ? organ_prefix(rc->after, it, rc->decision) : NULL;
    if (p)
        return p;
    if (rc->speaker) { /* documents, not queries */
        if (!rc->before_done[it->shape]) {
            rc->before[it->shape] = organ_before(rc->t, rc->n, rc->trigger, it, rc->decision);
            rc->before_done[it->shape] = true;
        }
        if (rc->before[it->shape] != ORG_NONE)
            return organ_prefix(rc->before[it->shape], it, rc->decision);
        if (rc->possessive) {
            organ_t s = speaker_until(rc->speaker, rc->t, rc->n, rc->trigger);
            if (s != ORG_NONE && (p = organ_prefix(s, it, rc->decision)) != NULL)
                return p;
        }
    }
    organ_t d = default_organ(it, inferred);
    return d == ORG_NONE ? NULL : organ_prefix(d, it, rc->decision);
}

/* Parses a reference whose trigger word starts at t[i]; appends its
 * entities. Returns the end of the list, or 0 when no number follows. */
static size_t parse_reference(const char *t, size_t n, size_t i, speaker_t *spk, cote_entity_list_t *out,
                              cote_status_t *st)
{
    bool decision;
    size_t m = trigger_at(t, n, i, &decision);
    if (!m)
        return 0;
    size_t j = skip_spaces(t, n, m);
    if (j == m)
        return 0;
    item_t items[MAX_ITEMS];
    size_t count = read_items(t, n, j, items);
    if (!count)
        return 0;
    size_t end = items[count - 1].end;
    ref_ctx_t rc;
    memset(&rc, 0, sizeof rc);
    rc.t = t;
    rc.n = n;
    rc.trigger = i;
    rc.decision = decision;
    rc.possessive = possessive_before(t, i);
    rc.after = organ_after(t, n, end, NULL);
    rc.speaker = spk;
    for (size_t k = 0; k < count; k++) {
        bool inferred;
        const char *prefix = resolve(&rc, &items[k], &inferred);
        if (!prefix || !*prefix)
            continue;
        cote_entity_t e;
        memset(&e, 0, sizeof e);
        canon_t c;
        item_canon(&items[k], prefix, &c);
        if (c.full)
            continue;
        e.kind = COTE_ENT_SYMBOL;
        e.flags = COTE_ENT_RESOLUTION | (inferred ? COTE_ENT_INFERRED : 0u);
        e.start = k == 0 ? i : items[k].start;
        e.end = items[k].end;
        memcpy(e.canon, c.s, c.len + 1);
        if ((*st = cote_entity_push(out, &e)) != COTE_OK)
            return end;
    }
    return end;
}

/* ---- the scan --------------------------------------------------------- */

static cote_status_t push_symbol(cote_entity_list_t *out, const sym_t *s)
{
    cote_entity_t e;
    memset(&e, 0, sizeof e);
    e.kind = COTE_ENT_SYMBOL;
    e.start = s->start;
    e.end = s->end;
    memcpy(e.canon, s->canon.s, s->canon.len + 1);
    return cote_entity_push(out, &e);
}

cote_status_t cote_find_symbols(const char *text, size_t len, cote_entity_list_t *out)
{
    if (!out || (!text && len))
        return COTE_INVALID_ARG;
    const char *t = text;
    size_t n = len;
    speaker_t spk = {0, ORG_NONE};
    cote_status_t st = COTE_OK;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        if (i == 0 || space_byte((unsigned char)t[i - 1])) {
            size_t u = url_end(t, n, i);
            if (u) {
                i = u;
                continue;
            }
        }
        if (is_upper(c) && symbol_start_ok(t, i)) {
            sym_t s;
            if (parse_symbol(t, n, i, false, &s)) {
                if ((st = push_symbol(out, &s)) != COTE_OK)
                    return st;
                size_t k;
                while ((k = joint_next(t, n, s.end)) && parse_symbol(t, n, k, false, &s))
                    if ((st = push_symbol(out, &s)) != COTE_OK)
                        return st;
                i = s.end;
                continue;
            }
        }
        if ((c == 'r' || c == 'R' || c == 'd' || c == 'D') && !word_before(t, i)) {
            size_t e = parse_reference(t, n, i, &spk, out, &st);
            if (st != COTE_OK)
                return st;
            if (e) {
                i = e;
                continue;
            }
        }
        i++;
    }
    return COTE_OK;
}

/* ---- links ------------------------------------------------------------ */

static int hex_value(int c)
{
    if (is_digit(c))
        return c - '0';
    c = to_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decodes s[0..n) into buf (size cap); '+' is a space. Returns the
 * length, or cap when it does not fit. */
static size_t url_decode(const char *s, size_t n, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        char ch = s[j];
        if (ch == '%' && j + 2 < n && hex_value((unsigned char)s[j + 1]) >= 0 &&
            hex_value((unsigned char)s[j + 2]) >= 0) {
            ch = (char)(hex_value((unsigned char)s[j + 1]) * 16 + hex_value((unsigned char)s[j + 2]));
            j += 2;
        } else if (ch == '+') {
            ch = ' ';
        }
        if (k + 1 >= cap)
            return cap;
        buf[k++] = ch;
    }
    buf[k] = '\0';
    return k;
}

static bool ieq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return false;
    for (size_t k = 0; k < an; k++)
        if (to_lower((unsigned char)a[k]) != to_lower((unsigned char)b[k]))
            return false;
    return true;
}

/* Whether host h[0..n) is name or a subdomain of it. */
static bool host_is(const char *h, size_t n, const char *name)
{
    size_t len = strlen(name);
    if (n < len || !ieq(h + n - len, len, name))
        return false;
    return n == len || h[n - len - 1] == '.';
}

/* Canonicalises a symbol taken from a link (decoded, final period and an
 * unbalanced final parenthesis removed). */
static bool link_symbol(const char *s, size_t n, char out[COTE_ENTITY_CANON_MAX])
{
    char buf[256];
    size_t k = url_decode(s, n, buf, sizeof buf);
    if (k >= sizeof buf)
        return false;
    while (k > 0 && strchr(".,;:]", buf[k - 1]))
        k--;
    if (k > 0 && buf[k - 1] == ')' && !memchr(buf, '(', k))
        k--;
    return cote_canonical_symbol(buf, k, out);
}

cote_status_t cote_symbol_from_link(const char *url, size_t len, cote_entity_t *out)
{
    if (!url || !out)
        return COTE_INVALID_ARG;
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len && url[i] == ' ')
        i++;
    while (len > i && space_byte((unsigned char)url[len - 1]))
        len--;
    size_t scheme = 0;
    for (size_t k = i; k + 2 < len && k < i + 8; k++)
        if (url[k] == ':' && url[k + 1] == '/' && url[k + 2] == '/') {
            scheme = k + 3;
            break;
        }
    if (scheme)
        i = scheme;
    size_t h = i;
    while (i < len && url[i] != '/' && url[i] != '?' && url[i] != '#')
        i++;
    size_t hn = i - h;
    for (size_t k = h; k < i; k++)
        if (url[k] == ':') { /* port */
            hn = k - h;
            break;
        }
    char canon[COTE_ENTITY_CANON_MAX];
    bool ok = false;
    if (host_is(url + h, hn, "undocs.org") && i < len && url[i] == '/') {
        size_t p = i + 1;
        size_t q = p;
        while (q < len && url[q] != '/' && url[q] != '?' && url[q] != '#')
            q++;
        static const char *const langs[] = {"ar", "zh", "en", "fr", "ru", "es"};
        for (size_t k = 0; k < sizeof langs / sizeof *langs; k++)
            if (q < len && url[q] == '/' && ieq(url + p, q - p, langs[k]))
                p = q + 1;
        size_t e = p;
        while (e < len && url[e] != '?' && url[e] != '#')
            e++;
        ok = e > p && link_symbol(url + p, e - p, canon);
    }
    if (!ok && (host_is(url + h, hn, "un.org") || host_is(url + h, hn, "undocs.org"))) {
        /* a symbol in a parameter: ?s=..., &symbol=..., FinalSymbol=, DS= */
        static const char *const keys[] = {"s", "symbol", "finalsymbol", "ds"};
        size_t q = i;
        while (q < len && url[q] != '?')
            q++;
        while (!ok && q < len) {
            size_t k0 = q + 1, eq = k0;
            while (eq < len && url[eq] != '=' && url[eq] != '&')
                eq++;
            size_t ve = eq;
            while (ve < len && url[ve] != '&' && url[ve] != '#')
                ve++;
            if (eq < len && url[eq] == '=')
                for (size_t k = 0; k < sizeof keys / sizeof *keys && !ok; k++)
                    if (ieq(url + k0, eq - k0, keys[k]))
                        ok = link_symbol(url + eq + 1, ve - eq - 1, canon);
            q = ve;
        }
    }
    if (!ok)
        return COTE_NOT_FOUND;
    out->kind = COTE_ENT_SYMBOL;
    out->flags = COTE_ENT_LINK;
    out->start = 0;
    out->end = len;
    memcpy(out->canon, canon, strlen(canon) + 1);
    return COTE_OK;
}

/* ---- queries ---------------------------------------------------------- */

static void trim(const char **s, size_t *n)
{
    while (*n && space_byte((unsigned char)(*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n && space_byte((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

bool cote_canonical_symbol(const char *s, size_t n, char out[COTE_ENTITY_CANON_MAX])
{
    if (!s)
        return false;
    trim(&s, &n);
    sym_t sym;
    if (!n || !parse_symbol(s, n, 0, true, &sym))
        return false;
    size_t e = sym.end;
    if (e < n && s[e] == '*')
        e++;
    while (e < n && s[e] == ' ')
        e++;
    if (e != n)
        return false;
    if (out)
        memcpy(out, sym.canon.s, sym.canon.len + 1);
    return true;
}

bool cote_parse_symbol_query(const char *s, size_t n, char out[COTE_ENTITY_CANON_MAX], unsigned *flags)
{
    if (!s)
        return false;
    trim(&s, &n);
    if (!n)
        return false;
    char buf[COTE_ENTITY_CANON_MAX];
    if (cote_canonical_symbol(s, n, buf)) {
        if (out)
            memcpy(out, buf, strlen(buf) + 1);
        if (flags)
            *flags = 0;
        return true;
    }
    bool decision = false;
    size_t j = 0, m = trigger_at(s, n, 0, &decision);
    bool trigger = m != 0;
    if (trigger) {
        j = skip_spaces(s, n, m);
        if (j == m)
            return false;
    }
    /* in queries the item may be typed in lower case (`es-11/1`) */
    char low[64] = {0};
    if (j < n && (s[j] == 'e' || s[j] == 's') && n - j < sizeof low) {
        for (size_t k = j; k < n; k++)
            low[k - j] = (char)to_upper((unsigned char)s[k]);
        s = low;
        n -= j;
        j = 0;
    }
    item_t it;
    if (!read_item(s, n, j, &it))
        return false;
    if (!trigger && it.shape == SH_YEAR)
        return false;
    ref_ctx_t rc;
    memset(&rc, 0, sizeof rc);
    rc.t = s;
    rc.n = n;
    rc.decision = decision;
    size_t e = skip_spaces(s, n, it.end);
    if (e < n) {
        /* only an organ phrase may follow, and it must end the query */
        size_t org_end = 0;
        rc.after = organ_after(s, n, it.end, &org_end);
        if (rc.after == ORG_NONE || skip_spaces(s, n, org_end) != n)
            return false;
    }
    bool inferred;
    const char *prefix = resolve(&rc, &it, &inferred);
    if (!prefix || !*prefix)
        return false;
    canon_t c;
    item_canon(&it, prefix, &c);
    if (c.full)
        return false;
    if (out)
        memcpy(out, c.s, c.len + 1);
    if (flags)
        *flags = COTE_ENT_RESOLUTION | (inferred ? COTE_ENT_INFERRED : 0u);
    return true;
}

/* ---- job numbers ------------------------------------------------------ */

static size_t count_digits(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && is_digit((unsigned char)s[j]))
        j++;
    return j - i;
}

bool cote_is_job_number(const char *s, size_t n)
{
    if (!s)
        return false;
    trim(&s, &n);
    size_t j = 0;
    if (n >= 8 && s[0] == 'K' && count_digits(s, n, 1) == 7) {
        j = 8;
    } else {
        if (n > 3 && s[0] == 'G' && s[1] == 'E' && s[2] == '.')
            j = 3;
        else if (n > 2 && s[0] == 'V' && s[1] == '.')
            j = 2;
        else if (n > 1 && s[0] == 'B')
            j = 1;
        if (count_digits(s, n, j) != 2 || j + 2 >= n || s[j + 2] != '-' || count_digits(s, n, j + 3) != 5)
            return false;
        j += 8;
    }
    if (j == n)
        return true;
    if (j + 1 == n && is_upper((unsigned char)s[j]))
        return true;
    if (j < n && s[j] == ' ')
        j++;
    return j + 3 == n && s[j] == '(' && strchr("AEFRSC", s[j + 1]) && s[j + 1] != '\0' && s[j + 2] == ')';
}
