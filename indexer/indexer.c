/* indexer.c: drives each file through read -> analyse -> record -> write, walks
 * directories, and commits in batches. Per-file problems become outcomes;
 * only database and memory failures stop the run. A file whose stamp (size,
 * mtime, content hash) is the one recorded is left alone, and the documents
 * of files gone from a walked directory are removed (indexer.h). */
#include "indexer.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis.h"
#include "clean.h"
#include "doc_entities.h"
#include "generation.h"
#include "lexicon.h"
#include "orgs.h"
#include "read_input.h"
#include "read_text.h"
#include "record.h"
#include "schema.h"
#include "stage.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xdb.h"

/* Files per commit. Xapian's writer keeps a batch's postings in maps, per
 * term, of the documents it added: the larger they grow, the longer each
 * insertion (cache misses down a deeper tree). On the 100 MB bench corpus,
 * 25 files a commit indexed in 0.79x the time of 200, in 68 MB instead of
 * 197 MB, and the compacted index is the same size (measured as whole
 * processes, /usr/bin/time, one run each, on the same machine). */
#define DEFAULT_BATCH 25
/* Text per commit, whatever the number of files: a batch of large files
 * (books, compilations) must not hold the writer's memory unbounded. */
#define BATCH_BYTES ((size_t)16 << 20)
/* Files analysed ahead of the writer: enough to keep both threads busy
 * (documents differ in size), few enough to bound the memory (each holds
 * its text and records until written). */
#define STAGE_FILES 4
#define FAILED_MAX_BYTES ((size_t)1 << 20)
#define MAX_DEPTH 64

/* Threads share an indexer during a run (stage.h): the repair threads each
 * own one of lex[] and the job they repair; the analysis thread owns an,
 * gazetteer, entities, learned_ids and toks; the writer (the caller's
 * thread) owns everything else and the database. */
struct cote_indexer {
    cote_xdb_t *db;
    cote_stage_t *stage;      /* the analysis thread, fed by index_file */
    cote_analyser_t *an;
    cote_lexicon_t *lex[COTE_INDEX_THREADS_MAX]; /* one per repair thread; NULL when no
                                                  * dictionary: structure repairs only */
    unsigned n_lex;
    cote_gazetteer_t *gazetteer;
    cote_doc_entities_t entities;
    cote_strbuf_t learned;    /* TSV lines of acronyms the corpus defined (COTE_META_LEARNED) */
    cote_strmap_t learned_ids;
    int learned_dirty;
    cote_strbuf_t failed;     /* this run's failures, for COTE_META_FAILED */
    cote_strmap_t seen;       /* canonical paths of the files met this run */
    bool reporting;           /* outcomes now are this indexer's to report (shards) */
    int schema_dirty;         /* COTE_META_SCHEMA to write at close (check_schema) */
    unsigned section_words;   /* of this index's sections (record.h) */
    char warning[COTE_ERROR_MSG_MAX];
    cote_token_list_t toks;      /* the analysis thread's scratch */
    cote_token_list_t text_toks; /* a document's whole text analysed (by the organisation
                                  * recogniser), its blocks' tokens reused by the records */
    cote_index_options_t opt;
    cote_index_totals_t totals;
    unsigned pending;
    size_t pending_bytes;     /* text written since the last commit */
    char path[PATH_MAX];       /* the database folder */
    char build[PATH_MAX];      /* a rebuild's generation (generation.h), written while the
                                * old data answers; "" when writing the folder itself */
    cote_xdb_t *live;          /* during a rebuild: the old data, held open for its lock */
    bool unsynced;             /* a build: commits do not wait for the disk (COTE_XDB_NO_SYNC) */
    cote_index_totals_t committed; /* the totals at the last commit: what a failed run reports */
    bool finished;
    cote_gen_compaction_t compaction; /* what finish compacted: old removed at close */
};

static cote_status_t load_corpus_gazetteer(cote_indexer_t *ix, cote_error_t *err);
static void analyse_job(void *job, void *ctx);

/* Repair threads of one writer: as asked, else the online cores shared
 * among the shards' writers, at least one. */
static unsigned repair_threads(const cote_index_options_t *opt)
{
    unsigned n = opt->threads;
    if (!n) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        unsigned writers = opt->shards ? opt->shards : 1;
        n = cores > 0 ? (unsigned)cores / writers : 1;
    }
    return n < 1 ? 1 : n > COTE_INDEX_THREADS_MAX ? COTE_INDEX_THREADS_MAX : n;
}

static void repair_job(void *job, void *ctx);

/* Is the database at path empty (a shard created before its index's stub,
 * run.h)? Any error says no. */
static bool holds_nothing(const char *path)
{
    cote_xdb_t *db = NULL;
    unsigned long n = 1;
    if (cote_xdb_open(path, &db, NULL) == COTE_OK)
        (void)cote_xdb_doc_count(db, &n, NULL);
    cote_xdb_close(db);
    return n == 0;
}

/* Records written by another schema version, or with sections of another
 * size, are rewritten: the run is forced. A run that does not ask for a
 * section size keeps the index's; a new index (or a rebuild) takes the
 * default. The new size is committed with the first batch, and the schema
 * version taken out until the run ends (commit_last): a run stopped
 * halfway leaves records of both sizes, and the next run, finding no
 * version, rewrites them all with the new one. */
