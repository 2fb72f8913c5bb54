/* cmd_index.c: `cote index [--db DIR] [--rebuild] [--verbose] PATH...` */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "indexer.h"
#include "progress.h"
#include "run.h"
#include "schema.h"

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
    "  --batch N     files per commit, 1-100000 (default 25; a commit also comes\n"
    "                after 16 MB of text): what a stopped run redoes, and what\n"
    "                the writer holds in memory before it writes\n"
    "  --compact     compact the index at the end of any run that changed it\n"
    "  --no-compact  never compact (default: after a run that wrote or removed at\n"
    "                least half of the documents, such as the first)\n"
    "  --shards N    (a new index, or with --rebuild) N databases written by N\n"
    "                threads, one core each, under DIR with a Xapian stub file\n"
    "                DIR/XAPIANDB that search and serve open as one index; later\n"
    "                runs keep the index's shards (default for a new index: 2\n"
    "                on a machine with 2 cores or more, else 1 database; an\n"
    "                index of one database is rebuilt as one)\n"
    "  --threads N   threads repairing files for each writer, 1-16, each with\n"
    "                its own dictionary (default: the cores divided by --shards);\n"
    "                entities and records follow on one thread per writer, in\n"
    "                file order, so the index never depends on the threads\n"
    "  --section-words N  words of the sections a search matches, 1-1000000\n"
    "                (default: the index's own; 2000 for a new index or a\n"
    "                rebuild): a section is a run of whole paragraphs reaching\n"
    "                N words, and a query's AND, NOT and ranking hold within one.\n"
    "                Smaller sections are more precise and make a larger index\n"
    "                (500: about 1.3 times the size). Another value than the\n"
    "                index's re-indexes every file\n"
    "  --gazetteer FILE  organisations to add to the built-in gazetteer (same\n"
    "                TSV format as data/organisations.tsv, see data/README.md)\n"
    "  -v, --verbose print every file indexed, not only failures\n"
    "  -h, --help    this help\n"
    "\n"
    "Runs are incremental: a file whose size and modification time (or content)\n"
    "are those of the last run is not read again, and the documents of files\n"
    "gone from a folder being indexed are removed. Work is committed every --batch\n"
    "files: a run that is stopped, even with kill -9, leaves the index of its last\n"
    "commit, and the next run finishes the work. Compaction writes a packed copy\n"
    "of the index (about 40% smaller, also faster to search) and swaps it in whole:\n"
    "searches running meanwhile go on, over the old copy or the new.\n"
    "Each file that cannot be indexed gets one line on stderr; the run goes on.\n"
    "Exit status: 0 all indexed; 3 some files failed; 2 the index could not be written.\n";

typedef struct {
    int verbose;
    cote_progress_t progress;
} report_ctx_t;

static void on_outcome(const cote_outcome_t *o, void *ctx)
{
    report_ctx_t *rc = ctx;
    if (o->kind != COTE_OUTCOME_REMOVED) {
        struct stat sb;
        cote_progress_step(&rc->progress, stat(o->path, &sb) == 0 ? (unsigned long long)sb.st_size : 0);
    }
    if (o->kind == COTE_OUTCOME_FAILED || (rc->verbose && o->kind != COTE_OUTCOME_UNCHANGED))
        cote_progress_clear(&rc->progress);
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
        {"shards", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'},
        {"compact", no_argument, NULL, 'C'},
        {"no-compact", no_argument, NULL, 'N'},
        {"gazetteer", required_argument, NULL, 'g'},
        {"section-words", required_argument, NULL, 'w'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_flag = NULL;
    report_ctx_t rc = {0};
    cote_index_options_t opt = {0};
    unsigned shards = 0;
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
        case 's':
            if (cote_cli_parse_uint(optarg, COTE_SHARDS_MAX, &shards) || shards == 0)
                return cote_cli_usage_error("index", "--shards takes a number from 1 to 64");
            break;
        case 't':
            if (cote_cli_parse_uint(optarg, COTE_INDEX_THREADS_MAX, &opt.threads) || opt.threads == 0)
                return cote_cli_usage_error("index", "--threads takes a number from 1 to 16");
            break;
        case 'g': opt.gazetteer = optarg; break;
        case 'w':
            if (cote_cli_parse_uint(optarg, COTE_SECTION_WORDS_MAX, &opt.section_words) || opt.section_words == 0)
                return cote_cli_usage_error("index", "--section-words takes a number from 1 to 1000000");
            break;
        case 'C': opt.compact = COTE_COMPACT_ALWAYS; break;
        case 'N': opt.compact = COTE_COMPACT_NEVER; break;
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
    cote_progress_start(&rc.progress, stderr, argv + optind, argc - optind);
    cote_error_t err;
    cote_error_clear(&err);
    cote_index_run_t run;
    cote_status_t st = cote_index_run(db, &opt, shards, argv + optind, (size_t)(argc - optind), &run, &err);
    cote_progress_clear(&rc.progress);
    if (run.warning[0])
        fprintf(stderr, "cote: warning: %s\n", run.warning);
    if (st == COTE_INVALID_ARG)
        return cote_cli_usage_error("index", cote_error_text(&err));
    if (st)
        cote_cli_fail(run.totals.indexed ? "indexing stopped" : db, &err);
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - rc.progress.start.tv_sec) +
                  (double)(t1.tv_nsec - rc.progress.start.tv_nsec) / 1e9;
    const cote_index_totals_t *t = &run.totals;
    fprintf(stderr, "cote: %lu indexed, %lu unchanged, %lu removed, %lu skipped, %lu failed; %.1f MB in %.2f s (%.2f MB/s) into %s",
            t->indexed, t->unchanged, t->removed, t->skipped, t->failed, (double)t->bytes / 1e6, secs,
            secs > 0 ? (double)t->bytes / 1e6 / secs : 0.0, db);
    if (run.shards > 1)
        fprintf(stderr, " (%u shards)", run.shards);
    if (t->compacted)
        fprintf(stderr, "; compacted from %.1f to %.1f MB in %.1f s", (double)t->compact_before / 1e6,
                (double)t->compact_after / 1e6, t->compact_seconds);
    fputc('\n', stderr);
    if (st)
        return COTE_EXIT_ERROR;
    return t->failed ? COTE_EXIT_PARTIAL : COTE_EXIT_OK;
}
