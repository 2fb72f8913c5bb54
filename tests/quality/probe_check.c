/* probe_check.c: the probes of analysis.h never hide a match.
 *
 * For every line of the given text files (the seed corpus, and the UN
 * Parallel Corpus's French test sets in ../shared when present), every term
 * of every token the analyser makes: when the line's fold is usable and the
 * term has a probe, the probe must be a substring of the fold. One miss
 * means a block holding a query word could be skipped by best_block.c, so
 * any miss fails, naming the line and the term.
 *
 * It also prints how far Snowball's stems stray from their words (the most
 * characters a stem's end differs by), the figure COTE_STEM_PROBE_CUT must
 * cover, and how many lines were unusable (folded only by a full analysis).
 *
 * And that the searcher finds every stem's words again (stem_forms.h):
 * the word carrying a STEM term starts with the stem's first
 * cote_stem_prefix_len bytes, and cote_word_stem_term gives the term back.
 *
 * Usage: probe_check FILE...   (missing files are skipped; none read: 77)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "strbuf.h"

typedef struct {
    unsigned long lines, unusable, terms, probed, misses, stems, stem_misses;
    size_t worst_stem_gap;
} tally_t;

/* Characters at the end of the stem (without its "Z"), both folded, that do
 * not prolong the longest prefix it shares with the word. */
static size_t stem_gap(const char *stem, const char *fold_of_word)
{
    size_t k = 0;
    while (stem[k] && stem[k] == fold_of_word[k])
        k++;
    size_t gap = 0;
    for (const char *p = stem + k; *p; p++)
        gap += ((unsigned char)*p & 0xC0) != 0x80;
    return gap;
}

static int check_line(cote_analyser_t *an, const char *line, size_t n, cote_token_list_t *toks,
                      cote_strbuf_t *fold, cote_strbuf_t *word, cote_strbuf_t *stem, tally_t *t)
{
    cote_error_t err = {0};
    cote_status_t st;
    t->lines++;
    if (!cote_probe_text(an, line, n, fold, &st)) {
        if (st)
            return fprintf(stderr, "probe_check: out of memory\n"), 2;
        t->unusable++;
        return 0;
    }
    if (cote_analyse(an, line, n, 1, toks, &err)) {
        fprintf(stderr, "probe_check: %s\n", cote_error_text(&err));
        return 2;
    }
    for (size_t i = 0; i < toks->n; i++) {
        const cote_token_t *tok = &toks->v[i];
        const char *term = cote_token_term(toks, tok, 0);
        for (unsigned j = 0; j < tok->n_terms; j++, term += strlen(term) + 1) {
            char probe[256];
            t->terms++;
            if (!cote_term_probe(an, term, probe, sizeof probe))
                continue;
            t->probed++;
            if (!strstr(fold->data, probe)) {
                t->misses++;
                if (t->misses <= 20)
                    fprintf(stderr, "probe_check: MISS term \"%s\" (probe \"%s\") in: %.*s\n", term, probe,
                            (int)n, line);
            }
            const char *body = term + strlen(COTE_PREFIX_STEM);
            if (tok->kind[j] == COTE_TERM_STEM || tok->kind[j] == COTE_TERM_JOINED_STEM) {
                /* the searcher finds the words of a stem by its prefix and
                 * stems them again (stem_forms.h): both must give this term */
                const char *carrier = tok->kind[j] == COTE_TERM_STEM ? cote_token_bare(toks, tok)
                                                                     : cote_token_joined(toks, tok);
                size_t pn = cote_stem_prefix_len(body);
                char again[COTE_TERM_MAX + 8];
                cote_status_t sst = cote_word_stem_term(an, carrier, strlen(carrier), again, sizeof again, &err);
                t->stems++;
                if (strncmp(carrier, body, pn) != 0 || sst || strcmp(again, term) != 0) {
                    t->stem_misses++;
                    if (t->stem_misses <= 20)
                        fprintf(stderr, "probe_check: STEM MISS %s of \"%s\" (prefix %zu bytes, again: %s)\n", term,
                                carrier, pn, sst ? cote_status_name(sst) : again);
                }
            }
            if (tok->kind[j] == COTE_TERM_STEM &&
                cote_probe_text(an, line + tok->start, tok->end - tok->start, word, &st) &&
                cote_probe_text(an, body, strlen(body), stem, &st)) {
                size_t g = stem_gap(stem->data, word->data);
                if (g > t->worst_stem_gap && !strpbrk(term, "0123456789")) {
                    t->worst_stem_gap = g;
                    fprintf(stderr, "probe_check: stem %s of \"%.*s\" ends %zu characters away\n", term,
                            (int)(tok->end - tok->start), line + tok->start, g);
                }
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    cote_analyser_t *an = NULL;
    cote_error_t err = {0};
    if (cote_analyser_new(&an, &err)) {
        fprintf(stderr, "probe_check: %s\n", cote_error_text(&err));
        return 2;
    }
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
    cote_strbuf_t fold = COTE_STRBUF_INIT, word = COTE_STRBUF_INIT, stem = COTE_STRBUF_INIT;
    tally_t t = {0};
    int files = 0, rc = 0;
    char *line = NULL;
    size_t cap = 0;
    for (int a = 1; a < argc && !rc; a++) {
        FILE *f = fopen(argv[a], "r");
        if (!f)
            continue;
        files++;
        ssize_t n;
        while (!rc && (n = getline(&line, &cap, f)) > 0)
            rc = check_line(an, line, (size_t)n, &toks, &fold, &word, &stem, &t);
        fclose(f);
    }
    free(line);
    cote_strbuf_free(&fold);
    cote_strbuf_free(&word);
    cote_strbuf_free(&stem);
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    if (rc)
        return rc;
    if (!files) {
        fprintf(stderr, "probe_check: no file to read\n");
        return 77;
    }
    printf("probe_check: %d files, %lu lines (%lu unusable), %lu terms, %lu probed, %lu misses; "
           "stems end at most %zu characters away from their words (cut: %d); "
           "%lu stems found again from their words, %lu misses\n",
           files, t.lines, t.unusable, t.terms, t.probed, t.misses, t.worst_stem_gap, COTE_STEM_PROBE_CUT,
           t.stems - t.stem_misses, t.stem_misses);
    if (t.worst_stem_gap > COTE_STEM_PROBE_CUT) {
        fprintf(stderr, "probe_check: a stem strays further than COTE_STEM_PROBE_CUT\n");
        return 1;
    }
    return t.misses || t.stem_misses ? 1 : 0;
}