static cote_status_t check_schema(cote_indexer_t *ix, cote_error_t *err)
{
    char *v = NULL;
    size_t n = 0;
    cote_status_t st = cote_xdb_get_metadata(ix->db, COTE_META_SCHEMA, &v, &n, err);
    bool stale = !st && (n != strlen(COTE_SCHEMA_VERSION) || memcmp(v, COTE_SCHEMA_VERSION, n) != 0);
    free(v);
    v = NULL;
    if (!st)
        st = cote_xdb_get_metadata(ix->db, COTE_META_SECTION_WORDS, &v, &n, err);
    unsigned stored = st ? 0 : cote_section_words_parse(v, n);
    free(v);
    ix->section_words = ix->opt.section_words ? ix->opt.section_words
                        : stored                 ? stored
                                                 : COTE_SECTION_WORDS_DEFAULT;
    if (st || (!stale && ix->section_words == stored))
        return st;
    ix->opt.force = true;
    ix->schema_dirty = 1;
    char words[16];
    int w = snprintf(words, sizeof words, "%u", ix->section_words);
    st = cote_xdb_set_metadata(ix->db, COTE_META_SECTION_WORDS, words, (size_t)w, err);
    return st ? st : cote_xdb_set_metadata(ix->db, COTE_META_SCHEMA, "", 0, err);
}

cote_status_t cote_indexer_open(const char *db_path, const cote_index_options_t *opt,
                                cote_indexer_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_indexer_t *ix = calloc(1, sizeof *ix);
    if (!ix)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_token_list_t empty = COTE_TOKEN_LIST_INIT;
    ix->toks = empty;
    ix->text_toks = empty;
    cote_doc_entities_t ents = COTE_DOC_ENTITIES_INIT;
    ix->entities = ents;
    if (opt)
        ix->opt = *opt;
    if (!ix->opt.batch)
        ix->opt.batch = DEFAULT_BATCH;
    ix->reporting = true;
    if (snprintf(ix->path, sizeof ix->path, "%s", db_path) >= (int)sizeof ix->path) {
        free(ix);
        return cote_error_set(err, COTE_TOO_LARGE, "index path too long: %s", db_path);
    }
    /* A rebuild of a database that answers searches writes a generation of
     * its own and switches at the end, holding the old one's lock meanwhile
     * so that no other run writes what the switch would drop. */
    cote_status_t st = COTE_OK;
    /* A build (a new index, or a rebuild's generation) commits its batches
     * without waiting for the disk: an fsync per table per batch was an
     * eighth of a first run's time on the 20 MB bench corpus (the same runs
     * without fsync: 0.87 of the time). A killed run loses nothing committed
     * (the kernel holds it). The build is made durable when it ends: the
     * compaction's output is synced, or finish syncs the files. An index
     * that already answers searches keeps synced commits. */
    ix->unsynced = ix->opt.rebuild || !cote_gen_has_database(db_path) || holds_nothing(db_path);
    if (ix->opt.rebuild && cote_gen_has_database(db_path)) {
        st = cote_xdb_open_writable(db_path, COTE_XDB_OPEN, &ix->live, err);
        if (!st)
            st = cote_gen_start(db_path, ix->build, sizeof ix->build, err);
    } else if (ix->opt.rebuild) {
        cote_gen_remove_all(db_path);
    }
    if (!st)
        st = cote_xdb_open_writable(ix->build[0] ? ix->build : db_path,
                                    (ix->opt.rebuild ? COTE_XDB_CREATE_OR_OVERWRITE : COTE_XDB_CREATE_OR_OPEN) |
                                        (ix->unsynced ? COTE_XDB_NO_SYNC : 0),
                                    &ix->db, err);
    /* work is committed by batches in transactions: a run stopped by an
     * error leaves exactly its last commit, which is what it reports */
    if (!st)
        st = cote_xdb_begin_transaction(ix->db, 1, err);
    if (!st)
        st = cote_analyser_new(&ix->an, err);
    if (!st)
        st = cote_gazetteer_new(ix->an, &ix->gazetteer, err);
    if (!st)
        st = load_corpus_gazetteer(ix, err);
    if (!st)
        st = check_schema(ix, err);
    ix->n_lex = repair_threads(&ix->opt);
    for (unsigned i = 0; !st && i < ix->n_lex; i++) {
        /* Without the dictionary the text is still repaired, but split words stay split. */
        cote_error_t lerr;
        cote_error_clear(&lerr);
        if (cote_lexicon_open(NULL, &ix->lex[i], &lerr) != COTE_OK) {
            snprintf(ix->warning, sizeof ix->warning, "%s; words split by PDF extraction will not be rejoined",
                     cote_error_text(&lerr));
            break;
        }
    }
    /* last: from here the analysis threads own their part of ix */
    if (!st)
        st = cote_stage_start(STAGE_FILES + ix->n_lex, ix->n_lex, repair_job, (void *const *)ix->lex, analyse_job,
                              ix, &ix->stage, err);
    if (st) {
        cote_xdb_close(ix->db);
        cote_xdb_close(ix->live);
        cote_gazetteer_free(ix->gazetteer);
        cote_analyser_free(ix->an);
        for (unsigned i = 0; i < ix->n_lex; i++)
            cote_lexicon_free(ix->lex[i]);
        cote_strbuf_free(&ix->learned);
        cote_strmap_free(&ix->learned_ids);
        free(ix);
        return st;
    }
    *out = ix;
    return COTE_OK;
}

