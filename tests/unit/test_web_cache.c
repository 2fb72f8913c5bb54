/* test_web_cache.c: the response cache (response_cache.h) and the index
 * stamp that keys it (index_stamp.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assert.h"
#include "index_stamp.h"
#include "response_cache.h"

static const char TYPE[] = "text/plain";

static void put(web_cache_t *c, const char *key, size_t body_len, char fill)
{
    char *b = malloc(body_len);
    ASSERT(b != NULL);
    memset(b, fill, body_len);
    web_cache_put(c, key, strlen(key), TYPE, b, body_len);
    free(b);
}

/* The body under key, its first byte in *fill; 0 when a miss. */
static size_t get(web_cache_t *c, const char *key, char *fill)
{
    char *b = NULL;
    size_t n = 0;
    const char *type = NULL;
    if (!web_cache_get(c, key, strlen(key), &b, &n, &type))
        return 0;
    ASSERT(type == TYPE);
    *fill = n ? b[0] : 0;
    free(b);
    return n;
}

static void test_web_cache__hit_miss_replace(void)
{
    web_cache_t *c = NULL;
    cote_error_t err;
    ASSERT_OK_ERR(web_cache_new((size_t)1 << 20, &c, &err), err);
    char f = 0;
    ASSERT_EQ_INT(get(c, "a", &f), 0);
    put(c, "a", 100, 'x');
    ASSERT_EQ_INT(get(c, "a", &f), 100);
    ASSERT_EQ_INT(f, 'x');
    put(c, "a", 50, 'y'); /* the same key: replaced, not added */
    ASSERT_EQ_INT(get(c, "a", &f), 50);
    ASSERT_EQ_INT(f, 'y');
    ASSERT_EQ_INT(get(c, "a\n", &f), 0); /* keys are compared whole */
    web_cache_stats_t s = web_cache_stats(c);
    ASSERT_EQ_INT(s.entries, 1);
    ASSERT_EQ_INT(s.hits, 2);
    ASSERT_EQ_INT(s.misses, 2);
    web_cache_free(c);
}

static void test_web_cache__bounded_least_recent_first(void)
{
    web_cache_t *c = NULL;
    cote_error_t err;
    ASSERT_OK_ERR(web_cache_new(64 * 1024, &c, &err), err);
    char f;
    char key[16];
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "k%d", i);
        put(c, key, 4000, (char)('A' + i % 26));
        ASSERT_EQ_INT(get(c, "k0", &f), 4000); /* k0 kept in use: never the oldest */
    }
    web_cache_stats_t s = web_cache_stats(c);
    ASSERT(s.bytes <= 64 * 1024);
    ASSERT(s.entries < 40);
    ASSERT_EQ_INT(get(c, "k1", &f), 0);    /* the least recently used went */
    ASSERT_EQ_INT(get(c, "k39", &f), 4000); /* the newest stays */
    put(c, "big", 9000, 'z');              /* over an eighth of the bound: not kept */
    ASSERT_EQ_INT(get(c, "big", &f), 0);
    web_cache_free(c);
    ASSERT_OK_ERR(web_cache_new(0, &c, &err), err); /* 0: no cache, every call a miss */
    ASSERT(c == NULL);
    put(c, "a", 10, 'a');
    ASSERT_EQ_INT(get(c, "a", &f), 0);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ASSERT(f != NULL);
    fputs(text, f);
    fclose(f);
}

/* Writes path anew as Xapian and cote do: a temporary file renamed over. */
static void rename_over(const char *path, const char *text)
{
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    write_file(tmp, text);
    ASSERT(rename(tmp, path) == 0);
}

static void test_index_stamp__changes_with_each_commit_and_stub(void)
{
    char dir[] = "/tmp/cote-stamp-XXXXXX";
    ASSERT(mkdtemp(dir) != NULL);
    char p[256], q[256];
    uint64_t s0, s1, s2, s3;
    ASSERT(!web_index_stamp(dir, &s0)); /* no database here */
    snprintf(p, sizeof p, "%s/g0", dir);
    ASSERT(mkdir(p, 0700) == 0);
    snprintf(p, sizeof p, "%s/g0/iamglass", dir);
    write_file(p, "rev1");
    ASSERT(!web_index_stamp(dir, &s0)); /* the folder has no stub yet */
    snprintf(p, sizeof p, "%s/g0", dir);
    ASSERT(web_index_stamp(p, &s0));
    ASSERT(web_index_stamp(p, &s1));
    ASSERT(s0 == s1); /* nothing changed */
    /* a commit: a new iamglass renamed over */
    snprintf(p, sizeof p, "%s/g0/iamglass", dir);
    rename_over(p, "rev2!");
    snprintf(p, sizeof p, "%s/g0", dir);
    ASSERT(web_index_stamp(p, &s2));
    ASSERT(s2 != s1);
    /* through a stub naming the generation */
    snprintf(p, sizeof p, "%s/XAPIANDB", dir);
    write_file(p, "auto g0\n");
    ASSERT(web_index_stamp(dir, &s3));
    uint64_t s4, s5;
    ASSERT(web_index_stamp(dir, &s4)); /* the stub as remembered: the same */
    ASSERT(s4 == s3);
    /* a commit under the remembered stub still shows */
    snprintf(p, sizeof p, "%s/g0/iamglass", dir);
    rename_over(p, "rev3!!");
    ASSERT(web_index_stamp(dir, &s4));
    ASSERT(s4 != s3);
    /* a switch to another generation: a new stub renamed over is read again */
    snprintf(p, sizeof p, "%s/g1", dir);
    ASSERT(mkdir(p, 0700) == 0);
    snprintf(p, sizeof p, "%s/g1/iamglass", dir);
    write_file(p, "rev1");
    snprintf(p, sizeof p, "%s/XAPIANDB", dir);
    rename_over(p, "auto g1\n");
    ASSERT(web_index_stamp(dir, &s5));
    ASSERT(s5 != s4);
    snprintf(q, sizeof q, "%s/g1/iamglass", dir);
    unlink(q); /* the generation it names is gone: no stamp */
    ASSERT(!web_index_stamp(dir, &s5));
    snprintf(q, sizeof q, "%s/g1", dir);
    rmdir(q);
    /* a remote shard has no file to watch: not cached */
    write_file(p, "auto g0\nremote 127.0.0.1:9999\n");
    ASSERT(!web_index_stamp(dir, &s3));
    unlink(p);
    snprintf(p, sizeof p, "%s/g0/iamglass", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/g0", dir);
    rmdir(p);
    rmdir(dir);
}

int main(void)
{
    RUN(test_web_cache__hit_miss_replace);
    RUN(test_web_cache__bounded_least_recent_first);
    RUN(test_index_stamp__changes_with_each_commit_and_stub);
    return DONE();
}
