/* searcher.c: one request -> one response, over a read-only index.
 *
 * Ranking is Xapian's BM25 over the analysed terms, one hit per document
 * (collapse on the document id, ready for passage records). A search that
 * meets DB_MODIFIED (the indexer committed under us) reopens and retries once.
 */
#include "searcher.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "analysis.h"
#include "best_block.h"
#include "record_json.h"
#include "entity_query.h"
#include "orgs.h"
#include "passage.h"
#include "query.h"
#include "schema.h"
#include "strmap.h"
#include "snippet.h"
#include "facet_cache.h"
#include "stem_forms.h"
#include "suggest.h"
#include "written_form.h"
#include "symbols.h"
#include "utf8.h"
#include "xdb.h"

struct cote_searcher {
    cote_xdb_t *db;
    cote_analyser_t *an;
    cote_gazetteer_t *gazetteer;
    cote_token_list_t toks;
    cote_token_list_t best_toks; /* the analysis of a hit's chosen block (best_block.h) */
    cote_stem_forms_t *stems;    /* the words of the stems searched, until a reopen */
    cote_facet_cache_t *facets;  /* the facet values of the documents counted, until a reopen */
    unsigned long long deadline_ns; /* the running search's (CLOCK_MONOTONIC), 0: none */
};

/* Facets are counted over the best FACET_DOCS matching documents (a bound on
 * the work per request whatever the index size), for organisations from each
 * document's list of organisation ids (COTE_SLOT_ORGS), for the others from
 * their single value. The matcher must find that many distinct documents
 * among the passages, which is most of a search's time: on the 100 MB bench
 * corpus, 200 documents cost twice the median latency of 100, while 10, 50
 * and 100 cost about the same (bench/results/query.md). */
#define FACET_DOCS 100
/* Sections of one document read for --in: a bound on the work (a document of
 * 2 MB of text has about 700). */
#define COTE_WITHIN_SECTIONS_MAX 2000
#define FACET_VALUES 20

static const struct {
    const char *name;
    unsigned slot;
} facet_slots[COTE_FACETS] = {
    {"org", COTE_SLOT_ORGS}, {"year", COTE_SLOT_YEAR}, {"type", COTE_SLOT_TYPE}, {"organ", COTE_SLOT_ORGAN}};

/* BM25 over passages (single blocks then; sections since schema 7 pass the
 * same cases: docs/ranking.md). Tuned on ../shared/eval/queries.tsv (grid k1 0.8-3.0,
 * b 0.1-0.75, recorded in docs/ranking.md): every case passes for b <= 0.2 and
 * k1 1.5-3.0, and with b >= 0.3 a short passage outranks a longer one holding
 * the same phrase. Passages are already comparable units, so little length
 * normalisation is wanted; a higher k1 lets repeated terms in a passage
 * count. We take the middle of the passing region. */
static const cote_bm25_t bm25 = {2.0, 0.0, 1.0, 0.2, 0.5};

cote_status_t cote_searcher_open(const char *path, cote_searcher_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_searcher_t *s = calloc(1, sizeof *s);
    if (!s)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_token_list_t empty = COTE_TOKEN_LIST_INIT;
    s->toks = empty;
    s->best_toks = empty;
    cote_status_t st = cote_xdb_open(path, &s->db, err);
    if (!st)
        st = cote_analyser_new(&s->an, err);
    if (!st)
        st = cote_stem_forms_new(&s->stems, err);
    if (!st)
        st = cote_facet_cache_new(&s->facets, err);
    if (!st)
        st = cote_gazetteer_new(s->an, &s->gazetteer, err);
    /* the organisations this index added (--gazetteer) and the acronyms its documents defined */
    const char *keys[] = {COTE_META_GAZETTEER, COTE_META_LEARNED};
    for (size_t i = 0; i < 2 && !st; i++) {
        char *tsv = NULL;
        size_t len = 0;
        st = cote_xdb_get_metadata(s->db, keys[i], &tsv, &len, err);
        if (!st && len)
            st = cote_gazetteer_add_tsv(s->gazetteer, s->an, tsv, len, keys[i], err);
        free(tsv);
    }
    if (st) {
        cote_searcher_free(s);
        return st;
    }
    *out = s;
    return COTE_OK;
}

void cote_searcher_free(cote_searcher_t *s)
{
    if (!s)
        return;
    cote_xdb_close(s->db);
    cote_gazetteer_free(s->gazetteer);
    cote_analyser_free(s->an);
    cote_token_list_free(&s->toks);
    cote_token_list_free(&s->best_toks);
    cote_stem_forms_free(s->stems);
    cote_facet_cache_free(s->facets);
    free(s);
}

/* Reopens the database at its latest commit; when it moved (or may have:
 * moved NULL, after DB_MODIFIED), the stems' words and the documents' facet
 * values are read again. The server refreshes its handle before every
 * request, so a commit that did not change is no reason to forget them. */
static cote_status_t reopen(cote_searcher_t *s, int *moved, cote_error_t *err)
{
    int changed = 1;
    cote_status_t st = cote_xdb_reopen(s->db, &changed, err);
    if (st || changed || !moved) {
        cote_stem_forms_clear(s->stems);
        cote_facet_cache_clear(s->facets);
    }
    if (moved)
        *moved = changed;
    return st;
}

cote_status_t cote_searcher_refresh(cote_searcher_t *s, bool *changed, cote_error_t *err)
{
    int moved = 0;
    cote_status_t st = reopen(s, &moved, err);
    if (changed)
        *changed = moved != 0;
    return st;
}

cote_xdb_t *cote_searcher_db(cote_searcher_t *s)
{
    return s->db;
}

cote_status_t cote_searcher_written_form(cote_searcher_t *s, const char *bare, unsigned max_records, char **out,
                                         cote_error_t *err)
{
    return cote_written_form(s->db, s->an, &s->toks, bare, max_records, out, err);
}

cote_status_t cote_searcher_count(cote_searcher_t *s, unsigned long *out, cote_error_t *err)
{
    return cote_xdb_term_freq(s->db, COTE_PREFIX_KIND COTE_KIND_DOC, out, err);
}

/* The document record term (Q<id>) of the document whose own symbol is sym. */
static cote_status_t symbol_ref_term(cote_searcher_t *s, const char *ref, char *term, size_t cap, cote_error_t *err)
{
    char canon[COTE_ENTITY_CANON_MAX], own[COTE_ENTITY_CANON_MAX + 16];
    if (!cote_canonical_symbol(ref, strlen(ref), canon))
        return COTE_NOT_FOUND;
    snprintf(own, sizeof own, "%s%s", COTE_PREFIX_OWN, canon);
    cote_docid_t id;
    cote_xdoc_t *d = NULL;
    json_t *rec = NULL;
    cote_status_t st = cote_xdb_find_by_term(s->db, own, &id, err);
    if (!st)
        st = cote_xdb_get_document(s->db, id, &d, err);
    if (!st)
        st = cote_record_load(d, &rec, err);
    if (!st) {
        const char *doc = json_string_value(json_object_get(rec, "doc"));
        snprintf(term, cap, "%s%s", COTE_PREFIX_ID, doc ? doc : "");
    }
    json_decref(rec);
    cote_xdoc_free(d);
    return st;
}

static char *dup_json_string(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return strdup(v ? v : "");
}

/* Reads the symbols array of a stored record into a malloc'ed vector. */
static cote_status_t dup_symbols(json_t *o, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    json_t *a = json_object_get(o, "symbols");
    size_t k = json_array_size(a);
    if (k == 0)
        return COTE_OK;
    char **v = calloc(k, sizeof *v);
    if (!v)
        return COTE_NOMEM;
    for (size_t i = 0; i < k; i++) {
        const char *sym = json_string_value(json_array_get(a, i));
        if (!(v[i] = strdup(sym ? sym : ""))) {
            for (size_t j = 0; j < i; j++)
                free(v[j]);
            free(v);
            return COTE_NOMEM;
        }
    }
    *out = v;
    *n = k;
    return COTE_OK;
}

