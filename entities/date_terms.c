/* date_terms.c: cutting day ranges into whole years, months and days. */
#include "date_terms.h"

#include <stdio.h>

static bool leap(uint32_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static uint32_t days_in_month(uint32_t y, uint32_t m)
{
    static const uint8_t n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

bool cote_day_valid(uint32_t d)
{
    uint32_t y = d / 10000, m = d / 100 % 100, day = d % 100;
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && day >= 1 && day <= days_in_month(y, m);
}

uint32_t cote_day_month_end(uint32_t d)
{
    return d / 100 * 100 + days_in_month(d / 10000, d / 100 % 100);
}

static uint32_t next_day(uint32_t d)
{
    uint32_t y = d / 10000, m = d / 100 % 100, day = d % 100;
    if (day < days_in_month(y, m))
        return d + 1;
    if (m < 12)
        return y * 10000 + (m + 1) * 100 + 1;
    return (y + 1) * 10000 + 101;
}

typedef enum { PIECE_YEAR, PIECE_MONTH, PIECE_DAY } piece_t;

typedef int (*piece_fn)(piece_t kind, uint32_t d, cote_date_term_fn fn, void *ctx);

/* Walks [from, to] in its largest whole pieces. */
static int walk(uint32_t from, uint32_t to, piece_fn each, cote_date_term_fn fn, void *ctx)
{
    if (!cote_day_valid(from) || !cote_day_valid(to) || from > to)
        return -1;
    uint32_t d = from;
    for (;;) {
        int r;
        uint32_t year_end = d / 10000 * 10000 + 1231, month_end = cote_day_month_end(d);
        if (d % 10000 == 101 && year_end <= to) {
            r = each(PIECE_YEAR, d, fn, ctx);
            d = year_end;
        } else if (d % 100 == 1 && month_end <= to) {
            r = each(PIECE_MONTH, d, fn, ctx);
            d = month_end;
        } else {
            r = each(PIECE_DAY, d, fn, ctx);
        }
        if (r)
            return r;
        if (d >= to || d == 99991231)
            return 0;
        d = next_day(d);
    }
}

static int emit(cote_date_term_fn fn, void *ctx, const char *prefix, uint32_t v, int digits)
{
    char term[32];
    snprintf(term, sizeof term, "%s%0*u", prefix, digits, (unsigned)v);
    return fn(term, ctx);
}

static int index_piece(piece_t kind, uint32_t d, cote_date_term_fn fn, void *ctx)
{
    int r;
    switch (kind) {
    case PIECE_YEAR:
        return emit(fn, ctx, COTE_PREFIX_YEAR, d / 10000, 4);
    case PIECE_MONTH:
        if ((r = emit(fn, ctx, COTE_PREFIX_MONTH, d / 100, 6)))
            return r;
        return emit(fn, ctx, COTE_PREFIX_YEAR_PART, d / 10000, 4);
    case PIECE_DAY:
        if ((r = emit(fn, ctx, COTE_PREFIX_DAY, d, 8)) || (r = emit(fn, ctx, COTE_PREFIX_MONTH_PART, d / 100, 6)))
            return r;
        return emit(fn, ctx, COTE_PREFIX_YEAR_PART, d / 10000, 4);
    }
    return 0;
}

static int query_piece(piece_t kind, uint32_t d, cote_date_term_fn fn, void *ctx)
{
    int r;
    switch (kind) {
    case PIECE_YEAR:
        if ((r = emit(fn, ctx, COTE_PREFIX_YEAR, d / 10000, 4)))
            return r;
        return emit(fn, ctx, COTE_PREFIX_YEAR_PART, d / 10000, 4);
    case PIECE_MONTH:
        if ((r = emit(fn, ctx, COTE_PREFIX_MONTH, d / 100, 6)) || (r = emit(fn, ctx, COTE_PREFIX_MONTH_PART, d / 100, 6)))
            return r;
        return emit(fn, ctx, COTE_PREFIX_YEAR, d / 10000, 4);
    case PIECE_DAY:
        if ((r = emit(fn, ctx, COTE_PREFIX_DAY, d, 8)) || (r = emit(fn, ctx, COTE_PREFIX_MONTH, d / 100, 6)))
            return r;
        return emit(fn, ctx, COTE_PREFIX_YEAR, d / 10000, 4);
    }
    return 0;
}

typedef struct {
    cote_date_term_fn exact, coarse;
    void *ctx;
} split_t;

static int split_piece(piece_t kind, uint32_t d, cote_date_term_fn fn, void *ctx)
{
    (void)fn;
    const split_t *sp = ctx;
    int r;
    switch (kind) {
    case PIECE_YEAR:
        if ((r = emit(sp->exact, sp->ctx, COTE_PREFIX_YEAR, d / 10000, 4)))
            return r;
        return emit(sp->exact, sp->ctx, COTE_PREFIX_YEAR_PART, d / 10000, 4);
    case PIECE_MONTH:
        if ((r = emit(sp->exact, sp->ctx, COTE_PREFIX_MONTH, d / 100, 6)) ||
            (r = emit(sp->exact, sp->ctx, COTE_PREFIX_MONTH_PART, d / 100, 6)))
            return r;
        return emit(sp->coarse, sp->ctx, COTE_PREFIX_YEAR, d / 10000, 4);
    case PIECE_DAY:
        if ((r = emit(sp->exact, sp->ctx, COTE_PREFIX_DAY, d, 8)) ||
            (r = emit(sp->coarse, sp->ctx, COTE_PREFIX_MONTH, d / 100, 6)))
            return r;
        return emit(sp->coarse, sp->ctx, COTE_PREFIX_YEAR, d / 10000, 4);
    }
    return 0;
}

int cote_date_query_terms_split(uint32_t from, uint32_t to, cote_date_term_fn exact_fn, cote_date_term_fn coarse_fn,
                                void *ctx)
{
    split_t sp = {exact_fn, coarse_fn, ctx};
    return walk(from, to, split_piece, NULL, &sp);
}

int cote_date_index_terms(uint32_t from, uint32_t to, cote_date_term_fn fn, void *ctx)
{
    return walk(from, to, index_piece, fn, ctx);
}

int cote_date_query_terms(uint32_t from, uint32_t to, cote_date_term_fn fn, void *ctx)
{
    return walk(from, to, query_piece, fn, ctx);
}
