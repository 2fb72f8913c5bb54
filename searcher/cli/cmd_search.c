/* cmd_search.c: `cote search [--json] [--explain] [--limit N] [--offset N] QUERY...` */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "searcher.h"

static const char help[] =
    "Usage: cote search [OPTIONS] QUERY...\n"
    "\n"
    "Searches the index; the words of QUERY are joined with spaces.\n"
    "\n"
    "Query language: words (documents with more of them rank first),\n"
    "\"a phrase\", +required, -excluded (write `--` before a query that starts\n"
    "with '-'), prefix* (at least 3 letters), AND (ET, &&), OR (OU, |),\n"
    "NOT (SAUF) and (parentheses): paix ET (climat OU énergie) SAUF guerre.\n"
    "Operators count in capitals only: et, ou are words. Words side by side bind\n"
    "tightest, then AND and NOT, then OR; operators apply within the passage\n"
    "(paragraph, heading, note) that matches. Accents and case do not matter:\n"
    "securite finds sécurité. A word finds its French stem (coopérer finds\n"
    "coopération) and a \"quoted\" one only itself; Sud-Sud is also found as\n"
    "sudsud. Stop words (le, de, pour...) are left out of a query that has other\n"
    "words. Nothing is a syntax error: an unbalanced quote or parenthesis is\n"
    "closed, a dangling operator dropped, and a note says how the query was read.\n"
    "\n"
    "UN entities: a query that is a symbol or a resolution (A/RES/74/239,\n"
    "résolution 74/239, 74/239, S/RES/1325 (2000)), a date (15 février 2020,\n"
    "février 2020, 2020) or an organisation (PNUD, UNDP, its French or English\n"
    "name) finds the documents that cite it, the document whose own symbol it\n"
    "is first. Filters: org:PNUD, symbol:A/75/371 (or res:), date:2022-09..2022-12,\n"
    "year:2020, type:rapport, organ:CESAP; values with spaces in \"quotes\";\n"
    "-org:PNUD or SAUF org:PNUD excludes. Filters apply to the whole query.\n"
    "\n"
    "Options:\n"
    "  --db DIR      the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --json        print one JSON object (format in docs/api.md)\n"
    "  --explain     print how the query is read and its Xapian query, and do\n"
    "                not search (with --json: {\"query\", \"reading\", \"xapian\"})\n"
    "  --limit N     hits to print, 1-100 (default 10)\n"
    "  --offset N    hits to skip first (default 0)\n"
    "  --sort KEY    relevance (default) or date (newest documents first)\n"
    "  --csv         print the hits as CSV (rank, symbols, title, paragraph, file,\n"
    "                doc, score, snippet), one line each after a header\n"
    "  --count       print only the number of matching documents\n"
    "  --from DATE   only documents dated or mentioning a date from DATE on\n"
    "                (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    "  --to DATE     ... up to DATE\n"
    "  --org ORG     only documents mentioning ORG (name, acronym or id)\n"
    "  --symbol SYM  only documents naming or citing SYM\n"
    "  --type TYPE   only documents of TYPE (rapport, résolution, projet de\n"
    "                résolution, décision, note, lettre, déclaration)\n"
    "  --organ ORG   only documents of the organ ORG\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 something found; 1 nothing found; 2 error.\n";

/* Prints a snippet with its matches in bold when colour is on. Highlights
 * are code point offsets (snippet.h). */
static void print_snippet(const cote_hit_t *h, int colour)
{
    size_t cp = 0, k = 0;
    for (const char *p = h->snippet; *p; p++) {
        int lead = ((unsigned char)*p & 0xC0) != 0x80;
        if (lead && colour && k < h->n_highlights && cp == h->highlights[2 * k])
            fputs("\033[1m", stdout);
        if (lead && colour && k < h->n_highlights && cp == h->highlights[2 * k + 1]) {
            fputs("\033[0m", stdout);
            k++;
            if (k < h->n_highlights && cp == h->highlights[2 * k])
                fputs("\033[1m", stdout);
        }
        putchar(*p);
        cp += lead;
    }
    if (colour && k < h->n_highlights)
        fputs("\033[0m", stdout);
}

/* One CSV field (RFC 4180): quoted, with its quotes doubled. */
static void csv_field(const char *s, int last)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
    putchar(last ? '\n' : ',');
}

static void print_csv(const cote_search_response_t *r)
{
    puts("rank,symbols,title,paragraph,file,doc,score,snippet");
    for (size_t i = 0; i < r->n_hits; i++) {
        const cote_hit_t *h = &r->hits[i];
        char num[32];
        snprintf(num, sizeof num, "%u", h->rank);
        csv_field(num, 0);
        cote_strbuf_t syms = COTE_STRBUF_INIT;
        for (size_t k = 0; k < h->n_symbols; k++)
            if ((k && cote_strbuf_puts(&syms, " ")) || cote_strbuf_puts(&syms, h->symbols[k]))
                break;
        csv_field(syms.data ? syms.data : "", 0);
        cote_strbuf_free(&syms);
        csv_field(h->title, 0);
        if (h->paragraph >= 0)
            snprintf(num, sizeof num, "%ld", h->paragraph);
        else
            num[0] = '\0';
        csv_field(num, 0);
        csv_field(h->file, 0);
        csv_field(h->doc, 0);
        snprintf(num, sizeof num, "%.4f", h->score);
        csv_field(num, 0);
        csv_field(h->snippet, 1);
    }
}