static void free_symbols(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* The English name of a document type (indexer: entities/doc type names). */
static const char *type_in_english(const char *t)
{
    static const char *const names[][2] = {
        {"rapport", "report"},     {"résolution", "resolution"}, {"projet de résolution", "draft resolution"},
        {"décision", "decision"}, {"note", "note"},             {"lettre", "letter"},
        {"déclaration", "statement"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(t, names[i][0]) == 0)
            return names[i][1];
    return t;
}

/* The organisation's name in English, else in French, else id. */
static const char *org_in_english(const cote_org_t *o, const char *id)
{
    return o ? (*o->en_name ? o->en_name : o->fr_name) : id;
}

/* The document's date (stored with the passage, as precise as it is known),
 * type and organ (the passage's values, schema.h). */
static cote_status_t hit_document_values(cote_searcher_t *s, json_t *rec, cote_xdoc_t *d, cote_hit_t *h,
                                         cote_error_t *err)
{
    const char *date = json_string_value(json_object_get(rec, "date"));
    snprintf(h->date, sizeof h->date, "%s", date && strlen(date) < sizeof h->date ? date : "");
    const char *v;
    size_t n;
    cote_status_t st = cote_xdoc_value(d, COTE_SLOT_TYPE, &v, &n, err);
    if (!st && !(h->type = strndup(v, n)))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st)
        st = cote_xdoc_value(d, COTE_SLOT_ORGAN, &v, &n, err);
    if (!st && !(h->organ = strndup(v, n)))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st) {
        const cote_org_t *o = *h->organ ? cote_gazetteer_get(s->gazetteer, h->organ) : NULL;
        if (!(h->organ_label = strdup(o ? o->fr_name : "")) ||
            !(h->organ_label_en = strdup(o ? org_in_english(o, "") : "")) ||
            !(h->type_en = strdup(type_in_english(h->type))))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return st;
}

/* A hit: block bi of the section record rec (its stored "blocks"), which
 * Xapian matched with weight (the score shown unless block_score >= 0). */
static cote_status_t fill_hit(cote_searcher_t *s, const cote_parsed_query_t *pq, cote_xdoc_t *d, json_t *rec,
                              size_t bi, bool analysed, unsigned long others, double score, unsigned rank,
                              cote_hit_t *h, cote_error_t *err)
{
    const json_t *row = json_array_get(json_object_get(rec, "blocks"), bi);
    cote_status_t st = COTE_OK;
    h->rank = rank;
    h->score = score;
    json_t *par = json_array_get(row, COTE_BROW_PARAGRAPH);
    h->paragraph = json_is_integer(par) ? (long)json_integer_value(par) : -1;
    h->block = (long)json_integer_value(json_array_get(row, COTE_BROW_N));
    h->page = (long)json_integer_value(json_array_get(row, COTE_BROW_PAGE));
    const json_t *blocks = json_object_get(rec, "blocks");
    h->section_first = (long)json_integer_value(json_array_get(json_array_get(blocks, 0), COTE_BROW_N));
    h->section_last =
        (long)json_integer_value(json_array_get(json_array_get(blocks, json_array_size(blocks) - 1), COTE_BROW_N));
    h->others = others;
    h->file = dup_json_string(rec, "file");
    h->doc = dup_json_string(rec, "doc");
    h->title = dup_json_string(rec, "title");
    const char *kind = json_string_value(json_array_get(row, COTE_BROW_KIND));
    const char *label = json_string_value(json_array_get(row, COTE_BROW_LABEL));
    h->kind = strdup(kind ? kind : "");
    h->label = strdup(label ? label : "");
    if (!h->file || !h->doc || !h->title || !h->kind || !h->label || dup_symbols(rec, &h->symbols, &h->n_symbols))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st)
        st = hit_document_values(s, rec, d, h, err);
    const json_t *text = json_array_get(row, COTE_BROW_TEXT);
    if (!st) {
        cote_snippet_t sn;
        const char *t = text ? json_string_value(text) : "";
        size_t tn = text ? json_string_length(text) : 0;
        /* analysed: s->best_toks holds the block's tokens already */
        st = analysed ? cote_snippet_analysed(&s->best_toks, pq, t, tn, &sn, err)
                      : cote_snippet(s->an, &s->toks, pq, t, tn, &sn, err);
        h->snippet = sn.text;
        h->highlights = sn.highlights;
        h->n_highlights = sn.n_highlights;
    }
    return st;
}

/* The weight of each of the query's terms for choosing blocks (best_block.h):
 * its inverse document frequency among sections, as BM25 weighs it. */
static cote_status_t term_weights(cote_searcher_t *s, const cote_parsed_query_t *pq, double **out,
                                  cote_error_t *err)
{
    *out = NULL;
    if (pq->n_terms == 0)
        return COTE_OK;
    double *w = calloc(pq->n_terms, sizeof *w);
    if (!w)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    unsigned long n = 0;
    cote_status_t st = cote_xdb_doc_count(s->db, &n, err);
    const char *t = pq->terms.data;
    for (size_t i = 0; i < pq->n_terms && !st; i++, t += strlen(t) + 1) {
        unsigned long tf = 0;
        st = cote_xdb_term_freq(s->db, t, &tf, err);
        w[i] = log((n + 1.0) / (tf + 0.5));
        if (w[i] < 0.1)
            w[i] = 0.1;
    }
    if (st) {
        free(w);
        return st;
    }
    *out = w;
    return COTE_OK;
}

/* The probe of each query term (best_block.h), NUL-separated. A stem's own
 * (cote_term_probe) drops its last characters, which Snowball may have
 * rewritten, so short stems make weak probes ("paix" -> "pa"); the words of
 * the stem the index holds (stem_forms.h) are every form a shown text can
 * carry, so the longest common start of their folds is a probe too, when
 * all of them are known (fewer than COTE_STEM_FORMS_MAX). The longer wins. */
static cote_status_t term_probes(cote_searcher_t *s, const cote_parsed_query_t *pq, cote_strbuf_t *out,
                                 cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    const char *t = pq->terms.data;
    for (size_t i = 0; i < pq->n_terms && !st; i++, t += strlen(t) + 1) {
        char own[COTE_TERM_MAX + 1], word[COTE_TERM_MAX + 1], common[COTE_TERM_MAX + 1];
        size_t n = cote_term_probe(s->an, t, own, sizeof own), c = 0;
        const char *words = NULL;
        size_t nw = 0;
        bool stem = strncmp(t, COTE_PREFIX_STEM, strlen(COTE_PREFIX_STEM)) == 0;
        if (stem && (st = cote_stem_forms_get(s->stems, s->db, s->an, t, &words, &nw, err)) != COTE_OK)
            break;
        if (nw == 0 || nw >= COTE_STEM_FORMS_MAX)
            words = NULL;
        for (size_t w = 0; words && w < nw; w++, words += strlen(words) + 1) {
            size_t k = cote_term_probe(s->an, words, word, sizeof word);
            if (k == 0) {
                c = 0; /* a word with no probe of its own: no common start */
                break;
            }
            if (w == 0) {
                memcpy(common, word, k + 1);
                c = k;
            }
            size_t j = 0;
            while (j < c && j < k && common[j] == word[j])
                j++;
            c = j;
        }
        if (c > n && c >= COTE_PROBE_MIN) {
            memcpy(own, common, c);
            own[c] = '\0';
            n = c;
        }
        if (cote_strbuf_append(out, own, n + 1))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return st;
}

/* A block of a section, for listing every matching block of one document. */
typedef struct {
    size_t hit;   /* index in the MSet */
    size_t block; /* index in the section's blocks */
    double score;
} block_hit_t;

static int by_block_score(const void *a, const void *b)
{
    const block_hit_t *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    if (x->hit != y->hit)
        return x->hit < y->hit ? -1 : 1;
    return x->block < y->block ? -1 : x->block > y->block;
}

static cote_status_t load_hit(cote_xmset_t *ms, size_t i, cote_xhit_t *xh, cote_xdoc_t **d, json_t **rec,
                              cote_error_t *err)
{
    cote_status_t st = cote_xmset_hit(ms, i, xh, err);
    if (!st)
        st = cote_xmset_document(ms, i, d, err);
    if (!st)
        st = cote_record_load(*d, rec, err);
    if (!st && !json_is_array(json_object_get(*rec, "blocks")))
        st = cote_error_set(err, COTE_DB_CORRUPT, "a passage record holds no blocks (an index older than cote 0.7?)");
    return st;
}

/* One hit per document: the best block of its best section. */
static cote_status_t page_of_documents(cote_searcher_t *s, const cote_parsed_query_t *pq, const double *weights,
                                       const char *probes,
                                       cote_xmset_t *ms, const cote_search_request_t *req, cote_search_response_t *r,
                                       cote_error_t *err)
{
    size_t n = cote_xmset_size(ms);
    size_t page = n > req->offset ? n - req->offset : 0;
    if (page > req->limit)
        page = req->limit;
    r->hits = page ? calloc(page, sizeof *r->hits) : NULL;
    if (page && !r->hits)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < page && !st; i++) {
        cote_xhit_t xh;
        cote_xdoc_t *d = NULL;
        json_t *rec = NULL;
        st = load_hit(ms, req->offset + i, &xh, &d, &rec, err);
        const json_t *blocks = json_object_get(rec, "blocks");
        size_t best = 0, matching = 0;
        bool analysed = false;
        if (!st)
            st = cote_best_block(s->an, &s->toks, pq, weights, probes, blocks, &best, NULL, &matching, &s->best_toks,
                                 &analysed, err);
        if (!st) {
            r->n_hits++;
            st = fill_hit(s, pq, d, rec, best, analysed, xh.collapse_count + (matching > 1 ? matching - 1 : 0),
                          xh.weight, req->offset + (unsigned)i + 1, &r->hits[i], err);
        }
        json_decref(rec);
        cote_xdoc_free(d);
    }
    return st;
}

