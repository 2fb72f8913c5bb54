/* date_terms.h: dates as index terms, so a range query finds every mention
 * whose range overlaps it, through term look-ups only (which Xapian's remote
 * backend and sharding support as they are).
 *
 * A mention covering [from, to] (days as YYYYMMDD) is cut into its largest
 * whole pieces: whole years, then whole months, then days. Each piece is
 * indexed with its own term and with "partial" terms for the month and year
 * it lies in:
 *   whole year Y    XY<Y>
 *   whole month M   XM<M>  XYP<year of M>
 *   day D           XD<D>  XMP<month of D>  XYP<year of D>
 * A query range is cut the same way, and each of its pieces matches:
 *   whole year Y    XY<Y> or XYP<Y>            (anything inside Y)
 *   whole month M   XM<M> or XMP<M> or XY<Y>   (inside M, or all of its year)
 *   day D           XD<D> or XM<M> or XY<Y>    (that day, or all of its month or year)
 * so mention and query overlap exactly when some term is shared. The number
 * of terms is bounded by the range's years plus at most 22 months and 60 days.
 *
 * Pure functions; thread-safe. Callbacks get NUL-terminated terms; a non-zero
 * return stops the walk and is returned.
 */
#ifndef COTE_DATE_TERMS_H
#define COTE_DATE_TERMS_H

#include <stdbool.h>
#include <stdint.h>

#include "schema.h"

typedef int (*cote_date_term_fn)(const char *term, void *ctx);

/* Terms for indexing a mention [from, to]. Returns 0, or the callback's stop value;
 * -1 when the range is invalid (from > to, or not calendar days). */
int cote_date_index_terms(uint32_t from, uint32_t to, cote_date_term_fn fn, void *ctx);

/* Terms any of which a mention overlapping [from, to] has. Same returns. */
int cote_date_query_terms(uint32_t from, uint32_t to, cote_date_term_fn fn, void *ctx);

/* The same terms, split: exact ones name a mention at the query's own
 * precision or finer (the day itself; a month's days), coarse ones a wider
 * mention that merely contains it (the month or year of a day). exact_fn and
 * coarse_fn receive them; a ranking can weigh the first higher. */
int cote_date_query_terms_split(uint32_t from, uint32_t to, cote_date_term_fn exact_fn, cote_date_term_fn coarse_fn,
                                void *ctx);

/* True when d (YYYYMMDD) is a calendar day between 0001-01-01 and 9999-12-31. */
bool cote_day_valid(uint32_t d);

/* The last day of d's month. */
uint32_t cote_day_month_end(uint32_t d);

#endif
