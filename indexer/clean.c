/* clean.c: steps 1 and 2 of clean.h (lines -> blocks), then step 3 on each
 * block (clean_inline.c), then the blocks laid end to end.
 *
 * The line rules come from how UN documents are typeset: paragraphs open
 * with an indent, a number (`12.`), a letter (`a)`) or a heading numeral
 * (`I.`); running headers and footers carry the symbol, the job number and a
 * page counter; footnotes sit under a rule of underscores and are followed by
 * the page's hyperlinks. Extracted text doubles line breaks, so what counts
 * as a paragraph gap is learned per document (the usual gap plus one).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "clean.h"
#include "utf8.h"

typedef struct {
    cote_block_kind_t kind;
    char label[COTE_BLOCK_LABEL_MAX];
    unsigned page;
    unsigned lines;
    cote_strbuf_t text;
} wblock_t;

typedef struct {
    wblock_t *v;
    size_t n, cap;
} wlist_t;

typedef struct {
    wlist_t body, notes;
} work_t;

typedef struct {
    const char *s; /* trimmed */
    size_t n;
    bool lead;     /* the raw line started with white space */
    bool furniture;
    bool page_top; /* the first text line of the document or after a form feed */
} line_t;

typedef enum { IN_BODY, IN_FOOTNOTES, AFTER_LINKS } zone_t;

const char *cote_block_kind_name(cote_block_kind_t k)
{
    switch (k) {
    case COTE_BLOCK_TITLE: return "title";
    case COTE_BLOCK_HEADING: return "heading";
    case COTE_BLOCK_PARAGRAPH: return "paragraph";
    case COTE_BLOCK_ITEM: return "item";
    case COTE_BLOCK_FOOTNOTE: return "footnote";
    }
    return "paragraph";
}

/* ---- line classification ---------------------------------------------- */

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* `20-12800`, `22-12374X`, `B22-00257`: the UN job number of a document. */
static bool is_job_number(const char *s, size_t n)
{
    size_t i = 0;
    if (n > 0 && s[0] >= 'A' && s[0] <= 'Z')
        i = 1;
    if (n < i + 8 || !cote_ascii_all_digits(s + i, 2) || s[i + 2] != '-' || !cote_ascii_all_digits(s + i + 3, 5))
        return false;
    size_t rest = n - (i + 8);
    return rest == 0 || (rest == 1 && s[n - 1] >= 'A' && s[n - 1] <= 'Z');
}

/* `2/21`: a page counter. */
static bool is_page_counter(const char *s, size_t n)
{
    const char *slash = memchr(s, '/', n);
    return slash && slash > s && slash - s <= 4 && cote_ascii_all_digits(s, (size_t)(slash - s)) &&
           cote_ascii_all_digits(slash + 1, n - (size_t)(slash - s) - 1) && n - (size_t)(slash - s) - 1 <= 4;
}

/* `A/75/371`, `E/ESCAP/80/1`, `S/2022/606`: a document symbol alone. */
static bool is_symbol(const char *s, size_t n)
{
    if (n < 3 || !(s[0] >= 'A' && s[0] <= 'Z') || !memchr(s, '/', n) || s[n - 1] == '.')
        return false; /* `A/80/88.` ends a footnote's sentence; headers have no period */
    bool digit = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digit = true;
        else if (!((c >= 'A' && c <= 'Z') || c == '/' || c == '.' || c == '-' || c == '(' || c == ')' ||
                   (c >= 'a' && c <= 'z' && i > 0 && s[i - 1] == '/')))
            return false;
    }
    return digit;
}

enum { PIECE_JOB = 1, PIECE_COUNTER = 2, PIECE_NUMBER = 4, PIECE_SYMBOL = 8, PIECE_OTHER = 16 };

/* The kinds of space-separated pieces a line is made of (a bit set). A line
 * with a PIECE_OTHER is text whatever else it holds (mark_furniture looks at
 * nothing more), so the scan stops at the first: for a line of prose that is
 * its first word. */
