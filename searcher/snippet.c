/* snippet.c: best-window choice by a sliding window over matching tokens. */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Appends s[0..n) with every run of whitespace turned into one space. */
static cote_status_t append_collapsed(cote_strbuf_t *sb, const char *s, size_t n)
{
    int in_space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
            in_space = 1;
            continue;
        }
        if (in_space && sb->len && cote_strbuf_putc(sb, ' '))
            return COTE_NOMEM;
        in_space = 0;
        if (cote_strbuf_putc(sb, (char)c))
            return COTE_NOMEM;
    }
    /* white space ending the run stands before what the caller appends next */
    if (in_space && sb->len && sb->data[sb->len - 1] != ' ' && cote_strbuf_putc(sb, ' '))
        return COTE_NOMEM;
    return COTE_OK;
}

/* Index in q's term list of the first of token t's terms found there, or
 * -1. The query holds Z terms for free words and accent-free terms for
 * phrases, so a token matches through its stem, its accent-free form or the
 * joined form of the compound it starts. */
static int query_term_index(const cote_parsed_query_t *q, const cote_token_list_t *l, const cote_token_t *t)
{
    const char *term = cote_token_term(l, t, 0);
    for (unsigned j = 0; j < t->n_terms; j++, term += strlen(term) + 1) {
        const char *p = q->terms.data;
        for (size_t i = 0; i < q->n_terms; i++) {
            if (strcmp(p, term) == 0)
                return (int)i;
            p += strlen(p) + 1;
        }
    }
    return -1;
}

/* Code points in s[0..n): highlight offsets are given in code points, which
 * JavaScript (UTF-16, for the text of French documents) and Python index by. */
static size_t code_points(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

void cote_snippet_free(cote_snippet_t *sn)
{
    free(sn->text);
    free(sn->highlights);
    sn->text = NULL;
    sn->highlights = NULL;
    sn->n_highlights = 0;
}

cote_status_t cote_snippet(cote_analyser_t *an, cote_token_list_t *toks, const cote_parsed_query_t *q,
                           const char *text, size_t len, cote_snippet_t *out, cote_error_t *err)
{
    out->text = NULL;
    out->highlights = NULL;
    out->n_highlights = 0;
    cote_status_t st = cote_analyse(an, text, len, 1, toks, err);
    return st ? st : cote_snippet_analysed(toks, q, text, len, out, err);
}

cote_status_t cote_snippet_analysed(const cote_token_list_t *toks, const cote_parsed_query_t *q, const char *text,
                                    size_t len, cote_snippet_t *out, cote_error_t *err)
{
    out->text = NULL;
    out->highlights = NULL;
    out->n_highlights = 0;
    size_t n = toks->n, best = 0;
    /* match[i]: query term index of token i, or -1. */
    int *match = n ? malloc(n * sizeof *match) : NULL;
    if (n && !match)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        match[i] = q->n_terms ? query_term_index(q, toks, &toks->v[i]) : -1;
    if (n > 0 && q->n_terms > 0) {
        unsigned *seen = calloc(q->n_terms, sizeof *seen);
        if (!seen) {
            free(match);
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        }
        /* Slide a window [lo, lo+W) keeping counts of distinct terms and matches. */
        size_t w = COTE_SNIPPET_TOKENS, distinct = 0, hits = 0, best_score = 0;
        for (size_t hi = 0; hi < n; hi++) {
            if (match[hi] >= 0) {
                hits++;
                if (seen[match[hi]]++ == 0)
                    distinct++;
            }
            if (hi >= w) {
                int m = match[hi - w];
                if (m >= 0) {
                    hits--;
                    if (--seen[m] == 0)
                        distinct--;
                }
            }
            size_t score = distinct * 1000 + hits;
            if (score > best_score) {
                best_score = score;
                best = hi + 1 > w ? hi + 1 - w : 0;
            }
        }
        /* Centre the first match a little: start a few tokens before it. */
        size_t first = best;
        while (first < n && first < best + w && match[first] < 0)
            first++;
        if (first < n && first > best + 4)
            best = first - 4;
        if (n <= w)
            best = 0; /* a short passage is shown whole */
        free(seen);
    }
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    size_t *hl = NULL, n_hl = 0;
    int oom = 0;
    if (n > 0) {
        size_t last = best + COTE_SNIPPET_TOKENS < n ? best + COTE_SNIPPET_TOKENS : n;
        size_t to = toks->v[last - 1].end;
        /* Keep punctuation that closes the last word (a period, a parenthesis). */
        while (to < len && strchr(".,;:)»%", text[to]) && text[to] != '\0')
            to++;
        hl = malloc(2 * (last - best) * sizeof *hl);
        oom = !hl || (best > 0 && cote_strbuf_puts(&sb, "… "));
        /* token by token, so that each match's place in the output is known */
        size_t prev = toks->v[best].start;
        for (size_t k = best; k < last && !oom; k++) {
            const cote_token_t *t = &toks->v[k];
            oom = append_collapsed(&sb, text + prev, t->start - prev) != COTE_OK;
            size_t at = sb.len;
            oom = oom || cote_strbuf_append(&sb, text + t->start, t->end - t->start);
            if (!oom && match[k] >= 0) {
                hl[2 * n_hl] = at;
                hl[2 * n_hl + 1] = sb.len;
                n_hl++;
            }
            prev = t->end;
        }
        oom = oom || append_collapsed(&sb, text + prev, to - prev) || (last < n && cote_strbuf_puts(&sb, " …"));
    }
    free(match);
    char *s = oom ? NULL : cote_strbuf_take(&sb);
    if (!s) {
        cote_strbuf_free(&sb);
        free(hl);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    /* byte offsets to code points, in one pass (they increase) */
    size_t byte = 0, cp = 0;
    for (size_t i = 0; i < 2 * n_hl; i++) {
        cp += code_points(s + byte, hl[i] - byte);
        byte = hl[i];
        hl[i] = cp;
    }
    out->text = s;
    out->highlights = hl;
    out->n_highlights = n_hl;
    return COTE_OK;
}
