/* repair_eval.c: measures the text repair (indexer/clean.h) on labelled data.
 *
 *   repair_eval ENTITIES_DIR CORPUS_DIR PAIRS_FILE
 *
 * For every ENTITIES_DIR/<doc>.json with "broken_words" ({text, word, kind}),
 * cleans CORPUS_DIR/<doc>.txt and counts a broken word repaired when its
 * broken form (line breaks read as spaces) is gone from the cleaned text and
 * its word is there. Every join the repair made in a labelled document that
 * matches no label is listed as a possible false join. PAIRS_FILE lists real
 * adjacent word pairs ("a b" per line) whose concatenation is a dictionary
 * word: not one may be joined.
 *
 * Prints the figures and exits 0 when at least 90 % are repaired and no
 * labelled document or pair was falsely joined; 77 (skipped) when the
 * labels are not there (they live in ../shared, outside this repository).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "labelled.h"

static char *normalise_breaks(const char *s)
{
    /* "Sud-\n\nSud" as it would read once lines are joined: runs of white space become one space */
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == ' ') {
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

static int wordish(char c)
{
    return (unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* strstr, but only where needle stands as whole words in hay. */
static const char *find_words(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        if ((p == hay || !wordish(p[-1]) || p[-1] == '\'' || (p - hay >= 3 && memcmp(p - 3, "\xe2\x80\x99", 3) == 0)) &&
            !wordish(p[n]))
            return p;
    return NULL;
}

static int labelled(json_t *broken, const char *before, const char *after)
{
    size_t i;
    json_t *b;
    json_array_foreach(broken, i, b) {
        const char *word = json_string_value(json_object_get(b, "word"));
        char *text = normalise_breaks(json_string_value(json_object_get(b, "text")));
        int match = word && (strstr(after, word) || strstr(word, after)) && (strstr(text, before) || strstr(before, text));
        free(text);
        if (match)
            return 1;
    }
    return 0;
}

typedef struct {
    size_t labels, repaired, weighted, weighted_ok, false_joins;
} eval_t;

static int eval_doc(const char *name, json_t *labels, const cote_clean_doc_t *doc, cote_lexicon_t *lex, void *ctx)
{
    (void)lex;
    eval_t *ev = ctx;
    json_t *broken = json_object_get(labels, "broken_words");
    if (!json_is_array(broken))
        return fprintf(stderr, "repair_eval: %s: no broken_words labelled\n", name), 2;
    size_t i;
    json_t *b;
    json_array_foreach(broken, i, b) {
        const char *word = json_string_value(json_object_get(b, "word"));
        char *form = normalise_breaks(json_string_value(json_object_get(b, "text")));
        long count = (long)json_integer_value(json_object_get(b, "count"));
        int ok = word && find_words(doc->text.data, word) && !find_words(doc->text.data, form);
        ev->labels++;
        ev->repaired += ok;
        ev->weighted += (size_t)(count > 0 ? count : 1);
        ev->weighted_ok += ok ? (size_t)(count > 0 ? count : 1) : 0;
        if (!ok)
            printf("  not repaired in %s: \"%s\" -> %s (%s)\n", name, form, word,
                   json_string_value(json_object_get(b, "kind")));
        free(form);
    }
    const char *r = doc->repairs.data;
    for (size_t k = 0; k < doc->n_repairs; k++, r += strlen(r) + 1) {
        const char *tab = strchr(r, '\t');
        if (!tab || strchr(tab, '['))
            continue; /* footnote markers are checked through dates, not here */
        char before[256];
        snprintf(before, sizeof before, "%.*s", (int)(tab - r), r);
        if (!labelled(broken, before, tab + 1)) {
            printf("  possible false join in %s: \"%s\" -> \"%s\"\n", name, before, tab + 1);
            ev->false_joins++;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: repair_eval ENTITIES_DIR CORPUS_DIR PAIRS_FILE\n");
        return 2;
    }
    eval_t ev = {0};
    int rc = labelled_each("repair_eval", argv[1], argv[2], eval_doc, &ev, NULL);
    if (rc)
        return rc;
    size_t labels = ev.labels, repaired = ev.repaired, weighted = ev.weighted, weighted_ok = ev.weighted_ok;
    size_t false_joins = ev.false_joins;
    cote_error_t err;
    cote_lexicon_t *lex = NULL;
    if (cote_lexicon_open(NULL, &lex, &err)) {
        fprintf(stderr, "repair_eval: %s\n", err.msg);
        return 2;
    }
    cote_clean_doc_t doc = COTE_CLEAN_DOC_INIT;
    /* Real adjacent pairs must stay apart. */
    FILE *f = fopen(argv[3], "r");
    if (!f) {
        fprintf(stderr, "repair_eval: cannot read %s\n", argv[3]);
        return 2;
    }
    char line[512];
    size_t pairs = 0, pair_joins = 0;
    unsigned char no_notes[COTE_FOOTNOTE_MAX + 1] = {0};
    cote_strmap_t vocab = COTE_STRMAP_INIT;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        cote_strbuf_t t = COTE_STRBUF_INIT;
        cote_strbuf_puts(&t, line);
        unsigned next = 1;
        size_t before = doc.n_repairs;
        cote_clean_inline(lex, &vocab, no_notes, &next, &t, &doc);
        pairs++;
        if (doc.n_repairs != before || strcmp(t.data, line) != 0) {
            printf("  false join of a real pair: \"%s\" -> \"%s\"\n", line, t.data);
            pair_joins++;
        }
        cote_strbuf_free(&t);
    }
    fclose(f);
    double rate = labels ? 100.0 * (double)repaired / (double)labels : 0;
    double wrate = weighted ? 100.0 * (double)weighted_ok / (double)weighted : 0;
    printf("broken words repaired: %zu/%zu labels (%.1f %%), %zu/%zu occurrences (%.1f %%)\n", repaired, labels, rate,
           weighted_ok, weighted, wrate);
    printf("false joins: %zu in labelled documents, %zu of %zu real word pairs\n", false_joins, pair_joins, pairs);
    cote_strmap_free(&vocab);
    cote_clean_doc_free(&doc);
    cote_lexicon_free(lex);
    return (rate >= 90.0 && false_joins == 0 && pair_joins == 0) ? 0 : 1;
}