/* Every matching block of the sections matched (one document's, --in):
 * blocks holding some of the query, best first; every block when the query
 * names nothing a block can hold (a filter alone). */
static cote_status_t page_of_blocks(cote_searcher_t *s, const cote_parsed_query_t *pq, const double *weights,
                                    const char *probes,
                                    cote_xmset_t *ms, const cote_search_request_t *req, cote_search_response_t *r,
                                    cote_error_t *err)
{
    size_t n = cote_xmset_size(ms), nv = 0, cap = 0;
    block_hit_t *v = NULL;
    int any = pq->n_terms > 0 || pq->n_entities > 0;
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < n && !st; i++) {
        cote_xhit_t xh;
        cote_xdoc_t *d = NULL;
        json_t *rec = NULL;
        st = load_hit(ms, i, &xh, &d, &rec, err);
        const json_t *blocks = json_object_get(rec, "blocks");
        size_t nb = json_array_size(blocks), best;
        double *scores = !st && nb ? calloc(nb, sizeof *scores) : NULL;
        if (!st && nb && !scores)
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        if (!st)
            st = cote_best_block(s->an, &s->toks, pq, weights, probes, blocks, &best, scores, NULL, NULL, NULL, err);
        for (size_t b = 0; !st && b < nb; b++) {
            if (any && scores[b] <= 0)
                continue;
            if (nv == cap) {
                block_hit_t *g = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
                if (!g) {
                    st = cote_error_set(err, COTE_NOMEM, "out of memory");
                    break;
                }
                v = g;
            }
            v[nv++] = (block_hit_t){i, b, any ? scores[b] : 0};
        }
        free(scores);
        json_decref(rec);
        cote_xdoc_free(d);
    }
    if (!st && nv > 1)
        qsort(v, nv, sizeof *v, by_block_score);
    r->total = nv;
    size_t page = nv > req->offset ? nv - req->offset : 0;
    if (page > req->limit)
        page = req->limit;
    r->hits = !st && page ? calloc(page, sizeof *r->hits) : NULL;
    if (!st && page && !r->hits)
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    for (size_t i = 0; i < page && !st; i++) {
        const block_hit_t *bh = &v[req->offset + i];
        cote_xhit_t xh;
        cote_xdoc_t *d = NULL;
        json_t *rec = NULL;
        st = load_hit(ms, bh->hit, &xh, &d, &rec, err);
        if (!st) {
            r->n_hits++;
            st = fill_hit(s, pq, d, rec, bh->block, false, nv - 1, any ? bh->score : xh.weight,
                          req->offset + (unsigned)i + 1, &r->hits[i], err);
        }
        json_decref(rec);
        cote_xdoc_free(d);
    }
    free(v);
    return st;
}

static cote_status_t check_request(const cote_search_request_t *req, cote_error_t *err)
{
    if (!req || !req->query)
        return cote_error_set(err, COTE_INVALID_ARG, "no query");
    const char *filters[] = {req->from, req->to, req->org, req->symbol, req->type, req->organ};
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        size_t n = filters[i] ? strlen(filters[i]) : 0;
        if (n > 256)
            return cote_error_set(err, COTE_TOO_LARGE, "a filter is %zu bytes long; the limit is 256", n);
        if (n && !cote_utf8_valid(filters[i], n, NULL))
            return cote_error_set(err, COTE_BAD_INPUT, "a filter is not valid UTF-8");
    }
    size_t len = strlen(req->query);
    if (len > COTE_QUERY_MAX_BYTES)
        return cote_error_set(err, COTE_TOO_LARGE, "the query is %zu bytes long; the limit is %d", len,
                              COTE_QUERY_MAX_BYTES);
    size_t bad;
    if (!cote_utf8_valid(req->query, len, &bad))
        return cote_error_set(err, COTE_BAD_INPUT, "the query is not valid UTF-8 (byte %zu)", bad);
    if (req->limit < 1 || req->limit > COTE_LIMIT_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "limit must be between 1 and %d", COTE_LIMIT_MAX);
    if (req->offset > COTE_OFFSET_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "offset must be at most %d", COTE_OFFSET_MAX);
    return COTE_OK;
}

static void free_facets(cote_search_response_t *r)
{
    for (size_t f = 0; f < COTE_FACETS; f++) {
        for (size_t i = 0; i < r->facets[f].n; i++) {
            free(r->facets[f].values[i].value);
            free(r->facets[f].values[i].label);
            free(r->facets[f].values[i].label_en);
        }
        free(r->facets[f].values);
        r->facets[f].values = NULL;
        r->facets[f].n = 0;
        r->facets[f].name = facet_slots[f].name;
    }
}

/* Counts each value (several per document for organisations, '\n'-separated). */
static cote_status_t count_values(cote_strmap_t *m, const char *v, size_t n)
{
    while (n > 0) {
        const char *nl = memchr(v, '\n', n);
        size_t k = nl ? (size_t)(nl - v) : n;
        if (k && cote_strmap_add(m, v, k, 1))
            return COTE_NOMEM;
        if (!nl)
            break;
        n -= k + 1;
        v = nl + 1;
    }
    return COTE_OK;
}

static int by_count(const void *a, const void *b)
{
    const cote_facet_value_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

static cote_status_t build_facet(cote_searcher_t *s, const cote_strmap_t *m, cote_facet_t *f)
{
    f->values = m->used ? calloc(m->used, sizeof *f->values) : NULL;
    if (m->used && !f->values)
        return COTE_NOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        const cote_strmap_slot_t *sl = &m->slots[i];
        if (!sl->hash)
            continue;
        cote_facet_value_t *v = &f->values[f->n++];
        v->count = sl->count;
        if (!(v->value = malloc(sl->len + 1)))
            return COTE_NOMEM;
        memcpy(v->value, m->arena.data + sl->off, sl->len);
        v->value[sl->len] = '\0';
        const cote_org_t *o = strcmp(f->name, "org") == 0 || strcmp(f->name, "organ") == 0
                                  ? cote_gazetteer_get(s->gazetteer, v->value)
                                  : NULL;
        if (!(v->label = strdup(o ? o->fr_name : v->value)))
            return COTE_NOMEM;
        const char *en = strcmp(f->name, "type") == 0 ? type_in_english(v->value) : org_in_english(o, v->value);
        if (!(v->label_en = strdup(en)))
            return COTE_NOMEM;
    }
    if (f->n > 1)
        qsort(f->values, f->n, sizeof *f->values, by_count);
    while (f->n > FACET_VALUES) {
        f->n--;
        free(f->values[f->n].value);
        free(f->values[f->n].label);
        free(f->values[f->n].label_en);
    }
    return COTE_OK;
}