static unsigned line_pieces(const char *s, size_t n)
{
    unsigned kinds = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_ws(s[i]))
            i++;
        size_t start = i;
        while (i < n && !is_ws(s[i]))
            i++;
        size_t len = i - start;
        if (len == 0)
            break;
        const char *p = s + start;
        if (is_job_number(p, len))
            kinds |= PIECE_JOB;
        else if (is_page_counter(p, len))
            kinds |= PIECE_COUNTER;
        else if (cote_ascii_all_digits(p, len) && len <= 4)
            kinds |= PIECE_NUMBER;
        else if (is_symbol(p, len))
            kinds |= PIECE_SYMBOL;
        else if ((len == 3 && p[0] == '(' && p[2] == ')') )
            kinds |= 0; /* a language tag such as (F) beside a job number */
        else
            return kinds | PIECE_OTHER;
    }
    return kinds;
}

static bool is_separator(const char *s, size_t n)
{
    if (n < 5)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            return false;
    return true;
}

static bool is_link(const char *s, size_t n)
{
    static const char *const schemes[] = {"http://", "https://", "file://", "ftp://", "www.", NULL};
    if (memchr(s, ' ', n))
        return false;
    for (const char *const *p = schemes; *p; p++)
        if (n > strlen(*p) && strncmp(s, *p, strlen(*p)) == 0)
            return true;
    return false;
}

/* Superscripts that PDF extraction puts on a line of their own (`n` / `o`). */
static bool is_superscript(const char *s, size_t n)
{
    static const char *const sup[] = {"o", "os", "e", "er", "re", "ère", "ème", "eme", "me", "es", NULL};
    for (const char *const *p = sup; *p; p++)
        if (strlen(*p) == n && memcmp(s, *p, n) == 0)
            return true;
    return false;
}

/* Marks furniture: lines of job numbers and page counters, and lines of
 * symbols or lone numbers that repeat or sit next to such a line. */
static void mark_furniture(line_t *lines, size_t n)
{
    unsigned *kinds = calloc(n ? n : 1, sizeof *kinds);
    if (!kinds)
        return; /* without memory, keep everything as text: nothing is lost */
    for (size_t i = 0; i < n; i++)
        kinds[i] = lines[i].n ? line_pieces(lines[i].s, lines[i].n) : 0;
    for (size_t i = 0; i < n; i++) {
        unsigned k = kinds[i];
        if (!k || (k & PIECE_OTHER))
            continue;
        if (k & (PIECE_JOB | PIECE_COUNTER)) {
            lines[i].furniture = true;
            continue;
        }
        if (k == PIECE_SYMBOL && lines[i].page_top) {
            lines[i].furniture = true; /* the masthead, or a running header */
            continue;
        }
        /* symbols or numbers only: look at the three nearest text lines each side */
        bool near = false;
        size_t seen = 0;
        for (size_t j = i; j > 0 && seen < 3 && !near; j--) {
            if (!lines[j - 1].n)
                continue;
            seen++;
            near = (kinds[j - 1] & (PIECE_JOB | PIECE_COUNTER)) && !(kinds[j - 1] & PIECE_OTHER);
        }
        seen = 0;
        for (size_t j = i + 1; j < n && seen < 3 && !near; j++) {
            if (!lines[j].n)
                continue;
            seen++;
            near = (kinds[j] & (PIECE_JOB | PIECE_COUNTER)) && !(kinds[j] & PIECE_OTHER);
        }
        bool repeated = false;
        if (!near && k == PIECE_SYMBOL)
            for (size_t j = 0; j < n && !repeated; j++)
                repeated = j != i && lines[j].n == lines[i].n && memcmp(lines[j].s, lines[i].s, lines[i].n) == 0;
        lines[i].furniture = near || repeated;
    }
    free(kinds);
}

/* ---- blocks under construction ---------------------------------------- */

static wblock_t *new_block(wlist_t *l, cote_block_kind_t kind, const char *label, size_t label_len,
                           unsigned page)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        wblock_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return NULL;
        memset(v + l->cap, 0, (cap - l->cap) * sizeof *v); /* fresh strbufs */
        l->v = v;
        l->cap = cap;
    }
    wblock_t *b = &l->v[l->n++];
    b->kind = kind;
    if (label_len >= COTE_BLOCK_LABEL_MAX)
        label_len = COTE_BLOCK_LABEL_MAX - 1;
    memcpy(b->label, label, label_len);
    b->label[label_len] = '\0';
    b->page = page;
    b->lines = 0;
    cote_strbuf_reset(&b->text);
    return b;
}

