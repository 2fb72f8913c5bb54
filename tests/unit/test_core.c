/* test_core.c: the leaf modules of core/: strbuf, utf8, error and the id
 * helpers of schema.
 *
 * Byte strings are tested from exactly-sized heap copies, so that a function
 * reading one byte too far is caught by AddressSanitizer rather than by luck.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "assert.h"
#include "blob_cache.h"
#include "error.h"
#include "record_codec.h"
#include "schema.h"
#include "strbuf.h"
#include "utf8.h"

/* A heap copy of s[0..n) with nothing after it (malloc(0) avoided). */
static char *exact_copy(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    ASSERT(p != NULL);
    if (n)
        memcpy(p, s, n);
    return p;
}

/* ---- strbuf ----------------------------------------------------------- */

static void test_strbuf__append_puts_putc(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    ASSERT(sb.data == NULL);
    ASSERT_OK(cote_strbuf_append(&sb, "abc", 3));
    ASSERT_EQ_INT(sb.len, 3);
    ASSERT_EQ_STR(sb.data, "abc");
    ASSERT_OK(cote_strbuf_puts(&sb, "de"));
    ASSERT_OK(cote_strbuf_putc(&sb, 'f'));
    ASSERT_EQ_STR(sb.data, "abcdef");
    ASSERT_EQ_INT(sb.len, 6);
    ASSERT(sb.cap >= sb.len + 1);
    /* Only n bytes are taken, even when the source is longer. */
    ASSERT_OK(cote_strbuf_append(&sb, "ghijk", 2));
    ASSERT_EQ_STR(sb.data, "abcdefgh");
    /* Embedded NULs are content; the explicit length counts them. */
    ASSERT_OK(cote_strbuf_append(&sb, "\0z", 2));
    ASSERT_EQ_INT(sb.len, 10);
    ASSERT_EQ_MEM(sb.data, sb.len, "abcdefgh\0z", 10);
    ASSERT_EQ_INT(sb.data[10], '\0');
    cote_strbuf_free(&sb);
    ASSERT(sb.data == NULL);
    ASSERT_EQ_INT(sb.len, 0);
    ASSERT_EQ_INT(sb.cap, 0);
    cote_strbuf_free(&sb); /* twice is harmless */
}

static void test_strbuf__empty_append_gives_a_string(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    ASSERT_OK(cote_strbuf_append(&sb, "", 0));
    ASSERT(sb.data != NULL);
    ASSERT_EQ_STR(sb.data, "");
    ASSERT_EQ_INT(sb.len, 0);
    cote_strbuf_free(&sb);

    ASSERT_OK(cote_strbuf_printf(&sb, "%s", ""));
    ASSERT(sb.data != NULL);
    ASSERT_EQ_STR(sb.data, "");
    cote_strbuf_free(&sb);
}