/* A hit's document whose facet values are not in the searcher's cache
 * (facet_cache.h): its record, and its values read into facets_t.vals. */
typedef struct {
    cote_docid_t record;
    char id[COTE_DOC_ID_LEN + 1];
    size_t off[COTE_FACETS], len[COTE_FACETS];
} unknown_doc_t;

typedef struct {
    cote_searcher_t *s;
    cote_strmap_t *counts; /* [COTE_FACETS] */
    cote_strmap_t seen;    /* document ids taken */
    unknown_doc_t *docs;   /* as many as hits at most */
    size_t n;
    cote_strbuf_t vals;
    size_t slot; /* the facet being read (read_value) */
    cote_status_t st;
    cote_error_t *err;
} facets_t;

/* Takes a hit's document id (COTE_SLOT_DOC, or its collapse key), once:
 * counts its cached values, or finds its record to read them. */
static int take_doc(const char *id, size_t len, unsigned long docid, void *ctx)
{
    (void)docid;
    facets_t *fx = ctx;
    if (len == 0 || len > COTE_DOC_ID_LEN || cote_strmap_get(&fx->seen, id, len))
        return 0;
    if (cote_strmap_put(&fx->seen, id, len, 1)) {
        fx->st = cote_error_set(fx->err, COTE_NOMEM, "out of memory");
        return 1;
    }
    const char *cached[COTE_FACETS];
    if (cote_facet_cache_get(fx->s->facets, id, len, cached)) {
        for (size_t f = 0; f < COTE_FACETS && !fx->st; f++)
            if (count_values(&fx->counts[f], cached[f], strlen(cached[f])))
                fx->st = cote_error_set(fx->err, COTE_NOMEM, "out of memory");
        return fx->st != COTE_OK;
    }
    char term[COTE_DOC_ID_LEN + 8];
    snprintf(term, sizeof term, "%s%.*s", COTE_PREFIX_ID, (int)len, id);
    cote_docid_t rec;
    fx->st = cote_xdb_find_by_term(fx->s->db, term, &rec, fx->err);
    if (fx->st == COTE_NOT_FOUND) { /* removed since the match: not counted */
        cote_error_clear(fx->err);
        fx->st = COTE_OK;
        return 0;
    }
    if (fx->st)
        return 1;
    unknown_doc_t *d = &fx->docs[fx->n++];
    memset(d, 0, sizeof *d);
    d->record = rec;
    memcpy(d->id, id, len);
    return 0;
}

static int by_record(const void *a, const void *b)
{
    const unknown_doc_t *x = a, *y = b;
    return x->record < y->record ? -1 : x->record > y->record;
}

/* A value of facet fx->slot in a record of fx->docs (sorted by record): kept
 * for the cache, and counted. */
static int read_value(const char *v, size_t n, unsigned long docid, void *ctx)
{
    facets_t *fx = ctx;
    unknown_doc_t key = {.record = (cote_docid_t)docid};
    unknown_doc_t *d = bsearch(&key, fx->docs, fx->n, sizeof *fx->docs, by_record);
    if (d) {
        d->off[fx->slot] = fx->vals.len;
        d->len[fx->slot] = n;
        if (cote_strbuf_append(&fx->vals, v, n))
            fx->st = cote_error_set(fx->err, COTE_NOMEM, "out of memory");
    }
    if (!fx->st && count_values(&fx->counts[fx->slot], v, n))
        fx->st = cote_error_set(fx->err, COTE_NOMEM, "out of memory");
    return fx->st != COTE_OK;
}

/* Facet values are read from the hits' document records (schema.h), in
 * Xapian's value streams (no document fetched: that cost more than the
 * whole match): one entry per document, where the passages' streams have
 * ninety; and kept by document id for the next searches (facet_cache.h). */
_Static_assert(COTE_FACETS == COTE_FACET_CACHE_SLOTS, "a cache slot per facet");

static cote_status_t facets(cote_searcher_t *s, cote_xmset_t *ms, cote_search_response_t *r, cote_error_t *err)
{
    cote_strmap_t counts[COTE_FACETS];
    memset(counts, 0, sizeof counts);
    size_t n = cote_xmset_size(ms);
    facets_t fx = {s, counts, COTE_STRMAP_INIT, n ? calloc(n, sizeof *fx.docs) : NULL, 0, COTE_STRBUF_INIT, 0,
                   COTE_OK, err};
    cote_docid_t *ids = n ? calloc(n, sizeof *ids) : NULL;
    cote_status_t st = n && (!ids || !fx.docs) ? cote_error_set(err, COTE_NOMEM, "out of memory") : COTE_OK;
    for (size_t i = 0; i < n && !st; i++) {
        cote_xhit_t xh;
        st = cote_xmset_hit(ms, i, &xh, err);
        ids[i] = xh.docid;
    }
    /* the documents' ids: the collapse keys the MSet carries (reading them
     * from the passages' value stream was a tenth of a search), else
     * (--in, no collapsing) the value stream */
    size_t keyed = 0;
    for (size_t i = 0; i < n && !st && !fx.st; i++) {
        char key[COTE_DOC_ID_LEN + 1];
        size_t len = 0;
        st = cote_xmset_collapse_key(ms, i, key, sizeof key, &len, err);
        if (!st && len) {
            keyed++;
            take_doc(key, len, 0, &fx);
        }
    }
    if (!st && !fx.st && keyed == 0)
        st = cote_xdb_values_of(s->db, COTE_SLOT_DOC, ids, n, take_doc, &fx, err);
    st = st ? st : fx.st;
    /* the documents not in the cache: their records' values, then into it */
    if (fx.n > 1)
        qsort(fx.docs, fx.n, sizeof *fx.docs, by_record);
    cote_docid_t *records = fx.n ? calloc(fx.n, sizeof *records) : NULL;
    if (!st && fx.n && !records)
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    for (size_t i = 0; i < fx.n && records; i++)
        records[i] = fx.docs[i].record; /* sorted, as values_of wants them (it sorts in place) */
    for (size_t f = 0; f < COTE_FACETS && !st && fx.n; f++) {
        fx.slot = f;
        st = cote_xdb_values_of(s->db, facet_slots[f].slot, records, fx.n, read_value, &fx, err);
        st = st ? st : fx.st;
    }
    for (size_t i = 0; i < fx.n && !st; i++) {
        const char *vals[COTE_FACETS];
        for (size_t f = 0; f < COTE_FACETS; f++)
            vals[f] = fx.docs[i].len[f] ? fx.vals.data + fx.docs[i].off[f] : "";
        st = cote_facet_cache_put(s->facets, fx.docs[i].id, strlen(fx.docs[i].id), vals, fx.docs[i].len, err);
    }
    free(records);
    free(fx.docs);
    free(ids);
    cote_strmap_free(&fx.seen);
    cote_strbuf_free(&fx.vals);
    for (size_t f = 0; f < COTE_FACETS && !st; f++)
        if (build_facet(s, &counts[f], &r->facets[f]))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    for (size_t f = 0; f < COTE_FACETS; f++)
        cote_strmap_free(&counts[f]);
    return st;
}

/* One attempt at running the query and filling r's hits and facets. The
 * matches are read from the first one, so that facets count the best
 * FACET_DOCS matches whatever page is asked for. */
