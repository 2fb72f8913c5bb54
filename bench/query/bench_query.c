/* bench_query: query latency of the cote searcher, in process.
 *
 *   bench_query DB QUERIES.tsv [--rounds N] [--limit N] [--time-limit MS]
 *
 * Opens the index DB once with cote_searcher_open, reads the cote column of
 * QUERIES.tsv (bench/query/queries.tsv: id, kind, cote, xapian, fts5; lines
 * starting with '#' are comments) and runs every query through
 * cote_searcher_search with limit 10 (--limit): the parsed query with its
 * entities and filters, BM25 over passages, the hits with their snippets and
 * highlights, and the facets, exactly what `cote search` and the web server
 * get. One warm-up round of every query comes first and is not counted; then
 * N rounds (default 20), each running the queries in file order, so a slow
 * moment of this shared machine hits every query alike.
 *
 * Each call is timed with CLOCK_MONOTONIC, from the request to the freed
 * response. Output (stdout), the format shared with xapian_qp and
 * fts5_bench.py:
 *
 *   id  kind  hits  total  median_ms  p99_ms  max_ms   (one line per query)
 *   ALL -     hits  -      median_ms  p99_ms  max_ms   (every timed call)
 *
 * hits is the number of hits returned, total the estimated matches; p99 is
 * the nearest-rank 99th percentile (of N samples per query: with N < 100 it
 * is the slowest round; of N x queries samples on the ALL line). A comment
 * line at the end sums what the responses held (snippet bytes, facet
 * values), so nothing is optimised away.
 *
 * Not a test: it asserts no speed. Exit status 0 when every query ran, 1 when
 * a search failed, 2 on bad usage or an unreadable index or query file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "searcher.h"

#define ROUNDS_DEFAULT 20
#define ROUNDS_MAX 10000
#define QUERIES_MAX 1000
#define LINE_MAX_BYTES 4096

typedef struct {
    char *id, *kind, *text;
    double *ms;          /* one sample per round */
    size_t hits;         /* of the last round */
    unsigned long total;
} query_t;

/* What the responses held, summed over every timed call. */
typedef struct {
    unsigned long long hits, snippet_bytes, highlights, facet_values;
} work_t;

static void usage(FILE *f)
{
    fputs("Usage: bench_query DB QUERIES.tsv [--rounds N] [--limit N] [--time-limit MS]\n"
          "Runs the cote column of QUERIES.tsv through cote_searcher_search N rounds\n"
          "(default 20) after one warm-up round; prints per-query and overall\n"
          "median and p99 latency in ms. --time-limit sets each search's limit, as\n"
          "`cote serve` does (default none), to measure what checking it costs.\n",
          f);
}

static int parse_count(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* The n-th tab-separated field of line (0-based), cut in place; NULL if absent. */
static char *field(char *line, int n)
{
    char *p = line;
    for (int i = 0; i < n; i++) {
        p = strchr(p, '\t');
        if (!p)
            return NULL;
        p++;
    }
    char *end = strchr(p, '\t');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, p, len);
        out[len] = '\0';
    }
    return out;
}

static int load_queries(const char *path, query_t *q, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "bench_query: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[LINE_MAX_BYTES];
    int rc = 0;
    *n = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (*n == QUERIES_MAX) {
            fprintf(stderr, "bench_query: %s: more than %d queries\n", path, QUERIES_MAX);
            rc = -1;
            break;
        }
        query_t *x = &q[*n];
        x->id = field(line, 0);
        x->kind = field(line, 1);
        x->text = field(line, 2);
        (*n)++;
        if (!x->id || !x->kind || !x->text || !x->text[0]) {
            fprintf(stderr, "bench_query: %s: line of query %zu has no cote column\n", path, *n);
            rc = -1;
        }
    }
    fclose(f);
    if (rc == 0 && *n == 0) {
        fprintf(stderr, "bench_query: %s: no query\n", path);
        rc = -1;
    }
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static unsigned time_limit_ms; /* --time-limit */

