/* fuzz_query.c: libFuzzer target for the query parser (query.h). Whatever
 * the bytes, the build succeeds, the reading is valid UTF-8 and reads back,
 * with nothing to repair, to the same reading; the note is built. */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "utf8.h"

static cote_analyser_t *an;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!an && cote_analyser_new(&an, NULL) != COTE_OK)
        abort();
    if (size > 4096) /* queries are bounded at 2 KB before the parser */
        return 0;
    cote_parsed_query_t q = COTE_PARSED_QUERY_INIT, again = COTE_PARSED_QUERY_INIT;
    if (cote_query_build(an, (const char *)data, size, &q, NULL) != COTE_OK)
        abort();
    if (!q.reading.data || !cote_utf8_valid(q.reading.data, q.reading.len, NULL))
        abort();
    cote_strbuf_t note = COTE_STRBUF_INIT;
    if (cote_parsed_query_note(&q, &note) != COTE_OK)
        abort();
    /* the canonical reading is a fixed point */
    if (cote_query_build(an, q.reading.data, q.reading.len, &again, NULL) != COTE_OK)
        abort();
    if (again.reading.len != q.reading.len || memcmp(again.reading.data, q.reading.data, q.reading.len) != 0)
        abort();
    cote_strbuf_free(&note);
    cote_parsed_query_free(&q);
    cote_parsed_query_free(&again);
    return 0;
}