/* The organisations this index knows beyond the built-in gazetteer: those a
 * user added with --gazetteer (kept in the index, so later runs and the
 * searcher know them too) and the acronyms its documents defined. */
static cote_status_t load_corpus_gazetteer(cote_indexer_t *ix, cote_error_t *err)
{
    char *extra = NULL, *learned = NULL;
    size_t extra_len = 0, learned_len = 0;
    cote_status_t st = COTE_OK;
    if (ix->opt.gazetteer) {
        char *before = NULL;
        size_t before_len = 0;
        st = cote_read_text(ix->opt.gazetteer, (size_t)16 << 20, &extra, &extra_len, err);
        if (!st)
            st = cote_gazetteer_add_tsv(ix->gazetteer, ix->an, extra, extra_len, ix->opt.gazetteer, err);
        if (!st)
            st = cote_xdb_get_metadata(ix->db, COTE_META_GAZETTEER, &before, &before_len, err);
        /* other organisations: files indexed before may hold them too */
        if (!st && (before_len != extra_len || memcmp(before, extra, extra_len) != 0))
            ix->opt.force = true;
        free(before);
        if (!st)
            st = cote_xdb_set_metadata(ix->db, COTE_META_GAZETTEER, extra, extra_len, err);
    } else {
        st = cote_xdb_get_metadata(ix->db, COTE_META_GAZETTEER, &extra, &extra_len, err);
        if (!st && extra_len)
            st = cote_gazetteer_add_tsv(ix->gazetteer, ix->an, extra, extra_len, "the index's gazetteer", err);
    }
    if (!st)
        st = cote_xdb_get_metadata(ix->db, COTE_META_LEARNED, &learned, &learned_len, err);
    if (!st && learned_len) {
        st = cote_gazetteer_add_tsv(ix->gazetteer, ix->an, learned, learned_len, "the index's learned acronyms", err);
        if (!st && cote_strbuf_append(&ix->learned, learned, learned_len))
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
        /* remember the ids already there */
        for (const char *p = learned; !st && p < learned + learned_len;) {
            const char *tab = memchr(p, '\t', (size_t)(learned + learned_len - p));
            const char *nl = memchr(p, '\n', (size_t)(learned + learned_len - p));
            if (tab && (!nl || tab < nl) && cote_strmap_add(&ix->learned_ids, p, (size_t)(tab - p), 1))
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
            p = nl ? nl + 1 : learned + learned_len;
        }
    }
    free(extra);
    free(learned);
    return st;
}

/* Acronyms this document defined for names the gazetteer lacks become known
 * to the rest of the corpus (the next documents, and the searcher). */
static cote_status_t learn_acronyms(cote_indexer_t *ix, const cote_clean_doc_t *clean, cote_strbuf_t *lines,
                                    cote_error_t *err)
{
    const cote_entity_list_t *orgs = &ix->entities.orgs;
    for (size_t i = 0; i < orgs->n; i++) {
        const cote_entity_t *e = &orgs->v[i];
        size_t idn = strlen(e->canon);
        if (strncmp(e->canon, "sigle-", 6) != 0 || cote_strmap_get(&ix->learned_ids, e->canon, idn))
            continue;
        size_t n = e->end - e->start;
        const char *name = clean->text.data + e->start;
        if (n > 300 || memchr(name, '\t', n) || memchr(name, '\n', n))
            continue;
        char acr[64];
        size_t k = 0;
        for (const char *c = e->canon + 6; *c && k + 1 < sizeof acr; c++)
            acr[k++] = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32) : *c;
        acr[k] = '\0';
        if (strcmp(acr, "") == 0 || k == n)
            continue; /* the entity is the acronym itself, not its definition */
        size_t before = lines->len;
        if (cote_strbuf_printf(lines, "%s\t%.*s\t%s\t\t\t\tlearned\n", e->canon, (int)n, name, acr) ||
            cote_strmap_add(&ix->learned_ids, e->canon, idn, 1))
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        cote_status_t st = cote_gazetteer_add_tsv(ix->gazetteer, ix->an, lines->data + before, lines->len - before,
                                                  "a learned acronym", err);
        if (st)
            return st;
    }
    return COTE_OK;
}

const char *cote_indexer_warning(const cote_indexer_t *ix)
{
    return ix->warning;
}

cote_index_totals_t cote_indexer_totals(const cote_indexer_t *ix)
{
    cote_index_totals_t t = ix->totals;
    if (!ix->finished) { /* stopped: what was written since the last commit is lost */
        t.indexed = ix->committed.indexed;
        t.removed = ix->committed.removed;
    }
    return t;
}

/* With shards, what belongs to no shard's file is reported by shard 0. */
static bool reports_shared(const cote_indexer_t *ix)
{
    return ix->opt.shards <= 1 || ix->opt.shard == 0;
}

