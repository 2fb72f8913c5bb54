/* schema.h: what the index holds, in one place.
 *
 * The indexer's writer and the searcher's query builder both read this table,
 * so a field cannot be written under one prefix and searched under another.
 * docs/schema.md describes the same thing in prose.
 *
 * One Xapian document is one indexed record: a source file has a document
 * record (Q<id>, XKIND:doc: its stored JSON, for `cote show`) and one passage
 * record per block (Q<id>#<n>, XKIND:passage: title, heading, numbered
 * paragraph, item, footnote), which searches match; passages share their
 * document's XDOC term and collapse key (slot 0).
 *
 * Terms (prefixes follow Xapian's termprefixes conventions; X... are ours):
 *   Q<id>      unique id of the record (replace/delete by this term)
 *   XDOC<id>   boolean: the stable document id, on every record of a document
 *   <word>     free text: case-folded NFKC word forms without accents (and
 *              hyphenated compounds joined), with positions; stems are
 *              searched as these words (analysis/analysis.h, step 5)
 *
 * Values:
 *   slot 0     the document id (collapse key: one hit per document)
 *
 * Document data: a JSON object {"file","doc","title","symbols","text"} written
 * by indexer/record.c and read by searcher/hit.c.
 *
 * Thread rule: read-only tables; thread-safe.
 */
#ifndef COTE_SCHEMA_H
#define COTE_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define COTE_PREFIX_ID "Q"
#define COTE_PREFIX_DOC "XDOC"
#define COTE_PREFIX_STEM "Z"
/* What a record is: the document's own record (stored JSON, no text terms) or
 * one of its passages (a block: what searches match). */
#define COTE_PREFIX_KIND "XKIND:"
#define COTE_KIND_DOC "doc"
#define COTE_KIND_PASSAGE "passage"
/* UN entities (entities/): canonical forms after ':' (Xapian's convention when a
 * value may start with a capital). */
#define COTE_PREFIX_SYMBOL "XSYM:"  /* a symbol the record names or cites, wdf = mentions */
#define COTE_PREFIX_OWN "XOWN:"     /* one of the document's own symbols (boolean) */
#define COTE_PREFIX_ORG "XORG:"     /* an organisation id, wdf = mentions */
#define COTE_PREFIX_JOB "XJOB:"     /* the document's job number (boolean) */
#define COTE_PREFIX_TYPE "XTYPE:"   /* document type: rapport, resolution... (boolean) */
#define COTE_PREFIX_ORGAN "XORGAN:" /* organ id from the gazetteer (boolean) */
/* The same at the level of the whole document, on its document record only:
 * a filter (org:, symbol:) finds the documents by them and keeps those
 * documents' passages (their XDOC terms), whatever passage matches. */
#define COTE_PREFIX_DOC_ORG "XDORG:"
#define COTE_PREFIX_DOC_SYMBOL "XDSYM:"
/* Dates mentioned, cut into whole years, months and days (entities/date_terms.h). */
#define COTE_PREFIX_YEAR "XY"
#define COTE_PREFIX_YEAR_PART "XYP"
#define COTE_PREFIX_MONTH "XM"
#define COTE_PREFIX_MONTH_PART "XMP"
#define COTE_PREFIX_DAY "XD"

/* The keys of the entities a block mentions, stored with its section
 * (docs/schema.md) and built from a query's entities by the searcher, which
 * compares the two to find the block of a section that a search matched:
 * 's' + canonical symbol, 'o' + organisation id, 'd' + "YYYYMMDD-YYYYMMDD". */
#define COTE_ENTITY_KEY_SYMBOL 's'
#define COTE_ENTITY_KEY_ORG 'o'
#define COTE_ENTITY_KEY_DATE 'd'

