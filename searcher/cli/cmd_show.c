/* cmd_show.c: `cote show [--json] REF` */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "passage.h"
#include "searcher.h"

static const char help[] =
    "Usage: cote show [OPTIONS] REF\n"
    "\n"
    "Prints an indexed document with its metadata. REF is the document's id\n"
    "(as `cote search` prints it), the path it was indexed from, or one of its\n"
    "own symbols (A/75/371). REF#9 prints its paragraph 9 only; REF#note-3 its\n"
    "footnote 3; REF#block-12 its 13th block.\n"
    "\n"
    "Options:\n"
    "  --db DIR      the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --json        print one JSON object, text included\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 shown; 1 no such document; 2 error.\n";

int cote_cmd_show(int argc, char **argv)
{
    const char *db_flag = NULL;
    int json = 0;
    int done = cote_cli_db_json_options("show", help, argc, argv, &db_flag, &json);
    if (done >= 0)
        return done;
    if (optind != argc - 1)
        return cote_cli_usage_error("show", "give exactly one document reference");
    /* REF#9: one paragraph of the document */
    char ref[4096];
    snprintf(ref, sizeof ref, "%s", argv[optind]);
    char *hash = strrchr(ref, '#');
    const char *selector = NULL;
    if (hash && hash[1]) {
        *hash = '\0';
        selector = hash + 1;
    }
    const char *db = cote_cli_db_path(db_flag);
    cote_error_t err;
    cote_error_clear(&err);
    cote_searcher_t *s = NULL;
    cote_document_t *d = NULL;
    int rc = COTE_EXIT_OK;
    cote_passage_t psg;
    if (cote_searcher_open(db, &s, &err) || cote_searcher_document(s, ref, &d, &err) ||
        (selector && cote_document_passage(d, selector, &psg, &err))) {
        rc = cote_cli_fail(s ? "show" : db, &err);
    } else if (selector && json) {
        json_t *syms = json_array();
        for (size_t i = 0; i < d->n_symbols; i++)
            json_array_append_new(syms, json_string(d->symbols[i]));
        json_t *o = json_pack("{s:s,s:s,s:s,s:o,s:o,s:{s:s,s:s,s:I,s:I},s:s%}", "doc", d->doc, "file", d->file,
                              "title", d->title, "symbols", syms,
                              "paragraph", strcmp(psg.kind, "paragraph") == 0 && psg.label[0] ? json_integer(strtol(psg.label, NULL, 10)) : json_null(),
                              "passage", "kind", psg.kind, "label", psg.label, "block", (json_int_t)psg.block,
                              "page", (json_int_t)psg.page, "text", psg.text, psg.len);
        char *out = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (out)
            printf("%s\n", out);
        free(out);
        json_decref(o);
    } else if (selector) {
        printf("%s, %s %s (page %ld)\n\n%.*s\n", d->n_symbols ? d->symbols[0] : d->file,
               strcmp(psg.kind, "footnote") == 0 ? "note" : strcmp(psg.kind, "paragraph") == 0 ? "par." : psg.kind,
               psg.label, psg.page, (int)psg.len, psg.text);
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