/* One search, timed from the request to the freed response. */
static int run_one(cote_searcher_t *s, query_t *q, unsigned limit, work_t *w, double *ms)
{
    cote_search_request_t req;
    memset(&req, 0, sizeof req);
    req.query = q->text;
    req.limit = limit;
    req.time_limit_ms = time_limit_ms;
    cote_error_t err;
    cote_error_clear(&err);
    cote_search_response_t *r = NULL;
    double t0 = now_ms();
    cote_status_t st = cote_searcher_search(s, &req, &r, &err);
    if (st) {
        fprintf(stderr, "bench_query: %s (%s): %s\n", q->id, q->text, cote_error_text(&err));
        return -1;
    }
    q->hits = r->n_hits;
    q->total = r->total;
    w->hits += r->n_hits;
    for (size_t i = 0; i < r->n_hits; i++) {
        w->snippet_bytes += strlen(r->hits[i].snippet);
        w->highlights += r->hits[i].n_highlights;
    }
    for (size_t f = 0; f < COTE_FACETS; f++)
        w->facet_values += r->facets[f].n;
    cote_search_response_free(r);
    *ms = now_ms() - t0;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v, then: the median, and the nearest-rank percentile p (0..1). */
static void stats(double *v, size_t n, double *median, double *p99, double *max)
{
    qsort(v, n, sizeof *v, by_value);
    *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    size_t rank = (99 * n + 99) / 100; /* ceil(0.99 n) */
    *p99 = v[rank ? rank - 1 : 0];
    *max = v[n - 1];
}

int main(int argc, char **argv)
{
    const char *db = NULL, *qpath = NULL;
    long rounds = ROUNDS_DEFAULT, limit = 10;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            if (parse_count(argv[++i], 1, ROUNDS_MAX, &rounds)) {
                usage(stderr);
                return 2;
            }
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            if (parse_count(argv[++i], 1, COTE_LIMIT_MAX, &limit)) {
                usage(stderr);
                return 2;
            }
        } else if (strcmp(argv[i], "--time-limit") == 0 && i + 1 < argc) {
            long ms = 0;
            if (parse_count(argv[++i], 1, COTE_TIME_LIMIT_MAX_MS, &ms)) {
                usage(stderr);
                return 2;
            }
            time_limit_ms = (unsigned)ms;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] != '-' && !db) {
            db = argv[i];
        } else if (argv[i][0] != '-' && !qpath) {
            qpath = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!db || !qpath) {
        usage(stderr);
        return 2;
    }

    static query_t queries[QUERIES_MAX];
    size_t nq = 0;
    int rc = load_queries(qpath, queries, &nq) ? 2 : 0;
    cote_searcher_t *s = NULL;
    cote_error_t err;
    cote_error_clear(&err);
    if (rc == 0 && cote_searcher_open(db, &s, &err)) {
        fprintf(stderr, "bench_query: %s: %s\n", db, cote_error_text(&err));
        rc = 2;
    }
    double *all = rc == 0 ? malloc((size_t)rounds * nq * sizeof *all) : NULL;
    if (rc == 0 && !all)
        rc = 2;
    for (size_t i = 0; i < nq && rc == 0; i++)
        if (!(queries[i].ms = malloc((size_t)rounds * sizeof *queries[i].ms)))
            rc = 2;

    work_t w = {0, 0, 0, 0}, warm = {0, 0, 0, 0};
    double ms;
    for (size_t i = 0; i < nq && rc == 0; i++)
        if (run_one(s, &queries[i], (unsigned)limit, &warm, &ms))
            rc = 1;
    size_t n_all = 0;
    for (long r = 0; r < rounds && rc == 0; r++)
        for (size_t i = 0; i < nq && rc == 0; i++) {
            if (run_one(s, &queries[i], (unsigned)limit, &w, &ms))
                rc = 1;
            queries[i].ms[r] = ms;
            all[n_all++] = ms;
        }

    if (rc == 0) {
        printf("# bench_query: cote_searcher_search, index %s, %zu queries, limit %ld, "
               "%ld rounds after 1 warm-up round\n",
               db, nq, limit, rounds);
        printf("id\tkind\thits\ttotal\tmedian_ms\tp99_ms\tmax_ms\n");
        for (size_t i = 0; i < nq; i++) {
            double med, p99, max;
            stats(queries[i].ms, (size_t)rounds, &med, &p99, &max);
            printf("%s\t%s\t%zu\t%lu\t%.3f\t%.3f\t%.3f\n", queries[i].id, queries[i].kind, queries[i].hits,
                   queries[i].total, med, p99, max);
        }
        double med, p99, max;
        stats(all, n_all, &med, &p99, &max);
        printf("ALL\t-\t%llu\t-\t%.3f\t%.3f\t%.3f\n", w.hits, med, p99, max);
        printf("# work: %llu hits, %llu snippet bytes, %llu highlights, %llu facet values\n", w.hits,
               w.snippet_bytes, w.highlights, w.facet_values);
    }

    for (size_t i = 0; i < nq; i++) {
        free(queries[i].id);
        free(queries[i].kind);
        free(queries[i].text);
        free(queries[i].ms);
    }
    free(all);
    cote_searcher_free(s);
    return rc;
}
