/* written_form.c: a word's usual spelling, read from the stored text
 * (written_form.h). */
#define _POSIX_C_SOURCE 200809L
#include "written_form.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "best_block.h" /* COTE_BROW_TEXT */
#include "record_json.h"
#include "strbuf.h"

#define FORMS_MAX 8 /* spellings told apart; more are not counted */

typedef struct {
    char *form[FORMS_MAX];
    unsigned count[FORMS_MAX];
    size_t n;
    unsigned seen;
} tally_t;

static cote_status_t tally_add(tally_t *t, const char *form)
{
    t->seen++;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->form[i], form) == 0) {
            t->count[i]++;
            return COTE_OK;
        }
    if (t->n == FORMS_MAX)
        return COTE_OK;
    if (!(t->form[t->n] = strdup(form)))
        return COTE_NOMEM;
    t->count[t->n++] = 1;
    return COTE_OK;
}

static void tally_free(tally_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->form[i]);
}

/* The most counted spelling; on a tie, one with accents (not bare itself),
 * then the first in byte order, so that the answer does not depend on the
 * order the records were read in. */
static const char *tally_best(const tally_t *t, const char *bare)
{
    const char *best = NULL;
    unsigned bc = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *f = t->form[i];
        unsigned c = t->count[i];
        bool better = !best || c > bc;
        if (best && c == bc) {
            bool f_plain = strcmp(f, bare) == 0, b_plain = strcmp(best, bare) == 0;
            better = f_plain != b_plain ? b_plain : strcmp(f, best) < 0;
        }
        if (better) {
            best = f;
            bc = c;
        }
    }
    return best ? best : bare;
}

typedef struct {
    cote_docid_t ids[64];
    size_t n, max;
} docids_t;

static int collect(const char *term, size_t len, unsigned long docid, void *ctx)
{
    (void)term;
    (void)len;
    docids_t *d = ctx;
    d->ids[d->n++] = (cote_docid_t)docid;
    return d->n == d->max;
}

/* Into form, token i as written (folded case, accents kept: its EXACT
 * term); for a joined term, the EXACT terms of its run's tokens with a
 * hyphen between them ("coût-efficacité" for coutefficacite), so that it
 * reads as the text has it. */
static cote_status_t written_as(const cote_token_list_t *l, size_t i, bool joined, cote_strbuf_t *form)
{
    cote_strbuf_reset(form);
    size_t run = joined && l->v[i].run > 1 ? l->v[i].run : 1;
    for (size_t k = i; k < i + run && k < l->n; k++)
        if ((k > i && cote_strbuf_putc(form, '-')) || cote_strbuf_puts(form, cote_token_term(l, &l->v[k], 0)))
            return COTE_NOMEM;
    return COTE_OK;
}

/* Counts the spellings of bare among the tokens of text[0..n). */
static cote_status_t count_text(cote_analyser_t *an, cote_token_list_t *scratch, const char *bare,
                                const char *probe, cote_strbuf_t *fold, cote_strbuf_t *form, const char *text,
                                size_t n, tally_t *t, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    /* most blocks of a record do not hold the word: the probe rules them out unanalysed */
    if (*probe && cote_probe_text(an, text, n, fold, &st) && !strstr(fold->data, probe))
        return COTE_OK;
    if (st)
        return cote_error_set(err, st, "out of memory");
    if ((st = cote_analyse(an, text, n, 0, scratch, err)))
        return st;
    for (size_t i = 0; i < scratch->n && t->seen < COTE_WRITTEN_ENOUGH; i++) {
        const cote_token_t *tok = &scratch->v[i];
        for (unsigned j = 0; j < tok->n_terms; j++) {
            if (!cote_token_term_positional(tok, j) || strcmp(cote_token_term(scratch, tok, j), bare) != 0)
                continue;
            cote_term_kind_t kind = (cote_term_kind_t)tok->kind[j];
            bool joined = kind == COTE_TERM_JOINED || kind == COTE_TERM_JOINED_BARE;
            if (written_as(scratch, i, joined, form) || tally_add(t, form->data))
                return cote_error_set(err, COTE_NOMEM, "out of memory");
            break;
        }
    }
    return COTE_OK;
}

/* Counts the spellings in the blocks of one stored section record. */
static cote_status_t count_record(cote_xdb_t *db, cote_docid_t id, cote_analyser_t *an, cote_token_list_t *scratch,
                                  const char *bare, const char *probe, cote_strbuf_t *fold, cote_strbuf_t *form,
                                  tally_t *t, cote_error_t *err)
{
    cote_xdoc_t *d = NULL;
    json_t *rec = NULL;
    cote_status_t st = cote_xdb_get_document(db, id, &d, err);
    if (!st)
        st = cote_record_load(d, &rec, err);
    const json_t *blocks = json_object_get(rec, "blocks");
    for (size_t i = 0; !st && i < json_array_size(blocks) && t->seen < COTE_WRITTEN_ENOUGH; i++) {
        const json_t *text = json_array_get(json_array_get(blocks, i), COTE_BROW_TEXT);
        if (json_is_string(text))
            st = count_text(an, scratch, bare, probe, fold, form, json_string_value(text), json_string_length(text),
                            t, err);
    }
    json_decref(rec);
    cote_xdoc_free(d);
    return st;
}

cote_status_t cote_written_form(cote_xdb_t *db, cote_analyser_t *an, cote_token_list_t *scratch, const char *bare,
                                unsigned max_records, char **out, cote_error_t *err)
{
    *out = NULL;
    docids_t ids = {.n = 0, .max = max_records < 64 ? max_records : 64};
    cote_status_t st = ids.max ? cote_xdb_postings(db, bare, collect, &ids, err) : COTE_OK;
    char probe[COTE_TERM_MAX + 1];
    cote_term_probe(an, bare, probe, sizeof probe); /* "" when none: every block is analysed */
    tally_t t = {.n = 0};
    cote_strbuf_t fold = COTE_STRBUF_INIT, form = COTE_STRBUF_INIT;
    for (size_t i = 0; !st && i < ids.n && t.seen < COTE_WRITTEN_ENOUGH; i++)
        st = count_record(db, ids.ids[i], an, scratch, bare, probe, &fold, &form, &t, err);
    if (!st && !(*out = strdup(tally_best(&t, bare))))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    tally_free(&t);
    cote_strbuf_free(&fold);
    cote_strbuf_free(&form);
    return st;
}
