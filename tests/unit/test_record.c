/* test_record.c: how a document is cut into records (indexer/record.h): the
 * document record first, then sections of whole blocks, each closed at the
 * end of the block that reaches the section size, named by its first
 * block, its XKIND:passage term counting its blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "clean.h"
#include "record.h"
#include "schema.h"

#define DOC "0123456789abcdef"
#define MAX_RECORDS 32

typedef struct {
    char unique[MAX_RECORDS][64];
    unsigned long blocks[MAX_RECORDS]; /* wdf of XKIND:passage; 0 on the document record */
    size_t n;
} records_t;

static int passage_wdf(const char *term, size_t len, unsigned long wdf, void *ctx)
{
    static const char kind[] = COTE_PREFIX_KIND COTE_KIND_PASSAGE;
    if (len == strlen(kind) && memcmp(term, kind, len) == 0)
        *(unsigned long *)ctx = wdf;
    return 0;
}

static cote_status_t collect(const char *unique, cote_xdoc_t *record, void *ctx, cote_error_t *err)
{
    records_t *r = ctx;
    cote_status_t st = COTE_OK;
    if (r->n < MAX_RECORDS) {
        snprintf(r->unique[r->n], sizeof r->unique[r->n], "%s", unique);
        r->blocks[r->n] = 0;
        st = cote_xdoc_terms(record, passage_wdf, &r->blocks[r->n], err);
        r->n++;
    }
    cote_xdoc_free(record);
    return st;
}

/* Ten numbered paragraphs of 30 words each (the label's number is a word
 * too), cut into records with sections of `words`. */
static void build(unsigned words, records_t *out)
{
    cote_strbuf_t text = COTE_STRBUF_INIT;
    for (int p = 1; p <= 10; p++) {
        char line[64];
        snprintf(line, sizeof line, "%d. ", p);
        ASSERT_OK(cote_strbuf_append(&text, line, strlen(line)));
        for (int w = 0; w < 30; w++) {
            snprintf(line, sizeof line, "%smot%d", w ? " " : "", p * 100 + w);
            ASSERT_OK(cote_strbuf_append(&text, line, strlen(line)));
        }
        ASSERT_OK(cote_strbuf_append(&text, ".\n\n", 3));
    }
    cote_error_t err;
    cote_error_clear(&err);
    cote_clean_doc_t clean = COTE_CLEAN_DOC_INIT;
    ASSERT_OK_ERR(cote_clean(NULL, text.data, text.len, &clean, &err), err);
    ASSERT_EQ_INT(clean.n_blocks, 10);
    cote_analyser_t *an = NULL;
    ASSERT_OK_ERR(cote_analyser_new(&an, &err), err);
    cote_token_list_t scratch = COTE_TOKEN_LIST_INIT;
    cote_record_input_t in = {"paragraphs.txt", DOC, &clean, NULL, NULL, NULL, NULL, words};
    memset(out, 0, sizeof *out);
    ASSERT_OK_ERR(cote_record_build(an, &scratch, &in, collect, out, &err), err);
    cote_token_list_free(&scratch);
    cote_analyser_free(an);
    cote_clean_doc_free(&clean);
    cote_strbuf_free(&text);
}

static void test_record__sections_close_at_the_block_reaching_the_size(void)
{
    records_t r;
    /* 31 words a block: the fourth block of a section reaches 100 */
    build(100, &r);
    ASSERT_EQ_INT(r.n, 4);
    ASSERT_EQ_STR(r.unique[0], COTE_PREFIX_ID DOC);
    ASSERT_EQ_INT(r.blocks[0], 0);
    ASSERT_EQ_STR(r.unique[1], COTE_PREFIX_ID DOC "#0");
    ASSERT_EQ_INT(r.blocks[1], 4);
    ASSERT_EQ_STR(r.unique[2], COTE_PREFIX_ID DOC "#4");
    ASSERT_EQ_INT(r.blocks[2], 4);
    ASSERT_EQ_STR(r.unique[3], COTE_PREFIX_ID DOC "#8");
    ASSERT_EQ_INT(r.blocks[3], 2);
    /* exactly a block's words: each section is one block */
    build(31, &r);
    ASSERT_EQ_INT(r.n, 11);
    ASSERT_EQ_STR(r.unique[10], COTE_PREFIX_ID DOC "#9");
    ASSERT_EQ_INT(r.blocks[10], 1);
    /* one word more: two blocks */
    build(32, &r);
    ASSERT_EQ_INT(r.n, 6);
    ASSERT_EQ_STR(r.unique[5], COTE_PREFIX_ID DOC "#8");
}

static void test_record__a_block_is_never_cut(void)
{
    records_t r;
    build(1, &r);
    ASSERT_EQ_INT(r.n, 11);
    for (size_t i = 1; i < r.n; i++)
        ASSERT_EQ_INT(r.blocks[i], 1);
}

static void test_record__default_size(void)
{
    records_t r;
    build(0, &r); /* COTE_SECTION_WORDS_DEFAULT: the 310 words are one section */
    ASSERT_EQ_INT(r.n, 2);
    ASSERT_EQ_STR(r.unique[1], COTE_PREFIX_ID DOC "#0");
    ASSERT_EQ_INT(r.blocks[1], 10);
    build(COTE_SECTION_WORDS_MAX, &r);
    ASSERT_EQ_INT(r.n, 2);
}

int main(void)
{
    RUN(test_record__sections_close_at_the_block_reaching_the_size);
    RUN(test_record__a_block_is_never_cut);
    RUN(test_record__default_size);
    return DONE();
}
