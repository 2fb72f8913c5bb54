/* run.c: a `cote index` run over one database or over shards, one indexer
 * per shard in its own thread (run.h). */
#include "run.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "generation.h"
#include "schema.h"
#include "strbuf.h"
#include "strmap.h"
#include "xdb.h"

unsigned cote_index_shards(const char *db_path)
{
    char stub[PATH_MAX];
    if (snprintf(stub, sizeof stub, "%s/%s", db_path, COTE_GEN_STUB) >= (int)sizeof stub)
        return 0;
    FILE *f = fopen(stub, "r");
    if (!f)
        return 0;
    unsigned n = 0;
    char line[PATH_MAX + 32];
    /* only shards count: a single database's stub names its generation (generation.h) */
    while (fgets(line, sizeof line, f))
        n += strncmp(line, "auto shard", 10) == 0;
    fclose(f);
    return n;
}

/* The stub names the shards relative to itself: the folder can move. The
 * shards' databases are created first, so that the stub never names a
 * folder without one: a run killed at any point leaves an index that opens
 * (or none, and the next run starts it again). */
static cote_status_t write_stub(const char *db_path, unsigned n, cote_error_t *err)
{
    if (mkdir(db_path, 0777) != 0 && errno != EEXIST)
        return cote_error_set(err, COTE_IO, "%s: %s", db_path, strerror(errno));
    for (unsigned i = 0; i < n; i++) {
        char p[PATH_MAX];
        if (snprintf(p, sizeof p, "%s/shard%u", db_path, i) >= (int)sizeof p)
            return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", db_path);
        cote_xdb_t *db = NULL;
        cote_status_t st = cote_xdb_open_writable(p, COTE_XDB_CREATE_OR_OPEN, &db, err);
        if (!st)
            st = cote_xdb_commit(db, err);
        cote_xdb_close(db);
        if (st)
            return st;
    }
    cote_strbuf_t text = COTE_STRBUF_INIT;
    for (unsigned i = 0; i < n; i++)
        if (cote_strbuf_printf(&text, "auto shard%u\n", i)) {
            cote_strbuf_free(&text);
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        }
    cote_status_t st = cote_gen_write_stub(db_path, text.data, err);
    cote_strbuf_free(&text);
    return st;
}

/* What an index of the other layout left in db_path, when it is rebuilt. */
static void remove_layout(const char *db_path, unsigned old_shards, bool glass)
{
    char p[PATH_MAX];
    for (unsigned i = 0; i < old_shards; i++)
        if (snprintf(p, sizeof p, "%s/shard%u", db_path, i) < (int)sizeof p)
            cote_gen_remove_tree(p);
    if (old_shards && snprintf(p, sizeof p, "%s/%s", db_path, COTE_GEN_STUB) < (int)sizeof p)
        unlink(p);
    if (glass)
        cote_gen_remove_all(db_path);
    static const char *const tables[] = {"iamglass", "flintlock", "docdata.glass", "position.glass",
                                         "postlist.glass", "spelling.glass", "synonym.glass", "termlist.glass"};
    for (size_t i = 0; glass && i < sizeof tables / sizeof *tables; i++)
        if (snprintf(p, sizeof p, "%s/%s", db_path, tables[i]) < (int)sizeof p)
            unlink(p);
}

typedef struct {
    pthread_mutex_t lock;
    cote_outcome_fn fn;
    void *ctx;
} shared_outcomes_t;

static void locked_outcome(const cote_outcome_t *o, void *ctx)
{
    shared_outcomes_t *s = ctx;
    pthread_mutex_lock(&s->lock);
    s->fn(o, s->ctx);
    pthread_mutex_unlock(&s->lock);
}

typedef struct {
    char path[PATH_MAX];
    cote_index_options_t opt;
    char *const *paths;
    size_t n;
    cote_status_t st;
    cote_error_t err;
    cote_index_totals_t totals;
    char warning[COTE_ERROR_MSG_MAX];
    cote_indexer_t *ix; /* open until every shard is done (cote_index_run) */
} worker_t;

/* A shard's run up to its finish: the new generation it wrote (a rebuild,
 * a compaction) is switched to by cote_index_run, with the other shards'. */
