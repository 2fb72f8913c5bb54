/* record_json.h: reading a stored record (the JSON the indexer wrote with
 * jansson's json_dumps) faster than json_loadb.
 *
 * A search reads ten section records of about 10 KB each, and jansson's
 * loader, which reads its input one character at a time through a stream,
 * was a sixth of a search (callgrind, bench/run-query.sh mix). This parser
 * reads the subset of JSON the indexer writes (objects, arrays, strings with
 * the escapes json_dumps uses, integers, true, false, null) straight from
 * memory and builds the same jansson values: strings are checked as UTF-8
 * once, in bulk, and created without a second check.
 *
 * Anything else (a real number, an escape outside the Basic Multilingual
 * Plane, \u0000, nesting deeper than 64, invalid UTF-8, trailing bytes)
 * makes it return NULL: the caller then uses json_loadb, which either reads
 * it or says what is wrong. It never reads outside data[0..len).
 *
 * Ownership: the value returned belongs to the caller (json_decref).
 */
#ifndef COTE_RECORD_JSON_H
#define COTE_RECORD_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"

json_t *cote_record_json_parse(const char *data, size_t len);

/* A stored record's JSON: d's data unpacked (core/record_codec.h) and
 * parsed, by this parser or else by json_loadb. *out is the caller's
 * (json_decref). Statuses: OK, DB_CORRUPT (not a frame of the dictionary,
 * or not a JSON object: the message says why), TOO_LARGE, NOMEM. */
typedef struct cote_xdoc cote_xdoc_t;
cote_status_t cote_record_load(cote_xdoc_t *d, json_t **out, cote_error_t *err);

#endif