/* Does document doc belong to this indexer's shard? Its id is already a hash. */
static bool in_shard(const cote_indexer_t *ix, const char *doc)
{
    if (ix->opt.shards <= 1)
        return true;
    return strtoull(doc + COTE_DOC_ID_LEN - 8, NULL, 16) % ix->opt.shards == ix->opt.shard;
}

static void report(cote_indexer_t *ix, const char *path, cote_outcome_kind_t kind, cote_status_t st,
                   const char *msg, size_t bytes, const char *doc)
{
    if (!ix->reporting)
        return;
    switch (kind) {
    case COTE_OUTCOME_INDEXED: ix->totals.indexed++; ix->totals.bytes += bytes; break;
    case COTE_OUTCOME_SKIPPED: ix->totals.skipped++; break;
    case COTE_OUTCOME_UNCHANGED: ix->totals.unchanged++; break;
    case COTE_OUTCOME_REMOVED: ix->totals.removed++; break;
    case COTE_OUTCOME_FAILED:
        ix->totals.failed++;
        /* kept for `cote stats`; bounded, a line per file, no tab or newline inside a field */
        if (ix->failed.len < FAILED_MAX_BYTES) {
            size_t at = ix->failed.len;
            if (cote_strbuf_printf(&ix->failed, "%s\t%s\t%s\n", path, cote_status_name(st), msg ? msg : ""))
                break;
            for (size_t i = at; i + 1 < ix->failed.len; i++)
                if (ix->failed.data[i] == '\n')
                    ix->failed.data[i] = ' ';
        }
        break;
    }
    if (ix->opt.on_outcome) {
        cote_outcome_t o = {path, kind, st, msg ? msg : "", bytes, doc ? doc : ""};
        ix->opt.on_outcome(&o, ix->opt.ctx);
    }
}

/* Hard errors end the run; everything else is about one file. */
static int is_hard(cote_status_t st)
{
    switch (st) {
    case COTE_NOMEM: case COTE_DB_LOCKED: case COTE_DB_OPEN: case COTE_DB_CORRUPT:
    case COTE_DB_READONLY: case COTE_DB_MODIFIED: case COTE_INTERNAL:
        return 1;
    default:
        return 0;
    }
}

/* Commits the batch's transaction, and with again starts the next. */
static cote_status_t commit_batch(cote_indexer_t *ix, bool again, cote_error_t *err)
{
    ix->pending = 0;
    ix->pending_bytes = 0;
    if (ix->learned_dirty) {
        cote_status_t st = cote_xdb_set_metadata(ix->db, COTE_META_LEARNED, ix->learned.data, ix->learned.len, err);
        if (st)
            return st;
        ix->learned_dirty = 0;
    }
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t wn = strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cote_status_t st = cote_xdb_set_metadata(ix->db, COTE_META_COMMITTED, when, wn, err);
    if (!st)
        st = cote_xdb_set_metadata(ix->db, COTE_META_FAILED, ix->failed.data, ix->failed.len, err);
    if (!st)
        st = cote_xdb_commit_transaction(ix->db, err);
    if (!st)
        ix->committed = ix->totals;
    if (!st && again)
        st = cote_xdb_begin_transaction(ix->db, 1, err);
    return st;
}

static cote_status_t drain(cote_indexer_t *ix, cote_error_t *err);

cote_status_t cote_indexer_commit(cote_indexer_t *ix, cote_error_t *err)
{
    cote_status_t st = drain(ix, err);
    return st ? st : commit_batch(ix, true, err);
}

/* ---- The stamp of a file (COTE_SLOT_SOURCE): what incremental runs compare ---- */

typedef struct {
    unsigned long long size;
    long long mtime_ns;
    char hash[17]; /* "" when unknown */
} stamp_t;

static void stamp_of(const struct stat *sb, stamp_t *s)
{
    s->size = (unsigned long long)sb->st_size;
    s->mtime_ns = (long long)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec;
    s->hash[0] = '\0';
}

static void hash_text(const char *text, size_t len, stamp_t *s)
{
    snprintf(s->hash, sizeof s->hash, "%016llx", (unsigned long long)cote_hash64(text, len));
}

/* ---- A file between the threads ---- */

typedef struct {
    /* in: what the writer found and decided */
    char path[PATH_MAX];
    char canon[PATH_MAX];
    char doc[COTE_DOC_ID_LEN + 1];
    stamp_t now;                /* size and mtime; the hash once read */
    bool known;                 /* indexed before, with this content hash: */
    char was_hash[17];
    /* out: what the repair and analysis threads made of it */
    char source[PATH_MAX + 96]; /* the stamp, COTE_SLOT_SOURCE */
    char *text;
    size_t len;
    bool unchanged;             /* read, and the same text as indexed: restamped only */
    bool unread;                /* st is the reading's: the file's failure, not the run's
                                 * (but for NOMEM) */
    cote_clean_doc_t clean;
    cote_status_t st;
    cote_error_t err;
    cote_xdoc_t **records; /* the document record, then its sections */
    size_t n, cap;
    cote_strbuf_t learned; /* gazetteer lines of the acronyms it defined */
} file_job_t;

static void job_free(file_job_t *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++)
        cote_xdoc_free(j->records[i]);
    free(j->records);
    free(j->text);
    cote_strbuf_free(&j->learned);
    cote_clean_doc_free(&j->clean);
    free(j);
}

