/* org_eval.c: precision and recall of the organisation recogniser (orgs.h)
 * against the labelled seeds.
 *
 *   org_eval ENTITIES_DIR CORPUS_DIR [MIN_PRECISION MIN_RECALL] [-v]
 *
 * Each labelled document is repaired (clean.h) and searched for
 * organisations. A label {name, acronym} is found when an organisation found
 * has that name or acronym (gazetteer entry), or when the text it was found
 * in reads as the name. Precision counts the distinct organisations found
 * that match a label. Exits 0 when both reach their minimum (default 0.95,
 * the goal; ctest passes the figures reached so far, as a ratchet against
 * regressions), 1 otherwise, 77 when the labels are absent (they live in
 * ../shared).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clean.h"
#include "orgs.h"
#include "read_text.h"

/* Lower-case ASCII, ’ as ', spaces collapsed: names compare after this. */
static void norm(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
            out[k++] = '\'';
            i += 2;
        } else {
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    out[k] = '\0';
}

static int same(const char *a, const char *b)
{
    char x[1024], y[1024];
    if (!a || !b || !*a || !*b)
        return 0;
    norm(a, strlen(a), x, sizeof x);
    norm(b, strlen(b), y, sizeof y);
    return strcmp(x, y) == 0;
}

/* Does found entity e (with its surface text) match label l? */
static int matches(const cote_gazetteer_t *g, const cote_entity_t *e, const char *surface, json_t *l)
{
    const char *name = json_string_value(json_object_get(l, "name"));
    const char *acr = json_string_value(json_object_get(l, "acronym"));
    const char *first = json_string_value(json_object_get(l, "first_text"));
    const cote_org_t *o = cote_gazetteer_get(g, e->canon);
    if (o && (same(o->fr_name, name) || same(o->en_name, name) || (acr && (same(o->fr_acronym, acr) ||
                                                                          same(o->en_acronym, acr)))))
        return 1;
    return same(surface, name) || same(surface, first) || (acr && same(surface, acr));
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return fprintf(stderr, "usage: org_eval ENTITIES_DIR CORPUS_DIR [-v]\n"), 2;
    int verbose = strcmp(argv[argc - 1], "-v") == 0;
    double min_p = argc > 4 && argv[3][0] != '-' ? strtod(argv[3], NULL) : 0.95;
    double min_r = argc > 4 && argv[4][0] != '-' ? strtod(argv[4], NULL) : 0.95;
    DIR *d = opendir(argv[1]);
    if (!d)
        return printf("skipped: no labels at %s\n", argv[1]), 77;
    cote_error_t err;
    cote_lexicon_t *lex = NULL;
    cote_analyser_t *an = NULL;
    cote_gazetteer_t *g = NULL;
    if (cote_lexicon_open(NULL, &lex, &err) || cote_analyser_new(&an, &err) || cote_gazetteer_new(an, &g, &err))
        return fprintf(stderr, "org_eval: %s\n", err.msg), 2;
    cote_clean_doc_t doc = COTE_CLEAN_DOC_INIT;
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
    cote_entity_list_t found = COTE_ENTITY_LIST_INIT;
    size_t labels = 0, recalled = 0, predicted = 0, correct = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t nl = strlen(e->d_name);
        if (nl < 6 || strcmp(e->d_name + nl - 5, ".json"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        json_error_t jerr;
        json_t *j = json_load_file(path, 0, &jerr);
        json_t *orgs = json_object_get(j, "organisations");
        snprintf(path, sizeof path, "%s/%.*s.txt", argv[2], (int)(nl - 5), e->d_name);
        char *text = NULL;
        size_t len = 0;
        if (!json_is_array(orgs) || cote_read_text(path, 1 << 28, &text, &len, &err) ||
            cote_clean(lex, text, len, &doc, &err))
            return fprintf(stderr, "org_eval: %s: %s\n", path, err.msg), 2;
        cote_entity_list_reset(&found);
        if (cote_find_orgs(g, an, &toks, doc.text.data, doc.text.len, &found, &err))
            return fprintf(stderr, "org_eval: %s\n", err.msg), 2;
        size_t i;
        json_t *l;
        json_array_foreach(orgs, i, l) {
            int hit = 0;
            for (size_t k = 0; k < found.n && !hit; k++) {
                char surface[1024];
                snprintf(surface, sizeof surface, "%.*s", (int)(found.v[k].end - found.v[k].start),
                         doc.text.data + found.v[k].start);
                hit = matches(g, &found.v[k], surface, l);
            }
            labels++;
            recalled += hit;
            if (!hit && verbose)
                printf("  missed in %.3s: %s\n", e->d_name, json_string_value(json_object_get(l, "name")));
        }
        /* distinct ids found */
        for (size_t k = 0; k < found.n; k++) {
            int dup = 0;
            for (size_t p = 0; p < k && !dup; p++)
                dup = strcmp(found.v[p].canon, found.v[k].canon) == 0;
            if (dup)
                continue;
            char surface[1024];
            snprintf(surface, sizeof surface, "%.*s", (int)(found.v[k].end - found.v[k].start),
                     doc.text.data + found.v[k].start);
            int ok = 0;
            json_array_foreach(orgs, i, l) ok |= matches(g, &found.v[k], surface, l);
            predicted++;
            correct += ok;
            if (!ok && verbose)
                printf("  not labelled in %.3s: %s (%s)\n", e->d_name, found.v[k].canon, surface);
        }
        free(text);
        json_decref(j);
    }
    closedir(d);
    double p = predicted ? (double)correct / (double)predicted : 0, r = labels ? (double)recalled / (double)labels : 0;
    printf("organisations: precision %.3f (%zu/%zu), recall %.3f (%zu/%zu)\n", p, correct, predicted, r, recalled,
           labels);
    cote_entity_list_free(&found);
    cote_token_list_free(&toks);
    cote_clean_doc_free(&doc);
    cote_gazetteer_free(g);
    cote_analyser_free(an);
    cote_lexicon_free(lex);
    printf("goal: 0.95 each; minimum enforced here: precision %.2f, recall %.2f\n", min_p, min_r);
    return p >= min_p && r >= min_r ? 0 : 1;
}