static cote_status_t run_once(cote_searcher_t *s, const cote_xquery_t *q, const cote_parsed_query_t *pq,
                              const cote_search_request_t *req, int collapse, cote_search_response_t *r,
                              cote_error_t *err)
{
    cote_xenquire_t *e = NULL;
    cote_xmset_t *ms = NULL;
    unsigned want = req->offset + req->limit;
    unsigned fetch = want > FACET_DOCS ? want : FACET_DOCS;
    /* one document's sections are all read: its blocks are what is paged */
    if (!collapse)
        fetch = COTE_WITHIN_SECTIONS_MAX;
    cote_status_t st = cote_xenquire_new(s->db, &e, err);
    if (!st)
        st = cote_xenquire_set_query(e, q, err);
    if (!st)
        st = cote_xenquire_set_bm25(e, &bm25, err);
    if (!st)
        st = cote_xenquire_set_collapse_key(e, COTE_SLOT_DOC, collapse ? 1 : 0, err);
    if (!st && s->deadline_ns)
        st = cote_xenquire_set_deadline(e, s->deadline_ns, err);
    if (!st && req->by_date)
        st = cote_xenquire_set_sort_by_value(e, COTE_SLOT_DATE, 1, err);
    if (!st)
        st = cote_xenquire_run(e, 0, fetch, fetch + 1, &ms, err);
    double *weights = NULL;
    cote_strbuf_t probes = COTE_STRBUF_INIT;
    if (!st)
        st = term_weights(s, pq, &weights, err);
    if (!st)
        st = term_probes(s, pq, &probes, err);
    if (!st && collapse) {
        size_t n = cote_xmset_size(ms);
        /* Xapian's estimate counts sections as much as documents when it
         * collapses: all matches were seen when fewer than asked came back,
         * and there are never more than the index's documents */
        unsigned long docs = 0;
        r->total = cote_xmset_estimate(ms, NULL, NULL);
        if (n < fetch)
            r->total = n;
        else if ((st = cote_xdb_term_freq(s->db, COTE_PREFIX_KIND COTE_KIND_DOC, &docs, err)) == COTE_OK &&
                 r->total > docs)
            r->total = docs;
        if (!st)
            st = page_of_documents(s, pq, weights, probes.data, ms, req, r, err);
    } else if (!st) {
        st = page_of_blocks(s, pq, weights, probes.data, ms, req, r, err);
    }
    if (!st)
        st = facets(s, ms, r, err);
    free(weights);
    cote_strbuf_free(&probes);
    cote_xmset_free(ms);
    cote_xenquire_free(e);
    return st;
}

static void free_hits(cote_search_response_t *r)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        cote_hit_t *h = &r->hits[i];
        free(h->file);
        free(h->doc);
        free(h->title);
        free(h->snippet);
        free(h->highlights);
        free(h->kind);
        free(h->label);
        free(h->type);
        free(h->organ);
        free(h->organ_label);
        free(h->organ_label_en);
        free(h->type_en);
        free_symbols(h->symbols, h->n_symbols);
    }
    free(r->hits);
    r->hits = NULL;
    r->n_hits = 0;
}

/* Runs q, reopening and retrying once when the indexer committed under us. */
static cote_status_t run_query(cote_searcher_t *s, const cote_xquery_t *q, const cote_parsed_query_t *pq,
                               const cote_search_request_t *req, int collapse, cote_search_response_t *r,
                               cote_error_t *err)
{
    cote_status_t st = run_once(s, q, pq, req, collapse, r, err);
    if (st == COTE_DB_MODIFIED) {
        free_hits(r);
        free_facets(r);
        cote_error_clear(err);
        st = reopen(s, NULL, err);
        if (!st)
            st = run_once(s, q, pq, req, collapse, r, err);
    }
    return st;
}

static cote_status_t doc_id_of(cote_searcher_t *s, const char *ref, char *id, cote_error_t *err);

static cote_search_response_t *new_response(const char *query, const cote_search_request_t *req)
{
    cote_search_response_t *r = calloc(1, sizeof *r);
    if (!r || !(r->query = strdup(query))) {
        free(r);
        return NULL;
    }
    r->offset = req->offset;
    r->limit = req->limit;
    for (size_t f = 0; f < COTE_FACETS; f++)
        r->facets[f].name = facet_slots[f].name;
    return r;
}

static cote_status_t add_note(cote_search_response_t *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static cote_status_t add_note(cote_search_response_t *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (cote_strbuf_puts(&r->notes, buf) || cote_strbuf_putc(&r->notes, '\0'))
        return COTE_NOMEM;
    r->n_notes++;
    return COTE_OK;
}

/* Builds req (with its query replaced by text) and runs it into r: every
 * passage of one document when req->within names one, else the best passage
 * per document. */
/* Builds req's query (entity_query.h), and once more after a reopen when
 * the indexer committed while the stems' words were read: notes (may be
 * NULL) then keep only the second attempt's, and pq is replaced. */
static cote_status_t build_query(cote_searcher_t *s, const cote_entity_query_ctx_t *ctx,
                                 const cote_search_request_t *req, cote_parsed_query_t *pq, cote_xquery_t **q,
                                 cote_strbuf_t *notes, size_t *n_notes, cote_error_t *err)
{
    size_t notes_len = notes ? notes->len : 0, notes_n = n_notes ? *n_notes : 0;
    cote_status_t st = cote_entity_query_build(ctx, req, pq, q, notes, n_notes, err);
    if (st != COTE_DB_MODIFIED)
        return st;
    cote_xquery_free(*q);
    *q = NULL;
    if (notes) {
        notes->len = notes_len;
        *n_notes = notes_n;
    }
    cote_error_clear(err);
    st = reopen(s, NULL, err);
    return st ? st : cote_entity_query_build(ctx, req, pq, q, notes, n_notes, err);
}

static cote_status_t search_text(cote_searcher_t *s, const cote_search_request_t *req, const char *text,
                                 cote_search_response_t *r, cote_error_t *err)
{
    cote_search_request_t rq = *req;
    rq.query = text;
    cote_parsed_query_t pq = COTE_PARSED_QUERY_INIT;
    cote_xquery_t *q = NULL, *within = NULL, *both = NULL;
    cote_entity_query_ctx_t ctx = {s->an, &s->toks, s->gazetteer, s->db, s->stems, false};
    cote_status_t st = COTE_OK;
    int collapse = !(req->within && *req->within);
    if (!collapse) {
        char id[COTE_DOC_ID_LEN + 1] = "", term[64];
        st = doc_id_of(s, req->within, id, err);
        if (!st) { /* id is set only when the document is known */
            snprintf(term, sizeof term, "%s%s", COTE_PREFIX_DOC, id);
            st = cote_xquery_term(term, 1, 0, &within, err);
        }
    }
    if (!st)
        st = build_query(s, &ctx, &rq, &pq, &q, &r->notes, &r->n_notes, err);
    if (!st && q && within) {
        cote_xquery_t *parts[2] = {q, within};
        st = cote_xquery_combine(COTE_XQ_FILTER, parts, 2, 0, &both, err);
    }
    if (!st && q)
        st = run_query(s, both ? both : q, &pq, req, collapse, r, err);
    cote_xquery_free(both);
    cote_xquery_free(within);
    cote_xquery_free(q);
    cote_parsed_query_free(&pq);
    return st;
}

/* The time limit counts from the request's start: query analysis and a
 * retried or corrected search are inside it. The tests make every limited
 * search run out of time with COTE_FAULT=search-timeout (T150): a search of
 * the seeds is too quick to be stopped any other way. */
static void start_clock(cote_searcher_t *s, const cote_search_request_t *req)
{
    s->deadline_ns = 0;
    if (req->time_limit_ms) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        s->deadline_ns = (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec +
                         (unsigned long long)req->time_limit_ms * 1000000ull;
        const char *fault = getenv("COTE_FAULT");
        if (fault && strcmp(fault, "search-timeout") == 0)
            s->deadline_ns = 1; /* passed long ago */
    }
}

/* st, with a TIMEOUT's message saying what the limit was and what to do. */
static cote_status_t timed_out(const cote_search_request_t *req, cote_status_t st, cote_error_t *err)
{
    if (st != COTE_TIMEOUT)
        return st;
    return cote_error_set(err, COTE_TIMEOUT,
                          "the search was still matching after %u ms, its time limit: narrow the query "
                          "(a phrase, a filter, fewer wildcards) or retry",
                          req->time_limit_ms);
}

cote_status_t cote_searcher_search(cote_searcher_t *s, const cote_search_request_t *req,
                                   cote_search_response_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_status_t st = check_request(req, err);
    if (st)
        return st;
    start_clock(s, req);
    cote_search_response_t *r = new_response(req->query, req);
    if (!r)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    st = search_text(s, req, req->query, r, err);
    cote_suggestion_t sg = COTE_SUGGESTION_INIT;
    if (!st && !req->no_suggest && *req->query)
        st = cote_suggest_query(s->db, s->an, s->stems, &s->toks, req->query, strlen(req->query), &sg, err);
    if (!st && sg.text && r->total == 0 && sg.unknown_only && sg.long_only) {
        /* one typo in long words is forgiven: search what was surely meant */
        cote_search_response_t *c = new_response(req->query, req);
        st = c ? search_text(s, req, sg.text, c, err) : cote_error_set(err, COTE_NOMEM, "out of memory");
        if (!st && c && c->total > 0) {
            st = add_note(c, "aucun résultat pour « %.200s » ; résultats pour « %.200s »", req->query, sg.text);
            cote_search_response_free(r);
            r = c;
            c = NULL;
            r->corrected = true;
        }
        cote_search_response_free(c);
    }
    if (!st && sg.text) {
        r->suggestion = sg.text;
        sg.text = NULL;
    }
    cote_suggestion_free(&sg);
    if (st) {
        cote_search_response_free(r);
        return timed_out(req, st, err);
    }
    *out = r;
    return COTE_OK;
}

cote_status_t cote_searcher_suggest(cote_searcher_t *s, const char *query, char **out, cote_error_t *err)
{
    *out = NULL;
    size_t len = query ? strlen(query) : 0;
    if (len > COTE_QUERY_MAX_BYTES)
        return cote_error_set(err, COTE_TOO_LARGE, "the query is %zu bytes long; the limit is %d", len,
                              COTE_QUERY_MAX_BYTES);
    size_t bad;
    if (!cote_utf8_valid(query ? query : "", len, &bad))
        return cote_error_set(err, COTE_BAD_INPUT, "the query is not valid UTF-8 (byte %zu)", bad);
    cote_suggestion_t sg = COTE_SUGGESTION_INIT;
    cote_status_t st = len ? cote_suggest_query(s->db, s->an, s->stems, &s->toks, query, len, &sg, err) : COTE_OK;
    if (st == COTE_DB_MODIFIED) {
        cote_error_clear(err);
        st = reopen(s, NULL, err);
        if (!st)
            st = cote_suggest_query(s->db, s->an, s->stems, &s->toks, query, len, &sg, err);
    }
    if (!st) {
        *out = sg.text;
        sg.text = NULL;
    }
    cote_suggestion_free(&sg);
    return st;
}

cote_status_t cote_searcher_explain(cote_searcher_t *s, const cote_search_request_t *req, char **reading,
                                    char **xapian, cote_error_t *err)
{
    *reading = *xapian = NULL;
    cote_status_t st = check_request(req, err);
    if (st)
        return st;
    cote_parsed_query_t pq = COTE_PARSED_QUERY_INIT;
    cote_xquery_t *q = NULL;
    /* the words of each stem, as the search runs them; filters as written */
    cote_entity_query_ctx_t ctx = {s->an, &s->toks, s->gazetteer, s->db, s->stems, true};
    st = build_query(s, &ctx, req, &pq, &q, NULL, NULL, err);
    if (!st && q)
        st = cote_xquery_describe(q, xapian, err);
    else if (!st && !(*xapian = strdup("")))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st && !(*reading = strdup(pq.reading.data ? pq.reading.data : "")))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_xquery_free(q);
    cote_parsed_query_free(&pq);
    if (st) {
        free(*reading);
        free(*xapian);
        *reading = *xapian = NULL;
    }
    return st;
}