static void *work(void *arg)
{
    worker_t *w = arg;
    w->st = cote_indexer_open(w->path, &w->opt, &w->ix, &w->err);
    if (w->st)
        return NULL;
    cote_indexer_t *ix = w->ix;
    snprintf(w->warning, sizeof w->warning, "%s", cote_indexer_warning(ix));
    for (size_t i = 0; i < w->n; i++) {
        cote_error_t perr;
        cote_error_clear(&perr);
        cote_status_t st = cote_indexer_add_path(ix, w->paths[i], &perr);
        if (st == COTE_NOT_FOUND || st == COTE_IO) {
            /* a path given that cannot be read: one failure, told once */
            if (w->opt.shards <= 1 || w->opt.shard == 0) {
                w->totals.failed++;
                if (w->opt.on_outcome) {
                    cote_outcome_t o = {w->paths[i], COTE_OUTCOME_FAILED, st, cote_error_text(&perr), 0, ""};
                    w->opt.on_outcome(&o, w->opt.ctx);
                }
            }
        } else if (st) {
            w->st = st;
            w->err = perr;
            break;
        }
    }
    if (!w->st) {
        cote_error_t ferr;
        cote_error_clear(&ferr);
        cote_status_t fst = cote_indexer_finish(ix, &ferr);
        if (fst) {
            w->st = fst;
            w->err = ferr;
        }
    }
    return NULL;
}

/* Adds up a shard's totals, then closes it (which drops what its switch
 * replaced, or what it prepared when it was not switched). */
static void end_work(worker_t *w)
{
    cote_indexer_t *ix = w->ix;
    if (!ix)
        return;
    cote_index_totals_t t = cote_indexer_totals(ix);
    w->totals.indexed += t.indexed;
    w->totals.skipped += t.skipped;
    w->totals.failed += t.failed;
    w->totals.unchanged += t.unchanged;
    w->totals.removed += t.removed;
    w->totals.bytes += t.bytes;
    w->totals.compacted += t.compacted;
    w->totals.compact_before += t.compact_before;
    w->totals.compact_after += t.compact_after;
    w->totals.compact_seconds += t.compact_seconds;
    cote_error_t cerr;
    cote_error_clear(&cerr);
    cote_status_t cst = cote_indexer_close(ix, &cerr);
    w->ix = NULL;
    if (!w->st && cst) {
        w->st = cst;
        w->err = cerr;
    }
}

/* Appends the learned-acronym lines of tsv whose id (first field) is new. */
static cote_status_t union_learned(cote_strbuf_t *all, cote_strmap_t *ids, const char *tsv, size_t len)
{
    for (const char *p = tsv; p < tsv + len;) {
        const char *nl = memchr(p, '\n', (size_t)(tsv + len - p));
        size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(tsv + len - p);
        const char *tab = memchr(p, '\t', n);
        if (tab && !cote_strmap_get(ids, p, (size_t)(tab - p)) &&
            (cote_strmap_add(ids, p, (size_t)(tab - p), 1) || cote_strbuf_append(all, p, n)))
            return COTE_NOMEM;
        p += n;
    }
    return COTE_OK;
}

/* Every shard learns what any learned; the first also lists every failure. */
static cote_status_t merge_metadata(worker_t *w, unsigned n, cote_error_t *err)
{
    cote_strbuf_t learned = COTE_STRBUF_INIT, failed = COTE_STRBUF_INIT;
    cote_strmap_t ids = COTE_STRMAP_INIT;
    cote_status_t st = COTE_OK;
    for (unsigned i = 0; i < n && !st; i++) {
        cote_xdb_t *db = NULL;
        char *v = NULL, *f = NULL;
        size_t vn = 0, fn = 0;
        st = cote_xdb_open(w[i].path, &db, err);
        if (!st)
            st = cote_xdb_get_metadata(db, COTE_META_LEARNED, &v, &vn, err);
        if (!st)
            st = cote_xdb_get_metadata(db, COTE_META_FAILED, &f, &fn, err);
        if (!st && (union_learned(&learned, &ids, v, vn) || cote_strbuf_append(&failed, f, fn)))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        free(v);
        free(f);
        cote_xdb_close(db);
    }
    for (unsigned i = 0; i < n && !st; i++) {
        cote_xdb_t *db = NULL;
        st = cote_xdb_open_writable(w[i].path, COTE_XDB_OPEN, &db, err);
        if (!st)
            st = cote_xdb_set_metadata(db, COTE_META_LEARNED, learned.data ? learned.data : "", learned.len, err);
        if (!st && i == 0)
            st = cote_xdb_set_metadata(db, COTE_META_FAILED, failed.data ? failed.data : "", failed.len, err);
        if (!st)
            st = cote_xdb_commit(db, err);
        cote_xdb_close(db);
    }
    cote_strbuf_free(&learned);
    cote_strbuf_free(&failed);
    cote_strmap_free(&ids);
    return st;
}

