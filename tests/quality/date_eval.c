/* date_eval.c: measures the date recogniser (entities/dates.h) on labelled data.
 *
 *   date_eval ENTITIES_DIR CORPUS_DIR       precision and recall on the labels
 *   date_eval --show FILE...                every date found in each cleaned file
 *
 * For every ENTITIES_DIR/<doc>.json, cleans CORPUS_DIR/<doc>.txt with
 * cote_clean (as the indexer does) and runs cote_find_dates on the repaired
 * text. Labels are the "dates" ({iso}) and the "year_spans" ({from, to},
 * compared as `from/to`); both sides are compared as sets of distinct ISO
 * strings per document, since the labels list each date once.
 *
 * The labels do not annotate bare years (`en 2019`, `à la fin de 2020`) nor
 * open intervals (`jusqu'en 2019`), which the recogniser reports on
 * purpose: those are counted apart ("not labelled") and left out of
 * precision, and the strict precision that counts them as errors is printed
 * too.
 *
 * Exits 0 when precision and recall are both at least 0.95, 1 otherwise, 77
 * (skipped) when the labels are not there (they live in ../shared, outside
 * this repository).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "labelled.h"
#include "dates.h"
#include "read_text.h"

#define MAX_SET 512

typedef struct {
    char v[MAX_SET][COTE_ENTITY_CANON_MAX];
    size_t n;
} set_t;

static void set_add(set_t *s, const char *x)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], x) == 0)
            return;
    if (s->n < MAX_SET)
        snprintf(s->v[s->n++], COTE_ENTITY_CANON_MAX, "%s", x);
}

static int set_has(const set_t *s, const char *x)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], x) == 0)
            return 1;
    return 0;
}

/* A bare year (2019) or an open interval (2021-09/.., ../2030): kinds the
 * labels leave out. */
static int unlabelled_kind(const char *canon)
{
    return strlen(canon) == 4 || strstr(canon, "..") != NULL;
}

static int clean_file(cote_lexicon_t *lex, const char *path, cote_clean_doc_t *doc)
{
    cote_error_t err;
    char *text = NULL;
    size_t len = 0;
    if (cote_read_text(path, 1 << 28, &text, &len, &err) || cote_clean(lex, text, len, doc, &err)) {
        fprintf(stderr, "date_eval: %s: %s\n", path, err.msg);
        free(text);
        return -1;
    }
    free(text);
    return 0;
}

static int show(cote_lexicon_t *lex, int argc, char **argv)
{
    cote_clean_doc_t doc = COTE_CLEAN_DOC_INIT;
    cote_entity_list_t l = COTE_ENTITY_LIST_INIT;
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        if (clean_file(lex, argv[i], &doc)) {
            rc = 2;
            break;
        }
        cote_entity_list_reset(&l);
        if (cote_find_dates(doc.text.data, doc.text.len, &l)) {
            rc = 2;
            break;
        }
        printf("== %s: %zu dates\n", argv[i], l.n);
        for (size_t k = 0; k < l.n; k++) {
            const cote_entity_t *e = &l.v[k];
            printf("%-26s %8u-%8u %s%s \"%.*s\"\n", e->canon, e->from, e->to, e->flags & COTE_ENT_RANGE ? "R" : "-",
                   e->flags & COTE_ENT_INFERRED ? "I" : "-", (int)(e->end - e->start), doc.text.data + e->start);
        }
    }
    cote_entity_list_free(&l);
    cote_clean_doc_free(&doc);
    return rc;
}

typedef struct {
    cote_entity_list_t found;
    size_t n_want, n_got, n_hit, n_unlabelled, n_docs;
} eval_t;

static set_t want, got;

