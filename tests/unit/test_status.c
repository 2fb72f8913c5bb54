/* test_status.c: the status table (core/status.h).
 *
 * Every row of COTE_STATUS_MAP must give a usable name, message, HTTP code
 * and exit code, and the numbers people and scripts already rely on must not
 * move. The table below is written out by hand on purpose: if someone
 * renumbers a status, it disagrees with the X-macro and this test fails.
 */
#include <string.h>

#include "assert.h"
#include "status.h"

typedef struct {
    cote_status_t st;
    int num;
    const char *name;
    int http;
    int exit;
} status_row_t;

/* The pinned numbers; numbers are stable and never reused. */
static const status_row_t pinned[] = {
    {COTE_OK, 0, "OK", 200, 0},
    {COTE_NOMEM, 1, "NOMEM", 503, 2},
    {COTE_INVALID_ARG, 2, "INVALID_ARG", 400, 2},
    {COTE_NOT_FOUND, 4, "NOT_FOUND", 404, 1},
    {COTE_DB_OPEN, 5, "DB_OPEN", 503, 2},
    {COTE_DB_LOCKED, 6, "DB_LOCKED", 503, 2},
    {COTE_DB_MODIFIED, 7, "DB_MODIFIED", 503, 2},
    {COTE_QUERY_SYNTAX, 9, "QUERY_SYNTAX", 400, 2},
    {COTE_QUERY_TOO_BROAD, 10, "QUERY_TOO_BROAD", 400, 2},
    {COTE_REMOTE, 11, "REMOTE", 502, 2},
    {COTE_INTERNAL, 12, "INTERNAL", 500, 2},
    {COTE_BAD_INPUT, 13, "BAD_INPUT", 422, 3},
};

static void test_status__pinned_numbers(void)
{
    for (size_t i = 0; i < sizeof pinned / sizeof pinned[0]; i++) {
        const status_row_t *r = &pinned[i];
        ASSERT_EQ_INT(r->st, r->num);
        ASSERT_EQ_STR(cote_status_name(r->st), r->name);
        ASSERT_EQ_INT(cote_status_http(r->st), r->http);
        ASSERT_EQ_INT(cote_status_exit(r->st), r->exit);
    }
}

/* Every row of the map, as the X-macro lists it. */
typedef struct {
    int num;
    const char *name;
    const char *msg;
    int http;
    int exit;
} map_row_t;

static const map_row_t map[] = {
#define ROW(num, name, msg, http, exit) {num, #name, msg, http, exit},
    COTE_STATUS_MAP(ROW)
#undef ROW
};

#define MAP_LEN (sizeof map / sizeof map[0])

static void test_status__every_row_is_complete(void)
{
    for (size_t i = 0; i < MAP_LEN; i++) {
        cote_status_t st = (cote_status_t)map[i].num;
        const char *name = cote_status_name(st);
        const char *msg = cote_status_message(st);
        ASSERT(name != NULL && name[0] != '\0');
        ASSERT(msg != NULL && msg[0] != '\0');
        ASSERT_EQ_STR(name, map[i].name);
        ASSERT_EQ_STR(msg, map[i].msg);
        /* "A sentence for people, without a final period." */
        ASSERT(msg[strlen(msg) - 1] != '.');
        ASSERT(strcmp(name, "UNKNOWN") != 0);
        ASSERT(cote_status_http(st) >= 200 && cote_status_http(st) <= 599);
        ASSERT_EQ_INT(cote_status_http(st), map[i].http);
        ASSERT(cote_status_exit(st) >= 0 && cote_status_exit(st) <= 3);
        ASSERT_EQ_INT(cote_status_exit(st), map[i].exit);
    }
}

static void test_status__only_ok_succeeds(void)
{
    for (size_t i = 0; i < MAP_LEN; i++) {
        cote_status_t st = (cote_status_t)map[i].num;
        if (st == COTE_OK) {
            ASSERT_EQ_INT(cote_status_http(st), 200);
            ASSERT_EQ_INT(cote_status_exit(st), 0);
        } else {
            ASSERT(cote_status_http(st) >= 400);
            ASSERT(cote_status_exit(st) != 0);
        }
    }
}

static void test_status__numbers_and_names_unique(void)
{
    for (size_t i = 0; i < MAP_LEN; i++)
        for (size_t j = i + 1; j < MAP_LEN; j++) {
            ASSERT(map[i].num != map[j].num);
            ASSERT(strcmp(map[i].name, map[j].name) != 0);
        }
}

static void test_status__unknown_number(void)
{
    static const int unknown[] = {-1, 17, 99, 1000};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        int known = 0;
        for (size_t j = 0; j < MAP_LEN; j++)
            known |= map[j].num == unknown[i];
        if (known)
            continue; /* the table grew: this number is taken now */
        cote_status_t st = (cote_status_t)unknown[i];
        ASSERT_EQ_STR(cote_status_name(st), "UNKNOWN");
        ASSERT(cote_status_message(st) != NULL && cote_status_message(st)[0] != '\0');
        ASSERT_EQ_INT(cote_status_http(st), 500);
        ASSERT_EQ_INT(cote_status_exit(st), 2);
    }
}

int main(void)
{
    RUN(test_status__pinned_numbers);
    RUN(test_status__every_row_is_complete);
    RUN(test_status__only_ok_succeeds);
    RUN(test_status__numbers_and_names_unique);
    RUN(test_status__unknown_number);
    return DONE();
}
