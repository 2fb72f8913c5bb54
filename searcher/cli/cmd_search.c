/* cmd_search.c: the commands that print hits: `cote search QUERY...` and
 * `cote similar REF`, with the same options and output formats. */
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
    "  --in REF      every matching passage of one document (id, path or symbol),\n"
    "                not the best one per document\n"
    "  --no-suggest  no spelling suggestion, and no search of a corrected query\n"
    "  --time-limit MS  stop a search still matching MS milliseconds after it\n"
    "                began, with an error (default: no limit; `cote serve` has one)\n"
    "  -h, --help    this help\n"
    "\n"
    "Results: the best passage of each document, with the number of its other\n"
    "matching passages (list them with --in). A word the index does not hold gets\n"
    "a suggestion from the index's own words (\"Vouliez-vous dire : ...\"); when\n"
    "nothing matches and every such word is long (6 letters or more) and one typo\n"
    "away, the corrected query is searched and the answer says so.\n"
    "\n"
    "Exit status: 0 something found; 1 nothing found; 2 error.\n";

static const char similar_help[] =
    "Usage: cote similar [OPTIONS] REF\n"
    "\n"
    "More like this: the documents most like the one REF names (its id, path or\n"
    "own symbol: A/75/371), best passage first; REF#9 (paragraph 9), REF#note-3\n"
    "(footnote 3): the passages of other documents most like that passage. The\n"
    "words and entities that best tell REF from the rest of the index are\n"
    "searched (Xapian's relevance feedback); a note names them.\n"
    "\n"
    "Options: --db DIR, --json, --csv, --count, --limit N, --offset N, --sort KEY,\n"
    "--from DATE, --to DATE, --org ORG, --symbol SYM, --type TYPE, --organ ORG,\n"
    "--time-limit MS, as for `cote search` (see cote search --help); -h, --help\n"
    "this help.\n"
    "\n"
    "Exit status: 0 something found; 1 nothing found, or no such REF; 2 error.\n";

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
    if (r->suggestion && !r->corrected)
        printf("  Vouliez-vous dire : %s ?\n", r->suggestion);
    const char *note = r->notes.data;
    for (size_t i = 0; i < r->n_notes; i++, note += strlen(note) + 1)
        printf("  (%s)\n", note);
    for (size_t i = 0; i < r->n_hits; i++) {
        const cote_hit_t *h = &r->hits[i];
        printf("\n%u. %s", h->rank, h->title);
        for (size_t k = 0; k < h->n_symbols; k++)
            printf("%s%s", k ? ", " : "  [", h->symbols[k]);
        printf("%s\n", h->n_symbols ? "]" : "");
        if (h->date[0] || *h->type || *h->organ)
            printf("   %s%s%s%s%s\n", h->date, h->date[0] && *h->type ? ", " : "", h->type,
                   (h->date[0] || *h->type) && *h->organ ? ", " : "", *h->organ_label ? h->organ_label : h->organ);
        printf("   %s", h->file);
        if (h->paragraph >= 0)
            printf(", par. %ld", h->paragraph);
        else if (strcmp(h->kind, "footnote") == 0)
            printf(", note %s", h->label);
        if (h->others)
            printf(" (+%lu passage%s: --in %s)", h->others, h->others == 1 ? "" : "s", h->doc);
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

static void print_response(const cote_search_response_t *r, int json, int csv, int count)
{
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
}

typedef struct {
    const char *db_flag;
    int json, explain, csv, count;
    cote_search_request_t req;
} options_t;

/* Parses the options both commands share (explain, --in and --no-suggest are
 * search's); returns -1 to go on with argv[optind..], else the exit code. */
static int parse_options(const char *cmd, const char *help_text, int argc, char **argv, options_t *o)
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
        {"in", required_argument, NULL, 'I'},
        {"no-suggest", no_argument, NULL, 'U'},
        {"time-limit", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int search = strcmp(cmd, "search") == 0;
    memset(o, 0, sizeof *o);
    o->req.limit = 10;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (!search && (c == 'E' || c == 'I' || c == 'U'))
            return cote_cli_usage_error(cmd, "invalid option");
        switch (c) {
        case 'd': o->db_flag = optarg; break;
        case 'j': o->json = 1; break;
        case 'E': o->explain = 1; break;
        case 'C': o->csv = 1; break;
        case 'N': o->count = 1; break;
        case 's':
            if (strcmp(optarg, "date") == 0)
                o->req.by_date = 1;
            else if (strcmp(optarg, "relevance") != 0)
                return cote_cli_usage_error(cmd, "--sort takes date or relevance");
            break;
        case 'l':
            if (cote_cli_parse_uint(optarg, COTE_LIMIT_MAX, &o->req.limit) || o->req.limit == 0)
                return cote_cli_usage_error(cmd, "--limit takes a number from 1 to 100");
            break;
        case 'o':
            if (cote_cli_parse_uint(optarg, COTE_OFFSET_MAX, &o->req.offset))
                return cote_cli_usage_error(cmd, "--offset takes a number from 0 to 10000");
            break;
        case 'F': o->req.from = optarg; break;
        case 'T': o->req.to = optarg; break;
        case 'G': o->req.org = optarg; break;
        case 'S': o->req.symbol = optarg; break;
        case 'Y': o->req.type = optarg; break;
        case 'R': o->req.organ = optarg; break;
        case 'I': o->req.within = optarg; break;
        case 'U': o->req.no_suggest = 1; break;
        case 'L':
            if (cote_cli_parse_uint(optarg, COTE_TIME_LIMIT_MAX_MS, &o->req.time_limit_ms))
                return cote_cli_usage_error(cmd, "--time-limit takes milliseconds, 0 to 3600000 (0: none)");
            break;
        case 'h': fputs(help_text, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error(cmd, "invalid option");
        }
    }
    return -1;
}

/* Opens db, runs the search (or, with similar_ref, the similarity search)
 * and prints it; returns the exit code. */
static int run(const char *db, const options_t *o, const char *similar_ref)
{
    cote_error_t err;
    cote_error_clear(&err);
    cote_searcher_t *s = NULL;
    cote_search_response_t *r = NULL;
    int rc;
    if (cote_searcher_open(db, &s, &err)) {
        rc = cote_cli_fail(db, &err);
    } else if (o->explain) {
        rc = print_explain(s, &o->req, o->json);
    } else if (similar_ref ? cote_searcher_similar(s, similar_ref, &o->req, &r, &err)
                           : cote_searcher_search(s, &o->req, &r, &err)) {
        rc = cote_cli_fail(similar_ref ? "similar" : "search", &err);
    } else {
        print_response(r, o->json, o->csv, o->count);
        rc = r->n_hits ? COTE_EXIT_OK : COTE_EXIT_NOTHING;
    }
    cote_search_response_free(r);
    cote_searcher_free(s);
    return rc;
}

int cote_cmd_search(int argc, char **argv)
{
    options_t o;
    int done = parse_options("search", help, argc, argv, &o);
    if (done >= 0)
        return done;
    cote_search_request_t *req = &o.req;
    int filtered = req->from || req->to || req->org || req->symbol || req->type || req->organ;
    if (optind >= argc && !filtered)
        return cote_cli_usage_error("search", "no query");
    cote_strbuf_t q = COTE_STRBUF_INIT;
    for (int i = optind; i < argc; i++)
        if ((i > optind && cote_strbuf_putc(&q, ' ')) || cote_strbuf_puts(&q, argv[i])) {
            cote_strbuf_free(&q);
            fputs("cote: out of memory\n", stderr);
            return COTE_EXIT_ERROR;
        }
    req->query = q.data ? q.data : "";
    int rc = run(cote_cli_db_path(o.db_flag), &o, NULL);
    cote_strbuf_free(&q);
    return rc;
}

int cote_cmd_similar(int argc, char **argv)
{
    options_t o;
    int done = parse_options("similar", similar_help, argc, argv, &o);
    if (done >= 0)
        return done;
    if (optind != argc - 1)
        return cote_cli_usage_error("similar", "give exactly one document reference");
    o.req.query = "";
    return run(cote_cli_db_path(o.db_flag), &o, argv[optind]);
}