static void free_list(wlist_t *l)
{
    for (size_t i = 0; i < l->cap; i++)
        cote_strbuf_free(&l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* The last word of b (letters, digits) before a trailing hyphen, and the
 * first word of s: for deciding whether a line-end hyphen is part of the word. */
static size_t tail_word(const cote_strbuf_t *b, size_t end)
{
    size_t i = end;
    while (i > 0 && (((unsigned char)b->data[i - 1] >= 0x80) || (b->data[i - 1] >= 'a' && b->data[i - 1] <= 'z') ||
                     (b->data[i - 1] >= 'A' && b->data[i - 1] <= 'Z') || (b->data[i - 1] >= '0' && b->data[i - 1] <= '9')))
        i--;
    return i;
}

static size_t head_word(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (((unsigned char)s[i] >= 0x80) || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= '0' && s[i] <= '9')))
        i++;
    return i;
}

/* Appends a text line to a block: a space between lines, except after a
 * line-end hyphen (`Sud -` / `Est` -> `Sud-Est`), which is kept when the
 * hyphenated form or both halves are words (UN French rarely hyphenates
 * plain words at line ends) and dropped when only the joined form is one. */
static cote_status_t append_line(cote_lexicon_t *lex, wblock_t *b, const char *s, size_t n)
{
    cote_strbuf_t *t = &b->text;
    b->lines++;
    if (t->len == 0)
        return cote_strbuf_append(t, s, n);
    size_t end = t->len;
    if (t->data[end - 1] == '-' && end >= 2) {
        size_t h = end - 1; /* the hyphen */
        size_t before = h;
        if (before > 0 && t->data[before - 1] == ' ')
            before--; /* `Sud -` */
        size_t ws = tail_word(t, before);
        size_t hw = head_word(s, n);
        if (ws < before && hw > 0) {
            bool keep = true;
            if (lex) {
                char buf[256];
                size_t a = before - ws;
                if (a + hw + 1 < sizeof buf) {
                    memcpy(buf, t->data + ws, a);
                    buf[a] = '-';
                    memcpy(buf + a + 1, s, hw);
                    bool hyphenated = cote_lexicon_is_word(lex, buf, a + 1 + hw);
                    memmove(buf + a, buf + a + 1, hw);
                    bool joined = cote_lexicon_is_word(lex, buf, a + hw);
                    bool halves = cote_lexicon_is_word(lex, t->data + ws, a) && cote_lexicon_is_word(lex, s, hw);
                    keep = hyphenated || halves || !joined;
                }
            }
            t->len = before;
            t->data[t->len] = '\0';
            if (keep && cote_strbuf_putc(t, '-'))
                return COTE_NOMEM;
            return cote_strbuf_append(t, s, n);
        }
    }
    if (cote_strbuf_putc(t, ' '))
        return COTE_NOMEM;
    return cote_strbuf_append(t, s, n);
}

/* ---- paragraph starts -------------------------------------------------- */

static size_t count_while(const char *s, size_t n, const char *set)
{
    size_t i = 0;
    while (i < n && strchr(set, s[i]) && s[i])
        i++;
    return i;
}

static bool upper_start(const char *s, size_t n)
{
    if (n == 0)
        return false;
    unsigned char c = (unsigned char)s[0];
    if (c >= 'A' && c <= 'Z')
        return true;
    uint32_t cp;
    size_t k = cote_utf8_decode(s, n, &cp);
    return k > 1 && ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || cp == 0x152 || cp == 0xAB /* « */);
}

