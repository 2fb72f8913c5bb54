/* record_codec.c: see record_codec.h. */
#include "record_codec.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h> /* the stable API only: Debian links libzstd dynamically */

#include "data_files.h"

#define DICT_FILE "record-dict.zst"
/* Level 9: on the 100 MB bench corpus (2,000-word sections) the docdata
 * table is 40.2 MB against 45.5 MB at level 3. zstd packs these records at
 * about 30 MB/s on one core against 200 at level 3, a few seconds in a run
 * of 45 s of CPU time, lost in its noise (user time 47.9 and 42.9 s against
 * 44.4 and 48.6 s, two runs of each); unpacking is as fast (about 500
 * MB/s). */
#define PACK_LEVEL 9

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t cctx_key, dctx_key;
static bool keys_ok;
static const ZSTD_CDict *cdict; /* NULL without a dictionary */
static const ZSTD_DDict *ddict;
static unsigned dict_id;
static bool dict_failed; /* the dictionary is there but could not be loaded */

static void free_cctx(void *p) { ZSTD_freeCCtx(p); }
static void free_dctx(void *p) { ZSTD_freeDCtx(p); }

static void init(void)
{
    keys_ok = pthread_key_create(&cctx_key, free_cctx) == 0;
    if (keys_ok && pthread_key_create(&dctx_key, free_dctx) != 0) {
        pthread_key_delete(cctx_key);
        keys_ok = false;
    }
    const cote_asset_t *a = cote_embedded_find(cote_data_files, DICT_FILE);
    if (!a || !a->len)
        return;
    cdict = ZSTD_createCDict(a->data, a->len, PACK_LEVEL);
    ddict = ZSTD_createDDict(a->data, a->len);
    dict_id = ZSTD_getDictID_fromDict(a->data, a->len);
    dict_failed = !cdict || !ddict;
}

/* The calling thread's compression or decompression context, made on first use. */
static void *thread_ctx(bool compress)
{
    pthread_key_t key = compress ? cctx_key : dctx_key;
    void *c = pthread_getspecific(key);
    if (c)
        return c;
    c = compress ? (void *)ZSTD_createCCtx() : (void *)ZSTD_createDCtx();
    if (c && pthread_setspecific(key, c) != 0) {
        if (compress)
            ZSTD_freeCCtx(c);
        else
            ZSTD_freeDCtx(c);
        c = NULL;
    }
    return c;
}

static bool is_frame(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    return len >= 4 && ((unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 |
                        (unsigned long)p[3] << 24) == ZSTD_MAGICNUMBER;
}

static cote_status_t ready(cote_error_t *err)
{
    pthread_once(&once, init);
    if (!keys_ok || dict_failed)
        return cote_error_set(err, COTE_NOMEM, "out of memory loading the record dictionary");
    return COTE_OK;
}

unsigned cote_record_dict_id(void)
{
    pthread_once(&once, init);
    return dict_id;
}

cote_status_t cote_record_pack(const char *json, size_t len, cote_strbuf_t *out, cote_error_t *err)
{
    cote_strbuf_reset(out);
    if (len > COTE_RECORD_MAX)
        return cote_error_set(err, COTE_TOO_LARGE, "a record of %zu bytes is over the limit of %zu", len,
                              COTE_RECORD_MAX);
    cote_status_t st = ready(err);
    if (st)
        return st;
    ZSTD_CCtx *c = thread_ctx(true);
    size_t bound = ZSTD_compressBound(len);
    if (!c || cote_strbuf_reserve(out, bound))
        return cote_error_set(err, COTE_NOMEM, "out of memory packing a record");
    size_t n = cdict ? ZSTD_compress_usingCDict(c, out->data, bound, json, len, cdict)
                     : ZSTD_compressCCtx(c, out->data, bound, json, len, PACK_LEVEL);
    if (ZSTD_isError(n))
        return cote_error_set(err, COTE_INTERNAL, "cannot pack a record: %s", ZSTD_getErrorName(n));
    out->len = n;
    out->data[n] = '\0';
    return COTE_OK;
}

cote_status_t cote_record_unpack(const char *data, size_t len, cote_strbuf_t *scratch, const char **json,
                                 size_t *json_len, cote_error_t *err)
{
    *json = "";
    *json_len = 0;
    if (len == 0)
        return COTE_OK;
    if (data[0] == '{') {
        *json = data;
        *json_len = len;
        return COTE_OK;
    }
    if (!is_frame(data, len))
        return cote_error_set(err, COTE_DB_CORRUPT, "a stored record is neither JSON nor a packed record");
    cote_status_t st = ready(err);
    if (st)
        return st;
    unsigned id = ZSTD_getDictID_fromFrame(data, len);
    if (id != dict_id)
        return cote_error_set(err, COTE_DB_CORRUPT,
                              "a stored record was packed with dictionary %u, this cote has %u: "
                              "rebuild the index (cote index --rebuild)",
                              id, dict_id);
    unsigned long long size = ZSTD_getFrameContentSize(data, len);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        return cote_error_set(err, COTE_DB_CORRUPT, "a stored record's frame is damaged");
    if (size > COTE_RECORD_MAX)
        return cote_error_set(err, COTE_TOO_LARGE, "a stored record of %llu bytes is over the limit", size);
    cote_strbuf_reset(scratch);
    ZSTD_DCtx *d = thread_ctx(false);
    if (!d || cote_strbuf_reserve(scratch, (size_t)size))
        return cote_error_set(err, COTE_NOMEM, "out of memory reading a record");
    size_t n = ddict ? ZSTD_decompress_usingDDict(d, scratch->data, (size_t)size, data, len, ddict)
                     : ZSTD_decompressDCtx(d, scratch->data, (size_t)size, data, len);
    if (ZSTD_isError(n) || n != size)
        return cote_error_set(err, COTE_DB_CORRUPT, "a stored record cannot be unpacked: %s",
                              ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong size");
    scratch->len = n;
    scratch->data[n] = '\0';
    *json = scratch->data;
    *json_len = n;
    return COTE_OK;
}
