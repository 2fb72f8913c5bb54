/* fuzz_entities.c: libFuzzer target for the entity recognisers: dates and
 * symbols found in a text (spans inside it, in order), and the same bytes
 * read as what a person types (a date, a symbol, a job number). */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>

#include "dates.h"
#include "symbols.h"

static void check_spans(const cote_entity_list_t *l, size_t size)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].start > l->v[i].end || l->v[i].end > size)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    cote_entity_list_t dates = COTE_ENTITY_LIST_INIT, syms = COTE_ENTITY_LIST_INIT;
    if (cote_find_dates(s, size, &dates) != COTE_OK || cote_find_symbols(s, size, &syms) != COTE_OK)
        abort();
    check_spans(&dates, size);
    check_spans(&syms, size);
    cote_entity_list_free(&dates);
    cote_entity_list_free(&syms);
    cote_entity_t e;
    char canon[COTE_ENTITY_CANON_MAX];
    unsigned flags;
    (void)cote_parse_date_query(s, size, &e);
    (void)cote_parse_symbol_query(s, size, canon, &flags);
    (void)cote_canonical_symbol(s, size, canon);
    (void)cote_is_job_number(s, size);
    (void)cote_symbol_from_link(s, size, &e);
    return 0;
}
