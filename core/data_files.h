/* data_files.h: the data the indexer carries inside the binary.
 *
 * Generated from data/ by cmake/CoteEmbed.cmake (cote_embed_table); data/README.md
 * describes each file:
 *   fr-un-words.txt    words of real UN French with counts (scripts/make-wordlist.py)
 *   organisations.tsv  the gazetteer of UN bodies and other organisations
 * Ownership: static, read-only. Thread-safe.
 */
#ifndef COTE_DATA_FILES_H
#define COTE_DATA_FILES_H

#include "embedded.h"

extern const cote_asset_t cote_data_files[];

#endif
