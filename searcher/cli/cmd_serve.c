/* cmd_serve.c: `cote serve [--db DIR] [--listen ADDR:PORT] [--threads N] [--access-log FILE]
 * [--base-path PREFIX] [--cors-origin ORIGIN]... [--max-connections N] [--timeout S] [--cache-mb N]
 * [--time-limit MS]` */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "searcher.h" /* COTE_TIME_LIMIT_MAX_MS */
#include "server.h"

static const char help[] =
    "Usage: cote serve [OPTIONS]\n"
    "\n"
    "Serves the search page (/), documents (/doc/REF), the JSON API\n"
    "(/api/v1/search?q=..., /api/v1/facets?q=..., /api/v1/complete?q=...,\n"
    "/api/v1/document/REF), /opensearch.xml, /healthz and the embeddable widget\n"
    "(/static/widget.js) until interrupted (SIGINT or SIGTERM: requests in\n"
    "flight finish first).\n"
    "\n"
    "Options:\n"
    "  --db DIR            the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; loopback only\n"
    "                      unless you name another address)\n"
    "  --threads N         worker threads (default: one per core)\n"
    "  --access-log FILE   append one line per request to FILE ('-': stderr)\n"
    "  --base-path PREFIX  behind a reverse proxy at PREFIX (e.g. /cote): every\n"
    "                      link the server prints starts with it; requests are\n"
    "                      accepted with or without it\n"
    "  --cors-origin ORIGIN  let pages of ORIGIN (https://host[:port], exact) call\n"
    "                      the API from a browser and frame ?embed=1 pages;\n"
    "                      repeat for more origins (default: none)\n"
    "  --max-connections N at most N connections at once (default 256)\n"
    "  --timeout S         close a connection idle or stalled for S seconds\n"
    "                      (default 15)\n"
    "  --cache-mb N        keep recent answers (pages, API) in up to N MB of\n"
    "                      memory; an identical request is answered from there\n"
    "                      until the index changes (default 64; 0: no cache)\n"
    "  --time-limit MS     answer 503 to a search still matching after MS\n"
    "                      milliseconds (default 3000; 0: no limit)\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 after a clean shutdown (SIGINT, SIGTERM); 2 usage error, or\n"
    "the index cannot be opened or the address not bound.\n";

int cote_cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"access-log", required_argument, NULL, 'a'},
        {"base-path", required_argument, NULL, 'b'},
        {"cors-origin", required_argument, NULL, 'o'},
        {"max-connections", required_argument, NULL, 'm'},
        {"timeout", required_argument, NULL, 'T'},
        {"cache-mb", required_argument, NULL, 'C'},
        {"time-limit", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cote_server_config_t cfg = {0};
    cfg.cache_mb = COTE_SERVER_CACHE_DEFAULT;
    cfg.time_limit_ms = COTE_SERVER_TIME_LIMIT_DEFAULT;
    const char *db_flag = NULL, *log_path = NULL;
    /* --cors-origin values point into argv; at most one per argument */
    const char **origins = calloc((size_t)argc + 1, sizeof *origins);
    if (!origins) {
        fputs("cote: out of memory\n", stderr);
        return COTE_EXIT_ERROR;
    }
    int c, rc = COTE_EXIT_OK;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'l': cfg.listen = optarg; break;
        case 't':
            if (cote_cli_parse_uint(optarg, 256, &cfg.threads) || cfg.threads == 0)
                rc = cote_cli_usage_error("serve", "--threads takes a number from 1 to 256");
            break;
        case 'a': log_path = optarg; break;
        case 'b': cfg.base_path = optarg; break;
        case 'o': origins[cfg.n_cors_origins++] = optarg; break;
        case 'm':
            if (cote_cli_parse_uint(optarg, 100000, &cfg.max_connections) || cfg.max_connections == 0)
                rc = cote_cli_usage_error("serve", "--max-connections takes a number from 1 to 100000");
            break;
        case 'T':
            if (cote_cli_parse_uint(optarg, 3600, &cfg.timeout_s) || cfg.timeout_s == 0)
                rc = cote_cli_usage_error("serve", "--timeout takes a number of seconds from 1 to 3600");
            break;
        case 'C': {
            unsigned mb = 0;
            if (cote_cli_parse_uint(optarg, 65536, &mb))
                rc = cote_cli_usage_error("serve", "--cache-mb takes a number of MB from 0 to 65536");
            cfg.cache_mb = mb;
            break;
        }
        case 'L':
            if (cote_cli_parse_uint(optarg, COTE_TIME_LIMIT_MAX_MS, &cfg.time_limit_ms))
                rc = cote_cli_usage_error("serve", "--time-limit takes milliseconds, 0 to 3600000 (0: none)");
            break;
        case 'h': fputs(help, stdout); free(origins); return COTE_EXIT_OK;
        default: rc = cote_cli_usage_error("serve", "invalid option"); break;
        }
        if (rc != COTE_EXIT_OK) {
            free(origins);
            return rc;
        }
    }
    if (optind != argc) {
        free(origins);
        return cote_cli_usage_error("serve", "unexpected argument");
    }
    cfg.cors_origins = origins;
    cfg.db_path = cote_cli_db_path(db_flag);
    FILE *log = NULL;
    if (log_path && strcmp(log_path, "-") == 0) {
        cfg.access_log = stderr;
    } else if (log_path) {
        if (!(log = fopen(log_path, "a"))) {
            fprintf(stderr, "cote: cannot open %s: %s\n", log_path, strerror(errno));
            free(origins);
            return COTE_EXIT_ERROR;
        }
        cfg.access_log = log;
    }
    cote_error_t err;
    cote_error_clear(&err);
    if (cote_server_run(&cfg, &err))
        rc = cote_cli_fail("serve", &err);
    if (log)
        fclose(log);
    free(origins);
    return rc;
}
