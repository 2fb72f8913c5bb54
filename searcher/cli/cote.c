/* cote.c: the `cote` binary: a table of subcommands, global options, dispatch. */
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>
#include <unicode/uversion.h>

#include "cli.h"
#include "version.h"
#include "xdb.h"

typedef struct {
    const char *name;
    cote_cmd_fn fn;
    const char *summary;
} command_t;

static const command_t commands[] = {
    {"index", cote_cmd_index, "index text files and folders into the index"},
    {"search", cote_cmd_search, "search the index (text, --json)"},
    {"similar", cote_cmd_similar, "documents or passages like a given one"},
    {"show", cote_cmd_show, "print a document by id, path or symbol"},
    {"serve", cote_cmd_serve, "serve the search page and the JSON API over HTTP"},
    {"stats", cote_cmd_stats, "tell what the index holds, and which files failed"},
    {"check", cote_cmd_check, "check the index's integrity (xapian-check, every shard)"},
    {"analyze", cote_cmd_analyze, "show the tokens and index terms of a text (--json)"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: cote [--help] [--version] COMMAND [ARGS...]\n"
            "\n"
            "Full-text search for French United Nations documents.\n"
            "\n"
            "Commands:\n");
    for (const command_t *c = commands; c->name; c++)
        fprintf(out, "  %-8s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "Every command takes --help. The index is --db DIR, else $COTE_DB, else\n"
            "$XDG_DATA_HOME/cote/index (~/.local/share/cote/index).\n"
            "\n"
            "Exit status: 0 success; 1 nothing found; 2 usage or index error;\n"
            "3 some input files could not be indexed.\n");
}

static void version(void)
{
    char icu[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, icu);
    printf("cote %s (Xapian %s, ICU %s, libmicrohttpd %s)\n", COTE_VERSION, cote_xdb_version(), icu,
           MHD_get_version());
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return COTE_EXIT_ERROR;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return COTE_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        version();
        return COTE_EXIT_OK;
    }
    for (const command_t *c = commands; c->name; c++)
        if (strcmp(argv[1], c->name) == 0)
            return c->fn(argc - 1, argv + 1);
    fprintf(stderr, "cote: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return COTE_EXIT_ERROR;
}