static bool lower_start(const char *s, size_t n)
{
    if (n == 0)
        return false;
    unsigned char c = (unsigned char)s[0];
    if (c >= 'a' && c <= 'z')
        return true;
    uint32_t cp;
    size_t k = cote_utf8_decode(s, n, &cp);
    return k > 1 && ((cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || cp == 0x153);
}

typedef struct {
    cote_block_kind_t kind;
    size_t label_len; /* label is s[0..label_len) */
    size_t skip;      /* bytes of the marker to drop from the text (0: keep) */
} start_t;

/* Recognises `I. Intro`, `A. Titre`, `12. Texte`, `a) texte`, `(ii) texte`. */
static bool labelled_start(const char *s, size_t n, unsigned last_par, start_t *out)
{
    size_t r = count_while(s, n, "IVX");
    if (r > 0 && r <= 5 && r + 2 < n && s[r] == '.' && s[r + 1] == ' ' && upper_start(s + r + 2, n - r - 2)) {
        *out = (start_t){COTE_BLOCK_HEADING, r, 0};
        return true;
    }
    if (n > 3 && s[0] >= 'A' && s[0] <= 'H' && s[1] == '.' && s[2] == ' ' && upper_start(s + 3, n - 3)) {
        *out = (start_t){COTE_BLOCK_HEADING, 1, 0};
        return true;
    }
    size_t d = count_while(s, n, "0123456789");
    if (d > 0 && d <= 3 && d + 2 < n && s[d] == '.' && s[d + 1] == ' ') {
        unsigned v = 0;
        for (size_t i = 0; i < d; i++)
            v = v * 10 + (unsigned)(s[i] - '0');
        if (v == last_par + 1 || v == last_par + 2 || (last_par == 0 && v <= 2)) {
            *out = (start_t){COTE_BLOCK_PARAGRAPH, d, 0};
            return true;
        }
    }
    size_t o = s[0] == '(' ? 1 : 0;
    size_t l = count_while(s + o, n - o, "abcdefghijklmnopqrstuvwxyz");
    if (l > 0 && o + l + 2 < n && s[o + l] == ')' && s[o + l + 1] == ' ') {
        bool roman = count_while(s + o, l, "ivx") == l;
        if (l == 1 || (roman && l <= 4)) {
            *out = (start_t){COTE_BLOCK_ITEM, o + l, 0};
            return true;
        }
    }
    return false;
}

static bool ends_sentence(const cote_strbuf_t *t)
{
    size_t n = t->len;
    while (n > 0 && t->data[n - 1] == ' ')
        n--;
    if (n == 0)
        return true;
    char c = t->data[n - 1];
    return c == '.' || c == ';' || c == ':' || c == ',' || c == '!' || c == '?' ||
           (n >= 2 && (unsigned char)t->data[n - 2] == 0xC2 && (unsigned char)c == 0xBB); /* » */
}

static bool is_front_label(const cote_strbuf_t *t)
{
    static const char *const labels[] = {"Résumé", "Summary", "Note", "Note du Secrétariat", NULL};
    for (const char *const *l = labels; *l; l++)
        if (t->len == strlen(*l) && memcmp(t->data, *l, t->len) == 0)
            return true;
    return false;
}

/* ---- the document ------------------------------------------------------ */

static cote_status_t add_unique(cote_strbuf_t *list, size_t *count, const char *s, size_t n)
{
    const char *p = list->data;
    for (size_t i = 0; i < *count; i++) {
        size_t len = strlen(p);
        if (len == n && memcmp(p, s, n) == 0)
            return COTE_OK;
        p += len + 1;
    }
    if (cote_strbuf_append(list, s, n) || cote_strbuf_putc(list, '\0'))
        return COTE_NOMEM;
    (*count)++;
    return COTE_OK;
}

/* The most frequent number of blank lines between two text lines. */
static unsigned usual_gap(const line_t *lines, size_t n)
{
    unsigned hist[4] = {0};
    unsigned gap = 0;
    bool seen = false;
    for (size_t i = 0; i < n; i++) {
        if (!lines[i].n) {
            gap++;
            continue;
        }
        if (seen)
            hist[gap < 3 ? gap : 3]++;
        seen = true;
        gap = 0;
    }
    unsigned best = 0;
    for (unsigned g = 1; g < 4; g++)
        if (hist[g] > hist[best])
            best = g;
    return best;
}

static cote_status_t split_lines(const char *raw, size_t len, line_t **out, size_t *count)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++) {
        const char *nl = memchr(raw + i, '\n', len - i);
        if (!nl)
            break;
        n++;
        i = (size_t)(nl - raw);
    }
    line_t *lines = calloc(n, sizeof *lines);
    if (!lines)
        return COTE_NOMEM;
    size_t k = 0, start = 0;
    bool top = true;
    for (size_t i = 0; i <= len; i++) {
        const char *nl = i < len ? memchr(raw + i, '\n', len - i) : NULL; /* the line's end */
        i = nl ? (size_t)(nl - raw) : len;
        const char *s = raw + start;
        size_t m = i - start;
        bool lead = m > 0 && is_ws(s[0]);
        if (memchr(s, '\f', m))
            top = true;
        while (m && is_ws(*s)) {
            s++;
            m--;
        }
        while (m && is_ws(s[m - 1]))
            m--;
        bool text = false;
        for (size_t j = 0; j < m && !text; j++)
            text = !is_ws(s[j]);
        lines[k++] = (line_t){s, m, lead, false, top && text};
        if (text)
            top = false;
        start = i + 1;
    }
    *out = lines;
    *count = k;
    return COTE_OK;
}

