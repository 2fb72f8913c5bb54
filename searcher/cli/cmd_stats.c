/* cmd_stats.c: `cote stats [--db DIR] [--json]` */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli.h"
#include "generation.h"
#include "stats.h"

static const char help[] =
    "Usage: cote stats [OPTIONS]\n"
    "\n"
    "Tells what the index holds: documents (source files), passages, the\n"
    "sections searches match (and the words a section gathers: cote index\n"
    "--section-words), distinct terms, size on disk, time of the last commit,\n"
    "and the files the last `cote index` run could not index, with the reason.\n"
    "\n"
    "Options:\n"
    "  --db DIR      the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --json        print one JSON object\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 success; 2 usage error, or the index cannot be opened.\n";

int cote_cmd_stats(int argc, char **argv)
{
    const char *db_flag = NULL;
    int json = 0;
    int done = cote_cli_db_json_options("stats", help, argc, argv, &db_flag, &json);
    if (done >= 0)
        return done;
    if (optind != argc)
        return cote_cli_usage_error("stats", "unexpected argument");
    const char *db = cote_cli_db_path(db_flag);
    cote_error_t err;
    cote_error_clear(&err);
    cote_searcher_t *s = NULL;
    cote_stats_t st;
    memset(&st, 0, sizeof st);
    if (cote_searcher_open(db, &s, &err) || cote_searcher_stats(s, &st, &err)) {
        int rc = cote_cli_fail(s ? "stats" : db, &err);
        cote_searcher_free(s);
        return rc;
    }
    unsigned long long disk_bytes = cote_gen_tree_bytes(db);
    if (json) {
        json_t *failed = json_array();
        for (const char *p = st.failed; p && *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            const char *t1 = memchr(p, '\t', n);
            const char *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - p)) : NULL;
            if (t1 && t2)
                json_array_append_new(failed, json_pack("{s:s%,s:s%,s:s%}", "file", p, (size_t)(t1 - p), "status",
                                                        t1 + 1, (size_t)(t2 - t1 - 1), "message", t2 + 1,
                                                        n - (size_t)(t2 + 1 - p)));
            p = nl ? nl + 1 : p + n;
        }
        json_t *o = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:s,s:o}", "db", db, "documents",
                              (json_int_t)st.documents, "passages", (json_int_t)st.passages, "sections",
                              (json_int_t)st.sections, "section_words", (json_int_t)st.section_words, "terms",
                              (json_int_t)st.terms, "bytes", (json_int_t)disk_bytes, "committed", st.committed,
                              "failed", failed);
        char *out = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (out)
            printf("%s\n", out);
        free(out);
        json_decref(o);
    } else {
        char words[48] = "unknown";
        if (st.section_words)
            snprintf(words, sizeof words, "--section-words %lu", st.section_words);
        printf("index:      %s\ndocuments:  %lu\npassages:   %lu\nsections:   %lu (%s)\nterms:      %lu\n"
               "size:       %.1f MB\ncommitted:  %s\nfailed:     %zu\n",
               db, st.documents, st.passages, st.sections, words, st.terms, (double)disk_bytes / 1e6,
               st.committed && *st.committed ? st.committed : "unknown", st.n_failed);
        if (st.failed && *st.failed)
            fputs(st.failed, stdout);
    }
    cote_stats_free(&st);
    cote_searcher_free(s);
    return COTE_EXIT_OK;
}
