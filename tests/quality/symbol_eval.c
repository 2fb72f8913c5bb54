/* symbol_eval.c: measures the symbol recogniser (entities/symbols.h) on
 * labelled data.
 *
 *   symbol_eval ENTITIES_DIR CORPUS_DIR [-v]
 *
 * For every ENTITIES_DIR/<doc>.json, cleans CORPUS_DIR/<doc>.txt the way the
 * indexer does (indexer/clean.h) and compares distinct canonical symbols:
 *   - citations: cote_find_symbols on the repaired text against
 *     cited_resolutions[].symbol + cited_documents; the organ_inferred label
 *     of each found resolution is compared with COTE_ENT_INFERRED;
 *   - own symbols: cote_find_symbols on the page furniture lines against
 *     own_symbols, and cote_is_job_number on their words against job_number;
 *   - links: cote_symbol_from_link on the link lines, reported apart (and
 *     as "text + links"), since a link may point to the wrong document.
 * Prints micro-averaged precision and recall, every miss and every extra
 * (-v: every symbol found). Exits 0 when citations and own symbols both
 * reach 0.95 precision and recall, 1 otherwise, 77 (skipped) when the
 * labels are absent (they live in ../shared, outside this repository).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "labelled.h"
#include "symbols.h"

#define MAX_SET 512

/* A small set of canonical symbols with the flags of their first occurrence. */
typedef struct {
    char v[MAX_SET][COTE_ENTITY_CANON_MAX];
    unsigned flags[MAX_SET];
    size_t n;
} set_t;

static long set_find(const set_t *s, const char *x)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], x) == 0)
            return (long)i;
    return -1;
}

static void set_add(set_t *s, const char *x, unsigned flags)
{
    if (set_find(s, x) >= 0 || s->n == MAX_SET)
        return;
    snprintf(s->v[s->n], sizeof s->v[s->n], "%s", x);
    s->flags[s->n++] = flags;
}

static void add_entities(set_t *s, const cote_entity_list_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        set_add(s, l->v[i].canon, l->v[i].flags);
}

typedef struct {
    size_t tp, fp, fn;
} score_t;

/* Compares found with gold, printing misses and extras under a label. */
static void compare(const char *doc, const char *what, const set_t *found, const set_t *gold, score_t *sc)
{
    for (size_t i = 0; i < found->n; i++) {
        if (set_find(gold, found->v[i]) >= 0) {
            sc->tp++;
        } else {
            sc->fp++;
            printf("  %s %s: extra %s\n", doc, what, found->v[i]);
        }
    }
    for (size_t i = 0; i < gold->n; i++)
        if (set_find(found, gold->v[i]) < 0) {
            sc->fn++;
            printf("  %s %s: missed %s\n", doc, what, gold->v[i]);
        }
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 1.0; }

static void report(const char *what, const score_t *sc)
{
    printf("%-22s precision %.3f (%zu/%zu)  recall %.3f (%zu/%zu)\n", what, ratio(sc->tp, sc->tp + sc->fp), sc->tp,
           sc->tp + sc->fp, ratio(sc->tp, sc->tp + sc->fn), sc->tp, sc->tp + sc->fn);
}

static int good(const score_t *sc)
{
    return ratio(sc->tp, sc->tp + sc->fp) >= 0.95 && ratio(sc->tp, sc->tp + sc->fn) >= 0.95;
}

typedef struct {
    int verbose;
    cote_entity_list_t l;
    score_t cit, own_sc, link_sc, both_sc, job_sc;
    size_t inferred_labels, inferred_agree;
} eval_t;

static set_t found, gold, own, own_gold, links, both;