typedef struct {
    cote_lexicon_t *lex;
    cote_clean_doc_t *d;
    work_t *w;
    wblock_t *cur;   /* body block being filled */
    wblock_t *note;  /* footnote being filled */
    unsigned page, last_par, last_note;
    bool glue_next;  /* the previous line ended with a superscript: join with a space, no test */
} assemble_t;

static cote_status_t body_line(assemble_t *a, const line_t *ln, unsigned gap, unsigned usual)
{
    start_t st;
    const char *s = ln->s;
    size_t n = ln->n;
    wblock_t *cur = a->cur;
    bool fresh = false;
    if (labelled_start(s, n, a->last_par, &st)) {
        if (st.kind == COTE_BLOCK_PARAGRAPH) {
            unsigned v = 0;
            for (size_t i = 0; i < st.label_len; i++)
                v = v * 10 + (unsigned)(s[i] - '0');
            a->last_par = v;
        }
        size_t lo = s[0] == '(' ? 1 : 0;
        if (!(cur = new_block(&a->w->body, st.kind, s + lo, st.label_len - lo, a->page)))
            return COTE_NOMEM;
        fresh = true;
    } else if (!cur) {
        fresh = true;
    } else if (!lower_start(s, n) && !a->glue_next && !(cur->text.len && cur->text.data[cur->text.len - 1] == '-')) {
        if (gap > usual || (ln->lead && ends_sentence(&cur->text)))
            fresh = true;
        else if (cur->lines == 1 && cur->text.len < 60 && !ends_sentence(&cur->text) &&
                 cur->kind == COTE_BLOCK_PARAGRAPH && !cur->label[0] && upper_start(cur->text.data, cur->text.len)) {
            cur->kind = COTE_BLOCK_HEADING; /* a short line alone: `Résumé`, `Décision 1` */
            fresh = true;
        }
    }
    if (fresh && cur == a->cur && !(cur = new_block(&a->w->body, COTE_BLOCK_PARAGRAPH, "", 0, a->page)))
        return COTE_NOMEM;
    a->cur = cur;
    a->glue_next = false;
    return append_line(a->lex, cur, s, n);
}

