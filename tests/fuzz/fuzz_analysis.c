/* fuzz_analysis.c: libFuzzer target for the text analysis (analysis.h) that
 * documents and queries share. Whatever the bytes: every token lies inside
 * the text, in order, positions rise from the first one given, each token
 * has 1 to COTE_TOKEN_TERMS_MAX terms with term 0 EXACT, every term is valid
 * UTF-8 of at most COTE_TERM_MAX bytes, and a STEM term starts with "Z".
 * The same bytes analysed twice give the same tokens (caches change nothing). */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "utf8.h"

static cote_analyser_t *an;
static cote_token_list_t toks = COTE_TOKEN_LIST_INIT, again = COTE_TOKEN_LIST_INIT;

static void check(const char *text, size_t size, unsigned first)
{
    size_t at = 0;
    unsigned pos = first;
    for (size_t i = 0; i < toks.n; i++) {
        const cote_token_t *t = &toks.v[i];
        if (t->start > t->end || t->end > size || t->start < at || t->position < pos)
            abort();
        at = t->start;
        pos = t->position;
        if (t->n_terms == 0 || t->n_terms > COTE_TOKEN_TERMS_MAX || t->kind[0] != COTE_TERM_EXACT)
            abort();
        for (unsigned j = 0; j < t->n_terms; j++) {
            const char *term = cote_token_term(&toks, t, j);
            size_t n = strlen(term);
            if (n == 0 || n > COTE_TERM_MAX || !cote_utf8_valid(term, n, NULL))
                abort();
            if ((t->kind[j] == COTE_TERM_STEM || t->kind[j] == COTE_TERM_JOINED_STEM) && term[0] != 'Z')
                abort();
        }
    }
    (void)text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!an && cote_analyser_new(&an, NULL) != COTE_OK)
        abort();
    if (size > 65536)
        return 0;
    const char *text = (const char *)data;
    if (cote_analyse(an, text, size, 7, &toks, NULL) != COTE_OK)
        abort();
    check(text, size, 7);
    if (cote_analyse(an, text, size, 7, &again, NULL) != COTE_OK)
        abort();
    if (again.n != toks.n || again.pool.len != toks.pool.len ||
        (toks.pool.len && memcmp(again.pool.data, toks.pool.data, toks.pool.len) != 0))
        abort();
    for (size_t i = 0; i < toks.n; i++)
        if (again.v[i].start != toks.v[i].start || again.v[i].end != toks.v[i].end ||
            again.v[i].position != toks.v[i].position || again.v[i].n_terms != toks.v[i].n_terms)
            abort();
    return 0;
}
