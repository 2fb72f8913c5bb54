/* cmd_check.c: `cote check [--db DIR] [-v]`: Xapian's integrity check
 * (xapian-check) over every database of an index, whatever its layout:
 * one database, shards, and the generation folder each keeps its data in
 * (indexer/generation.h), which xapian-check cannot follow. Under ASan,
 * run it with new_delete_type_mismatch=0: libxapian 1.4.22's check deletes
 * an object through a pointer of another size (RELIABILITY.md). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "generation.h"
#include "run.h"
#include "xdb.h"

static const char help[] =
    "Usage: cote check [OPTIONS]\n"
    "\n"
    "Checks the integrity of the index as xapian-check does, database by\n"
    "database: each shard of a sharded index, in the folder that holds its\n"
    "data (a compacted index keeps it in a generation folder DIR/gN, named by\n"
    "the stub DIR/XAPIANDB, which xapian-check cannot follow). Prints one line\n"
    "per database: the folder checked and `ok`, or the problems found.\n"
    "\n"
    "Options:\n"
    "  --db DIR      the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  -v, --verbose print Xapian's report for each database, table by table,\n"
    "                with their statistics\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 every database is sound; 2 usage error, no index, or a\n"
    "database damaged or unreadable.\n";

/* Checks the database of one folder (the index, or a shard of it); returns
 * 1 when it is sound. */
static int check_one(const char *dir, int verbose)
{
    char data[PATH_MAX];
    if (!cote_gen_data_dir(dir, data, sizeof data)) {
        fprintf(stderr, "cote: %s: no database here\n", dir);
        return 0;
    }
    unsigned long errors = 0;
    char *report = NULL;
    cote_error_t err;
    cote_error_clear(&err);
    cote_status_t st = cote_xdb_check(data, verbose, &errors, &report, &err);
    if (st) {
        fflush(stdout);
        fprintf(stderr, "cote: %s: %s\n", data, cote_error_text(&err));
        return 0;
    }
    if (verbose || errors)
        fputs(report, errors ? stderr : stdout);
    if (errors)
        fprintf(stderr, "cote: %s: %lu problem%s found\n", data, errors, errors == 1 ? "" : "s");
    else
        printf("%s: ok\n", data);
    free(report);
    return errors == 0;
}

int cote_cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_flag = NULL;
    int verbose = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'v': verbose = 1; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error("check", "invalid option");
        }
    }
    if (optind != argc)
        return cote_cli_usage_error("check", "unexpected argument");
    const char *db = cote_cli_db_path(db_flag);
    unsigned shards = cote_index_shards(db);
    int sound = 1;
    if (shards == 0) {
        sound = check_one(db, verbose);
    } else {
        for (unsigned i = 0; i < shards; i++) {
            char shard[PATH_MAX];
            snprintf(shard, sizeof shard, "%s/shard%u", db, i);
            sound &= check_one(shard, verbose);
        }
    }
    return sound ? COTE_EXIT_OK : COTE_EXIT_ERROR;
}