static int eval_doc(const char *name, json_t *labels, const cote_clean_doc_t *doc, cote_lexicon_t *lex, void *ctx)
{
    (void)lex;
    eval_t *ev = ctx;
    found.n = gold.n = own.n = own_gold.n = links.n = both.n = 0;

    /* citations in the repaired text */
    cote_entity_list_reset(&ev->l);
    if (cote_find_symbols(doc->text.data, doc->text.len, &ev->l)) {
        fprintf(stderr, "symbol_eval: out of memory\n");
        return 2;
    }
    add_entities(&found, &ev->l);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(labels, "cited_resolutions"), i, v) {
        set_add(&gold, json_string_value(json_object_get(v, "symbol")), 0);
    }
    json_array_foreach(json_object_get(labels, "cited_documents"), i, v) {
        set_add(&gold, json_string_value(v), 0);
    }
    compare(name, "citation", &found, &gold, &ev->cit);
    json_array_foreach(json_object_get(labels, "cited_resolutions"), i, v) {
        long k = set_find(&found, json_string_value(json_object_get(v, "symbol")));
        if (k < 0)
            continue;
        int want = json_is_true(json_object_get(v, "organ_inferred"));
        int got = (found.flags[k] & COTE_ENT_INFERRED) != 0;
        ev->inferred_labels++;
        ev->inferred_agree += want == got;
        if (want != got)
            printf("  %s citation: %s organ_inferred %d, recogniser says %d\n", name, found.v[k], want, got);
    }

    /* own symbols and job number from the page furniture */
    const char *p = doc->furniture.data;
    set_t jobs = {.n = 0};
    for (size_t k = 0; k < doc->n_furniture; k++, p += strlen(p) + 1) {
        cote_entity_list_reset(&ev->l);
        cote_find_symbols(p, strlen(p), &ev->l);
        add_entities(&own, &ev->l);
        for (const char *w = p; *w;) {
            size_t wl = strcspn(w, " ");
            if (cote_is_job_number(w, wl)) {
                char job[64];
                snprintf(job, sizeof job, "%.*s", (int)wl, w);
                set_add(&jobs, job, 0);
            }
            w += wl;
            w += strspn(w, " ");
        }
    }
    json_array_foreach(json_object_get(labels, "own_symbols"), i, v) {
        set_add(&own_gold, json_string_value(v), 0);
    }
    compare(name, "own symbol", &own, &own_gold, &ev->own_sc);
    set_t job_gold = {.n = 0};
    if (json_is_string(json_object_get(labels, "job_number")))
        set_add(&job_gold, json_string_value(json_object_get(labels, "job_number")), 0);
    compare(name, "job number", &jobs, &job_gold, &ev->job_sc);

    /* links, apart and together with the text */
    p = doc->links.data;
    for (size_t k = 0; k < doc->n_links; k++, p += strlen(p) + 1) {
        cote_entity_t ent;
        if (cote_symbol_from_link(p, strlen(p), &ent) == COTE_OK)
            set_add(&links, ent.canon, ent.flags);
    }
    compare(name, "link", &links, &gold, &ev->link_sc);
    for (size_t k = 0; k < found.n; k++)
        set_add(&both, found.v[k], 0);
    for (size_t k = 0; k < links.n; k++)
        set_add(&both, links.v[k], 0);
    score_t quiet = {0, 0, 0};
    for (size_t k = 0; k < both.n; k++)
        *(set_find(&gold, both.v[k]) >= 0 ? &quiet.tp : &quiet.fp) += 1;
    for (size_t k = 0; k < gold.n; k++)
        quiet.fn += set_find(&both, gold.v[k]) < 0;
    ev->both_sc.tp += quiet.tp;
    ev->both_sc.fp += quiet.fp;
    ev->both_sc.fn += quiet.fn;

    if (ev->verbose) {
        printf("%s: text", name);
        for (size_t k = 0; k < found.n; k++)
            printf(" %s%s", found.v[k], found.flags[k] & COTE_ENT_INFERRED ? "(inferred)" : "");
        printf("\n%s: furniture", name);
        for (size_t k = 0; k < own.n; k++)
            printf(" %s", own.v[k]);
        for (size_t k = 0; k < jobs.n; k++)
            printf(" job:%s", jobs.v[k]);
        printf("\n%s: links", name);
        for (size_t k = 0; k < links.n; k++)
            printf(" %s", links.v[k]);
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: symbol_eval ENTITIES_DIR CORPUS_DIR [-v]\n");
        return 2;
    }
    eval_t ev;
    memset(&ev, 0, sizeof ev);
    ev.verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
    size_t docs = 0;
    int rc = labelled_each("symbol_eval", argv[1], argv[2], eval_doc, &ev, &docs);
    if (rc) {
        cote_entity_list_free(&ev.l);
        return rc;
    }
    printf("documents: %zu\n", docs);
    report("citations (text)", &ev.cit);
    report("own symbols", &ev.own_sc);
    report("job numbers", &ev.job_sc);
    report("links alone", &ev.link_sc);
    report("citations text+links", &ev.both_sc);
    printf("organ_inferred agrees: %zu/%zu found resolutions\n", ev.inferred_agree, ev.inferred_labels);
    cote_entity_list_free(&ev.l);
    return docs && good(&ev.cit) && good(&ev.own_sc) ? 0 : 1;
}
