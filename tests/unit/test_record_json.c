/* test_record_json.c: the fast reader of stored records (record_json.h)
 * reads what json_dumps writes exactly as json_loadb does, and leaves
 * everything else to it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assert.h"
#include "record_json.h"

/* Parses s with both readers: equal values, or the fast one declines. */
static void same_as_jansson(const char *s, size_t n)
{
    json_error_t jerr;
    json_t *slow = json_loadb(s, n, 0, &jerr);
    json_t *fast = cote_record_json_parse(s, n);
    if (fast) {
        ASSERT(slow != NULL);
        ASSERT(json_equal(fast, slow));
    }
    json_decref(fast);
    json_decref(slow);
}

static void reads(const char *s)
{
    json_t *fast = cote_record_json_parse(s, strlen(s));
    ASSERT(fast != NULL);
    json_decref(fast);
    same_as_jansson(s, strlen(s));
}

static void declines(const char *s)
{
    json_t *fast = cote_record_json_parse(s, strlen(s));
    ASSERT(fast == NULL);
}

static void test_record_json__what_the_indexer_writes(void)
{
    reads("{\"file\":\"a/b.txt\",\"doc\":\"dd8270e7\",\"symbols\":[\"A/75/371\"],\"blocks\":[[28,\"paragraph\",\"23\","
          "23,9,\"23. Activités du Centre de l’Asie\",[\"oapctt\",\"d20231201-20241130\"]]]}");
    reads("{\"t\":\"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t \\u0001 \\u00e9 \\u20ac\"}");
    reads("[-1,0,123456789012345678,true,false,null,{},[],\"\"]");
    reads(" { \"a\" : [ 1 , 2 ] } ");
    /* keys and strings as jansson reads them */
    json_t *v = cote_record_json_parse("{\"é\":\"x\\ny\"}", strlen("{\"é\":\"x\\ny\"}"));
    ASSERT(v && strcmp(json_string_value(json_object_get(v, "é")), "x\ny") == 0);
    json_decref(v);
}

static void test_record_json__leaves_the_rest_to_jansson(void)
{
    declines("{\"x\":1.5}");
    declines("{\"x\":1e3}");
    declines("{\"x\":1234567890123456789012}");
    declines("{\"x\":\"\\ud83d\\ude00\"}"); /* outside the BMP */
    declines("{\"x\":\"\\u0000\"}");
    declines("{\"x\":\"\xff\"}");
    declines("{\"x\":\"a\tb\"}"); /* a raw control character */
    declines("{\"x\":1} trailing");
    declines("{\"x\":01}");
    declines("{\"x\" 1}");
    declines("{\"x\":1,}");
    declines("[1 2]");
    declines("tru");
    declines("");
    char deep[200];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 99);
    deep[199] = '\0';
    declines(deep);
}

/* Every strict prefix of a record is declined, never read past. */
static void test_record_json__prefixes(void)
{
    const char *s = "{\"a\":[1,-2,\"x\\u00e9\\n\",{\"b\":null}],\"c\":\"d\"}";
    size_t n = strlen(s);
    for (size_t k = 0; k < n; k++) {
        char *p = malloc(k ? k : 1); /* exactly k bytes: ASan sees any overread */
        memcpy(p, s, k);
        json_t *v = cote_record_json_parse(p, k);
        ASSERT(v == NULL);
        free(p);
    }
}

/* Random values, written by json_dumps as the indexer does, read back equal. */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned next(unsigned m)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % m);
}

static json_t *random_value(int depth)
{
    static const char *const pieces[] = {"a", "é", "œ", "’", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f",
                                         "€", "𝄞", " ", "{", "]", ",", ":", "0"};
    switch (depth > 3 ? next(3) : next(5)) {
    case 0: return json_integer((json_int_t)next(1000000) - 500000);
    case 1: {
        char buf[256] = "";
        for (unsigned i = 0, k = next(12); i < k; i++)
            strcat(buf, pieces[next(sizeof pieces / sizeof *pieces)]);
        return json_string(buf);
    }
    case 2: return next(2) ? json_true() : json_null();
    case 3: {
        json_t *a = json_array();
        for (unsigned i = 0, k = next(5); i < k; i++)
            json_array_append_new(a, random_value(depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (unsigned i = 0, k = next(5); i < k; i++) {
            char key[8];
            snprintf(key, sizeof key, "k%u", next(100));
            json_object_set_new(o, key, random_value(depth + 1));
        }
        return o;
    }
    }
}

static void test_record_json__random_records(void)
{
    for (int i = 0; i < 2000; i++) {
        json_t *v = random_value(0);
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        ASSERT(s != NULL);
        json_t *fast = cote_record_json_parse(s, strlen(s));
        /* only characters outside the BMP are escaped beyond this reader */
        if (!strstr(s, "\\ud"))
            ASSERT(fast != NULL && json_equal(fast, v));
        json_decref(fast);
        free(s);
        json_decref(v);
    }
}

int main(void)
{
    RUN(test_record_json__what_the_indexer_writes);
    RUN(test_record_json__leaves_the_rest_to_jansson);
    RUN(test_record_json__prefixes);
    RUN(test_record_json__random_records);
    return DONE();
}
