/* status.h: the one table of outcomes every fallible cote function returns.
 *
 * Each row of COTE_STATUS_MAP gives a stable number (never reused), a name, a
 * sentence for people, the HTTP status the server answers with, and the exit
 * code of the `cote` command. Every other view of a status is generated from
 * this table, so the CLI, the server and the logs cannot disagree.
 *
 * Exit codes: 0 success, 1 "nothing found" (used by `cote search`), 2 errors
 * of use or of the index, 3 input files that failed while the run went on.
 *
 * Thread rule: every function here is pure and thread-safe.
 */
#ifndef COTE_STATUS_H
#define COTE_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/*  X(number, NAME, message, http, exit) */
#define COTE_STATUS_MAP(X)                                                        \
    X(0, OK, "success", 200, 0)                                                   \
    X(1, NOMEM, "out of memory", 503, 2)                                          \
    X(2, INVALID_ARG, "invalid argument", 400, 2)                                 \
    X(3, IO, "input/output error", 500, 2)                                        \
    X(4, NOT_FOUND, "not found", 404, 1)                                          \
    X(5, DB_OPEN, "the index cannot be opened", 503, 2)                           \
    X(6, DB_LOCKED, "the index is locked by another writer", 503, 2)              \
    X(7, DB_MODIFIED, "the index changed while being read; reopen and retry", 503, 2) \
    X(8, DB_CORRUPT, "the index is corrupt", 500, 2)                              \
    X(9, QUERY_SYNTAX, "the query cannot be read", 400, 2)                        \
    X(10, QUERY_TOO_BROAD, "the query expands to too many terms", 400, 2)         \
    X(11, REMOTE, "a remote index shard failed", 502, 2)                          \
    X(12, INTERNAL, "internal error", 500, 2)                                     \
    X(13, BAD_INPUT, "the input is not valid", 422, 3)                            \
    X(14, TOO_LARGE, "the input exceeds a limit", 413, 2)                         \
    X(15, UNSUPPORTED, "not supported", 501, 2)                                   \
    X(16, DB_READONLY, "the index cannot be written", 500, 2)                     \
    X(17, BUSY, "the server is busy; retry", 503, 2)                              \
    X(18, TIMEOUT, "the search ran past its time limit", 503, 2)

typedef enum {
#define COTE_STATUS_ENUM(num, name, msg, http, exit) COTE_##name = num,
    COTE_STATUS_MAP(COTE_STATUS_ENUM)
#undef COTE_STATUS_ENUM
} cote_status_t;

/* "OK", "DB_LOCKED", ...; "UNKNOWN" for a number not in the table. */
const char *cote_status_name(cote_status_t st);
/* A sentence for people, without a final period. */
const char *cote_status_message(cote_status_t st);
/* HTTP status code for the server (500 for unknown numbers). */
int cote_status_http(cote_status_t st);
/* Exit code of the `cote` command (2 for unknown numbers). */
int cote_status_exit(cote_status_t st);

#ifdef __cplusplus
}
#endif

#endif
