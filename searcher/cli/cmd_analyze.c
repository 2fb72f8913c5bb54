/* cmd_analyze.c: `cote analyze [--json] TEXT...`: what the analysis makes of
 * a text, token by token, with exactly the terms the indexer would write
 * (analysis.h). No index is opened. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analysis.h"
#include "cli.h"
#include "utf8.h"

static const char help[] =
    "Usage: cote analyze [OPTIONS] TEXT...\n"
    "\n"
    "Prints how TEXT (its words joined with spaces) is analysed, the same way\n"
    "for documents and queries: one line per token with its position, its text\n"
    "and its index terms: the folded form, the accent-free form, the stem\n"
    "(Z...), and for the first part of a hyphenated compound the compound\n"
    "written as one word. No index is needed.\n"
    "\n"
    "Options:\n"
    "  --json        print {\"tokens\": [{\"text\", \"position\", \"terms\"}]}\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 success; 2 usage error or text not UTF-8.\n";

static void print_text(const char *text, const cote_token_list_t *toks)
{
    for (size_t i = 0; i < toks->n; i++) {
        const cote_token_t *t = &toks->v[i];
        printf("%u  %.*s ", t->position, (int)(t->end - t->start), text + t->start);
        for (unsigned j = 0; j < t->n_terms; j++)
            printf(" %s", cote_token_term(toks, t, j));
        putchar('\n');
    }
}

/* {"tokens": [{"text", "position", "terms"}]}, malloc'ed; NULL when out of memory. */
static char *to_json(const char *text, const cote_token_list_t *toks)
{
    json_t *o = json_object(), *a = json_array();
    int bad = !o || !a;
    for (size_t i = 0; !bad && i < toks->n; i++) {
        const cote_token_t *t = &toks->v[i];
        json_t *tok = json_object(), *terms = json_array();
        bad |= !tok || !terms;
        for (unsigned j = 0; !bad && j < t->n_terms; j++)
            bad |= json_array_append_new(terms, json_string(cote_token_term(toks, t, j)));
        bad |= json_object_set_new(tok, "text", json_stringn(text + t->start, t->end - t->start));
        bad |= json_object_set_new(tok, "position", json_integer(t->position));
        bad |= json_object_set_new(tok, "terms", terms);
        bad |= json_array_append_new(a, tok);
    }
    bad |= json_object_set_new(o, "tokens", a);
    char *s = bad ? NULL : json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

int cote_cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error("analyze", "invalid option");
        }
    }
    if (optind >= argc)
        return cote_cli_usage_error("analyze", "no text");
    cote_strbuf_t text = COTE_STRBUF_INIT;
    for (int i = optind; i < argc; i++)
        if ((i > optind && cote_strbuf_putc(&text, ' ')) || cote_strbuf_puts(&text, argv[i])) {
            cote_strbuf_free(&text);
            fputs("cote: out of memory\n", stderr);
            return COTE_EXIT_ERROR;
        }
    size_t bad;
    if (!cote_utf8_valid(text.data, text.len, &bad)) {
        fprintf(stderr, "cote analyze: the text is not valid UTF-8 (byte %zu)\n", bad);
        cote_strbuf_free(&text);
        return COTE_EXIT_ERROR;
    }
    cote_error_t err;
    cote_error_clear(&err);
    cote_analyser_t *an = NULL;
    cote_token_list_t toks = COTE_TOKEN_LIST_INIT;
    int rc = COTE_EXIT_OK;
    if (cote_analyser_new(&an, &err) || cote_analyse(an, text.data, text.len, 1, &toks, &err)) {
        rc = cote_cli_fail("analyze", &err);
    } else if (json) {
        char *s = to_json(text.data, &toks);
        if (s) {
            printf("%s\n", s);
            free(s);
        } else {
            fputs("cote: out of memory\n", stderr);
            rc = COTE_EXIT_ERROR;
        }
    } else {
        print_text(text.data, &toks);
    }
    cote_token_list_free(&toks);
    cote_analyser_free(an);
    cote_strbuf_free(&text);
    return rc;
}