static cote_status_t keep_record(const char *unique, cote_xdoc_t *record, void *ctx, cote_error_t *err)
{
    (void)unique; /* the writer deletes the document's records by XDOC, then adds */
    file_job_t *j = ctx;
    if (j->n == j->cap) {
        size_t cap = j->cap ? 2 * j->cap : 16;
        cote_xdoc_t **r = realloc(j->records, cap * sizeof *r);
        if (!r) {
            cote_xdoc_free(record);
            return cote_error_set(err, COTE_NOMEM, "out of memory");
        }
        j->records = r;
        j->cap = cap;
    }
    j->records[j->n++] = record;
    return COTE_OK;
}

/* On a repair thread, with its own dictionary (ctx): the file alone, read
 * (a PDF's text extracted), compared with what was indexed, repaired. */
static void repair_job(void *job, void *ctx)
{
    file_job_t *j = job;
    cote_error_clear(&j->err);
    j->st = cote_read_input(j->path, COTE_INDEX_MAX_FILE_BYTES, &j->text, &j->len, &j->err);
    if (j->st) {
        j->unread = true;
        j->len = 0;
        return;
    }
    hash_text(j->text, j->len, &j->now);
    snprintf(j->source, sizeof j->source, "%llu\t%lld\t%s\t%s", j->now.size, j->now.mtime_ns, j->now.hash,
             j->canon);
    /* touched, not changed: the writer remembers the new mtime, keeps the records */
    j->unchanged = j->known && strcmp(j->was_hash, j->now.hash) == 0;
    if (!j->unchanged)
        j->st = cote_clean(ctx, j->text, j->len, &j->clean, &j->err);
    free(j->text);
    j->text = NULL;
}

/* On the analysis thread, in file order: entities, acronyms learned (which
 * the next files use), records. */
static void analyse_job(void *job, void *ctx)
{
    file_job_t *j = job;
    cote_indexer_t *ix = ctx;
    cote_record_input_t in = {j->path,  j->doc,        &j->clean,        &ix->entities,
                              ix->gazetteer, j->source, &ix->text_toks, ix->section_words};
    if (j->unchanged)
        return;
    if (!j->st)
        j->st = cote_doc_entities(ix->gazetteer, ix->an, &ix->text_toks, &j->clean, &ix->entities, &j->err);
    if (!j->st)
        j->st = learn_acronyms(ix, &j->clean, &j->learned, &j->err);
    if (!j->st)
        j->st = cote_record_build(ix->an, &ix->toks, &in, keep_record, j, &j->err);
    /* what the writer needs is in the records now */
    cote_clean_doc_free(&j->clean);
}

/* On the writer: the file's records replace its old ones (in the same
 * commit), or its failure is told. Frees the job. */
static cote_status_t restamp(cote_indexer_t *ix, const char *doc, const char *source, cote_error_t *err);

static cote_status_t write_job(cote_indexer_t *ix, file_job_t *j, cote_error_t *err)
{
    ix->reporting = true;
    cote_status_t st = j->st;
    cote_error_t ferr = j->err;
    if (!st && j->unchanged) {
        st = restamp(ix, j->doc, j->source, &ferr);
        if (!st)
            report(ix, j->path, COTE_OUTCOME_UNCHANGED, COTE_OK, "", 0, j->doc);
        else
            report(ix, j->path, COTE_OUTCOME_FAILED, st, cote_error_text(&ferr), 0, NULL);
        job_free(j);
        if (st)
            return is_hard(st) ? cote_error_set(err, st, "%s: %s", j->path, cote_error_text(&ferr)) : COTE_OK;
        return ++ix->pending >= ix->opt.batch ? commit_batch(ix, true, err) : COTE_OK;
    }
    if (!st) {
        /* a new version of a file may have fewer sections: drop every record
         * of the old one first */
        char docterm[64];
        snprintf(docterm, sizeof docterm, "%s%s", COTE_PREFIX_DOC, j->doc);
        st = cote_xdb_delete_by_term(ix->db, docterm, &ferr);
    }
    /* every record holding one of its unique terms is gone with XDOC: add */
    for (size_t i = 0; i < j->n && !st; i++)
        st = cote_xdb_add_document(ix->db, j->records[i], &ferr);
    if (!st && j->learned.len) {
        if (cote_strbuf_append(&ix->learned, j->learned.data, j->learned.len))
            st = cote_error_set(&ferr, COTE_NOMEM, "out of memory");
        ix->learned_dirty = 1;
    }
    if (st) {
        report(ix, j->path, COTE_OUTCOME_FAILED, st, cote_error_text(&ferr), j->len, NULL);
        if (j->unread ? st == COTE_NOMEM : is_hard(st))
            st = cote_error_set(err, st, "%s: %s", j->path, cote_error_text(&ferr));
        else
            st = COTE_OK;
        job_free(j);
        return st;
    }
    report(ix, j->path, COTE_OUTCOME_INDEXED, COTE_OK, "", j->len, j->doc);
    ix->pending_bytes += j->len;
    job_free(j);
    if (++ix->pending >= ix->opt.batch || ix->pending_bytes >= BATCH_BYTES)
        return commit_batch(ix, true, err);
    return COTE_OK;
}

