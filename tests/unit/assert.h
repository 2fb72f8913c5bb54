/* assert.h: the few assertions and the runner every unit test uses.
 *
 * In the spirit of libuv's test/task.h: each ASSERT_* prints the file, the
 * line, the expression and both values, then ends the process with exit code
 * 1 (through _Exit, so that LeakSanitizer does not bury the message under the
 * handles a half-finished test still holds). A test program is a list of
 *
 *     RUN(test_<module>__<case>);
 *
 * in main, ended by `return DONE();`. Output is TAP: "ok N - name" per case,
 * "not ok N - name" before the diagnostic of a failing one, and the plan
 * "1..N" with a summary line at the end.
 *
 * Case functions take no argument, return nothing and are static; the
 * macros evaluate each argument exactly once.
 */
#ifndef COTE_TEST_ASSERT_H
#define COTE_TEST_ASSERT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "status.h"

/* Runner state, kept in a function so that the header compiles alone without
 * "defined but not used" warnings. */
typedef struct {
    int count;        /* cases started so far */
    const char *name; /* the case running now */
} cote_test_state_t;

static inline cote_test_state_t *cote_test_state_(void)
{
    static cote_test_state_t st = {0, "(setup)"};
    return &st;
}

static inline void cote_test_fail_(const char *file, int line)
{
    cote_test_state_t *st = cote_test_state_();
    fflush(stdout);
    printf("not ok %d - %s\n", st->count, st->name);
    fflush(stdout);
    fprintf(stderr, "%s:%d: in %s: ", file, line, st->name);
}

static inline void cote_test_abort_(void)
{
    fflush(NULL);
    _Exit(1);
}

#define ASSERT(cond)                                                                   \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "assertion failed: %s\n", #cond);                          \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

/* Integers of any signed or unsigned type up to long long. */
#define ASSERT_EQ_INT(a, b)                                                            \
    do {                                                                               \
        long long cote_a_ = (long long)(a);                                            \
        long long cote_b_ = (long long)(b);                                            \
        if (cote_a_ != cote_b_) {                                                      \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "%s == %s failed: %lld != %lld\n", #a, #b, cote_a_,        \
                    cote_b_);                                                          \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

/* Unsigned 64-bit values (hashes), printed in hex. */
#define ASSERT_EQ_HEX(a, b)                                                            \
    do {                                                                               \
        unsigned long long cote_a_ = (unsigned long long)(a);                          \
        unsigned long long cote_b_ = (unsigned long long)(b);                          \
        if (cote_a_ != cote_b_) {                                                      \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "%s == %s failed: 0x%016llx != 0x%016llx\n", #a, #b,       \
                    cote_a_, cote_b_);                                                 \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

/* NUL-terminated strings; NULL equals only NULL. */
#define ASSERT_EQ_STR(a, b)                                                            \
    do {                                                                               \
        const char *cote_a_ = (a);                                                     \
        const char *cote_b_ = (b);                                                     \
        if ((cote_a_ == NULL) != (cote_b_ == NULL) ||                                  \
            (cote_a_ && strcmp(cote_a_, cote_b_) != 0)) {                              \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "%s == %s failed:\n  \"%s\"\n  \"%s\"\n", #a, #b,          \
                    cote_a_ ? cote_a_ : "(null)", cote_b_ ? cote_b_ : "(null)");       \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

/* Byte strings with explicit lengths (may hold NULs). */
#define ASSERT_EQ_MEM(a, alen, b, blen)                                                \
    do {                                                                               \
        const void *cote_a_ = (a);                                                     \
        const void *cote_b_ = (b);                                                     \
        size_t cote_al_ = (alen), cote_bl_ = (blen);                                   \
        if (cote_al_ != cote_bl_ || (cote_al_ && memcmp(cote_a_, cote_b_, cote_al_))) { \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "%s == %s failed: %zu bytes \"%.*s\" vs %zu bytes \"%.*s\"\n", \
                    #a, #b, cote_al_, (int)cote_al_, (const char *)cote_a_, cote_bl_,  \
                    (int)cote_bl_, (const char *)cote_b_);                             \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

/* Two statuses, printed by name. */
#define ASSERT_EQ_STATUS(a, b)                                                         \
    do {                                                                               \
        cote_status_t cote_a_ = (a);                                                   \
        cote_status_t cote_b_ = (b);                                                   \
        if (cote_a_ != cote_b_) {                                                      \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "%s == %s failed: %s (%d) != %s (%d)\n", #a, #b,           \
                    cote_status_name(cote_a_), (int)cote_a_, cote_status_name(cote_b_), \
                    (int)cote_b_);                                                     \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

#define ASSERT_OK(expr) ASSERT_EQ_STATUS(expr, COTE_OK)

/* expr must return COTE_OK; on failure also prints err.msg (err is a
 * cote_error_t, not a pointer, that expr was given as &err). */
#define ASSERT_OK_ERR(expr, err)                                                       \
    do {                                                                               \
        cote_status_t cote_s_ = (expr);                                                \
        if (cote_s_ != COTE_OK) {                                                      \
            cote_test_fail_(__FILE__, __LINE__);                                       \
            fprintf(stderr, "%s failed: %s (%d): %s\n", #expr, cote_status_name(cote_s_), \
                    (int)cote_s_, (err).msg);                                          \
            cote_test_abort_();                                                        \
        }                                                                              \
    } while (0)

/* Runs one case; a failing assertion inside it ends the program. */
#define RUN(fn)                                                                        \
    do {                                                                               \
        cote_test_state_t *cote_st_ = cote_test_state_();                              \
        cote_st_->count++;                                                             \
        cote_st_->name = #fn;                                                          \
        fn();                                                                          \
        printf("ok %d - %s\n", cote_st_->count, #fn);                                  \
        fflush(stdout);                                                                \
    } while (0)

/* Prints the plan and summary; use as `return DONE();`. */
#define DONE()                                                                         \
    (printf("1..%d\n# all %d tests passed\n", cote_test_state_()->count,               \
            cote_test_state_()->count),                                                \
     0)

#endif
