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
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clean.h"
#include "read_text.h"

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

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: repair_eval ENTITIES_DIR CORPUS_DIR PAIRS_FILE\n");
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        printf("skipped: no labels at %s\n", argv[1]);
        return 77;
    }
    cote_error_t err;
    cote_lexicon_t *lex = NULL;
    if (cote_lexicon_open(NULL, &lex, &err)) {
        fprintf(stderr, "repair_eval: %s\n", err.msg);
        return 2;
    }
    cote_clean_doc_t doc = COTE_CLEAN_DOC_INIT;
    size_t labels = 0, repaired = 0, weighted = 0, weighted_ok = 0, false_joins = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t nl = strlen(e->d_name);
        if (nl < 6 || strcmp(e->d_name + nl - 5, ".json"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        json_error_t jerr;
        json_t *j = json_load_file(path, 0, &jerr);
        json_t *broken = json_object_get(j, "broken_words");
        snprintf(path, sizeof path, "%s/%.*s.txt", argv[2], (int)(nl - 5), e->d_name);
        char *text = NULL;
        size_t len = 0;
        if (!j || !json_is_array(broken) || cote_read_text(path, 1 << 28, &text, &len, &err) ||
            cote_clean(lex, text, len, &doc, &err)) {
            fprintf(stderr, "repair_eval: %s: cannot evaluate (%s)\n", path, err.msg);
            return 2;
        }
        size_t i;
        json_t *b;
        json_array_foreach(broken, i, b) {
            const char *word = json_string_value(json_object_get(b, "word"));
            char *form = normalise_breaks(json_string_value(json_object_get(b, "text")));
            long count = (long)json_integer_value(json_object_get(b, "count"));
            int ok = word && find_words(doc.text.data, word) && !find_words(doc.text.data, form);
            labels++;
            repaired += ok;
            weighted += (size_t)(count > 0 ? count : 1);
            weighted_ok += ok ? (size_t)(count > 0 ? count : 1) : 0;
            if (!ok)
                printf("  not repaired in %.*s: \"%s\" -> %s (%s)\n", (int)(nl - 5), e->d_name, form, word,
                       json_string_value(json_object_get(b, "kind")));
            free(form);
        }
        const char *r = doc.repairs.data;
        for (size_t k = 0; k < doc.n_repairs; k++, r += strlen(r) + 1) {
            const char *tab = strchr(r, '\t');
            if (!tab || strchr(tab, '['))
                continue; /* footnote markers are checked through dates, not here */
            char before[256];
            snprintf(before, sizeof before, "%.*s", (int)(tab - r), r);
            if (!labelled(broken, before, tab + 1)) {
                printf("  possible false join in %.*s: \"%s\" -> \"%s\"\n", (int)(nl - 5), e->d_name, before, tab + 1);
                false_joins++;
            }
        }
        free(text);
        json_decref(j);
    }
    closedir(d);

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
