/* clean.h: reads text extracted from a UN PDF the way a person does.
 *
 * PDF extraction leaves page furniture in the text flow, footnotes in the
 * middle of sentences, words cut by line-end hyphens or by stray spaces
 * (`autonomisat ion`), footnote numbers glued to words (`19671` for 1967 and
 * footnote 1), superscripts on their own lines. cote_clean() undoes that and
 * returns the document as blocks (title, headings, numbered paragraphs,
 * lettered items, footnotes), so the searcher can answer with a passage.
 *
 * The repair runs in a fixed order:
 *   1. lines are classified: blank, page furniture (running headers and
 *      footers: the document's symbol, job numbers with page counters such as
 *      `20-12800 2/21`, lone page numbers next to them), footnote separators
 *      (`_____`), footnotes, link lines (`https://undocs.org/...`), text;
 *   2. text lines are assembled into blocks, across page breaks, rejoining
 *      line-end hyphenation and superscripts;
 *   3. inside each block: spaces before apostrophes, hyphens and punctuation
 *      are normalised, glued footnote numbers are split off, and words split
 *      by stray spaces are rejoined when the lexicon says the joined form is
 *      a word and a part is not (never two real words).
 * Nothing is dropped silently: furniture and links are kept as metadata and
 * every join is recorded in `repairs`.
 *
 * Ownership: the caller owns the cote_clean_doc_t (init with
 * COTE_CLEAN_DOC_INIT, reuse across documents: cote_clean empties it; release
 * with cote_clean_doc_free). The lexicon is borrowed (it may be NULL: then no
 * dictionary-based joins are made, and hyphens at line ends are kept).
 */
#ifndef COTE_CLEAN_H
#define COTE_CLEAN_H

#include <stddef.h>

#include "error.h"
#include "lexicon.h"
#include "strbuf.h"
#include "strmap.h"

typedef enum {
    COTE_BLOCK_TITLE,
    COTE_BLOCK_HEADING,   /* `I. Introduction`, `A. Partenariats`, a short line alone */
    COTE_BLOCK_PARAGRAPH, /* numbered (`12.`, label "12") or not (label "") */
    COTE_BLOCK_ITEM,      /* lettered or roman item: `a)`, `ii)` (label "a", "ii") */
    COTE_BLOCK_FOOTNOTE,  /* label: its number, or "*" */
} cote_block_kind_t;

#define COTE_BLOCK_LABEL_MAX 8

typedef struct {
    cote_block_kind_t kind;
    char label[COTE_BLOCK_LABEL_MAX];
    size_t start, end; /* byte span in cote_clean_doc_t.text */
    unsigned page;     /* 1-based, counted from page furniture seen */
} cote_block_t;

typedef struct {
    cote_strbuf_t text;       /* blocks, each on one line, separated by "\n\n" */
    cote_block_t *blocks;
    size_t n_blocks, cap_blocks;
    cote_strbuf_t furniture;  /* distinct furniture lines, each NUL-terminated */
    size_t n_furniture;
    cote_strbuf_t links;      /* URLs of link lines, in order, each NUL-terminated */
    size_t n_links;
    cote_strbuf_t repairs;    /* "before\tafter" for each join made, NUL-terminated */
    size_t n_repairs;
    unsigned pages;
    /* scratch space reused across documents */
    cote_strmap_t vocab;
    cote_strbuf_t scratch;
    void *work;               /* block list under construction (clean.c) */
} cote_clean_doc_t;

#define COTE_CLEAN_DOC_INIT {COTE_STRBUF_INIT, NULL, 0, 0, COTE_STRBUF_INIT, 0, COTE_STRBUF_INIT, 0, \
                             COTE_STRBUF_INIT, 0, 0, COTE_STRMAP_INIT, COTE_STRBUF_INIT, NULL}

/* Repairs raw[0..len) (valid UTF-8) into out. Statuses: OK, NOMEM. */
cote_status_t cote_clean(cote_lexicon_t *lex, const char *raw, size_t len, cote_clean_doc_t *out,
                         cote_error_t *err);
void cote_clean_doc_free(cote_clean_doc_t *d);

/* The name of a block kind: "title", "heading", "paragraph", "item", "footnote". */
const char *cote_block_kind_name(cote_block_kind_t k);

/* ---- the inline repairs of step 3, exposed for tests ------------------- */

#define COTE_FOOTNOTE_MAX 999

/* Repairs one block's text in place (a single line, no newlines): see step 3.
 * footnotes[n] is non-zero when the document defines footnote n (array of
 * COTE_FOOTNOTE_MAX + 1 flags); *next_footnote is the lowest marker not yet
 * met in the body, advanced as glued markers are split off (markers come in
 * order, which is the evidence that `19671` is 1967 + footnote 1). vocab
 * holds the document's own word counts (may be empty). Each join is
 * appended to d->repairs. Statuses: OK, NOMEM. */
cote_status_t cote_clean_inline(cote_lexicon_t *lex, const cote_strmap_t *vocab, const unsigned char *footnotes,
                                unsigned *next_footnote, cote_strbuf_t *text, cote_clean_doc_t *d);

#endif