static void print_text(const cote_search_response_t *r)
{
    /* colour only on a terminal, and never when NO_COLOR is set (no-color.org) */
    const char *no_color = getenv("NO_COLOR");
    int colour = isatty(fileno(stdout)) && !(no_color && *no_color);
    printf("%lu result%s for \"%s\"\n", r->total, r->total == 1 ? "" : "s", r->query);
    const char *note = r->notes.data;
    for (size_t i = 0; i < r->n_notes; i++, note += strlen(note) + 1)
        printf("  (%s)\n", note);
    for (size_t i = 0; i < r->n_hits; i++) {
        const cote_hit_t *h = &r->hits[i];
        printf("\n%u. %s", h->rank, h->title);
        for (size_t k = 0; k < h->n_symbols; k++)
            printf("%s%s", k ? ", " : "  [", h->symbols[k]);
        printf("%s\n", h->n_symbols ? "]" : "");
        printf("   %s", h->file);
        if (h->paragraph >= 0)
            printf(", par. %ld", h->paragraph);
        else if (strcmp(h->kind, "footnote") == 0)
            printf(", note %s", h->label);
        if (h->others)
            printf(" (+%lu passage%s)", h->others, h->others == 1 ? "" : "s");
        printf("  (score %.3f)\n   ", h->score);
        print_snippet(h, colour);
        putchar('\n');
    }
}

/* --explain: how the query is read, and its Xapian query; nothing searched. */
static int print_explain(cote_searcher_t *s, const cote_search_request_t *req, int json)
{
    char *reading = NULL, *xapian = NULL;
    cote_error_t err;
    cote_error_clear(&err);
    if (cote_searcher_explain(s, req, &reading, &xapian, &err))
        return cote_cli_fail("search", &err);
    int rc = COTE_EXIT_OK;
    if (json) {
        json_t *o = json_pack("{s:s, s:s, s:s}", "query", req->query, "reading", reading, "xapian", xapian);
        char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
        if (text)
            printf("%s\n", text);
        else
            rc = COTE_EXIT_ERROR;
        free(text);
        json_decref(o);
    } else {
        printf("reading: %s\nxapian:  %s\n", *reading ? reading : "(nothing)", *xapian ? xapian : "(nothing)");
    }
    free(reading);
    free(xapian);
    return rc;
}

int cote_cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"explain", no_argument, NULL, 'E'},
        {"csv", no_argument, NULL, 'C'},
        {"count", no_argument, NULL, 'N'},
        {"sort", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'l'},
        {"offset", required_argument, NULL, 'o'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"org", required_argument, NULL, 'G'},
        {"symbol", required_argument, NULL, 'S'},
        {"type", required_argument, NULL, 'Y'},
        {"organ", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_flag = NULL;
    int json = 0, explain = 0, csv = 0, count = 0;
    cote_search_request_t req = {NULL, 0, 10, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'j': json = 1; break;
        case 'E': explain = 1; break;
        case 'C': csv = 1; break;
        case 'N': count = 1; break;
        case 's':
            if (strcmp(optarg, "date") == 0)
                req.by_date = 1;
            else if (strcmp(optarg, "relevance") != 0)
                return cote_cli_usage_error("search", "--sort takes date or relevance");
            break;
        case 'l':
            if (cote_cli_parse_uint(optarg, COTE_LIMIT_MAX, &req.limit) || req.limit == 0)
                return cote_cli_usage_error("search", "--limit takes a number from 1 to 100");
            break;
        case 'o':
            if (cote_cli_parse_uint(optarg, COTE_OFFSET_MAX, &req.offset))
                return cote_cli_usage_error("search", "--offset takes a number from 0 to 10000");
            break;
        case 'F': req.from = optarg; break;
        case 'T': req.to = optarg; break;
        case 'G': req.org = optarg; break;
        case 'S': req.symbol = optarg; break;
        case 'Y': req.type = optarg; break;
        case 'R': req.organ = optarg; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error("search", "invalid option");
        }
    }
    int filtered = req.from || req.to || req.org || req.symbol || req.type || req.organ;
    if (optind >= argc && !filtered)
        return cote_cli_usage_error("search", "no query");
    cote_strbuf_t q = COTE_STRBUF_INIT;
    for (int i = optind; i < argc; i++)
        if ((i > optind && cote_strbuf_putc(&q, ' ')) || cote_strbuf_puts(&q, argv[i])) {
            cote_strbuf_free(&q);
            fputs("cote: out of memory\n", stderr);
            return COTE_EXIT_ERROR;
        }
    req.query = q.data ? q.data : "";
    const char *db = cote_cli_db_path(db_flag);
    cote_error_t err;
    cote_error_clear(&err);
    cote_searcher_t *s = NULL;
    cote_search_response_t *r = NULL;
    int rc;
    if (explain) {
        rc = cote_searcher_open(db, &s, &err) ? cote_cli_fail(db, &err) : print_explain(s, &req, json);
    } else if (cote_searcher_open(db, &s, &err) || cote_searcher_search(s, &req, &r, &err)) {
        rc = cote_cli_fail(s ? "search" : db, &err);
    } else {
        if (count) {
            printf("%lu\n", r->total);
        } else if (json) {
            cote_strbuf_t out = COTE_STRBUF_INIT;
            if (cote_search_response_json(r, &out) == COTE_OK)
                printf("%s\n", out.data);
            cote_strbuf_free(&out);
        } else if (csv) {
            print_csv(r);
        } else {
            print_text(r);
        }
        rc = r->n_hits ? COTE_EXIT_OK : COTE_EXIT_NOTHING;
    }
    cote_search_response_free(r);
    cote_searcher_free(s);
    cote_strbuf_free(&q);
    return rc;
}