static cote_status_t note_line(assemble_t *a, const line_t *ln)
{
    const char *s = ln->s;
    size_t n = ln->n;
    size_t d = count_while(s, n, "0123456789");
    size_t stars = count_while(s, n, "*");
    unsigned v = 0;
    for (size_t i = 0; i < d && d <= 3; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    bool numbered = d > 0 && d <= 3 && (d == n || s[d] == ' ') && (v == a->last_note + 1 || !a->note);
    if (numbered || (stars > 0 && stars <= 3 && (stars == n || s[stars] == ' '))) {
        size_t m = numbered ? d : stars;
        if (numbered)
            a->last_note = v;
        if (!(a->note = new_block(&a->w->notes, COTE_BLOCK_FOOTNOTE, s, m, a->page)))
            return COTE_NOMEM;
        while (m < n && s[m] == ' ')
            m++;
        return m < n ? append_line(a->lex, a->note, s + m, n - m) : COTE_OK;
    }
    if (!a->note && !(a->note = new_block(&a->w->notes, COTE_BLOCK_FOOTNOTE, "", 0, a->page)))
        return COTE_NOMEM;
    return append_line(a->lex, a->note, s, n);
}

/* Glues a superscript to the line before it: `n` + `o` -> `no`. */
static cote_status_t superscript(wblock_t *b, const line_t *ln)
{
    if (cote_strbuf_append(&b->text, ln->s, ln->n))
        return COTE_NOMEM;
    return COTE_OK;
}

static cote_status_t assemble(assemble_t *a, line_t *lines, size_t n)
{
    unsigned usual = usual_gap(lines, n);
    zone_t zone = IN_BODY;
    unsigned gap = 0;
    bool prev_furniture = false;
    for (size_t i = 0; i < n; i++) {
        const line_t *ln = &lines[i];
        cote_status_t st = COTE_OK;
        if (!ln->n) {
            gap++;
            continue;
        }
        if (is_separator(ln->s, ln->n)) {
            zone = IN_FOOTNOTES;
            a->note = NULL;
        } else if (is_link(ln->s, ln->n)) {
            if (cote_strbuf_append(&a->d->links, ln->s, ln->n) || cote_strbuf_putc(&a->d->links, '\0'))
                return COTE_NOMEM;
            a->d->n_links++;
            if (zone == IN_FOOTNOTES)
                zone = AFTER_LINKS;
        } else if (ln->furniture) {
            st = add_unique(&a->d->furniture, &a->d->n_furniture, ln->s, ln->n);
            if (!prev_furniture)
                a->page++;
            zone = IN_BODY;
            prev_furniture = true;
            gap = 0;
            continue;
        } else {
            wblock_t *target = zone == IN_FOOTNOTES ? a->note : a->cur;
            if (zone == AFTER_LINKS)
                zone = IN_BODY;
            size_t tl = target ? target->text.len : 0;
            char last = tl ? target->text.data[tl - 1] : ' ';
            bool alnum_end = (last >= 'a' && last <= 'z') || (last >= '0' && last <= '9');
            if (target && alnum_end && is_superscript(ln->s, ln->n)) {
                st = superscript(target, ln);
                a->glue_next = true;
            } else if (zone == IN_FOOTNOTES) {
                st = note_line(a, ln);
            } else {
                st = body_line(a, ln, prev_furniture ? 0 : gap, usual);
            }
        }
        if (st)
            return st;
        prev_furniture = false;
        gap = 0;
    }
    return COTE_OK;
}

/* Counts the words of every block, so a join can be confirmed by the same
 * word appearing whole elsewhere in the document. */
/* Byte classes of count_words: 1 starts a word (a letter, or any byte of a
 * non-ASCII character), 2 continues one but cannot start it (the hyphen). One
 * look-up per byte instead of a chain of comparisons. */
static unsigned char word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1 : c == '-' ? 2 : 0;
}

static cote_status_t count_words(cote_strmap_t *vocab, const wlist_t *l)
{
    unsigned char cls[256];
    for (unsigned c = 0; c < 256; c++)
        cls[c] = word_byte((unsigned char)c);
    for (size_t b = 0; b < l->n; b++) {
        const unsigned char *s = (const unsigned char *)l->v[b].text.data;
        size_t n = l->v[b].text.len;
        size_t i = 0;
        while (i < n) {
            while (i < n && cls[s[i]] != 1)
                i++;
            size_t start = i;
            while (i < n && cls[s[i]])
                i++;
            if (i > start && cote_strmap_add(vocab, (const char *)s + start, i - start, 1))
                return COTE_NOMEM;
        }
    }
    return COTE_OK;
}

static cote_status_t emit(cote_clean_doc_t *d, const wblock_t *b)
{
    if (b->text.len == 0)
        return COTE_OK;
    if (d->n_blocks == d->cap_blocks) {
        size_t cap = d->cap_blocks ? d->cap_blocks * 2 : 64;
        cote_block_t *v = realloc(d->blocks, cap * sizeof *v);
        if (!v)
            return COTE_NOMEM;
        d->blocks = v;
        d->cap_blocks = cap;
    }
    if (d->text.len && cote_strbuf_puts(&d->text, "\n\n"))
        return COTE_NOMEM;
    cote_block_t *out = &d->blocks[d->n_blocks++];
    out->kind = b->kind;
    memcpy(out->label, b->label, sizeof out->label);
    out->page = b->page;
    out->start = d->text.len;
    if (cote_strbuf_append(&d->text, b->text.data, b->text.len))
        return COTE_NOMEM;
    out->end = d->text.len;
    return COTE_OK;
}