void cote_search_response_free(cote_search_response_t *r)
{
    if (!r)
        return;
    free_hits(r);
    free_facets(r);
    cote_strbuf_free(&r->notes);
    free(r->suggestion);
    free(r->query);
    free(r);
}

/* The record id term for a reference: a doc id as is, or a path's id. */
static cote_status_t ref_term(const char *ref, char *term, size_t cap)
{
    size_t n = strlen(ref);
    int hex = n == COTE_DOC_ID_LEN;
    for (size_t i = 0; hex && i < n; i++)
        hex = (ref[i] >= '0' && ref[i] <= '9') || (ref[i] >= 'a' && ref[i] <= 'f');
    if (hex) {
        snprintf(term, cap, "%s%s", COTE_PREFIX_ID, ref);
        return COTE_OK;
    }
    char canon[PATH_MAX];
    if (!realpath(ref, canon))
        return COTE_NOT_FOUND;
    char id[COTE_DOC_ID_LEN + 1];
    cote_doc_id(canon, id);
    snprintf(term, cap, "%s%s", COTE_PREFIX_ID, id);
    return COTE_OK;
}

static int add_term(const char *term, size_t len, unsigned long freq, void *ctx)
{
    (void)freq;
    return cote_strmap_add(ctx, term, len, 1) != COTE_OK;
}

typedef struct {
    cote_xdb_t *db;
    int with_counts;
    cote_strmap_t terms;
    unsigned long passages;
    json_t *texts; /* the blocks' texts by block number, when the record holds only the gaps */
    cote_error_t *err;
    cote_status_t st;
} passage_walk_t;

/* One record of a document (its passages, and the document record itself):
 * its terms counted, its text kept at its block number. */
static int walk_passage(const char *term, size_t len, unsigned long docid, void *ctx)
{
    (void)term;
    (void)len;
    passage_walk_t *w = ctx;
    cote_xdoc_t *d = NULL;
    json_t *rec = NULL;
    w->st = cote_xdb_get_document(w->db, (cote_docid_t)docid, &d, w->err);
    if (!w->st && w->with_counts)
        w->st = cote_xdoc_terms(d, add_term, &w->terms, w->err);
    if (!w->st)
        w->st = cote_record_load(d, &rec, w->err);
    /* a section: its blocks' texts at their numbers (the document record has no "blocks" row of that form) */
    json_t *blocks = rec && json_is_array(json_object_get(rec, "blocks")) && !json_object_get(rec, "gaps")
                         ? json_object_get(rec, "blocks")
                         : NULL;
    size_t k;
    json_t *row;
    json_array_foreach(blocks, k, row) {
        json_t *n = json_array_get(row, COTE_BROW_N);
        w->passages++;
        if (w->st || !json_is_integer(n) || json_integer_value(n) < 0 ||
            (size_t)json_integer_value(n) >= json_array_size(w->texts))
            continue;
        if (json_array_set(w->texts, (size_t)json_integer_value(n), json_array_get(row, COTE_BROW_TEXT)))
            w->st = cote_error_set(w->err, COTE_NOMEM, "out of memory");
    }
    json_decref(rec);
    cote_xdoc_free(d);
    return w->st != COTE_OK;
}

/* The document's text, from the gaps its record keeps and its passages'
 * texts (indexer/record.c): set as rec's "text". */
static cote_status_t join_text(json_t *rec, json_t *texts, cote_error_t *err)
{
    json_t *gaps = json_object_get(rec, "gaps");
    cote_strbuf_t text = COTE_STRBUF_INIT;
    int bad = 0;
    for (size_t i = 0; i < json_array_size(gaps) && !bad; i++) {
        json_t *g = json_array_get(gaps, i);
        bad = cote_strbuf_append(&text, json_string_value(g) ? json_string_value(g) : "", json_string_length(g));
        json_t *t = i < json_array_size(texts) ? json_array_get(texts, i) : NULL;
        if (!bad && i + 1 < json_array_size(gaps)) {
            if (!json_is_string(t)) {
                cote_strbuf_free(&text);
                return cote_error_set(err, COTE_DB_CORRUPT, "passage %zu of document %s is missing", i,
                                      json_string_value(json_object_get(rec, "doc")));
            }
            bad = cote_strbuf_append(&text, json_string_value(t), json_string_length(t));
        }
    }
    if (!bad)
        bad = json_object_set_new(rec, "text", json_stringn(text.data ? text.data : "", text.len)) ||
              json_object_del(rec, "gaps");
    cote_strbuf_free(&text);
    return bad ? cote_error_set(err, COTE_NOMEM, "out of memory") : COTE_OK;
}

/* The document record's id term (Q<id>) for ref: its id, a path, an own symbol.
 * Statuses: OK, NOT_FOUND (a message naming ref), DB_*, NOMEM. */
