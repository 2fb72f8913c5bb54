/* cmd_show.c: `cote show [--json] REF` */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "searcher.h"

static const char help[] =
    "Usage: cote show [OPTIONS] REF\n"
    "\n"
    "Prints an indexed document with its metadata. REF is the document's id\n"
    "(as `cote search` prints it) or the path it was indexed from.\n"
    "\n"
    "Options:\n"
    "  --db DIR      the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --json        print one JSON object, text included\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 shown; 1 no such document; 2 error.\n";

int cote_cmd_show(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_flag = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'j': json = 1; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error("show", "invalid option");
        }
    }
    if (optind != argc - 1)
        return cote_cli_usage_error("show", "give exactly one document reference");
    const char *db = cote_cli_db_path(db_flag);
    cote_error_t err;
    cote_error_clear(&err);
    cote_searcher_t *s = NULL;
    cote_document_t *d = NULL;
    int rc = COTE_EXIT_OK;
    if (cote_searcher_open(db, &s, &err) || cote_searcher_document(s, argv[optind], &d, &err)) {
        rc = cote_cli_fail(s ? "show" : db, &err);
    } else if (json) {
        cote_strbuf_t out = COTE_STRBUF_INIT;
        if (cote_document_json(d, true, &out) == COTE_OK)
            printf("%s\n", out.data);
        cote_strbuf_free(&out);
    } else {
        printf("title:   %s\nfile:    %s\ndoc:     %s\nsymbols:", d->title, d->file, d->doc);
        for (size_t i = 0; i < d->n_symbols; i++)
            printf(" %s", d->symbols[i]);
        printf("\nterms:   %lu\n\n%s\n", d->terms, d->text);
    }
    cote_document_free(d);
    cote_searcher_free(s);
    return rc;
}