/* Writes every file the analysis thread holds: before anything that reads
 * or commits what they change. */
static cote_status_t drain(cote_indexer_t *ix, cote_error_t *err)
{
    cote_status_t st = COTE_OK;
    for (file_job_t *j; ix->stage && (j = cote_stage_pop(ix->stage));) {
        if (st)
            job_free(j); /* the run stops: what is left is not written */
        else
            st = write_job(ix, j, err);
    }
    return st;
}

/* ---- Incremental runs: the stamp of a file (COTE_SLOT_SOURCE) ---- */


/* The stamp recorded for document doc: *found 0 when none (never indexed,
 * or by a cote that kept none). */
static cote_status_t recorded_stamp(cote_indexer_t *ix, const char *doc, stamp_t *out, int *found,
                                    cote_error_t *err)
{
    *found = 0;
    char term[64];
    snprintf(term, sizeof term, "%s%s", COTE_PREFIX_ID, doc);
    cote_docid_t id;
    cote_status_t st = cote_xdb_find_by_term(ix->db, term, &id, err);
    if (st == COTE_NOT_FOUND) {
        cote_error_clear(err);
        return COTE_OK;
    }
    cote_xdoc_t *d = NULL;
    if (!st)
        st = cote_xdb_get_document(ix->db, id, &d, err);
    const char *v = NULL;
    size_t n = 0;
    if (!st)
        st = cote_xdoc_value(d, COTE_SLOT_SOURCE, &v, &n, err);
    if (!st && n) {
        char buf[64];
        size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
        memcpy(buf, v, k);
        buf[k] = '\0';
        char hash[17];
        if (sscanf(buf, "%llu\t%lld\t%16[0-9a-f]", &out->size, &out->mtime_ns, hash) == 3) {
            memcpy(out->hash, hash, sizeof hash);
            *found = 1;
        }
    }
    cote_xdoc_free(d);
    return st;
}

/* The document record of doc, its stamp replaced (same content, new mtime). */
static cote_status_t restamp(cote_indexer_t *ix, const char *doc, const char *source, cote_error_t *err)
{
    char term[64];
    snprintf(term, sizeof term, "%s%s", COTE_PREFIX_ID, doc);
    cote_docid_t id;
    cote_xdoc_t *d = NULL;
    cote_status_t st = cote_xdb_find_by_term(ix->db, term, &id, err);
    if (!st)
        st = cote_xdb_get_document(ix->db, id, &d, err);
    if (!st)
        st = cote_xdoc_set_value(d, COTE_SLOT_SOURCE, source, strlen(source), err);
    if (!st)
        st = cote_xdb_replace_by_term(ix->db, term, d, NULL, err);
    cote_xdoc_free(d);
    return st;
}

