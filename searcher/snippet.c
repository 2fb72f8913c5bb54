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

cote_status_t cote_snippet(cote_analyser_t *an, cote_token_list_t *toks, const cote_parsed_query_t *q,
                           const char *text, size_t len, char **out, cote_error_t *err)
{
    *out = NULL;
    cote_status_t st = cote_analyse(an, text, len, 1, toks, err);
    if (st)
        return st;
    size_t n = toks->n, best = 0;
    if (n > 0 && q->n_terms > 0) {
        /* match[i]: query term index of token i, or -1. */
        int *match = malloc(n * sizeof *match);
        unsigned *seen = calloc(q->n_terms, sizeof *seen);
        if (!match || !seen) {
            free(match);
            free(seen);
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < n; i++)
            match[i] = query_term_index(q, toks, &toks->v[i]);
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
        free(match);
        free(seen);
    }
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    if (n > 0) {
        size_t last = best + COTE_SNIPPET_TOKENS < n ? best + COTE_SNIPPET_TOKENS : n;
        size_t from = toks->v[best].start, to = toks->v[last - 1].end;
        /* Keep punctuation that closes the last word (a period, a parenthesis). */
        while (to < len && strchr(".,;:)»%", text[to]) && text[to] != '\0')
            to++;
        if ((best > 0 && cote_strbuf_puts(&sb, "… ")) || append_collapsed(&sb, text + from, to - from) ||
            (last < n && cote_strbuf_puts(&sb, " …"))) {
            cote_strbuf_free(&sb);
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        }
    }
    *out = cote_strbuf_take(&sb);
    return *out ? COTE_OK : cote_error_set(err, COTE_NOMEM, "out of memory");
}