static void reset_doc(cote_clean_doc_t *d, work_t *w)
{
    cote_strbuf_reset(&d->text);
    d->n_blocks = 0;
    cote_strbuf_reset(&d->furniture);
    d->n_furniture = 0;
    cote_strbuf_reset(&d->links);
    d->n_links = 0;
    cote_strbuf_reset(&d->repairs);
    d->n_repairs = 0;
    d->pages = 0;
    cote_strmap_reset(&d->vocab);
    w->body.n = 0;
    w->notes.n = 0;
}

cote_status_t cote_clean(cote_lexicon_t *lex, const char *raw, size_t len, cote_clean_doc_t *d, cote_error_t *err)
{
    if (!d->work && !(d->work = calloc(1, sizeof(work_t))))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    work_t *w = d->work;
    reset_doc(d, w);
    /* the text is a string even when nothing is left of it (a file of blanks) */
    if (cote_strbuf_reserve(&d->text, 1))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    d->text.data[d->text.len] = '\0';
    line_t *lines = NULL;
    size_t n = 0;
    if (split_lines(raw, len, &lines, &n))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    mark_furniture(lines, n);
    assemble_t a = {lex, d, w, NULL, NULL, 1, 0, 0, false};
    cote_status_t st = assemble(&a, lines, n);
    free(lines);
    d->pages = a.page;

    /* The first block is the title when it reads like one. */
    if (!st && w->body.n > 0) {
        wblock_t *b = &w->body.v[0];
        if (is_front_label(&b->text))
            b->kind = COTE_BLOCK_HEADING;
        else if ((b->kind == COTE_BLOCK_PARAGRAPH || b->kind == COTE_BLOCK_HEADING) && !b->label[0] &&
                 b->text.len < 400 && !ends_sentence(&b->text))
            b->kind = COTE_BLOCK_TITLE;
    }
    unsigned char footnotes[COTE_FOOTNOTE_MAX + 1] = {0};
    for (size_t i = 0; i < w->notes.n; i++) {
        unsigned v = 0;
        const char *l = w->notes.v[i].label;
        for (size_t k = 0; l[k] >= '0' && l[k] <= '9'; k++)
            v = v * 10 + (unsigned)(l[k] - '0');
        if (v && v <= COTE_FOOTNOTE_MAX)
            footnotes[v] = 1;
    }
    if (!st)
        st = count_words(&d->vocab, &w->body);
    unsigned next_note = 1;
    for (size_t i = 0; !st && i < w->body.n; i++)
        st = cote_clean_inline(lex, &d->vocab, footnotes, &next_note, &w->body.v[i].text, d);
    for (size_t i = 0; !st && i < w->notes.n; i++)
        st = cote_clean_inline(lex, &d->vocab, NULL, &next_note, &w->notes.v[i].text, d);
    for (size_t i = 0; !st && i < w->body.n; i++)
        st = emit(d, &w->body.v[i]);
    for (size_t i = 0; !st && i < w->notes.n; i++)
        st = emit(d, &w->notes.v[i]);
    if (st)
        return cote_error_set(err, st, "out of memory while repairing the text");
    return COTE_OK;
}

void cote_clean_doc_free(cote_clean_doc_t *d)
{
    cote_strbuf_free(&d->text);
    free(d->blocks);
    d->blocks = NULL;
    d->n_blocks = d->cap_blocks = 0;
    cote_strbuf_free(&d->furniture);
    cote_strbuf_free(&d->links);
    cote_strbuf_free(&d->repairs);
    cote_strmap_free(&d->vocab);
    cote_strbuf_free(&d->scratch);
    work_t *w = d->work;
    if (w) {
        free_list(&w->body);
        free_list(&w->notes);
        free(w);
    }
    d->work = NULL;
}