static cote_status_t index_file(cote_indexer_t *ix, const char *path, cote_error_t *err)
{
    ix->reporting = reports_shared(ix);
    if (cote_input_kind(path) == COTE_INPUT_NONE) {
        report(ix, path, COTE_OUTCOME_SKIPPED, COTE_UNSUPPORTED, "not a .txt or .pdf file", 0, NULL);
        return COTE_OK;
    }
    cote_error_t ferr;
    cote_error_clear(&ferr);
    if (!cote_utf8_valid(path, strlen(path), NULL)) {
        report(ix, path, COTE_OUTCOME_FAILED, COTE_BAD_INPUT, "the file name is not UTF-8", 0, NULL);
        return COTE_OK;
    }
    char canon[PATH_MAX];
    struct stat sb;
    if (!realpath(path, canon) || stat(canon, &sb) != 0) {
        report(ix, path, COTE_OUTCOME_FAILED, COTE_IO, strerror(errno), 0, NULL);
        return COTE_OK;
    }
    char doc[COTE_DOC_ID_LEN + 1];
    cote_doc_id(canon, doc);
    if (!in_shard(ix, doc))
        return COTE_OK; /* another shard's */
    ix->reporting = true;
    if (cote_strmap_add(&ix->seen, canon, strlen(canon), 1))
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    stamp_t now, was;
    stamp_of(&sb, &now);
    int known = 0;
    cote_status_t st = ix->opt.force ? COTE_OK : recorded_stamp(ix, doc, &was, &known, &ferr);
    if (st) {
        report(ix, path, COTE_OUTCOME_FAILED, st, cote_error_text(&ferr), 0, NULL);
        return is_hard(st) ? cote_error_set(err, st, "%s: %s", path, cote_error_text(&ferr)) : COTE_OK;
    }
    if (known && was.size == now.size && was.mtime_ns == now.mtime_ns) {
        report(ix, path, COTE_OUTCOME_UNCHANGED, COTE_OK, "", 0, doc);
        return COTE_OK;
    }
    file_job_t *j = calloc(1, sizeof *j);
    if (!j)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_clean_doc_t clean = COTE_CLEAN_DOC_INIT;
    j->clean = clean;
    snprintf(j->path, sizeof j->path, "%s", path);
    snprintf(j->canon, sizeof j->canon, "%s", canon);
    memcpy(j->doc, doc, sizeof j->doc);
    j->now = now;
    j->known = known && was.hash[0];
    memcpy(j->was_hash, was.hash, sizeof j->was_hash);
    /* the oldest analysed files are written while this one is analysed */
    st = COTE_OK;
    while (!st && cote_stage_full(ix->stage)) {
        file_job_t *done = cote_stage_pop(ix->stage);
        st = write_job(ix, done, err);
    }
    if (st) {
        job_free(j);
        return st;
    }
    cote_stage_push(ix->stage, j);
    return COTE_OK;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static cote_status_t walk(cote_indexer_t *ix, const char *dir, int depth, cote_error_t *err);

static cote_status_t visit(cote_indexer_t *ix, const char *path, int depth, cote_error_t *err)
{
    ix->reporting = reports_shared(ix);
    struct stat sb;
    if (stat(path, &sb) != 0) {
        report(ix, path, COTE_OUTCOME_FAILED, COTE_IO, strerror(errno), 0, NULL);
        return COTE_OK;
    }
    if (S_ISDIR(sb.st_mode))
        return walk(ix, path, depth + 1, err);
    if (!S_ISREG(sb.st_mode)) {
        report(ix, path, COTE_OUTCOME_SKIPPED, COTE_UNSUPPORTED, "not a regular file", 0, NULL);
        return COTE_OK;
    }
    return index_file(ix, path, err);
}

static cote_status_t walk(cote_indexer_t *ix, const char *dir, int depth, cote_error_t *err)
{
    ix->reporting = reports_shared(ix);
    if (depth > MAX_DEPTH) {
        report(ix, dir, COTE_OUTCOME_SKIPPED, COTE_TOO_LARGE, "directories nested too deep (a loop?)", 0, NULL);
        return COTE_OK;
    }
    DIR *d = opendir(dir);
    ix->reporting = reports_shared(ix);
    if (!d) {
        report(ix, dir, COTE_OUTCOME_FAILED, COTE_IO, strerror(errno), 0, NULL);
        return COTE_OK;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    cote_status_t st = COTE_OK;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') /* ., .. and hidden files (editors' and VCS droppings) */
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                st = cote_error_set(err, COTE_NOMEM, "out of memory");
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) {
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (!st && n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    cote_strbuf_t path = COTE_STRBUF_INIT;
    for (size_t i = 0; i < n && !st; i++) {
        cote_strbuf_reset(&path);
        size_t dl = strlen(dir);
        if (cote_strbuf_append(&path, dir, dl) ||
            (dl && dir[dl - 1] != '/' && cote_strbuf_putc(&path, '/')) ||
            cote_strbuf_puts(&path, names[i])) {
            st = cote_error_set(err, COTE_NOMEM, "out of memory");
            break;
        }
        st = visit(ix, path.data, depth, err);
    }
    cote_strbuf_free(&path);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
}

typedef struct {
    const char *root; /* canonical directory, no trailing slash */
    size_t root_len;
    const cote_strmap_t *seen;
    cote_strbuf_t gone; /* NUL-terminated canonical paths */
    int oom;
} gone_scan_t;

static int note_if_gone(const char *v, size_t n, unsigned long docid, void *ctx)
{
    (void)docid;
    gone_scan_t *g = ctx;
    /* size \t mtime \t hash \t path */
    const char *p = v;
    for (int tabs = 0; tabs < 3 && p; tabs++) {
        p = memchr(p, '\t', n - (size_t)(p - v));
        if (p)
            p++;
    }
    if (!p)
        return 0;
    size_t pn = n - (size_t)(p - v);
    if (pn <= g->root_len || memcmp(p, g->root, g->root_len) != 0 || p[g->root_len] != '/' ||
        cote_strmap_get(g->seen, p, pn))
        return 0;
    g->oom = cote_strbuf_append(&g->gone, p, pn) || cote_strbuf_putc(&g->gone, '\0');
    return g->oom;
}

/* Deletes the documents of files that were under dir (canonical) and were
 * not met while walking it: they were deleted, moved or renamed. */
static cote_status_t remove_gone(cote_indexer_t *ix, const char *dir, cote_error_t *err)
{
    gone_scan_t g = {dir, strlen(dir), &ix->seen, COTE_STRBUF_INIT, 0};
    if (g.root_len && dir[g.root_len - 1] == '/')
        g.root_len--; /* the root directory itself */
    cote_status_t st = drain(ix, err);
    if (!st)
        st = cote_xdb_values(ix->db, COTE_SLOT_SOURCE, note_if_gone, &g, err);
    if (!st && g.oom)
        st = cote_error_set(err, COTE_NOMEM, "out of memory");
    ix->reporting = true; /* only this shard's documents are in its database */
    for (const char *p = g.gone.data; !st && p && p < g.gone.data + g.gone.len; p += strlen(p) + 1) {
        char doc[COTE_DOC_ID_LEN + 1], term[64];
        cote_doc_id(p, doc);
        snprintf(term, sizeof term, "%s%s", COTE_PREFIX_DOC, doc);
        st = cote_xdb_delete_by_term(ix->db, term, err);
        if (!st) {
            report(ix, p, COTE_OUTCOME_REMOVED, COTE_OK, "no longer in the folder", 0, doc);
            if (++ix->pending >= ix->opt.batch)
                st = cote_indexer_commit(ix, err);
        }
    }
    cote_strbuf_free(&g.gone);
    return st;
}

cote_status_t cote_indexer_add_path(cote_indexer_t *ix, const char *path, cote_error_t *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return cote_error_set(err, errno == ENOENT ? COTE_NOT_FOUND : COTE_IO, "%s: %s", path,
                              strerror(errno));
    cote_status_t st = visit(ix, path, 0, err);
    char canon[PATH_MAX];
    if (!st && S_ISDIR(sb.st_mode) && realpath(path, canon))
        st = remove_gone(ix, canon, err);
    return st;
}

static cote_status_t commit_last(cote_indexer_t *ix, cote_error_t *err)
{
    cote_status_t st = ix->schema_dirty ? cote_xdb_set_metadata(ix->db, COTE_META_SCHEMA, COTE_SCHEMA_VERSION,
                                                                strlen(COTE_SCHEMA_VERSION), err)
                                        : COTE_OK;
    if (!st)
        st = commit_batch(ix, false, err);
    if (!st)
        ix->schema_dirty = 0;
    return st;
}

/* Compaction rewrites the whole database: worth it after a run that wrote
 * much of it (a first run, a rebuild, a new schema), not after a nightly run
 * that changed a few files. */
static cote_status_t should_compact(cote_indexer_t *ix, bool *yes, cote_error_t *err)
{
    unsigned long changed = ix->totals.indexed + ix->totals.removed, docs = 0;
    *yes = false;
    if (ix->opt.compact == COTE_COMPACT_NEVER || changed == 0)
        return COTE_OK;
    if (ix->opt.compact == COTE_COMPACT_ALWAYS) {
        *yes = true;
        return COTE_OK;
    }
    cote_status_t st = cote_xdb_term_freq(ix->db, COTE_PREFIX_KIND COTE_KIND_DOC, &docs, err);
    *yes = !st && changed * 2 >= docs;
    return st;
}

cote_status_t cote_indexer_finish(cote_indexer_t *ix, cote_error_t *err)
{
    if (ix->finished)
        return COTE_OK;
    bool compact = false;
    cote_status_t st = drain(ix, err);
    if (!st)
        st = commit_last(ix, err);
    if (!st)
        st = should_compact(ix, &compact, err);
    /* a build that stays as it is must be on disk before it is the index */
    if (!st && ix->unsynced && !compact)
        st = cote_gen_sync_database(ix->build[0] ? ix->build : ix->path, err);
    /* a rebuild's generation becomes the index, compacted or as it is */
    if (!st && ix->build[0])
        st = compact ? cote_gen_prepare_compact(ix->path, ix->build, &ix->compaction, err)
                     : cote_gen_prepare_switch(ix->path, ix->build, &ix->compaction, err);
    else if (!st && compact)
        st = cote_gen_prepare_compact(ix->path, NULL, &ix->compaction, err);
    ix->finished = !st;
    if (!st && !ix->opt.hold_switch)
        st = cote_indexer_switch(ix, err);
    return st;
}

cote_status_t cote_indexer_switch(cote_indexer_t *ix, cote_error_t *err)
{
    if (!ix->finished || ix->compaction.switched || !ix->compaction.now[0])
        return COTE_OK;
    cote_status_t st = cote_gen_commit(ix->path, &ix->compaction, err);
    if (st) {
        ix->finished = false;
        return st;
    }
    if (ix->compaction.compacted) {
        ix->totals.compacted++;
        ix->totals.compact_before += ix->compaction.bytes_before;
        ix->totals.compact_after += ix->compaction.bytes_after;
        ix->totals.compact_seconds += ix->compaction.seconds;
    }
    return COTE_OK;
}

cote_status_t cote_indexer_close(cote_indexer_t *ix, cote_error_t *err)
{
    if (!ix)
        return COTE_OK;
    /* unfinished, the batch's transaction is cancelled by the close */
    (void)err;
    cote_status_t st = COTE_OK;
    /* files analysed but not written: a stopped run drops them with its batch */
    cote_stage_stop(ix->stage);
    for (file_job_t *j; ix->stage && (j = cote_stage_pop(ix->stage));)
        job_free(j);
    cote_stage_free(ix->stage);
    cote_xdb_close(ix->db);
    cote_xdb_close(ix->live);
    if (ix->finished && ix->compaction.switched) {
        cote_gen_drop_old(ix->path, &ix->compaction);
    } else {
        cote_gen_abandon(&ix->compaction); /* prepared, never switched to */
        if (ix->build[0] && !cote_gen_is_live(ix->path, ix->build))
            cote_gen_remove_tree(ix->build); /* a rebuild that stopped: the old index stays */
    }
    cote_analyser_free(ix->an);
    for (unsigned i = 0; i < ix->n_lex; i++)
        cote_lexicon_free(ix->lex[i]);
    cote_doc_entities_free(&ix->entities);
    cote_gazetteer_free(ix->gazetteer);
    cote_strbuf_free(&ix->learned);
    cote_strmap_free(&ix->learned_ids);
    cote_strbuf_free(&ix->failed);
    cote_strmap_free(&ix->seen);
    cote_token_list_free(&ix->toks);
    cote_token_list_free(&ix->text_toks);
    free(ix);
    return st;
}
