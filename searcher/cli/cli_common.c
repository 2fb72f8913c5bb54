/* cli_common.c: helpers shared by the subcommands. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cote_cli_db_path(const char *flag_value)
{
    static char buf[4096];
    if (flag_value && *flag_value)
        return flag_value;
    const char *env = getenv("COTE_DB");
    if (env && *env)
        return env;
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg) {
        snprintf(buf, sizeof buf, "%s/cote/index", xdg);
        return buf;
    }
    const char *home = getenv("HOME");
    snprintf(buf, sizeof buf, "%s/.local/share/cote/index", home && *home ? home : ".");
    return buf;
}

int cote_cli_fail(const char *what, const cote_error_t *err)
{
    fprintf(stderr, "cote: %s: %s\n", what, cote_error_text(err));
    return cote_status_exit(err->status);
}

int cote_cli_usage_error(const char *cmd, const char *message)
{
    fprintf(stderr, "cote %s: %s\nTry 'cote %s --help'.\n", cmd, message, cmd);
    return COTE_EXIT_ERROR;
}

int cote_cli_parse_uint(const char *s, unsigned max, unsigned *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int cote_cli_db_json_options(const char *cmd, const char *help, int argc, char **argv, const char **db_flag,
                             int *json)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': *db_flag = optarg; break;
        case 'j': *json = 1; break;
        case 'h': fputs(help, stdout); return COTE_EXIT_OK;
        default: return cote_cli_usage_error(cmd, "invalid option");
        }
    }
    return -1;
}
