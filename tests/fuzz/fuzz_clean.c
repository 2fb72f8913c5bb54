/* fuzz_clean.c: libFuzzer target for the repair of extracted text
 * (clean.h), without the dictionary (structure repairs) and with it when
 * hunspell-fr is installed. Blocks lie inside the text, in order. */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>

#include "clean.h"
#include "lexicon.h"
#include "utf8.h"

static cote_lexicon_t *lex;
static int tried;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tried) {
        tried = 1;
        cote_lexicon_open(NULL, &lex, NULL); /* NULL when no dictionary: fine */
    }
    if (!cote_utf8_valid((const char *)data, size, NULL)) /* the reader refuses the rest */
        return 0;
    cote_clean_doc_t d = COTE_CLEAN_DOC_INIT;
    if (cote_clean(size % 2 ? lex : NULL, (const char *)data, size, &d, NULL) != COTE_OK)
        abort();
    if (d.text.len && !cote_utf8_valid(d.text.data, d.text.len, NULL))
        abort();
    size_t end = 0;
    for (size_t i = 0; i < d.n_blocks; i++) {
        if (d.blocks[i].start > d.blocks[i].end || d.blocks[i].end > d.text.len || d.blocks[i].start < end)
            abort();
        end = d.blocks[i].end;
    }
    cote_clean_doc_free(&d);
    return 0;
}