static int eval_doc(const char *name, json_t *labels, const cote_clean_doc_t *doc, cote_lexicon_t *lex, void *ctx)
{
    (void)lex;
    eval_t *ev = ctx;
    want.n = got.n = 0;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(labels, "dates"), i, x) {
        const char *iso = json_string_value(json_object_get(x, "iso"));
        if (iso)
            set_add(&want, iso);
    }
    json_array_foreach(json_object_get(labels, "year_spans"), i, x) {
        char iso[32];
        snprintf(iso, sizeof iso, "%04lld/%04lld", json_integer_value(json_object_get(x, "from")),
                 json_integer_value(json_object_get(x, "to")));
        set_add(&want, iso);
    }
    cote_entity_list_reset(&ev->found);
    if (cote_find_dates(doc->text.data, doc->text.len, &ev->found)) {
        fprintf(stderr, "date_eval: %s: out of memory\n", name);
        return 2;
    }
    static set_t unl;
    unl.n = 0;
    for (size_t k = 0; k < ev->found.n; k++) {
        if (unlabelled_kind(ev->found.v[k].canon))
            set_add(&unl, ev->found.v[k].canon);
        else
            set_add(&got, ev->found.v[k].canon);
    }
    ev->n_docs++;
    size_t hit = 0;
    for (size_t k = 0; k < want.n; k++) {
        if (set_has(&got, want.v[k]))
            hit++;
        else
            printf("  missed in %s: %s\n", name, want.v[k]);
    }
    for (size_t k = 0; k < got.n; k++) {
        if (!set_has(&want, got.v[k])) {
            const cote_entity_t *f = NULL;
            for (size_t q = 0; q < ev->found.n && !f; q++)
                if (strcmp(ev->found.v[q].canon, got.v[k]) == 0)
                    f = &ev->found.v[q];
            printf("  not in the labels of %s: %s \"%.*s\"\n", name, got.v[k], f ? (int)(f->end - f->start) : 0,
                   f ? doc->text.data + f->start : "");
        }
    }
    printf("%s: %zu labelled, %zu found, %zu matched; %zu bare years or open intervals not labelled\n", name, want.n,
           got.n, hit, unl.n);
    ev->n_want += want.n;
    ev->n_got += got.n;
    ev->n_hit += hit;
    ev->n_unlabelled += unl.n;
    return 0;
}

int main(int argc, char **argv)
{
    cote_error_t err;
    cote_lexicon_t *lex = NULL;
    if (argc >= 3 && strcmp(argv[1], "--show") == 0) {
        if (cote_lexicon_open(NULL, &lex, &err)) {
            fprintf(stderr, "date_eval: %s\n", err.msg);
            return 2;
        }
        int rc = show(lex, argc, argv);
        cote_lexicon_free(lex);
        return rc;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: date_eval ENTITIES_DIR CORPUS_DIR | date_eval --show FILE...\n");
        return 2;
    }
    eval_t ev;
    memset(&ev, 0, sizeof ev);
    int rc = labelled_each("date_eval", argv[1], argv[2], eval_doc, &ev, NULL);
    cote_entity_list_free(&ev.found);
    if (rc)
        return rc;
    size_t n_want = ev.n_want, n_got = ev.n_got, n_hit = ev.n_hit, n_unlabelled = ev.n_unlabelled, n_docs = ev.n_docs;
    if (!n_docs) {
        printf("skipped: no labelled documents in %s\n", argv[1]);
        return 77;
    }
    double p = n_got ? (double)n_hit / (double)n_got : 0, r = n_want ? (double)n_hit / (double)n_want : 0;
    double strict = n_got + n_unlabelled ? (double)n_hit / (double)(n_got + n_unlabelled) : 0;
    printf("dates: precision %.3f (%zu/%zu), recall %.3f (%zu/%zu) over %zu documents\n", p, n_hit, n_got, r, n_hit,
           n_want, n_docs);
    printf("strict precision counting the %zu unlabelled bare years and open intervals as errors: %.3f\n",
           n_unlabelled, strict);
    return p >= 0.95 && r >= 0.95 ? 0 : 1;
}
