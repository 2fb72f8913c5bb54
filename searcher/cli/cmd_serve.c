/* cmd_serve.c: `cote serve [--db DIR] [--listen ADDR:PORT] [--threads N] [--access-log FILE]` */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "server.h"

static const char help[] =
    "Usage: cote serve [OPTIONS]\n"
    "\n"
    "Serves the search page (/) and the JSON API (/api/v1/search?q=...,\n"
    "/api/v1/document/REF, /healthz) until interrupted (SIGINT or SIGTERM).\n"
    "\n"
    "Options:\n"
    "  --db DIR            the index (default: $COTE_DB, else ~/.local/share/cote/index)\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; loopback only\n"
    "                      unless you name another address)\n"
    "  --threads N         worker threads (default: one per core)\n"
    "  --access-log FILE   append one line per request to FILE ('-': stderr)\n"
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
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cote_server_config_t cfg = {0};
    const char *db_flag = NULL, *log_path = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'l': cfg.listen = optarg; break;
        case 't':
            if (cote_cli_parse_uint(optarg, 256, &cfg.threads) || cfg.threads == 0)
                return cote_cli_usage_error("serve", "--threads takes a number from 1 to 256");
            break;
        case 'a': log_path = optarg; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error("serve", "invalid option");
        }
    }
    if (optind != argc)
        return cote_cli_usage_error("serve", "unexpected argument");
    cfg.db_path = cote_cli_db_path(db_flag);
    FILE *log = NULL;
    if (log_path && strcmp(log_path, "-") == 0) {
        cfg.access_log = stderr;
    } else if (log_path) {
        if (!(log = fopen(log_path, "a"))) {
            fprintf(stderr, "cote: cannot open %s: %s\n", log_path, strerror(errno));
            return COTE_EXIT_ERROR;
        }
        cfg.access_log = log;
    }
    cote_error_t err;
    cote_error_clear(&err);
    int rc = COTE_EXIT_OK;
    if (cote_server_run(&cfg, &err))
        rc = cote_cli_fail("serve", &err);
    if (log)
        fclose(log);
    return rc;
}