#define COTE_SLOT_DOC 0
#define COTE_SLOT_DATE 1  /* the document's own date, YYYYMMDD (sort by date) */
#define COTE_SLOT_TYPE 2  /* document type (facet, read from document records; hits) */
#define COTE_SLOT_ORGAN 3 /* organ id (facet, read from document records; hits) */
#define COTE_SLOT_YEAR 4  /* on document records only: year of the document's date, YYYY (facet) */
#define COTE_SLOT_ORGS 5  /* on document records only: the organisations mentioned,
                             ids '\n'-separated (facet) */
/* On document records only: the source file's stamp for incremental runs,
 * "<size>\t<mtime ns>\t<content hash, 16 hex>\t<canonical path>" (indexer.c). */
#define COTE_SLOT_SOURCE 6

/* User metadata of the index. */
#define COTE_META_GAZETTEER "cote.gazetteer.extra"   /* organisations added with --gazetteer (TSV) */
#define COTE_META_LEARNED "cote.gazetteer.learned"   /* acronyms defined in the corpus (TSV) */
#define COTE_META_COMMITTED "cote.committed"          /* time of the last commit, ISO 8601 UTC */
#define COTE_META_FAILED "cote.failed"                /* files the last run could not index: path TAB status TAB message */
#define COTE_META_SCHEMA "cote.schema"                /* COTE_SCHEMA_VERSION of the records */
#define COTE_META_SECTION_WORDS "cote.section_words"  /* words a section gathers (decimal;
                                                       * indexer/record.h): another value
                                                       * rewrites every record */
#define COTE_SECTION_WORDS_MAX 1000000
/* Raised whenever what a file's records hold changes (terms, values, data):
 * an incremental run over an index written with another version re-indexes
 * every file. 2: passage id terms, file stamps (COTE_SLOT_SOURCE). 3: the
 * document's date in each passage's data. 4: positions on the broadest
 * forms only (analysis.h). 5: the document-wide filters (XDSYM, XDORG) and
 * the organisation list (COTE_SLOT_ORGS) on the document record only. 6:
 * every facet value on the document record, the year there only; no stem
 * term for stop words; the document record keeps the text around the blocks
 * only ("gaps"). 7: sections of blocks. 8: no stem terms (searched as their
 * words, searcher/stem_forms.h). 9: records stored packed with the built-in
 * dictionary (core/record_codec.h): a new dictionary needs a new version.
 * 10: words accent-free only (no EXACT term beside its BARE one: analysis.h,
 * step 5); a section's Q<id>#<n> term for its first block only. */
#define COTE_SCHEMA_VERSION "10"

/* Length of a stable document id: 16 lowercase hex digits. */
#define COTE_DOC_ID_LEN 16

typedef enum {
    COTE_FIELD_FREE,    /* analysed text with positions, searched by words */
    COTE_FIELD_BOOLEAN, /* exact values, used as filters */
} cote_field_kind_t;

typedef struct {
    const char *name;   /* the name users type before ':' in a query, or NULL */
    const char *prefix; /* the term prefix */
    cote_field_kind_t kind;
    int slot;           /* value slot, or -1 */
    const char *what;   /* one line for docs and --help */
} cote_field_t;

/* The table, terminated by an entry whose prefix is NULL. */
extern const cote_field_t cote_schema_fields[];

/* The field users call `name`, or NULL. */
const cote_field_t *cote_schema_field(const char *name);

/* The section size that COTE_META_SECTION_WORDS's value v[0..n) records:
 * a decimal number from 1 to COTE_SECTION_WORDS_MAX, else 0 (none recorded:
 * an index written before cote kept it, or a value it does not know). */
unsigned cote_section_words_parse(const char *v, size_t n);

/* 64-bit FNV-1a of s[0..n): a stable, platform-independent hash for ids. */
uint64_t cote_hash64(const char *s, size_t n);

/* Writes the stable document id for a canonical path into out (COTE_DOC_ID_LEN
 * hex digits plus NUL; out must hold COTE_DOC_ID_LEN + 1 bytes). */
void cote_doc_id(const char *canonical_path, char out[COTE_DOC_ID_LEN + 1]);

#ifdef __cplusplus
}
#endif

#endif