static cote_status_t record_term_of(cote_searcher_t *s, const char *ref, char *term, size_t cap, cote_error_t *err)
{
    if (!ref || !*ref || strlen(ref) > PATH_MAX)
        return cote_error_set(err, COTE_NOT_FOUND, "no document is known as \"%s\"", ref ? ref : "");
    if (ref_term(ref, term, cap)) {
        cote_status_t st = symbol_ref_term(s, ref, term, cap, err);
        if (st == COTE_NOT_FOUND)
            return cote_error_set(err, COTE_NOT_FOUND, "no document is known as \"%s\"", ref);
        if (st)
            return st;
    }
    return COTE_OK;
}

/* The document ref names; with_counts also counts its passages and terms
 * (a walk over every passage, which `cote show` wants and a look-up does not). */
static cote_status_t load_document(cote_searcher_t *s, const char *ref, int with_counts, cote_document_t **out,
                                   cote_error_t *err)
{
    *out = NULL;
    char term[64 + COTE_DOC_ID_LEN];
    cote_status_t rst = record_term_of(s, ref, term, sizeof term, err);
    if (rst)
        return rst;
    cote_docid_t id;
    cote_status_t st = cote_xdb_find_by_term(s->db, term, &id, err);
    if (st == COTE_NOT_FOUND)
        return cote_error_set(err, COTE_NOT_FOUND, "no document is known as \"%s\"", ref);
    cote_xdoc_t *d = NULL;
    json_t *rec = NULL;
    if (!st)
        st = cote_xdb_get_document(s->db, id, &d, err);
    if (!st)
        st = cote_record_load(d, &rec, err);
    /* a walk over its records (the document record among them): the text
     * of each block, when the record keeps only the gaps, and the counts */
    json_t *gaps = rec ? json_object_get(rec, "gaps") : NULL;
    passage_walk_t w = {s->db, with_counts, COTE_STRMAP_INIT, 0, NULL, err, COTE_OK};
    if (!st && (gaps || with_counts)) {
        char xdoc[64];
        const char *docid = json_string_value(json_object_get(rec, "doc"));
        snprintf(xdoc, sizeof xdoc, "%s%s", COTE_PREFIX_DOC, docid ? docid : "");
        w.texts = gaps ? json_array() : NULL;
        for (size_t i = 1; w.texts && i < json_array_size(gaps); i++)
            if (json_array_append_new(w.texts, json_null()))
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
        if (gaps && !w.texts)
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        if (!st)
            st = cote_xdb_postings(s->db, xdoc, walk_passage, &w, err);
        if (!st)
            st = w.st;
        if (!st && gaps)
            st = join_text(rec, w.texts, err);
        json_decref(w.texts);
    }
    cote_document_t *doc = NULL;
    if (!st && !(doc = calloc(1, sizeof *doc)))
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st) {
        doc->file = dup_json_string(rec, "file");
        doc->doc = dup_json_string(rec, "doc");
        doc->title = dup_json_string(rec, "title");
        doc->text = dup_json_string(rec, "text");
        doc->record = json_dumps(rec, JSON_COMPACT);
        if (!doc->file || !doc->doc || !doc->title || !doc->text || !doc->record ||
            dup_symbols(rec, &doc->symbols, &doc->n_symbols))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    if (!st && with_counts) {
        /* the distinct terms of its records: of its passages, and the
         * document record's own (its id and filter terms) */
        doc->terms = w.terms.used;
        doc->passages = w.passages; /* the blocks of its sections */
    }
    cote_strmap_free(&w.terms);
    json_decref(rec);
    cote_xdoc_free(d);
    if (st) {
        cote_document_free(doc);
        return st;
    }
    *out = doc;
    return COTE_OK;
}

cote_status_t cote_searcher_document(cote_searcher_t *s, const char *ref, cote_document_t **out,
                                     cote_error_t *err)
{
    return load_document(s, ref, 1, out, err);
}

void cote_document_free(cote_document_t *d)
{
    if (!d)
        return;
    free(d->file);
    free(d->doc);
    free(d->title);
    free(d->text);
    free(d->record);
    free_symbols(d->symbols, d->n_symbols);
    free(d);
}

/* The stable id of the document ref names (its id, a path, an own symbol). */
static cote_status_t doc_id_of(cote_searcher_t *s, const char *ref, char *id, cote_error_t *err)
{
    char term[64 + COTE_DOC_ID_LEN];
    cote_status_t st = record_term_of(s, ref, term, sizeof term, err);
    if (st)
        return st;
    unsigned long n = 0;
    st = cote_xdb_term_freq(s->db, term, &n, err);
    if (st)
        return st;
    if (n == 0)
        return cote_error_set(err, COTE_NOT_FOUND, "no document is known as \"%s\"", ref);
    const char *hex = term + strlen(COTE_PREFIX_ID);
    if (strlen(hex) != COTE_DOC_ID_LEN)
        return cote_error_set(err, COTE_DB_CORRUPT, "a document id is not %d hex digits", COTE_DOC_ID_LEN);
    memcpy(id, hex, COTE_DOC_ID_LEN + 1);
    return COTE_OK;
}

/* ---- More like this ---- */

#define SIMILAR_SEED_MAX 2000 /* passages of the seed document fed back */
#define SIMILAR_TERMS 25
#define SIMILAR_SPELLING_RECORDS 2 /* records read per word shown (written_form.h) */

/* Words and entities describe a text; the rest (accented forms, which double
 * their accent-free ones, ids, dates, kinds) does not. ctx: the searcher. */
static int similar_term_kept(const char *term, size_t len, void *ctx)
{
    cote_searcher_t *s = ctx;
    if (len >= 3 && !(term[0] >= 'A' && term[0] <= 'Z')) {
        /* numbers, addresses (www.un.org) and stop words (par, aux) say little
         * about the subject; a word kept is its own accent-free form, with a stem */
        for (size_t i = 0; i < len; i++)
            if ((term[i] >= '0' && term[i] <= '9') || term[i] == '.' || term[i] == '/')
                return 0;
        char stem[COTE_TERM_MAX + 8];
        cote_error_t err = {0};
        return cote_word_stem_term(s->an, term, len, stem, sizeof stem, &err) == COTE_OK;
    }
    return (len > 5 && strncmp(term, COTE_PREFIX_ORG, 5) == 0) ||
           (len > 5 && strncmp(term, COTE_PREFIX_SYMBOL, 5) == 0);
}

typedef struct {
    cote_docid_t *ids;
    size_t n, cap;
    cote_docid_t skip;
} docids_t;

static int collect_docid(const char *term, size_t len, unsigned long docid, void *ctx)
{
    (void)term;
    (void)len;
    docids_t *d = ctx;
    if ((cote_docid_t)docid == d->skip)
        return 0;
    if (d->n == d->cap)
        return 1;
    d->ids[d->n++] = (cote_docid_t)docid;
    return 0;
}

typedef struct {
    cote_searcher_t *s;
    cote_xquery_t **subs;
    size_t n;
    cote_parsed_query_t *pq;
    cote_strbuf_t *shown;
    cote_error_t *err;
    cote_status_t st;
} expand_t;

/* A word searches its stem (every form, as a free word does), once per stem;
 * an entity itself. */
