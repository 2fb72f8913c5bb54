/* cmd_index.c: `cote index [--db DIR] [--rebuild] [--verbose] PATH...` */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "indexer.h"

static const char help[] =
    "Usage: cote index [OPTIONS] PATH...\n"
    "\n"
    "Indexes text files (.txt: UTF-8; UTF-16 with a BOM and Latin-1/windows-1252\n"
    "are converted) and PDF files (.pdf, their text layer: no OCR), given one by\n"
    "one or in folders walked recursively; other files are skipped.\n"
    "Re-indexing a file replaces its previous record; its document id stays.\n"
    "\n"
    "Options:\n"
    "  --db DIR      the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --rebuild     start from an empty index\n"
    "  --force       re-index every file, even those unchanged since the last run\n"
    "  --batch N     files per commit, 1-100000 (default 200): what a stopped run\n"
    "                redoes, and what the writer holds in memory before it writes\n"
    "  --gazetteer FILE  organisations to add to the built-in gazetteer (same\n"
    "                TSV format as data/organisations.tsv, see data/README.md)\n"
    "  -v, --verbose print every file indexed, not only failures\n"
    "  -h, --help    this help\n"
    "\n"
    "Runs are incremental: a file whose size and modification time (or content)\n"
    "are those of the last run is not read again, and the documents of files\n"
    "gone from a folder being indexed are removed. Work is committed every --batch\n"
    "files: a run that is stopped, even with kill -9, leaves the index of its last\n"
    "commit, and the next run finishes the work.\n"
    "Each file that cannot be indexed gets one line on stderr; the run goes on.\n"
    "Exit status: 0 all indexed; 3 some files failed; 2 the index could not be written.\n";

typedef struct {
    int verbose;
} report_ctx_t;

static void on_outcome(const cote_outcome_t *o, void *ctx)
{
    const report_ctx_t *rc = ctx;
    switch (o->kind) {
    case COTE_OUTCOME_INDEXED:
        if (rc->verbose)
            printf("indexed %s (%zu bytes, doc %s)\n", o->path, o->bytes, o->doc);
        break;
    case COTE_OUTCOME_SKIPPED:
        if (rc->verbose)
            fprintf(stderr, "cote: skipped %s: %s\n", o->path, o->message);
        break;
    case COTE_OUTCOME_FAILED:
        fprintf(stderr, "cote: failed %s: %s [%s]\n", o->path, o->message, cote_status_name(o->status));
        break;
    case COTE_OUTCOME_UNCHANGED:
        if (rc->verbose)
            printf("unchanged %s (doc %s)\n", o->path, o->doc);
        break;
    case COTE_OUTCOME_REMOVED:
        if (rc->verbose)
            printf("removed %s (doc %s): %s\n", o->path, o->doc, o->message);
        break;
    }
}

/* mkdir -p for the parents of the index directory (Xapian creates the last one). */
static int make_parents(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

int cote_cmd_index(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"rebuild", no_argument, NULL, 'r'},
        {"force", no_argument, NULL, 'f'},
        {"batch", required_argument, NULL, 'b'},
        {"gazetteer", required_argument, NULL, 'g'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_flag = NULL;
    report_ctx_t rc = {0};
    cote_index_options_t opt = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'r': opt.rebuild = true; break;
        case 'f': opt.force = true; break;
        case 'b':
            if (cote_cli_parse_uint(optarg, 100000, &opt.batch) || opt.batch == 0)
                return cote_cli_usage_error("index", "--batch takes a number from 1 to 100000");
            break;
        case 'g': opt.gazetteer = optarg; break;
        case 'v': rc.verbose = 1; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error("index", "invalid option");
        }
    }
    if (optind >= argc)
        return cote_cli_usage_error("index", "no file or folder to index");
    const char *db = cote_cli_db_path(db_flag);
    if (make_parents(db) != 0) {
        fprintf(stderr, "cote: cannot create the folder of %s: %s\n", db, strerror(errno));
        return COTE_EXIT_ERROR;
    }
    opt.on_outcome = on_outcome;
    opt.ctx = &rc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cote_error_t err;
    cote_error_clear(&err);
    cote_indexer_t *ix = NULL;
    if (cote_indexer_open(db, &opt, &ix, &err)) {
        cote_cli_fail(db, &err);
        return COTE_EXIT_ERROR; /* nothing was indexed: a usage or index error, whatever the cause */
    }
    if (*cote_indexer_warning(ix))
        fprintf(stderr, "cote: warning: %s\n", cote_indexer_warning(ix));
    int hard = 0, missing = 0;
    for (int i = optind; i < argc && !hard; i++) {
        cote_status_t st = cote_indexer_add_path(ix, argv[i], &err);
        if (st == COTE_NOT_FOUND || st == COTE_IO) {
            fprintf(stderr, "cote: %s\n", cote_error_text(&err));
            missing = 1;
        } else if (st) {
            cote_cli_fail("indexing stopped", &err);
            hard = 1;
        }
    }
    cote_index_totals_t t = cote_indexer_totals(ix);
    if (cote_indexer_close(ix, &err) != COTE_OK) {
        cote_cli_fail("commit", &err);
        hard = 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "cote: %lu indexed, %lu unchanged, %lu removed, %lu skipped, %lu failed; %.1f MB in %.2f s (%.2f MB/s) into %s\n",
            t.indexed, t.unchanged, t.removed, t.skipped, t.failed, (double)t.bytes / 1e6, secs,
            secs > 0 ? (double)t.bytes / 1e6 / secs : 0.0, db);
    if (hard)
        return COTE_EXIT_ERROR;
    return (t.failed || missing) ? COTE_EXIT_PARTIAL : COTE_EXIT_OK;
}
