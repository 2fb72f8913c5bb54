/* train_record_dict: trains the dictionary that packs stored records
 * (core/record_codec.h) on the records of one or more cote indexes.
 *
 * Usage: train_record_dict OUT.zst MAX_BYTES DB...
 *
 * Reads every record (XKIND:doc and XKIND:passage) of each index, unpacked,
 * and hands them to zstd's trainer (ZDICT_trainFromBuffer: fastCover with
 * its parameters tuned on the samples). scripts/make-record-dict.sh runs it
 * on real UN documents; the result is data/record-dict.zst. Prints the
 * samples used and the dictionary's id. Exit 0 on success, 2 on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zdict.h>

#include "record_codec.h"
#include "xdb.h"

/* zstd's trainer indexes at most a few hundred MB of samples well, and
 * records past 128 KB teach it nothing more than their start. */
#define SAMPLE_BYTES_MAX ((size_t)256 << 20)
#define SAMPLE_MAX ((size_t)128 << 10)

typedef struct {
    cote_xdb_t *db;
    cote_strbuf_t samples;
    size_t *sizes;
    size_t n, cap;
    cote_strbuf_t scratch;
    cote_error_t err;
    int failed;
} trainer_t;

static int take(const char *term, size_t len, unsigned long docid, void *ctx)
{
    (void)term;
    (void)len;
    trainer_t *t = ctx;
    cote_xdoc_t *d = NULL;
    const char *stored, *json;
    size_t stored_len, json_len;
    if (cote_xdb_get_document(t->db, (cote_docid_t)docid, &d, &t->err) ||
        cote_xdoc_data(d, &stored, &stored_len, &t->err) ||
        cote_record_unpack(stored, stored_len, &t->scratch, &json, &json_len, &t->err)) {
        cote_xdoc_free(d);
        t->failed = 1;
        return 1;
    }
    if (json_len > SAMPLE_MAX)
        json_len = SAMPLE_MAX;
    if (t->samples.len + json_len > SAMPLE_BYTES_MAX) {
        cote_xdoc_free(d);
        return 1; /* enough */
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 4096;
        size_t *s = realloc(t->sizes, cap * sizeof *s);
        if (!s) {
            cote_xdoc_free(d);
            cote_error_set(&t->err, COTE_NOMEM, "out of memory");
            t->failed = 1;
            return 1;
        }
        t->sizes = s;
        t->cap = cap;
    }
    if (cote_strbuf_append(&t->samples, json, json_len)) {
        cote_xdoc_free(d);
        cote_error_set(&t->err, COTE_NOMEM, "out of memory");
        t->failed = 1;
        return 1;
    }
    t->sizes[t->n++] = json_len;
    cote_xdoc_free(d);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: train_record_dict OUT.zst MAX_BYTES DB...\n");
        return 2;
    }
    char *end;
    unsigned long max = strtoul(argv[2], &end, 10);
    if (*end || max < 1024 || max > (1ul << 22)) {
        fprintf(stderr, "train_record_dict: MAX_BYTES must be 1024 to 4194304, not %s\n", argv[2]);
        return 2;
    }
    trainer_t t = {.samples = COTE_STRBUF_INIT, .scratch = COTE_STRBUF_INIT};
    int rc = 2;
    for (int i = 3; i < argc && !t.failed; i++) {
        if (cote_xdb_open(argv[i], &t.db, &t.err)) {
            t.failed = 1;
            break;
        }
        static const char *const kinds[] = {"XKIND:doc", "XKIND:passage"};
        for (size_t k = 0; k < 2 && !t.failed; k++)
            if (cote_xdb_postings(t.db, kinds[k], take, &t, &t.err))
                t.failed = 1;
        cote_xdb_close(t.db);
        t.db = NULL;
    }
    if (t.failed) {
        fprintf(stderr, "train_record_dict: %s\n", cote_error_text(&t.err));
        goto out;
    }
    void *dict = malloc(max);
    if (!dict) {
        fprintf(stderr, "train_record_dict: out of memory\n");
        goto out;
    }
    size_t n = ZDICT_trainFromBuffer(dict, max, t.samples.data, t.sizes, (unsigned)t.n);
    if (ZDICT_isError(n)) {
        fprintf(stderr, "train_record_dict: %s (%zu samples)\n", ZDICT_getErrorName(n), t.n);
        free(dict);
        goto out;
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f || fwrite(dict, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "train_record_dict: cannot write %s\n", argv[1]);
        free(dict);
        goto out;
    }
    printf("%zu records, %zu bytes of samples: dictionary %u, %zu bytes, in %s\n", t.n, t.samples.len,
           ZDICT_getDictID(dict, n), n, argv[1]);
    free(dict);
    rc = 0;
out:
    cote_strbuf_free(&t.samples);
    cote_strbuf_free(&t.scratch);
    free(t.sizes);
    return rc;
}