static int add_expand_term(const char *term, size_t len, double weight, void *ctx)
{
    (void)weight;
    expand_t *x = ctx;
    char t[COTE_TERM_MAX + 16], stem[COTE_TERM_MAX + 8];
    if (len >= sizeof t)
        return 0;
    memcpy(t, term, len);
    t[len] = '\0';
    int word = !(t[0] >= 'A' && t[0] <= 'Z');
    if (word) {
        x->st = cote_word_stem_term(x->s->an, t, len, stem, sizeof stem, x->err);
        if (x->st == COTE_NOT_FOUND || (!x->st && cote_parsed_query_has_term(x->pq, stem))) {
            x->st = COTE_OK;
            return 0;
        }
        if (!x->st)
            x->st = cote_stem_forms_query(x->s->stems, x->s->db, x->s->an, stem, 0, &x->subs[x->n], x->err);
    } else {
        x->st = cote_xquery_term(t, 1, 0, &x->subs[x->n], x->err);
    }
    if (x->st)
        return 1;
    x->n++;
    /* words as the text writes them (accents: written_form.h), organisations
     * as the filter that finds them, symbols as written */
    int org = strncmp(t, COTE_PREFIX_ORG, strlen(COTE_PREFIX_ORG)) == 0;
    char *written = NULL;
    if (word && (x->st = cote_searcher_written_form(x->s, t, SIMILAR_SPELLING_RECORDS, &written, x->err)))
        return 1;
    const char *show = word ? written : strchr(t, ':') + 1;
    const char *mark = word ? stem : t; /* what highlights it: a stem, every form */
    bool oom = (x->shown->len && cote_strbuf_puts(x->shown, ", ")) || (org && cote_strbuf_puts(x->shown, "org:")) ||
               cote_strbuf_puts(x->shown, show) || cote_strbuf_puts(&x->pq->terms, mark) ||
               cote_strbuf_putc(&x->pq->terms, '\0');
    free(written);
    if (oom) {
        x->st = cote_error_set(x->err, COTE_NOMEM, "out of memory");
        return 1;
    }
    x->pq->n_terms++;
    return 0;
}

/* The section record holding block `block` of document id: sections are
 * runs of consecutive blocks, each named by its first (Q<id>#<first>), so
 * it is the one with the greatest first block <= block. Statuses: OK,
 * NOT_FOUND, and those of cote_xdb_find_by_term. */
static cote_status_t section_of_block(cote_searcher_t *s, const char *id, long block, cote_docid_t *out,
                                      cote_error_t *err)
{
    char term[64 + COTE_DOC_ID_LEN];
    for (long k = block; k >= 0; k--) {
        snprintf(term, sizeof term, "%s%s#%ld", COTE_PREFIX_ID, id, k);
        cote_status_t st = cote_xdb_find_by_term(s->db, term, out, err);
        if (st != COTE_NOT_FOUND)
            return st;
        cote_error_clear(err);
    }
    return cote_error_set(err, COTE_NOT_FOUND, "no section holds block %ld", block);
}

/* The seed: every passage of the document, or the one passage selector names. */
static cote_status_t similar_seed(cote_searcher_t *s, const char *ref, const char *selector, docids_t *seed,
                                  char *id, cote_error_t *err)
{
    cote_status_t st = doc_id_of(s, ref, id, err);
    char term[64 + COTE_DOC_ID_LEN];
    if (!st && selector) {
        cote_document_t *d = NULL;
        cote_passage_t psg;
        st = load_document(s, id, 0, &d, err);
        if (!st)
            st = cote_document_passage(d, selector, &psg, err);
        if (!st)
            st = section_of_block(s, id, psg.block, &seed->ids[0], err);
        if (st == COTE_NOT_FOUND)
            st = cote_error_set(err, COTE_NOT_FOUND, "passage %s of %s holds no indexed word", selector, ref);
        seed->n = st ? 0 : 1;
        cote_document_free(d);
        return st;
    }
    if (!st) {
        snprintf(term, sizeof term, "%s%s", COTE_PREFIX_ID, id);
        st = cote_xdb_find_by_term(s->db, term, &seed->skip, err);
    }
    if (!st) {
        snprintf(term, sizeof term, "%s%s", COTE_PREFIX_DOC, id);
        st = cote_xdb_postings(s->db, term, collect_docid, seed, err);
    }
    if (!st && seed->n == 0)
        st = cote_error_set(err, COTE_NOT_FOUND, "%s holds no indexed passage", ref);
    return st;
}

static cote_status_t similar_once(cote_searcher_t *s, const char *ref, const cote_search_request_t *req,
                                  cote_search_response_t *r, cote_error_t *err)
{
    char base[PATH_MAX + 64];
    snprintf(base, sizeof base, "%s", ref);
    char *hash = strrchr(base, '#');
    const char *selector = NULL;
    if (hash && hash[1]) {
        *hash = '\0';
        selector = hash + 1;
    }
    docids_t seed = {calloc(SIMILAR_SEED_MAX, sizeof(cote_docid_t)), 0, SIMILAR_SEED_MAX, 0};
    cote_xquery_t *subs[SIMILAR_TERMS + 1] = {0};
    cote_parsed_query_t pq = COTE_PARSED_QUERY_INIT;
    cote_strbuf_t shown = COTE_STRBUF_INIT;
    expand_t x = {s, subs, 0, &pq, &shown, err, COTE_OK};
    cote_xenquire_t *e = NULL;
    cote_xquery_t *like = NULL, *self = NULL, *q = NULL, *filters = NULL, *filtered = NULL;
    char id[COTE_DOC_ID_LEN + 1] = "";
    cote_status_t st = seed.ids ? similar_seed(s, base, selector, &seed, id, err)
                                : cote_error_set(err, COTE_NOMEM, "out of memory");
    if (!st)
        st = cote_xenquire_new(s->db, &e, err);
    if (!st)
        st = cote_xenquire_expand(e, seed.ids, seed.n, SIMILAR_TERMS, similar_term_kept, s, add_expand_term,
                                  &x, err);
    if (!st)
        st = x.st;
    if (!st && x.n == 0)
        st = cote_error_set(err, COTE_NOT_FOUND, "%s has no word that tells it from the rest of the index", ref);
    if (!st)
        st = cote_xquery_combine(COTE_XQ_OR, subs, x.n, 0, &like, err);
    char term[64];
    snprintf(term, sizeof term, "%s%s", COTE_PREFIX_DOC, id);
    if (!st)
        st = cote_xquery_term(term, 1, 0, &self, err);
    if (!st) {
        cote_xquery_t *parts[2] = {like, self};
        st = cote_xquery_combine(COTE_XQ_AND_NOT, parts, 2, 0, &q, err);
    }
    /* the request's filters, as an empty query with them would apply them */
    cote_entity_query_ctx_t ctx = {s->an, &s->toks, s->gazetteer, s->db, s->stems, false};
    cote_search_request_t rq = *req;
    rq.query = "";
    cote_parsed_query_t fpq = COTE_PARSED_QUERY_INIT;
    if (!st)
        st = cote_entity_query_build(&ctx, &rq, &fpq, &filters, &r->notes, &r->n_notes, err);
    if (!st && filters) {
        cote_xquery_t *parts[2] = {q, filters};
        st = cote_xquery_combine(COTE_XQ_FILTER, parts, 2, 0, &filtered, err);
    }
    if (!st)
        st = add_note(r, "termes les plus propres à %s : %.400s", ref, shown.data ? shown.data : "");
    if (!st)
        st = run_query(s, filtered ? filtered : q, &pq, req, selector == NULL, r, err);
    for (size_t i = 0; i < x.n; i++)
        cote_xquery_free(subs[i]);
    cote_xquery_free(like);
    cote_xquery_free(self);
    cote_xquery_free(q);
    cote_xquery_free(filters);
    cote_xquery_free(filtered);
    cote_xenquire_free(e);
    cote_parsed_query_free(&pq);
    cote_parsed_query_free(&fpq);
    cote_strbuf_free(&shown);
    free(seed.ids);
    return st;
}

cote_status_t cote_searcher_similar(cote_searcher_t *s, const char *ref, const cote_search_request_t *req,
                                    cote_search_response_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_status_t st = check_request(req, err);
    if (st)
        return st;
    if (*req->query)
        return cote_error_set(err, COTE_INVALID_ARG, "a similarity search takes no query");
    start_clock(s, req);
    if (!ref || !*ref || strlen(ref) > PATH_MAX)
        return cote_error_set(err, COTE_NOT_FOUND, "no document is known as \"%s\"", ref ? ref : "");
    cote_search_response_t *r = new_response(ref, req);
    if (!r)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    st = similar_once(s, ref, req, r, err);
    if (st == COTE_DB_MODIFIED) {
        cote_search_response_free(r);
        cote_error_clear(err);
        r = new_response(ref, req);
        st = r ? reopen(s, NULL, err) : cote_error_set(err, COTE_NOMEM, "out of memory");
        if (!st)
            st = similar_once(s, ref, req, r, err);
    }
    if (st) {
        cote_search_response_free(r);
        return timed_out(req, st, err);
    }
    *out = r;
    return COTE_OK;
}
