/* cli.h: what the subcommands of the `cote` binary share.
 *
 * Each subcommand lives in cmd_<name>.c with the signature cote_cmd_fn and
 * is listed in the command table of cote.c, which generates `cote --help`.
 * A subcommand returns the process exit code (see the table in README.md):
 * 0 success, 1 nothing found, 2 usage or index error, 3 some inputs failed.
 * Only this layer prints.
 */
#ifndef COTE_CLI_H
#define COTE_CLI_H

#include <stdio.h>

#include "error.h"

#define COTE_EXIT_OK 0
#define COTE_EXIT_NOTHING 1
#define COTE_EXIT_ERROR 2
#define COTE_EXIT_PARTIAL 3

typedef int (*cote_cmd_fn)(int argc, char **argv);

int cote_cmd_index(int argc, char **argv);
int cote_cmd_search(int argc, char **argv);
int cote_cmd_similar(int argc, char **argv);
int cote_cmd_show(int argc, char **argv);
int cote_cmd_serve(int argc, char **argv);
int cote_cmd_stats(int argc, char **argv);
int cote_cmd_check(int argc, char **argv);
int cote_cmd_analyze(int argc, char **argv);

/* The index path: --db when given, else $COTE_DB, else
 * $XDG_DATA_HOME/cote/index, else ~/.local/share/cote/index. The returned
 * string is static or borrowed from the environment/argv. */
const char *cote_cli_db_path(const char *flag_value);

/* Prints "cote: <what>: <message>" to stderr and returns the status's exit code. */
int cote_cli_fail(const char *what, const cote_error_t *err);

/* Prints "cote <cmd>: <message>\nTry 'cote <cmd> --help'." and returns 2. */
int cote_cli_usage_error(const char *cmd, const char *message);

/* Option parsing of the subcommands whose only options are --db, --json
 * and --help (show, stats): sets *db_flag and *json and returns -1 to go
 * on with argv[optind..]; else the exit code to return (help printed, or a
 * usage error). */
int cote_cli_db_json_options(const char *cmd, const char *help, int argc, char **argv, const char **db_flag,
                             int *json);

/* Parses a non-negative decimal no greater than max; returns 0 on success. */
int cote_cli_parse_uint(const char *s, unsigned max, unsigned *out);

#endif