static void test_strbuf__printf(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    ASSERT_OK(cote_strbuf_printf(&sb, "%d-%s", 42, "x"));
    ASSERT_EQ_STR(sb.data, "42-x");
    ASSERT_OK(cote_strbuf_printf(&sb, "/%05u/%c", 7u, 'z'));
    ASSERT_EQ_STR(sb.data, "42-x/00007/z");
    ASSERT_EQ_INT(sb.len, strlen("42-x/00007/z"));

    /* Longer than the first allocation: printf must grow the buffer too. */
    char big[1000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ASSERT_OK(cote_strbuf_printf(&sb, "[%s]", big));
    ASSERT_EQ_INT(sb.len, strlen("42-x/00007/z") + 2 + 999);
    ASSERT_EQ_INT(sb.data[12], '[');
    ASSERT_EQ_INT(sb.data[12 + 1 + 999], ']');
    ASSERT_EQ_INT(sb.data[sb.len], '\0');
    ASSERT_EQ_INT(strlen(sb.data), sb.len);
    cote_strbuf_free(&sb);
}

static void test_strbuf__take(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    ASSERT_OK(cote_strbuf_puts(&sb, "résolution"));
    char *s = cote_strbuf_take(&sb);
    ASSERT_EQ_STR(s, "résolution");
    free(s);
    ASSERT(sb.data == NULL);
    ASSERT_EQ_INT(sb.len, 0);
    ASSERT_EQ_INT(sb.cap, 0);

    /* The buffer is usable again after take. */
    ASSERT_OK(cote_strbuf_puts(&sb, "again"));
    ASSERT_EQ_STR(sb.data, "again");
    cote_strbuf_free(&sb);

    /* An empty buffer yields "", never NULL. */
    cote_strbuf_t empty = COTE_STRBUF_INIT;
    s = cote_strbuf_take(&empty);
    ASSERT(s != NULL);
    ASSERT_EQ_STR(s, "");
    free(s);
    ASSERT(empty.data == NULL);
}

static void test_strbuf__reset_keeps_memory(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    cote_strbuf_reset(&sb); /* on a never-used buffer */
    ASSERT(sb.data == NULL);
    ASSERT_OK(cote_strbuf_puts(&sb, "some text that will be dropped"));
    size_t cap = sb.cap;
    char *mem = sb.data;
    cote_strbuf_reset(&sb);
    ASSERT_EQ_INT(sb.len, 0);
    ASSERT_EQ_INT(sb.cap, cap);
    ASSERT(sb.data == mem);
    ASSERT_EQ_STR(sb.data, "");
    ASSERT_OK(cote_strbuf_puts(&sb, "new"));
    ASSERT_EQ_STR(sb.data, "new");
    ASSERT(sb.data == mem);
    cote_strbuf_free(&sb);
}

static void test_strbuf__growth_across_many_appends(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    const size_t rounds = 20000;
    size_t reallocs = 0;
    size_t last_cap = 0;
    for (size_t i = 0; i < rounds; i++) {
        if (i % 3 == 0)
            ASSERT_OK(cote_strbuf_putc(&sb, (char)('a' + i % 26)));
        else if (i % 3 == 1)
            ASSERT_OK(cote_strbuf_append(&sb, "0123456789", (i % 10) + 1));
        else
            ASSERT_OK(cote_strbuf_printf(&sb, "%zu;", i));
        ASSERT(sb.cap >= sb.len + 1);
        ASSERT_EQ_INT(sb.data[sb.len], '\0');
        if (sb.cap != last_cap) {
            reallocs++;
            last_cap = sb.cap;
        }
    }
    /* Geometric growth: a handful of reallocations, not one per append. */
    ASSERT(reallocs < 40);

    /* Rebuild the expected content independently and compare byte for byte. */
    size_t off = 0;
    char num[32];
    for (size_t i = 0; i < rounds; i++) {
        if (i % 3 == 0) {
            ASSERT_EQ_INT(sb.data[off], 'a' + i % 26);
            off++;
        } else if (i % 3 == 1) {
            size_t n = (i % 10) + 1;
            ASSERT_EQ_MEM(sb.data + off, n, "0123456789", n);
            off += n;
        } else {
            int n = snprintf(num, sizeof num, "%zu;", i);
            ASSERT_EQ_MEM(sb.data + off, (size_t)n, num, (size_t)n);
            off += (size_t)n;
        }
    }
    ASSERT_EQ_INT(off, sb.len);
    cote_strbuf_free(&sb);
}

/* Sizes whose arithmetic would wrap are refused before any allocation. */
static void test_strbuf__overflow_is_refused(void)
{
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    ASSERT_OK(cote_strbuf_puts(&sb, "keep"));
    char *mem = sb.data;
    size_t cap = sb.cap;
    ASSERT_EQ_STATUS(cote_strbuf_reserve(&sb, SIZE_MAX), COTE_NOMEM);
    ASSERT_EQ_STATUS(cote_strbuf_reserve(&sb, SIZE_MAX - sb.len), COTE_NOMEM);
    /* (SIZE_MAX - len - 1 does not overflow; it reaches realloc, which a
     * sanitizer build turns into an abort rather than NULL, so it is not here.) */
    /* The buffer is left as it was. */
    ASSERT(sb.data == mem);
    ASSERT_EQ_INT(sb.cap, cap);
    ASSERT_EQ_STR(sb.data, "keep");
    ASSERT_OK(cote_strbuf_reserve(&sb, 0));
    ASSERT_OK(cote_strbuf_reserve(&sb, 1000));
    ASSERT(sb.cap >= sb.len + 1000 + 1);
    ASSERT_EQ_STR(sb.data, "keep");
    cote_strbuf_free(&sb);
}

/* ---- utf8 ------------------------------------------------------------- */

typedef struct {
    const char *bytes;
    size_t n;
    size_t len; /* expected return: 0 for invalid */
    uint32_t cp;
    const char *what;
} decode_case_t;

static const decode_case_t decode_cases[] = {
    {"A", 1, 1, 0x41, "ASCII"},
    {"\0", 1, 1, 0x00, "NUL is a character"},
    {"\x7F", 1, 1, 0x7F, "last ASCII"},
    {"Az", 2, 1, 0x41, "only the first code point"},
    {"\xC2\x80", 2, 2, 0x80, "first 2-byte"},
    {"\xC3\xA9", 2, 2, 0xE9, "e acute"},
    {"\xDF\xBF", 2, 2, 0x7FF, "last 2-byte"},
    {"\xE0\xA0\x80", 3, 3, 0x800, "first 3-byte"},
    {"\xE2\x82\xAC", 3, 3, 0x20AC, "euro sign"},
    {"\xE2\x80\xAF", 3, 3, 0x202F, "narrow no-break space"},
    {"\xED\x9F\xBF", 3, 3, 0xD7FF, "just below the surrogates"},
    {"\xEE\x80\x80", 3, 3, 0xE000, "just above the surrogates"},
    {"\xEF\xBF\xBF", 3, 3, 0xFFFF, "last 3-byte"},
    {"\xF0\x90\x80\x80", 4, 4, 0x10000, "first 4-byte"},
    {"\xF0\x9F\x98\x80", 4, 4, 0x1F600, "emoji"},
    {"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF, "last code point"},

    {"", 0, 0, 0, "empty input"},
    {"\x80", 1, 0, 0, "lone continuation byte"},
    {"\xBF", 1, 0, 0, "lone continuation byte (last)"},
    {"\xC0\x80", 2, 0, 0, "overlong NUL C0 80"},
    {"\xC1\xBF", 2, 0, 0, "overlong C1 BF"},
    {"\xE0\x80\x80", 3, 0, 0, "overlong E0 80 80"},
    {"\xE0\x9F\xBF", 3, 0, 0, "overlong U+07FF in 3 bytes"},
    {"\xF0\x8F\xBF\xBF", 4, 0, 0, "overlong U+FFFF in 4 bytes"},
    {"\xED\xA0\x80", 3, 0, 0, "surrogate U+D800"},
    {"\xED\xBF\xBF", 3, 0, 0, "surrogate U+DFFF"},
    {"\xF4\x90\x80\x80", 4, 0, 0, "above U+10FFFF"},
    {"\xF5\x80\x80\x80", 4, 0, 0, "F5 lead byte"},
    {"\xF8\x88\x80\x80\x80", 5, 0, 0, "5-byte form"},
    {"\xFE", 1, 0, 0, "FE"},
    {"\xFF", 1, 0, 0, "FF"},
    {"\xC3", 1, 0, 0, "truncated 2-byte"},
    {"\xE2\x82", 2, 0, 0, "truncated 3-byte"},
    {"\xE2", 1, 0, 0, "truncated 3-byte after lead"},
    {"\xF0\x9F\x98", 3, 0, 0, "truncated 4-byte"},
    {"\xC3\x41", 2, 0, 0, "ASCII where a continuation should be"},
    {"\xE2\x28\xA1", 3, 0, 0, "bad second byte"},
    {"\xE2\x82\x28", 3, 0, 0, "bad third byte"},
    {"\xF0\x9F\x98\xC3", 4, 0, 0, "bad fourth byte"},
    {"\xC3\xC3\xA9", 3, 0, 0, "lead byte where a continuation should be"},
};

static void test_utf8__decode_table(void)
{
    for (size_t i = 0; i < sizeof decode_cases / sizeof decode_cases[0]; i++) {
        const decode_case_t *c = &decode_cases[i];
        char *s = exact_copy(c->bytes, c->n);
        uint32_t cp = 0xFFFFFFFFu;
        size_t got = cote_utf8_decode(s, c->n, &cp);
        if (got != c->len)
            fprintf(stderr, "decode case %zu: %s\n", i, c->what);
        ASSERT_EQ_INT(got, c->len);
        if (c->len) {
            if (cp != c->cp)
                fprintf(stderr, "decode case %zu: %s\n", i, c->what);
            ASSERT_EQ_HEX(cp, c->cp);
        }
        free(s);
    }
}

/* Decoding a valid sequence with n cut short must fail, never read past n. */
static void test_utf8__decode_respects_n(void)
{
    static const char *const seqs[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
        size_t full = strlen(seqs[i]);
        for (size_t n = 1; n < full; n++) {
            char *s = exact_copy(seqs[i], n);
            uint32_t cp;
            ASSERT_EQ_INT(cote_utf8_decode(s, n, &cp), 0);
            free(s);
        }
    }
}

typedef struct {
    const char *bytes;
    size_t n;
    int valid;
    size_t bad_offset;
} valid_case_t;

static const valid_case_t valid_cases[] = {
    {"", 0, 1, 0},
    {"hello", 5, 1, 0},
    {"a\0b", 3, 1, 0},
    {"r\xC3\xA9solution", 11, 1, 0},
    {"A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 10, 1, 0},
    {"\xF4\x8F\xBF\xBF", 4, 1, 0},
    {"abc\xC0\x80", 5, 0, 3},
    {"\xE0\x80\x80", 3, 0, 0},
    {"ok\xED\xA0\x80ok", 7, 0, 2},
    {"x\xF4\x90\x80\x80", 5, 0, 1},
    {"r\xC3\xA9s\xC3", 5, 0, 4},
    {"\xE2\x82", 2, 0, 0},
    {"ab\xE2\x82", 4, 0, 2},
    {"\xC3\xA9\x80", 3, 0, 2},
    {"\xE2\x82\xAC\xE2\x82\xAC\xFF", 7, 0, 6},
    {"\xF0\x9F\x98\x80\xF0\x9F\x98", 7, 0, 4},
    {"abc\x80" "def\xC0\x80", 9, 0, 3}, /* the first bad sequence */
};

/* encode is decode's inverse on every length of sequence */
static void test_utf8__encode_round_trip(void)
{
    static const uint32_t cps[] = {0x41, 0x7F, 0xE9, 0x7FF, 0x800, 0x2019, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF};
    static const size_t lens[] = {1, 1, 2, 2, 3, 3, 3, 4, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char u[4];
        size_t k = cote_utf8_encode(cps[i], u);
        ASSERT_EQ_INT(k, lens[i]);
        uint32_t back = 0;
        ASSERT_EQ_INT(cote_utf8_decode(u, k, &back), k);
        ASSERT_EQ_INT(back, cps[i]);
    }
}

static void test_utf8__unaccent_table(void)
{
    static const struct { uint32_t in, want; } cases[] = {
        {0xC0, 'a'}, {0xE2, 'a'}, {0xC7, 'c'}, {0xE9, 'e'}, {0xCA, 'e'}, {0xEF, 'i'}, {0xF1, 'n'},
        {0xF4, 'o'}, {0xD6, 'o'}, {0xF9, 'u'}, {0xDC, 'u'}, {0xFF, 'y'}, {0xDD, 'y'},
        {'a', 'a'}, {'E', 'E'}, {0xD7, 0xD7}, {0xF7, 0xF7}, {0xF8, 0xF8}, {0x153, 0x153}, {0x2019, 0x2019},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ASSERT_EQ_INT(cote_utf8_unaccent(cases[i].in), cases[i].want);
}

static void test_utf8__valid_table(void)
{
    for (size_t i = 0; i < sizeof valid_cases / sizeof valid_cases[0]; i++) {
        const valid_case_t *c = &valid_cases[i];
        char *s = exact_copy(c->bytes, c->n);
        size_t off = (size_t)-1;
        bool ok = cote_utf8_valid(s, c->n, &off);
        if ((int)ok != c->valid)
            fprintf(stderr, "valid case %zu\n", i);
        ASSERT_EQ_INT(ok, c->valid);
        if (!c->valid) {
            if (off != c->bad_offset)
                fprintf(stderr, "valid case %zu\n", i);
            ASSERT_EQ_INT(off, c->bad_offset);
        }
        /* bad_offset is optional. */
        ASSERT_EQ_INT(cote_utf8_valid(s, c->n, NULL), c->valid);
        free(s);
    }
}

/* The code point boundaries of "aé€😀": 0, 1, 3, 6, 10. */
static void test_utf8__floor_never_splits(void)
{
    static const char text[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    static const size_t expect[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 10, 10, 10};
    const size_t n = sizeof text - 1;
    char *s = exact_copy(text, n);
    for (size_t max = 0; max < sizeof expect / sizeof expect[0]; max++) {
        size_t cut = cote_utf8_floor(s, n, max);
        ASSERT_EQ_INT(cut, expect[max]);
        ASSERT(cut <= max);
        ASSERT(cote_utf8_valid(s, cut, NULL));
    }
    free(s);
}

/* The same property over a longer mixed text, at every cut point. */
static void test_utf8__floor_property(void)
{
    static const char text[] =
        "L'Assembl\xC3\xA9" "e g\xC3\xA9n\xC3\xA9rale \xE2\x80\x94 r\xC3\xA9solution "
        "74/239 \xE2\x82\xAC\xF0\x9F\x8C\x8D \xC5\x93uvre";
    const size_t n = sizeof text - 1;
    ASSERT(cote_utf8_valid(text, n, NULL));
    char *s = exact_copy(text, n);
    for (size_t max = 0; max <= n + 2; max++) {
        size_t cut = cote_utf8_floor(s, n, max);
        ASSERT(cut <= max && cut <= n);
        ASSERT(cote_utf8_valid(s, cut, NULL));
        ASSERT(cote_utf8_valid(s + cut, n - cut, NULL));
        /* Largest: no boundary lies in (cut, min(max, n)]. */
        size_t lim = max < n ? max : n;
        for (size_t j = cut + 1; j <= lim; j++)
            ASSERT(j < n && ((unsigned char)s[j] & 0xC0) == 0x80);
    }
    free(s);
}

/* ---- error ------------------------------------------------------------ */

static void test_error__set_clear_text(void)
{
    cote_error_t err;
    cote_error_clear(&err);
    ASSERT_EQ_STATUS(err.status, COTE_OK);
    ASSERT_EQ_STR(err.msg, "");

    ASSERT_EQ_STATUS(cote_error_set(&err, COTE_IO, "cannot read %s (%d)", "x.pdf", 5), COTE_IO);
    ASSERT_EQ_STATUS(err.status, COTE_IO);
    ASSERT_EQ_STR(err.msg, "cannot read x.pdf (5)");
    ASSERT_EQ_STR(cote_error_text(&err), "cannot read x.pdf (5)");

    /* Without a message, the text is the status's sentence. */
    cote_error_set(&err, COTE_NOT_FOUND, "%s", "");
    ASSERT_EQ_STR(cote_error_text(&err), cote_status_message(COTE_NOT_FOUND));

    cote_error_clear(&err);
    ASSERT_EQ_STATUS(err.status, COTE_OK);
    ASSERT_EQ_STR(err.msg, "");
    ASSERT_EQ_STR(cote_error_text(&err), cote_status_message(COTE_OK));
}

static void test_error__null_tolerant(void)
{
    cote_error_clear(NULL);
    ASSERT_EQ_STATUS(cote_error_set(NULL, COTE_DB_LOCKED, "locked by %d", 3), COTE_DB_LOCKED);
    ASSERT(cote_error_text(NULL) != NULL);
}

static void test_error__truncates_long_messages(void)
{
    enum { LONG = 5 * COTE_ERROR_MSG_MAX };
    char *big = malloc(LONG + 1);
    ASSERT(big != NULL);
    for (size_t i = 0; i < LONG; i++)
        big[i] = (char)('a' + i % 26);
    big[LONG] = '\0';

    cote_error_t err;
    memset(&err, 0x55, sizeof err); /* garbage before the first use */
    ASSERT_EQ_STATUS(cote_error_set(&err, COTE_TOO_LARGE, "%s: %s", "head", big), COTE_TOO_LARGE);
    ASSERT_EQ_STATUS(err.status, COTE_TOO_LARGE);
    ASSERT_EQ_INT(strlen(err.msg), COTE_ERROR_MSG_MAX - 1);
    ASSERT_EQ_INT(err.msg[COTE_ERROR_MSG_MAX - 1], '\0');
    ASSERT(strncmp(err.msg, "head: abc", 9) == 0);
    ASSERT_EQ_MEM(err.msg + 6, COTE_ERROR_MSG_MAX - 7, big, COTE_ERROR_MSG_MAX - 7);

    /* Exactly the capacity, and one byte less: no truncation or off-by-one. */
    big[COTE_ERROR_MSG_MAX - 1] = '\0';
    cote_error_set(&err, COTE_IO, "%s", big);
    ASSERT_EQ_STR(err.msg, big);
    big[COTE_ERROR_MSG_MAX - 2] = '\0';
    cote_error_set(&err, COTE_IO, "%s", big);
    ASSERT_EQ_STR(err.msg, big);

    /* A cut inside a multi-byte character drops the whole character. */
    memset(big, 'e', LONG);
    big[LONG] = '\0';
    memcpy(big + COTE_ERROR_MSG_MAX - 2, "\xc3\xa9", 2); /* é straddles the last byte */
    cote_error_set(&err, COTE_IO, "%s", big);
    ASSERT_EQ_INT(strlen(err.msg), COTE_ERROR_MSG_MAX - 2);
    ASSERT(cote_utf8_valid(err.msg, strlen(err.msg), NULL));
    free(big);
}

/* ---- schema ids ------------------------------------------------------- */

typedef struct {
    const char *s;
    size_t n;
    uint64_t h;
} hash_case_t;

static const hash_case_t hash_cases[] = {
    {"", 0, 0xcbf29ce484222325ULL},
    {"a", 1, 0xaf63dc4c8601ec8cULL},
    {"foobar", 6, 0x85944171f73967e8ULL},
    {"/corpus/A_RES_74_239.txt", 24, 0xc927be8ac1088a98ULL},
};

static void test_schema__hash64_fnv1a(void)
{
    for (size_t i = 0; i < sizeof hash_cases / sizeof hash_cases[0]; i++) {
        char *s = exact_copy(hash_cases[i].s, hash_cases[i].n);
        ASSERT_EQ_HEX(cote_hash64(s, hash_cases[i].n), hash_cases[i].h);
        free(s);
    }
    /* Bytes count, not C string length. */
    ASSERT(cote_hash64("a\0b", 3) != cote_hash64("a", 1));
    ASSERT(cote_hash64("ab", 2) != cote_hash64("ba", 2));
}

static int is_lower_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
            return 0;
    return 1;
}

typedef struct {
    const char *path;
    const char *id;
} docid_case_t;

static const docid_case_t docid_cases[] = {
    {"", "cbf29ce484222325"},
    {"/corpus/A_RES_74_239.txt", "c927be8ac1088a98"},
    {"/corpus/doc300.txt", "006f66633a74432e"}, /* leading zeros are kept */
};

static void test_schema__doc_id_is_16_hex_and_stable(void)
{
    for (size_t i = 0; i < sizeof docid_cases / sizeof docid_cases[0]; i++) {
        char id[COTE_DOC_ID_LEN + 1];
        char again[COTE_DOC_ID_LEN + 1];
        memset(id, 'Z', sizeof id);
        cote_doc_id(docid_cases[i].path, id);
        ASSERT_EQ_INT(strlen(id), COTE_DOC_ID_LEN);
        ASSERT(is_lower_hex(id, COTE_DOC_ID_LEN));
        ASSERT_EQ_STR(id, docid_cases[i].id);
        cote_doc_id(docid_cases[i].path, again);
        ASSERT_EQ_STR(id, again);
        /* The id is the hash of the path. */
        char hex[32];
        snprintf(hex, sizeof hex, "%016llx",
                 (unsigned long long)cote_hash64(docid_cases[i].path,
                                                 strlen(docid_cases[i].path)));
        ASSERT_EQ_STR(id, hex);
    }
    char a[COTE_DOC_ID_LEN + 1], b[COTE_DOC_ID_LEN + 1];
    cote_doc_id("/corpus/a.txt", a);
    cote_doc_id("/corpus/b.txt", b);
    ASSERT(strcmp(a, b) != 0);
}

/* Prefixes follow Xapian's conventions: one capital letter, or X and capitals. */
static int prefix_is_conventional(const char *p)
{
    size_t n = strlen(p);
    if (n == 0)
        return 1; /* unprefixed free text */
    if (n == 1)
        return isupper((unsigned char)p[0]);
    if (p[0] != 'X')
        return 0;
    if (p[n - 1] == ':')
        n--; /* a colon ends the prefix when the value may start with a capital */
    for (size_t i = 1; i < n; i++)
        if (!isupper((unsigned char)p[i]))
            return 0;
    return 1;
}

static void test_schema__field_table(void)
{
    size_t n = 0;
    int saw_id = 0, saw_doc = 0;
    for (const cote_field_t *f = cote_schema_fields; f->prefix; f++, n++) {
        ASSERT(n < 1000); /* the terminator exists */
        ASSERT(prefix_is_conventional(f->prefix));
        ASSERT(f->what != NULL && f->what[0] != '\0');
        ASSERT(f->slot >= -1);
        if (f->name)
            ASSERT(cote_schema_field(f->name) == f);
        saw_id |= strcmp(f->prefix, COTE_PREFIX_ID) == 0;
        saw_doc |= strcmp(f->prefix, COTE_PREFIX_DOC) == 0;
        for (const cote_field_t *g = f + 1; g->prefix; g++) {
            ASSERT(strcmp(f->prefix, g->prefix) != 0);
            if (f->name && g->name)
                ASSERT(strcmp(f->name, g->name) != 0);
        }
    }
    ASSERT(n > 0);
    ASSERT(saw_id);
    ASSERT(saw_doc);
    ASSERT_EQ_STR(COTE_PREFIX_ID, "Q");
    ASSERT(cote_schema_field("no-such-field") == NULL);
    ASSERT(cote_schema_field("") == NULL);
}

static void test_schema__section_words_parse(void)
{
    ASSERT_EQ_INT(cote_section_words_parse("2000", 4), 2000);
    ASSERT_EQ_INT(cote_section_words_parse("1", 1), 1);
    ASSERT_EQ_INT(cote_section_words_parse("1000000", 7), COTE_SECTION_WORDS_MAX);
    ASSERT_EQ_INT(cote_section_words_parse("20001", 4), 2000); /* only n bytes are read */
    /* nothing recorded, or nothing this cote knows: 0 */
    ASSERT_EQ_INT(cote_section_words_parse("", 0), 0);
    ASSERT_EQ_INT(cote_section_words_parse("0", 1), 0);
    ASSERT_EQ_INT(cote_section_words_parse("0500", 4), 0);
    ASSERT_EQ_INT(cote_section_words_parse("1000001", 7), 0);
    ASSERT_EQ_INT(cote_section_words_parse("99999999999999999999", 20), 0);
    ASSERT_EQ_INT(cote_section_words_parse("12abc", 5), 0);
    ASSERT_EQ_INT(cote_section_words_parse("-5", 2), 0);
    ASSERT_EQ_INT(cote_section_words_parse(" 50", 3), 0);
}

static void test_blob_cache__get_put_clear_bound(void)
{
    cote_blob_cache_t c = COTE_BLOB_CACHE_INIT(64);
    size_t n = 99;
    ASSERT(cote_blob_cache_get(&c, "a", 1, &n) == NULL);
    ASSERT_EQ_INT(cote_blob_cache_put(&c, "a", 1, "x\0y", 3), COTE_OK); /* NUL bytes inside are kept */
    const char *p = cote_blob_cache_get(&c, "a", 1, &n);
    ASSERT(p != NULL);
    ASSERT_EQ_INT(n, 3);
    ASSERT(memcmp(p, "x\0y", 3) == 0);
    ASSERT_EQ_INT(cote_blob_cache_put(&c, "empty", 5, "", 0), COTE_OK);
    ASSERT(cote_blob_cache_get(&c, "empty", 5, &n) != NULL);
    ASSERT_EQ_INT(n, 0);
    /* a key put again answers with its latest blob */
    ASSERT_EQ_INT(cote_blob_cache_put(&c, "a", 1, "zz", 2), COTE_OK);
    p = cote_blob_cache_get(&c, "a", 1, &n);
    ASSERT_EQ_INT(n, 2);
    ASSERT(memcmp(p, "zz", 2) == 0);
    /* past the bound, a put starts over: the old keys are gone, the new one kept */
    char big[80];
    memset(big, 'b', sizeof big);
    ASSERT_EQ_INT(cote_blob_cache_put(&c, "big", 3, big, sizeof big), COTE_OK);
    ASSERT_EQ_INT(cote_blob_cache_put(&c, "next", 4, "n", 1), COTE_OK);
    ASSERT(cote_blob_cache_get(&c, "a", 1, &n) == NULL);
    ASSERT(cote_blob_cache_get(&c, "big", 3, &n) == NULL);
    ASSERT(cote_blob_cache_get(&c, "next", 4, &n) != NULL);
    cote_blob_cache_clear(&c);
    ASSERT(cote_blob_cache_get(&c, "next", 4, &n) == NULL);
    cote_blob_cache_free(&c);
}

/* ---- record codec ---- */

static void roundtrip(const char *json, size_t len)
{
    cote_strbuf_t packed = COTE_STRBUF_INIT, scratch = COTE_STRBUF_INIT;
    const char *out;
    size_t out_len;
    ASSERT_EQ_STATUS(cote_record_pack(json, len, &packed, NULL), COTE_OK);
    ASSERT(packed.len > 0);
    ASSERT(packed.data[0] != '{'); /* a frame, never mistaken for plain JSON */
    ASSERT_EQ_STATUS(cote_record_unpack(packed.data, packed.len, &scratch, &out, &out_len, NULL), COTE_OK);
    ASSERT_EQ_MEM(out, out_len, json, len);
    cote_strbuf_free(&packed);
    cote_strbuf_free(&scratch);
}

static void test_record_codec__round_trips(void)
{
    static const char *const records[] = {
        "{}",
        "{\"file\":\"corpus/a.txt\",\"doc\":\"7e48ea4d2eaea148\",\"title\":\"Nations Unies A/75/371\","
        "\"symbols\":[\"A/75/371\"],\"date\":\"2020-09-15\",\"blocks\":[[0,\"paragraph\",\"1\",1,1,"
        "\"L\u2019Assemblée générale, rappelant sa résolution 74/239…\",[\"sA/RES/74/239\"]]]}",
    };
    for (size_t i = 0; i < sizeof records / sizeof *records; i++)
        roundtrip(records[i], strlen(records[i]));
    /* a large record, with bytes of every value */
    size_t n = 3u << 20;
    char *big = malloc(n);
    ASSERT(big != NULL);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 2654435761u >> 13);
    big[0] = '{';
    roundtrip(big, n);
    free(big);
}

static void test_record_codec__packs_records_smaller(void)
{
    /* the dictionary ships with cote: a record of UN French packs well */
    ASSERT(cote_record_dict_id() != 0);
    const char *json = "{\"file\":\"x.txt\",\"doc\":\"0123456789abcdef\",\"title\":\"Conseil de sécurité\","
                       "\"symbols\":[\"S/RES/1325(2000)\"],\"date\":\"2000\",\"blocks\":[[0,\"paragraph\",\"1\","
                       "1,1,\"Le Conseil de sécurité, rappelant ses résolutions antérieures sur la question, "
                       "prie le Secrétaire général de lui faire rapport.\"]]}";
    cote_strbuf_t packed = COTE_STRBUF_INIT;
    ASSERT_EQ_STATUS(cote_record_pack(json, strlen(json), &packed, NULL), COTE_OK);
    ASSERT(packed.len < strlen(json) / 2);
    cote_strbuf_free(&packed);
}

static void test_record_codec__plain_json_and_empty_pass_through(void)
{
    cote_strbuf_t scratch = COTE_STRBUF_INIT;
    const char *json = "{\"doc\":\"a\"}", *out;
    size_t out_len;
    ASSERT_EQ_STATUS(cote_record_unpack(json, strlen(json), &scratch, &out, &out_len, NULL), COTE_OK);
    ASSERT(out == json); /* schema 8 records are read in place */
    ASSERT_EQ_INT(out_len, strlen(json));
    ASSERT_EQ_STATUS(cote_record_unpack("", 0, &scratch, &out, &out_len, NULL), COTE_OK);
    ASSERT_EQ_STR(out, "");
    ASSERT_EQ_INT(out_len, 0);
    cote_strbuf_free(&scratch);
}

static void test_record_codec__damage_is_db_corrupt(void)
{
    cote_strbuf_t packed = COTE_STRBUF_INIT, scratch = COTE_STRBUF_INIT;
    const char *out;
    size_t out_len;
    cote_error_t err;
    ASSERT_EQ_STATUS(cote_record_unpack("xyz", 3, &scratch, &out, &out_len, &err), COTE_DB_CORRUPT);
    const char *json = "{\"title\":\"Assemblée générale\",\"blocks\":[]}";
    ASSERT_EQ_STATUS(cote_record_pack(json, strlen(json), &packed, NULL), COTE_OK);
    /* cut short */
    ASSERT_EQ_STATUS(cote_record_unpack(packed.data, packed.len - 3, &scratch, &out, &out_len, &err),
                     COTE_DB_CORRUPT);
    /* a byte of the body flipped: zstd's checksum-free frame still fails or differs */
    packed.data[packed.len - 1] ^= 0x5a;
    cote_status_t st = cote_record_unpack(packed.data, packed.len, &scratch, &out, &out_len, &err);
    ASSERT(st == COTE_DB_CORRUPT || (st == COTE_OK && (out_len != strlen(json) || memcmp(out, json, out_len))));
    /* a frame of another dictionary (here none) says to rebuild */
    char other[256];
    size_t n = ZSTD_compress(other, sizeof other, json, strlen(json), 3);
    ASSERT(!ZSTD_isError(n));
    ASSERT_EQ_STATUS(cote_record_unpack(other, n, &scratch, &out, &out_len, &err), COTE_DB_CORRUPT);
    ASSERT(strstr(err.msg, "rebuild") != NULL);
    cote_strbuf_free(&packed);
    cote_strbuf_free(&scratch);
}

static void *codec_thread(void *arg)
{
    int id = *(int *)arg, bad = 0;
    char json[128];
    cote_strbuf_t packed = COTE_STRBUF_INIT, scratch = COTE_STRBUF_INIT;
    for (int i = 0; i < 500 && !bad; i++) {
        int n = snprintf(json, sizeof json, "{\"thread\":%d,\"i\":%d,\"title\":\"Programme des Nations Unies\"}", id, i);
        const char *out;
        size_t out_len;
        bad = cote_record_pack(json, (size_t)n, &packed, NULL) ||
              cote_record_unpack(packed.data, packed.len, &scratch, &out, &out_len, NULL) ||
              out_len != (size_t)n || memcmp(out, json, out_len) != 0;
    }
    cote_strbuf_free(&packed);
    cote_strbuf_free(&scratch);
    return bad ? arg : NULL;
}

static void test_record_codec__threads_keep_their_own_contexts(void)
{
    pthread_t t[4];
    int ids[4] = {0, 1, 2, 3};
    for (int i = 0; i < 4; i++)
        ASSERT_EQ_INT(pthread_create(&t[i], NULL, codec_thread, &ids[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *r = &ids[i];
        ASSERT_EQ_INT(pthread_join(t[i], &r), 0);
        ASSERT(r == NULL);
    }
}

int main(void)
{
    RUN(test_strbuf__append_puts_putc);
    RUN(test_strbuf__empty_append_gives_a_string);
    RUN(test_strbuf__printf);
    RUN(test_strbuf__take);
    RUN(test_strbuf__reset_keeps_memory);
    RUN(test_strbuf__growth_across_many_appends);
    RUN(test_strbuf__overflow_is_refused);
    RUN(test_utf8__decode_table);
    RUN(test_utf8__decode_respects_n);
    RUN(test_utf8__encode_round_trip);
    RUN(test_utf8__unaccent_table);
    RUN(test_utf8__valid_table);
    RUN(test_utf8__floor_never_splits);
    RUN(test_utf8__floor_property);
    RUN(test_error__set_clear_text);
    RUN(test_error__null_tolerant);
    RUN(test_error__truncates_long_messages);
    RUN(test_schema__hash64_fnv1a);
    RUN(test_schema__doc_id_is_16_hex_and_stable);
    RUN(test_schema__field_table);
    RUN(test_schema__section_words_parse);
    RUN(test_blob_cache__get_put_clear_bound);
    RUN(test_record_codec__round_trips);
    RUN(test_record_codec__packs_records_smaller);
    RUN(test_record_codec__plain_json_and_empty_pass_through);
    RUN(test_record_codec__damage_is_db_corrupt);
    RUN(test_record_codec__threads_keep_their_own_contexts);
    return DONE();
}
