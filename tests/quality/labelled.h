/* labelled.h: the walk over the labelled seeds that every quality measure
 * shares (the programs tests/quality/..._eval.c).
 *
 * For each ENTITIES_DIR/<name>.json, the labels are loaded and
 * CORPUS_DIR/<name>.txt is read and repaired (indexer/clean.h, with the
 * French lexicon); fn gets the document's name, its labels and its repaired
 * text. Labels and text belong to the walk and are valid during the call.
 *
 * Returns 77 (skipped) when ENTITIES_DIR cannot be opened (the labels live
 * in ../shared, outside the repository), 2 when a file cannot be read or
 * repaired (the message names it, prefixed with tool), fn's first non-zero
 * return, or 0. *docs (may be NULL) receives the number of documents walked.
 */
#ifndef COTE_TEST_LABELLED_H
#define COTE_TEST_LABELLED_H

#include <stddef.h>

#include <jansson.h>

#include "clean.h"

typedef int (*labelled_fn)(const char *name, json_t *labels, const cote_clean_doc_t *doc, cote_lexicon_t *lex,
                           void *ctx);

int labelled_each(const char *tool, const char *entities_dir, const char *corpus_dir, labelled_fn fn, void *ctx,
                  size_t *docs);

#endif