/* The first shard's failure (its error into err), or OK. */
static cote_status_t first_failure(const worker_t *w, unsigned n, cote_error_t *err)
{
    for (unsigned i = 0; i < n; i++)
        if (w[i].st) {
            if (err)
                *err = w[i].err;
            return w[i].st;
        }
    return COTE_OK;
}

unsigned cote_index_default_shards(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores >= 2 ? COTE_DEFAULT_SHARDS : 1;
}

cote_status_t cote_index_run(const char *db_path, const cote_index_options_t *opt, unsigned shards,
                             char *const *paths, size_t n, cote_index_run_t *out, cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    unsigned existing = cote_index_shards(db_path);
    bool glass = cote_gen_has_database(db_path);
    /* an index keeps its layout; a new one gets the default */
    unsigned want = shards ? shards : existing ? existing : glass ? 1 : cote_index_default_shards();
    if (want > COTE_SHARDS_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "at most %d shards", COTE_SHARDS_MAX);
    if (!opt->rebuild && existing && want != existing)
        return cote_error_set(err, COTE_INVALID_ARG, "the index at %s has %u shards; --rebuild to change them",
                              db_path, existing);
    if (!opt->rebuild && !existing && glass && want > 1)
        return cote_error_set(err, COTE_INVALID_ARG, "the index at %s is one database; --rebuild to shard it",
                              db_path);
    if (opt->rebuild && ((want > 1 && glass) || (want == 1 && existing)))
        remove_layout(db_path, existing, glass);
    cote_status_t st = want > 1 && existing != want ? write_stub(db_path, want, err) : COTE_OK;
    if (st)
        return st;
    out->shards = want;

    worker_t *w = calloc(want, sizeof *w);
    if (!w)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    shared_outcomes_t shared = {PTHREAD_MUTEX_INITIALIZER, opt->on_outcome, opt->ctx};
    for (unsigned i = 0; i < want; i++) {
        if (want == 1)
            snprintf(w[i].path, sizeof w[i].path, "%s", db_path);
        else
            snprintf(w[i].path, sizeof w[i].path, "%s/shard%u", db_path, i);
        w[i].opt = *opt;
        w[i].opt.shard = i;
        w[i].opt.shards = want;
        w[i].opt.hold_switch = want > 1;
        if (opt->on_outcome && want > 1) {
            w[i].opt.on_outcome = locked_outcome;
            w[i].opt.ctx = &shared;
        }
        w[i].paths = paths;
        w[i].n = n;
        cote_error_clear(&w[i].err);
    }
    pthread_t *threads = want > 1 ? calloc(want, sizeof *threads) : NULL;
    unsigned started = 0;
    if (want == 1) {
        work(&w[0]);
    } else if (!threads) {
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    } else {
        for (; started < want; started++)
            if (pthread_create(&threads[started], NULL, work, &w[started]) != 0) {
                st = cote_error_set(err, COTE_INTERNAL, "cannot start an indexing thread: %s", strerror(errno));
                break;
            }
        for (unsigned i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
    }
    if (!st)
        st = first_failure(w, want, err);
    /* Every shard ready: their new generations go live one right after the
     * other (a stub renamed each), so that a server never answers from
     * some shards rebuilt and others not for longer than that; one that
     * failed leaves all as they were. */
    for (unsigned i = 0; i < want && !st; i++)
        if (w[i].ix && (st = cote_indexer_switch(w[i].ix, &w[i].err)) != COTE_OK && err)
            *err = w[i].err;
    for (unsigned i = 0; i < want; i++)
        end_work(&w[i]);
    if (!st)
        st = first_failure(w, want, err);
    for (unsigned i = 0; i < want; i++) {
        out->totals.indexed += w[i].totals.indexed;
        out->totals.skipped += w[i].totals.skipped;
        out->totals.failed += w[i].totals.failed;
        out->totals.unchanged += w[i].totals.unchanged;
        out->totals.removed += w[i].totals.removed;
        out->totals.bytes += w[i].totals.bytes;
        out->totals.compacted += w[i].totals.compacted;
        out->totals.compact_before += w[i].totals.compact_before;
        out->totals.compact_after += w[i].totals.compact_after;
        if (w[i].totals.compact_seconds > out->totals.compact_seconds) /* shards compact at once */
            out->totals.compact_seconds = w[i].totals.compact_seconds;
        if (!out->warning[0] && w[i].warning[0])
            snprintf(out->warning, sizeof out->warning, "%s", w[i].warning);
    }
    if (!st && want > 1 && started == want)
        st = merge_metadata(w, want, err);
    free(threads);
    free(w);
    pthread_mutex_destroy(&shared.lock);
    return st;
}
